"""A revision carries an indicator counted from events (events.IndicatorFeed): the carried indicator is
counted the same way, from the carried task's events, and the old version keeps its own."""

import datetime as dt
from decimal import Decimal

import pytest

from sangsaeng.conftest import World
from sangsaeng.events.models import Event, IndicatorFeed
from sangsaeng.events.tests.samples import make_event
from sangsaeng.events.tests.test_feeds import event_post
from sangsaeng.orgs.models import Agreement
from sangsaeng.plans.models import Indicator, IndicatorValue, Task
from sangsaeng.versions import services
from sangsaeng.versions.models import Change, PlanVersion
from sangsaeng.versions.tests.conftest import old_plan_tasks

pytestmark = pytest.mark.django_db


def revise(world: World) -> PlanVersion:
    return services.version_create(
        actor=world.coordinator,
        previous=world.plan,
        title="대구·경북 상생협력 (2020 개정)",
        label="2020 개정",
        term_start_year=2020,
        term_end_year=2022,
        revised_on=dt.date(2020, 1, 20),
    )


def actuals(indicator: Indicator) -> dict[int, Decimal | None]:
    return dict(IndicatorValue.objects.filter(indicator=indicator).values_list("year", "actual"))


def fed_by_task(world: World) -> IndicatorFeed:
    """The world's indicator counts the visits linked to its task 10-4 (2019: two of them)."""
    old_plan_tasks(world)
    make_event(world, start=dt.date(2019, 3, 1))
    make_event(world, start=dt.date(2019, 9, 1))
    response = world.client_for(world.coordinator).post(
        f"/events/feeds/{world.indicator.pk}/", {"measure": "count", "kinds": ["visit"], "base_revision": "0"}
    )
    assert response.status_code == 302
    return IndicatorFeed.objects.get(indicator=world.indicator)


def test_the_carried_indicator_is_counted_from_the_carried_tasks_events(world: World) -> None:
    old_feed = fed_by_task(world)
    version = revise(world)
    new_task = Task.objects.get(plan=version.plan, code="10-4")
    new_indicator = new_task.indicators.get()
    feed = IndicatorFeed.objects.get(indicator=new_indicator)
    assert (feed.measure, feed.kinds, feed.agreement) == ("count", ["visit"], None)
    # The old version keeps its feed and its record; the new card starts with targets only, as the
    # carried task has no event yet.
    assert IndicatorFeed.objects.get(pk=old_feed.pk).indicator == world.indicator
    assert actuals(world.indicator)[2019] == 2
    assert actuals(new_indicator) == {2020: None, 2021: None, 2022: None}
    # An event of the new term linked to the carried task counts in the new version only.
    client = world.client_for(world.coordinator)
    response = client.post("/events/new/", event_post(world, start="2021-04-01", tasks=[new_task.pk]))
    assert response.status_code == 302, response.content.decode()
    assert actuals(new_indicator)[2021] == 1
    assert actuals(world.indicator)[2021] is None
    # The new card says its actuals are counted from events, as the old one does.
    assert "교류행사에서 자동 집계" in client.get(f"/tasks/{new_task.pk}/").content.decode()


def test_a_feed_by_agreement_is_carried_with_its_agreement_and_counted_at_once(world: World) -> None:
    old_plan_tasks(world)
    agreement = Agreement.objects.create(title="한뿌리", kind=Agreement.Kind.MOU)
    agreement.parties.set([world.daegu, world.gyeongbuk])
    make_event(world, agreement=agreement, tasks=[], participants=40, start=dt.date(2021, 5, 1))
    client = world.client_for(world.coordinator)
    data = {"measure": "participants", "kinds": [], "agreement": agreement.pk, "base_revision": "0"}
    assert client.post(f"/events/feeds/{world.indicator.pk}/", data).status_code == 302
    version = revise(world)
    new_indicator = Indicator.objects.get(task__plan=version.plan, task__code="10-4")
    feed = new_indicator.event_feed
    assert (feed.measure, feed.kinds, feed.agreement) == ("participants", [], agreement)
    assert actuals(new_indicator)[2021] == 40
    assert IndicatorValue.objects.get(indicator=new_indicator, year=2021).target == 2


def test_a_task_carried_again_after_a_drop_keeps_its_feed(world: World) -> None:
    fed_by_task(world)
    version = revise(world)
    old = world.task
    services.task_mark(
        actor=world.coordinator,
        version=version,
        old=old,
        mark=services.Mark(change=Change.DROP, reason="목적 달성"),
        base_revision=0,
    )
    assert not Event.objects.filter(tasks__plan=version.plan).exists()
    services.task_mark(
        actor=world.coordinator,
        version=version,
        old=old,
        mark=services.Mark(change=Change.KEEP),
        base_revision=1,
    )
    new_indicator = Indicator.objects.get(task__plan=version.plan, task__code="10-4")
    assert IndicatorFeed.objects.filter(indicator=new_indicator, measure="count").exists()
    assert IndicatorFeed.objects.count() == 2

"""An indicator fed by events: its yearly actual is the events' count (or participants), kept in step
with every event created, changed or deleted, recorded in the card's history, never typed."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.events.models import Event, IndicatorFeed
from sangsaeng.events.tests.samples import make_event
from sangsaeng.orgs.models import Agreement
from sangsaeng.plans.models import IndicatorValue, Task


def actuals(world: World) -> dict[int, Decimal | None]:
    return dict(IndicatorValue.objects.filter(indicator=world.indicator).values_list("year", "actual"))


def feed(world: World, measure: str = "count", kinds: tuple[str, ...] = ("visit",), **extra: Any) -> Any:
    current = IndicatorFeed.objects.filter(indicator=world.indicator).first()
    data = {
        "measure": measure,
        "kinds": list(kinds),
        "base_revision": str(current.revision if current else 0),
        **extra,
    }
    return world.client_for(world.coordinator).post(f"/events/feeds/{world.indicator.pk}/", data)


def event_post(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "visit",
        "title": "경북 세계문화유산 상호방문",
        "start": "2019-05-10",
        "end": "",
        "place": "경주",
        "organizers": [world.daegu.pk, world.gyeongbuk.pk],
        "participants": "40",
        "participant_groups": "시·도 공무원",
        "budget_used": "1,500",
        "tasks": [world.task.pk],
        "description": "",
        "base_revision": "0",
    }
    return data | overrides


@pytest.mark.django_db
def test_setting_a_feed_replaces_typed_actuals_with_the_events_count(world: World) -> None:
    make_event(world, start=dt.date(2019, 3, 1))
    make_event(world, start=dt.date(2019, 9, 1))
    make_event(world, start=dt.date(2020, 4, 1))
    assert feed(world).status_code == 302
    # 2018 had a typed 5 but no event: no actual, not 0; the targets stay.
    assert actuals(world) == {2018: None, 2019: Decimal(2), 2020: Decimal(1), 2021: None, 2022: None}
    assert IndicatorValue.objects.get(indicator=world.indicator, year=2018).target == 2


@pytest.mark.django_db
def test_recording_changing_and_deleting_events_keeps_the_count(world: World) -> None:
    feed(world)
    client = world.client_for(world.coordinator)
    response = client.post("/events/new/", event_post(world))
    assert response.status_code == 302, response.content.decode()
    event = Event.objects.get(title="경북 세계문화유산 상호방문")
    assert actuals(world)[2019] == 1
    client.post("/events/new/", event_post(world, title="두 번째 방문", start="2019-11-02"))
    assert actuals(world)[2019] == 2
    # Moved to another year: counted there, no longer in 2019.
    client.post(f"/events/{event.pk}/edit/", event_post(world, start="2020-02-01", base_revision="1"))
    assert actuals(world)[2019] == 1 and actuals(world)[2020] == 1
    # No longer a visit: the feed counts visits only.
    client.post(
        f"/events/{event.pk}/edit/", event_post(world, kind="forum", start="2020-02-01", base_revision="2")
    )
    assert actuals(world)[2020] is None
    second = Event.objects.get(title="두 번째 방문")
    assert client.post(f"/events/{second.pk}/delete/").status_code == 302
    assert actuals(world)[2019] is None


@pytest.mark.django_db
def test_unlinking_the_task_removes_the_event_from_the_count(world: World) -> None:
    feed(world)
    client = world.client_for(world.coordinator)
    client.post("/events/new/", event_post(world))
    event = Event.objects.get()
    client.post(f"/events/{event.pk}/edit/", event_post(world, tasks=[], base_revision="1"))
    assert actuals(world)[2019] is None


@pytest.mark.django_db
def test_a_participants_feed_sums_the_people(world: World) -> None:
    make_event(world, participants=30)
    make_event(world, participants=45, start=dt.date(2019, 12, 31))
    make_event(world, participants=99, kind=Event.Kind.FORUM)
    feed(world, measure="participants")
    assert actuals(world)[2019] == 75
    client = world.client_for(world.coordinator)
    client.post("/events/new/", event_post(world, participants="10"))
    assert actuals(world)[2019] == 85


@pytest.mark.django_db
def test_a_feed_by_agreement_counts_every_event_under_it(world: World) -> None:
    agreement = Agreement.objects.create(title="한뿌리", kind="mou")
    agreement.parties.set([world.daegu, world.gyeongbuk])
    make_event(world, agreement=agreement, tasks=[])
    make_event(world, tasks=[])  # neither under the agreement nor linked to the task
    feed(world, kinds=(), agreement=agreement.pk)
    assert actuals(world)[2019] == 1


@pytest.mark.django_db
def test_every_recount_is_in_the_cards_history(world: World) -> None:
    feed(world)
    world.client_for(world.coordinator).post("/events/new/", event_post(world))
    summaries = list(AuditLog.objects.filter(task=world.task).values_list("summary", flat=True))
    assert summaries.count("교류행사 반영: 상생협력과제 발굴") == 2
    revision = Task.objects.get(pk=world.task.pk).revision
    log = AuditLog.objects.get(task=world.task, revision=revision)
    assert log.action == "events_feed" and log.actor == world.coordinator


@pytest.mark.django_db
def test_the_card_refuses_a_typed_actual_for_a_fed_indicator(world: World) -> None:
    make_event(world)
    feed(world)
    client = world.client_for(world.officer)
    part = f"/tasks/{world.task.pk}/parts/indicator:{world.indicator.pk}/"
    form = client.get(part).content.decode()
    assert "교류행사에서 자동 집계" in form and "readonly" in form
    data = {
        "name": "상생협력과제 발굴",
        "kind": "numeric",
        "unit": "건",
        "aggregation": "sum",
        "base_revision": str(Task.objects.get(pk=world.task.pk).revision),
    }
    for year in range(2018, 2023):
        data[f"target_{year}"] = "3"
        data[f"actual_{year}"] = "1" if year == 2019 else ""
    data["actual_2019"] = "7"
    response = client.post(part, data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "교류행사에서 자동 집계되므로 직접 입력할 수 없습니다" in body
    assert 'value="7"' in body  # the form keeps what was typed
    assert actuals(world)[2019] == 1
    # The targets can still be edited when the actuals are left as counted.
    data["actual_2019"] = "1"
    assert client.post(part, data).status_code == 302
    assert IndicatorValue.objects.get(indicator=world.indicator, year=2019).target == 3


@pytest.mark.django_db
def test_the_guard_refuses_a_stale_actual_under_the_cards_lock(world: World) -> None:
    from sangsaeng.events.guards import refuse_typed_actuals
    from sangsaeng.plans.card_state import load_state
    from sangsaeng.plans.services import CardChange

    make_event(world)
    feed(world)
    change = CardChange(world.task, load_state(world.task.pk))
    data = {"kind": "numeric", "actual_2019": Decimal(5)}
    assert "직접 입력할 수 없습니다" in (
        refuse_typed_actuals(change, "indicator", str(world.indicator.pk), data) or ""
    )
    data["actual_2019"] = Decimal(1)
    assert refuse_typed_actuals(change, "indicator", str(world.indicator.pk), data) is None


@pytest.mark.django_db
def test_the_card_says_which_indicators_are_counted_from_events(world: World) -> None:
    client = world.client_for(world.coordinator)
    card = client.get(f"/tasks/{world.task.pk}/").content.decode()
    assert "교류행사에서 자동 집계" not in card and "교류행사 연동" in card
    feed(world)
    card = client.get(f"/tasks/{world.task.pk}/").content.decode()
    assert f'id="indicator-{world.indicator.pk}-fed"' in card


@pytest.mark.django_db
def test_removing_the_feed_lets_actuals_be_typed_again(world: World) -> None:
    make_event(world)
    feed(world)
    client = world.client_for(world.coordinator)
    assert client.post(f"/events/feeds/{world.indicator.pk}/delete/").status_code == 302
    assert not IndicatorFeed.objects.exists()
    assert actuals(world)[2019] == 1
    form = client.get(f"/tasks/{world.task.pk}/parts/indicator:{world.indicator.pk}/").content.decode()
    assert "readonly" not in form


@pytest.mark.django_db
def test_only_card_editors_set_a_feed(world: World) -> None:
    url = f"/events/feeds/{world.indicator.pk}/"
    assert world.client_for(world.other_officer).post(url, {"measure": "count"}).status_code == 403
    assert world.client_for(world.outsider).get(url).status_code == 404
    assert world.client_for(world.officer).get(url).status_code == 200


@pytest.mark.django_db
def test_a_milestone_indicator_cannot_be_fed(world: World) -> None:
    world.indicator.kind = "milestone"
    world.indicator.save()
    response = feed(world)
    assert response.status_code == 422
    assert "수치 지표에만" in response.content.decode()


@pytest.mark.django_db
def test_a_stale_feed_form_is_refused_and_the_input_kept(world: World) -> None:
    make_event(world, participants=30)
    client = world.client_for(world.coordinator)
    url = f"/events/feeds/{world.indicator.pk}/"
    assert client.post(url, {"measure": "count", "kinds": ["visit"], "base_revision": "0"}).status_code == 302
    # A second editor opened the page before the feed was set, and saves afterwards.
    response = client.post(url, {"measure": "participants", "kinds": ["visit"], "base_revision": "0"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "다른 사용자가 이 기록을 먼저 수정했습니다" in body
    assert 'value="participants" required id="id_measure_1" checked' in body  # the input is kept
    assert IndicatorFeed.objects.get().measure == "count" and actuals(world)[2019] == 1
    # From the refreshed form (it now carries the current revision) the save goes through.
    assert 'name="base_revision" value="1"' in body
    again = {"measure": "participants", "kinds": ["visit"], "base_revision": "1"}
    assert client.post(url, again).status_code == 302
    assert actuals(world)[2019] == 30

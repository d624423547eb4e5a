"""Links an editor or a reader may not see: an event's tasks of another government's plan and an
agreement between other governments stay linked through an edit, and are never named to them."""

import datetime as dt

import pytest

from sangsaeng.conftest import World, make_task
from sangsaeng.events.models import Event, IndicatorFeed
from sangsaeng.events.tests.samples import make_event
from sangsaeng.events.tests.test_event_pages import count
from sangsaeng.events.tests.test_feeds import event_post
from sangsaeng.orgs.models import Agreement, Organization
from sangsaeng.plans.models import Plan, Task


def other_plan_task(world: World) -> Task:
    """A task of 전남's own plan, which the world's coordinator may not read."""
    plan = Plan.objects.create(title="전남 서부권 발전계획", term_start_year=2018, term_end_year=2022)
    plan.organizations.set([world.jeonnam])
    task = make_task(plan, "1-1")
    Task.objects.filter(pk=task.pk).update(title="남도 관광벨트")
    task.refresh_from_db()
    return task


def hidden_agreement(world: World) -> Agreement:
    """An agreement between 전남 and 광주, which the world's coordinator, officer and 대구 viewer may not
    read."""
    gwangju = Organization.objects.create(name="광주광역시", short_name="광주", kind="metro")
    agreement = Agreement.objects.create(title="남도 비밀 협약", kind=Agreement.Kind.MOU)
    agreement.parties.set([world.jeonnam, gwangju])
    return agreement


@pytest.mark.django_db
def test_a_link_to_a_task_the_editor_cannot_read_survives_their_save(world: World) -> None:
    hidden = other_plan_task(world)
    event = make_event(world, tasks=[world.task, hidden])
    client = world.client_for(world.coordinator)
    form = client.get(f"/events/{event.pk}/edit/").content.decode()
    assert "남도 관광벨트" not in form
    response = client.post(f"/events/{event.pk}/edit/", event_post(world, title="고친 행사"))
    assert response.status_code == 302, response.content.decode()
    assert set(Event.objects.get().tasks.all()) == {world.task, hidden}
    # Unlinking the task they see leaves the one they do not.
    client.post(f"/events/{event.pk}/edit/", event_post(world, tasks=[], base_revision="1"))
    assert list(Event.objects.get().tasks.all()) == [hidden]


@pytest.mark.django_db
def test_a_conflict_does_not_name_a_task_the_editor_cannot_read(world: World) -> None:
    hidden = other_plan_task(world)
    event = make_event(world, tasks=[world.task, hidden])
    client = world.client_for(world.coordinator)
    client.post(f"/events/{event.pk}/edit/", event_post(world, base_revision="0"))
    response = client.post(f"/events/{event.pk}/edit/", event_post(world, tasks=[], base_revision="0"))
    assert response.status_code == 409
    assert "남도 관광벨트" not in response.content.decode()


@pytest.mark.django_db
def test_an_agreement_the_editor_cannot_read_stays_linked_and_is_not_named(world: World) -> None:
    agreement = hidden_agreement(world)
    event = make_event(world, agreement=agreement)
    client = world.client_for(world.coordinator)
    form = client.get(f"/events/{event.pk}/edit/").content.decode()
    assert "남도 비밀 협약" not in form and "열람 권한이 없는 협약" in form
    response = client.post(f"/events/{event.pk}/edit/", event_post(world, title="고친 행사", agreement=""))
    assert response.status_code == 302, response.content.decode()
    saved = Event.objects.get()
    assert saved.title == "고친 행사" and saved.agreement == agreement


@pytest.mark.django_db
def test_the_event_pages_name_only_agreements_the_reader_may_read(world: World) -> None:
    agreement = hidden_agreement(world)
    event = make_event(world, title="남도 협약 행사", agreement=agreement)
    client = world.client_for(world.partner_viewer)
    detail = client.get(f"/events/{event.pk}/").content.decode()
    listing = client.get("/events/").content.decode()
    assert "남도 협약 행사" in detail and "남도 협약 행사" in listing
    assert "남도 비밀 협약" not in detail and "남도 비밀 협약" not in listing
    # An auditor reads every agreement, so sees it named.
    auditor = world.client_for(_auditor(world))
    assert "남도 비밀 협약" in auditor.get(f"/events/{event.pk}/").content.decode()
    assert "남도 비밀 협약" in auditor.get("/events/").content.decode()


def _auditor(world: World) -> object:
    from sangsaeng.conftest import make_user

    auditor = make_user("auditor", world.jeonnam)
    auditor.kind = "auditor"
    auditor.save()
    return auditor


@pytest.mark.django_db
def test_the_event_list_names_readable_agreements_in_a_constant_number_of_queries(world: World) -> None:
    hidden = hidden_agreement(world)
    shown = Agreement.objects.create(title="한뿌리 협약", kind=Agreement.Kind.MOU)
    shown.parties.set([world.daegu, world.gyeongbuk])

    def grow(n: int) -> None:
        for i in range(n):
            make_event(world, title=f"행사 {i}", agreement=shown if i % 2 else hidden)

    client = world.client_for(world.partner_viewer)
    grow(2)
    client.get("/events/")
    small = count(client, "/events/")
    grow(15)
    assert count(client, "/events/") == small
    body = client.get("/events/").content.decode()
    assert "한뿌리 협약" in body and "남도 비밀 협약" not in body


@pytest.mark.django_db
def test_a_feed_by_an_agreement_the_card_editor_cannot_read_keeps_it(world: World) -> None:
    agreement = Agreement.objects.create(title="대구·전남 협약", kind=Agreement.Kind.MOU)
    agreement.parties.set([world.daegu, world.jeonnam])
    feed = IndicatorFeed.objects.create(
        indicator=world.indicator, measure="count", kinds=["visit"], agreement=agreement, revision=1
    )
    make_event(world, agreement=agreement, tasks=[], participants=12, start=dt.date(2020, 5, 1))
    client = world.client_for(world.officer)  # edits the card; reads agreements of 경북 only
    url = f"/events/feeds/{world.indicator.pk}/"
    page = client.get(url).content.decode()
    assert "대구·전남 협약" not in page and "열람 권한이 없는 협약" in page
    data = {"measure": "participants", "kinds": ["visit"], "agreement": "", "base_revision": "1"}
    assert client.post(url, data).status_code == 302
    feed.refresh_from_db()
    assert (feed.measure, feed.agreement, feed.revision) == ("participants", agreement, 2)
    assert world.indicator.values.get(year=2020).actual == 12

"""The event pages through HTTP: who reads and writes, forms keep input, lists keep their query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World, make_user
from sangsaeng.events.models import Event
from sangsaeng.events.tests.samples import make_event
from sangsaeng.events.tests.test_feeds import event_post


@pytest.mark.django_db
def test_a_coordinator_records_an_event_with_its_budget_in_cheonwon(world: World) -> None:
    client = world.client_for(world.coordinator)
    assert client.get("/events/new/").status_code == 200
    response = client.post("/events/new/", event_post(world, budget_used="0.5억원"))
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/events/{event.pk}/"
    assert event.budget_used == 50_000 and event.created_by == world.coordinator
    assert set(event.organizers.all()) == {world.daegu, world.gyeongbuk}
    assert AuditLog.objects.filter(action="event_create", actor=world.coordinator).exists()
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "50,000" in page and world.task.title in page


@pytest.mark.django_db
def test_the_form_keeps_what_was_typed_when_it_refuses(world: World) -> None:
    client = world.client_for(world.coordinator)
    response = client.post("/events/new/", event_post(world, end="2019-05-01", title="거꾸로 된 행사"))
    assert response.status_code == 422
    body = response.content.decode()
    assert "종료일이 시작일보다 빠릅니다" in body and 'value="거꾸로 된 행사"' in body
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_cannot_record_an_event_of_other_governments_only(world: World) -> None:
    client = world.client_for(world.coordinator)
    response = client.post("/events/new/", event_post(world, organizers=[world.jeonnam.pk], tasks=[]))
    assert response.status_code == 422
    assert "담당하는 기관이 주최 기관에 들어 있어야 합니다" in response.content.decode()


@pytest.mark.django_db
def test_concurrent_edits_are_detected_and_the_input_kept(world: World) -> None:
    event = make_event(world)
    client = world.client_for(world.coordinator)
    assert (
        client.post(
            f"/events/{event.pk}/edit/", event_post(world, title="먼저 저장", base_revision="0")
        ).status_code
        == 302
    )
    response = client.post(
        f"/events/{event.pk}/edit/", event_post(world, title="나중 저장", base_revision="0")
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "다른 사용자가 이 기록을 먼저 수정했습니다" in body and 'value="나중 저장"' in body
    assert Event.objects.get().title == "먼저 저장"
    # Saving again from the refreshed form overwrites on purpose.
    assert (
        client.post(
            f"/events/{event.pk}/edit/", event_post(world, title="나중 저장", base_revision="1")
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_organisers_read_others_are_refused(world: World) -> None:
    event = make_event(world)
    assert world.client_for(world.partner_viewer).get(f"/events/{event.pk}/").status_code == 200
    assert world.client_for(world.officer).get(f"/events/{event.pk}/edit/").status_code == 403
    assert world.client_for(world.outsider).get(f"/events/{event.pk}/").status_code == 404
    assert world.client_for(world.outsider).post(f"/events/{event.pk}/delete/").status_code == 404
    assert Event.objects.exists()


@pytest.mark.django_db
def test_an_outsider_sees_an_empty_event_list(world: World) -> None:
    make_event(world, title="대구 경북만의 행사")
    body = world.client_for(world.outsider).get("/events/").content.decode()
    assert "대구 경북만의 행사" not in body and "볼 수 있는 교류행사가 없습니다" in body
    assert "대구 경북만의 행사" in world.client_for(world.partner_viewer).get("/events/").content.decode()


@pytest.mark.django_db
def test_the_list_filters_by_kind_year_and_organiser(world: World) -> None:
    make_event(world, title="방문 2019")
    make_event(world, title="포럼 2020", kind=Event.Kind.FORUM, start=dt.date(2020, 3, 3))
    client = world.client_for(world.coordinator)
    assert "포럼 2020" not in client.get("/events/?kind=visit").content.decode()
    assert "방문 2019" not in client.get("/events/?year=2020").content.decode()
    assert "방문 2019" in client.get(f"/events/?org={world.daegu.pk}").content.decode()


def grow(world: World, n: int) -> None:
    for i in range(n):
        make_event(world, title=f"행사 {i}", start=dt.date(2019, 1 + i % 12, 1))


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/events/", "/events/?kind=visit&year=2019"])
def test_the_event_list_query_count_does_not_grow(world: World, url: str) -> None:
    client = world.client_for(world.coordinator)
    grow(world, 2)
    client.get(url)
    small = count(client, url)
    grow(world, 15)
    assert count(client, url) == small


@pytest.mark.django_db
def test_an_auditor_reads_every_event_but_writes_none(world: World) -> None:
    auditor = make_user("auditor", world.jeonnam)
    auditor.kind = "auditor"
    auditor.save()
    event = make_event(world)
    client = world.client_for(auditor)
    assert client.get(f"/events/{event.pk}/").status_code == 200
    assert client.get("/events/new/").status_code == 403


@pytest.mark.django_db
def test_the_filters_name_only_agreements_the_user_may_read(world: World) -> None:
    from sangsaeng.agreements.tests.samples import make_agreement

    make_agreement(world, title="대구경북 내부 협약")
    assert "대구경북 내부 협약" not in world.client_for(world.outsider).get("/events/").content.decode()
    assert "대구경북 내부 협약" in world.client_for(world.partner_viewer).get("/events/").content.decode()


@pytest.mark.django_db
def test_the_card_query_count_does_not_grow_with_fed_indicators(world: World) -> None:
    from sangsaeng.events.models import IndicatorFeed
    from sangsaeng.plans.models import Indicator

    def feed_more(n: int) -> None:
        for i in range(n):
            indicator = Indicator.objects.create(task=world.task, name=f"방문 {i}", unit="회")
            IndicatorFeed.objects.create(indicator=indicator, measure="count", kinds=["visit"])
            make_event(world, title=f"방문 행사 {i}")

    client = world.client_for(world.coordinator)
    url = f"/tasks/{world.task.pk}/"
    feed_more(2)
    client.get(url)
    small = count(client, url)
    feed_more(10)
    assert count(client, url) == small
    assert client.get(url).content.decode().count("교류행사에서 자동 집계") == 12

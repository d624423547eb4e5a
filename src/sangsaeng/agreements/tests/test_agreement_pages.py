"""The agreement register through HTTP: recording with its signed document, the rules of its terms,
concurrent edits, who reads and writes, what is carried out under it, and constant query counts."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sangsaeng.agreements.tests.samples import make_agreement
from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World, make_task
from sangsaeng.events.tests.samples import make_event
from sangsaeng.orgs.models import Agreement, Organization
from sangsaeng.personnel.tests.samples import make_exchange

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def post(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "title": "대구·경북 관광 협력 업무협약",
        "kind": "mou",
        "status": "active",
        "parties": [world.daegu.pk, world.gyeongbuk.pk],
        "signed_on": "2019-03-28",
        "term_start": "2019-04-01",
        "term_end": "2021-03-31",
        "scope": "관광상품 공동 개발",
        "base_revision": "0",
    }
    return data | overrides


@pytest.mark.django_db
def test_a_coordinator_registers_an_agreement_with_its_signed_document(world: World) -> None:
    client = world.client_for(world.coordinator)
    assert client.get("/agreements/new/").status_code == 200
    document = SimpleUploadedFile("협약서.pdf", PDF, content_type="application/pdf")
    response = client.post("/agreements/new/", post(world, document=document))
    agreement = Agreement.objects.get(title="대구·경북 관광 협력 업무협약")
    assert response.status_code == 302 and response["Location"] == f"/agreements/{agreement.pk}/"
    assert agreement.document_name == "협약서.pdf" and agreement.term_end == dt.date(2021, 3, 31)
    assert AuditLog.objects.filter(action="agreement_create", actor=world.coordinator).exists()
    download = world.client_for(world.partner_viewer).get(f"/agreements/{agreement.pk}/document/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert world.client_for(world.outsider).get(f"/agreements/{agreement.pk}/document/").status_code == 404


@pytest.mark.django_db
def test_a_file_that_is_not_what_it_says_is_refused_and_the_input_kept(world: World) -> None:
    fake = SimpleUploadedFile("협약서.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = world.client_for(world.coordinator).post("/agreements/new/", post(world, document=fake))
    assert response.status_code == 422
    body = response.content.decode()
    assert "실행 파일" in body and 'value="대구·경북 관광 협력 업무협약"' in body
    assert not Agreement.objects.filter(title="대구·경북 관광 협력 업무협약").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"parties": "SOLO"}, "둘 이상 고르세요"),
        ({"term_end": "2019-01-01"}, "종료일이 시작일보다 빠릅니다"),
        ({"indefinite": "on"}, "기간을 정하지 않은 협약에는 종료일을 적지 않습니다"),
        ({"parties": "OTHERS"}, "담당하는 기관이 당사자에 들어 있어야 합니다"),
    ],
)
@pytest.mark.django_db
def test_the_rules_of_an_agreement_are_refused_with_the_input_kept(
    world: World, overrides: dict[str, Any], message: str
) -> None:
    if overrides.get("parties") == "SOLO":
        overrides["parties"] = [world.gyeongbuk.pk]
    elif overrides.get("parties") == "OTHERS":
        # The coordinator acts for 경북 and 대구 (the governments of their plan), not for these two.
        chungnam = Organization.objects.create(name="충청남도", short_name="충남", kind="metro")
        overrides["parties"] = [chungnam.pk, world.jeonnam.pk]
    response = world.client_for(world.coordinator).post("/agreements/new/", post(world, **overrides))
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body and "관광상품 공동 개발" in body


@pytest.mark.django_db
def test_concurrent_edits_are_detected_and_the_input_kept(world: World) -> None:
    agreement = make_agreement(world)
    client = world.client_for(world.coordinator)
    url = f"/agreements/{agreement.pk}/edit/"
    assert client.post(url, post(world, title="먼저 고친 협약명")).status_code == 302
    response = client.post(url, post(world, title="나중 고친 협약명"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "다른 사용자가 이 기록을 먼저 수정했습니다" in body and "먼저 고친 협약명" in body
    assert 'value="나중 고친 협약명"' in body
    assert Agreement.objects.get(pk=agreement.pk).title == "먼저 고친 협약명"


@pytest.mark.django_db
def test_parties_read_coordinators_write_others_get_404(world: World) -> None:
    agreement = make_agreement(world)
    assert world.client_for(world.partner_viewer).get(f"/agreements/{agreement.pk}/").status_code == 200
    assert world.client_for(world.officer).get(f"/agreements/{agreement.pk}/edit/").status_code == 403
    assert world.client_for(world.officer).get("/agreements/new/").status_code == 403
    assert world.client_for(world.outsider).get(f"/agreements/{agreement.pk}/").status_code == 404
    assert (
        world.client_for(world.outsider).post(f"/agreements/{agreement.pk}/edit/", post(world)).status_code
        == 404
    )


@pytest.mark.django_db
def test_an_outsider_sees_an_empty_agreement_list(world: World) -> None:
    make_agreement(world, title="대구경북 비공개 협약")
    body = world.client_for(world.outsider).get("/agreements/").content.decode()
    assert "대구경북 비공개 협약" not in body and "볼 수 있는 협약이 없습니다" in body


@pytest.mark.django_db
def test_the_detail_shows_the_tasks_events_and_exchanges_under_it(world: World) -> None:
    agreement = make_agreement(world)
    world.task.agreement = agreement
    world.task.save()
    make_event(world, title="한뿌리 상호방문", agreement=agreement)
    make_exchange(world, person_name="맞교환자", agreement=agreement)
    body = world.client_for(world.partner_viewer).get(f"/agreements/{agreement.pk}/").content.decode()
    assert world.task.title in body and "한뿌리 상호방문" in body and "맞교환자" in body
    row = world.client_for(world.coordinator).get("/agreements/").content.decode()
    assert '<td class="num">1</td><td class="num">1</td><td class="num">1</td>' in row


@pytest.mark.django_db
def test_the_list_filters_by_kind_status_and_party(world: World) -> None:
    make_agreement(world, title="업무협약 하나")
    alliance = make_agreement(world, title="동맹 하나", kind="alliance", status="ended")
    alliance.parties.set([world.gyeongbuk, world.jeonnam])
    client = world.client_for(world.coordinator)
    assert "동맹 하나" not in client.get("/agreements/?kind=mou").content.decode()
    assert "업무협약 하나" not in client.get("/agreements/?status=ended").content.decode()
    by_party = client.get(f"/agreements/?party={world.daegu.pk}").content.decode()
    assert "업무협약 하나" in by_party and "동맹 하나" not in by_party


def grow(world: World, n: int) -> None:
    for i in range(n):
        agreement = make_agreement(world, title=f"협약 {i}")
        make_event(world, title=f"행사 {i}", agreement=agreement)
        make_exchange(world, person_name=f"교류자 {i}", agreement=agreement, end=dt.date(2099, 1, 1))


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["list", "detail", "partners"])
def test_the_agreement_pages_query_count_does_not_grow(world: World, page: str) -> None:
    client = world.client_for(world.coordinator)
    first = make_agreement(world)
    url = {
        "list": "/agreements/?status=active",
        "detail": f"/agreements/{first.pk}/",
        "partners": f"/agreements/partners/{world.gyeongbuk.pk}/",
    }[page]
    grow(world, 2)
    client.get(url)
    small = count(client, url)
    grow(world, 12)
    for i in range(5):
        make_event(world, agreement=first)
        make_exchange(world, agreement=first)
        make_task(world.plan, f"9-{i}", lead=world.policy, agreement=first).partners.set([world.daegu])
    assert count(client, url) == small

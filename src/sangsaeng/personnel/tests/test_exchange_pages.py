"""The exchange pages through HTTP: recording, the rules of each kind, current and past lists, the cost
by year, who reads and writes, and constant query counts."""

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.orgs.models import Department
from sangsaeng.personnel.models import Exchange
from sangsaeng.personnel.tests.samples import make_exchange


def post(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "swap",
        "person_name": "박민수",
        "person_title": "인사담당",
        "person_grade": "5",
        "home_org": world.gyeongbuk.pk,
        "home_department": world.policy.pk,
        "host_org": world.daegu.pk,
        "host_department": "",
        "counterpart_name": "이정훈",
        "counterpart_grade": "5",
        "start": "2019-01-01",
        "end": "2019-06-30",
        "purpose": "상생협력 업무 교류",
        "base_revision": "0",
    }
    return data | overrides


@pytest.mark.django_db
def test_a_coordinator_records_a_swap_and_sees_its_monthly_cost(world: World) -> None:
    client = world.client_for(world.coordinator)
    assert client.get("/personnel/new/").status_code == 200
    response = client.post("/personnel/new/", post(world))
    exchange = Exchange.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/personnel/{exchange.pk}/"
    assert AuditLog.objects.filter(action="exchange_create", actor=world.coordinator).exists()
    page = client.get(f"/personnel/{exchange.pk}/").content.decode()
    # Two people of 5급, six whole months: 2 × 550,000 × 6.
    assert "1,100,000원" in page and '<strong id="exchange-cost">6,600,000원</strong>' in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": "dispatch", "end": "2021-01-01"}, "파견 기간은 2년을 넘을 수 없습니다"),
        ({"kind": "one_day", "end": "2019-01-02"}, "1일 교환근무는 시작일과 종료일이 같아야 합니다"),
        ({"counterpart_name": ""}, "상대 교류자를 적어야 합니다"),
        ({"kind": "transfer"}, "전출입은 종료일 없이"),
        ({"host_org": "HOME"}, "근무 기관은 원소속 기관과 달라야 합니다"),
        ({"person_grade": ""}, "직급을 적어야 합니다"),
    ],
)
@pytest.mark.django_db
def test_the_rules_of_each_kind_are_refused_with_the_input_kept(
    world: World, overrides: dict[str, Any], message: str
) -> None:
    if overrides.get("host_org") == "HOME":
        overrides["host_org"] = world.gyeongbuk.pk
    response = world.client_for(world.coordinator).post("/personnel/new/", post(world, **overrides))
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body and 'value="박민수"' in body
    assert not Exchange.objects.exists()


@pytest.mark.django_db
def test_a_department_of_another_government_is_refused(world: World) -> None:
    seoul_dept = Department.objects.create(organization=world.jeonnam, name="관광과")
    response = world.client_for(world.coordinator).post(
        "/personnel/new/", post(world, host_department=seoul_dept.pk)
    )
    assert response.status_code == 422 and "고른 기관의 부서가 아닙니다" in response.content.decode()


@pytest.mark.django_db
def test_current_and_past_exchanges_are_listed_apart(world: World) -> None:
    today = timezone.localdate()
    make_exchange(world, person_name="지난교류", start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31))
    make_exchange(
        world, person_name="지금교류", start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=100)
    )
    make_exchange(
        world, person_name="예정교류", start=today + dt.timedelta(days=10), end=today + dt.timedelta(days=100)
    )
    client = world.client_for(world.coordinator)
    current = client.get("/personnel/").content.decode()
    past = client.get("/personnel/?when=past").content.decode()
    assert "지금교류" in current and "예정교류" in current and "지난교류" not in current
    assert "지난교류" in past and "지금교류" not in past


@pytest.mark.django_db
def test_the_cost_by_year_is_the_sum_of_the_exchanges(world: World) -> None:
    make_exchange(world, start=dt.date(2019, 7, 1), end=dt.date(2020, 6, 30))  # 2 × 5급
    make_exchange(
        world,
        kind="dispatch",
        person_grade=3,
        counterpart_name="",
        counterpart_grade=None,
        start=dt.date(2019, 12, 16),
        end=dt.date(2020, 1, 31),
    )
    make_exchange(world, kind="transfer", end=None)  # no allowance
    body = world.client_for(world.coordinator).get("/personnel/costs/").content.decode()
    # 2019: 6 months × 1,100,000 + 700,000 × 16 ÷ 31 (= 361,290); 2020: 6 × 1,100,000 + 700,000.
    assert f"{6 * 1_100_000 + 361_290:,}" in body
    assert f"{6 * 1_100_000 + 700_000:,}" in body


@pytest.mark.django_db
def test_home_and_host_governments_read_others_are_refused(world: World) -> None:
    exchange = make_exchange(world, person_name="비밀교류")
    assert world.client_for(world.partner_viewer).get(f"/personnel/{exchange.pk}/").status_code == 200
    assert world.client_for(world.officer).get(f"/personnel/{exchange.pk}/edit/").status_code == 403
    assert world.client_for(world.outsider).get(f"/personnel/{exchange.pk}/").status_code == 404
    for url in ("/personnel/?when=current", "/personnel/?when=past", "/personnel/costs/"):
        assert "비밀교류" not in world.client_for(world.outsider).get(url).content.decode()
    assert (
        "교류수당을 받는 인사교류가 없습니다"
        in world.client_for(world.outsider).get("/personnel/costs/").content.decode()
    )


@pytest.mark.django_db
def test_an_end_of_term_evaluation_is_recorded_and_concurrent_edits_detected(world: World) -> None:
    exchange = make_exchange(world)
    client = world.client_for(world.coordinator)
    first = post(world, evaluation_rating="excellent", evaluation="과제 2건 공동 발굴", base_revision="0")
    assert client.post(f"/personnel/{exchange.pk}/edit/", first).status_code == 302
    stale = post(world, evaluation="늦은 평가", base_revision="0")
    response = client.post(f"/personnel/{exchange.pk}/edit/", stale)
    assert response.status_code == 409 and "늦은 평가" in response.content.decode()
    exchange.refresh_from_db()
    assert exchange.evaluation_rating == "excellent" and exchange.evaluation == "과제 2건 공동 발굴"


def grow(world: World, n: int) -> None:
    """n exchanges, past and current alternately."""
    later = timezone.localdate() + dt.timedelta(days=100)
    for i in range(n):
        end = later if i % 2 else dt.date(2020, 12, 31)
        make_exchange(world, person_name=f"교류자 {i}", start=dt.date(2019, 1 + i % 12, 1), end=end)


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/personnel/", "/personnel/?when=past&kind=swap", "/personnel/costs/"])
def test_the_exchange_pages_query_count_does_not_grow(world: World, url: str) -> None:
    client = world.client_for(world.coordinator)
    grow(world, 2)
    client.get(url)
    small = count(client, url)
    grow(world, 15)
    assert count(client, url) == small


def administrator(world: World) -> Client:
    from sangsaeng.conftest import make_user

    admin = make_user("admin", world.gyeongbuk)
    admin.is_superuser = True
    admin.save()
    return world.client_for(admin)


def rates_post(**overrides: str) -> dict[str, str]:
    from sangsaeng.personnel.models import AllowanceRate

    data = {f"won_{r.grade}": str(r.monthly_won) for r in AllowanceRate.objects.all()}
    data["base_revision"] = str(sum(AllowanceRate.objects.values_list("revision", flat=True)))
    return data | overrides


@pytest.mark.django_db
def test_an_administrator_changes_the_allowance_table_and_costs_follow(world: World) -> None:
    from sangsaeng.personnel.models import AllowanceRate

    make_exchange(world, start=dt.date(2019, 1, 1), end=dt.date(2019, 1, 31))
    client = administrator(world)
    data = rates_post(won_5="560000", new_grade="6", new_label="6급 이하", new_won="500000")
    assert client.post("/personnel/rates/", data).status_code == 302
    assert AllowanceRate.objects.get(grade=5).monthly_won == 560_000
    assert AllowanceRate.objects.get(grade=6).label == "6급 이하"
    assert AuditLog.objects.filter(action="allowance_rates", actor__username="admin").exists()
    assert f"{2 * 560_000:,}" in client.get("/personnel/costs/").content.decode()
    half = client.post(
        "/personnel/rates/",
        rates_post(won_5="abc", new_grade="7", new_label="", new_won=""),
    )
    assert half.status_code == 422 and "모두 적으세요" in half.content.decode()
    assert world.client_for(world.coordinator).get("/personnel/rates/").status_code == 403


@pytest.mark.django_db
def test_a_swap_of_first_and_second_grade_officials_is_paid_the_third_grade_amount(world: World) -> None:
    client = world.client_for(world.coordinator)
    response = client.post("/personnel/new/", post(world, person_grade="1", counterpart_grade="2"))
    assert response.status_code == 302, response.content.decode()
    page = client.get(response["Location"]).content.decode()
    # Two people at 700,000원 a month, six whole months.
    assert "1,400,000원" in page and '<strong id="exchange-cost">8,400,000원</strong>' in page


@pytest.mark.django_db
def test_the_allowance_table_form_edits_the_first_and_second_grade_rows(world: World) -> None:
    from sangsaeng.personnel.models import AllowanceRate

    client = administrator(world)
    form = client.get("/personnel/rates/").content.decode()
    assert 'name="won_1"' in form and 'name="won_2"' in form
    assert client.post("/personnel/rates/", rates_post(won_1="900000", won_2="800000")).status_code == 302
    assert dict(AllowanceRate.objects.filter(grade__lte=2).values_list("grade", "monthly_won")) == {
        1: 900_000,
        2: 800_000,
    }
    make_exchange(world, person_grade=1, counterpart_grade=2, end=dt.date(2019, 1, 31))
    assert f"{900_000 + 800_000:,}" in client.get("/personnel/costs/").content.decode()


@pytest.mark.django_db
def test_a_stale_allowance_table_is_refused_and_the_input_kept(world: World) -> None:
    from sangsaeng.personnel.models import AllowanceRate

    client = administrator(world)
    opened = rates_post()
    assert client.post("/personnel/rates/", opened | {"won_4": "610000"}).status_code == 302
    response = client.post("/personnel/rates/", opened | {"won_5": "560000"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "다른 사용자가 이 기록을 먼저 수정했습니다" in body and 'value="560000"' in body
    assert dict(AllowanceRate.objects.filter(grade__in=[4, 5]).values_list("grade", "monthly_won")) == {
        4: 610_000,
        5: 550_000,
    }
    # Saved again from the refreshed form, it goes through.
    assert client.post("/personnel/rates/", rates_post(won_5="560000")).status_code == 302
    assert AllowanceRate.objects.get(grade=5).monthly_won == 560_000


@pytest.mark.django_db
def test_an_agreement_the_editor_cannot_read_stays_linked_and_is_named_to_no_one_else(world: World) -> None:
    from sangsaeng.events.tests.test_hidden_links import hidden_agreement

    agreement = hidden_agreement(world)
    exchange = make_exchange(world, agreement=agreement)
    for user in (world.coordinator, world.partner_viewer):
        page = world.client_for(user).get(f"/personnel/{exchange.pk}/").content.decode()
        assert "김교류" in page and "남도 비밀 협약" not in page
    client = world.client_for(world.coordinator)
    form = client.get(f"/personnel/{exchange.pk}/edit/").content.decode()
    assert "남도 비밀 협약" not in form and "열람 권한이 없는 협약" in form
    response = client.post(f"/personnel/{exchange.pk}/edit/", post(world, agreement="", purpose="고친 목적"))
    assert response.status_code == 302, response.content.decode()
    exchange.refresh_from_db()
    assert exchange.purpose == "고친 목적" and exchange.agreement == agreement


@pytest.mark.django_db
def test_an_agreement_the_reader_may_read_is_named(world: World) -> None:
    from sangsaeng.agreements.tests.samples import make_agreement

    exchange = make_exchange(world, agreement=make_agreement(world, title="한뿌리 인사교류 협약"))
    page = world.client_for(world.partner_viewer).get(f"/personnel/{exchange.pk}/").content.decode()
    assert "한뿌리 인사교류 협약" in page

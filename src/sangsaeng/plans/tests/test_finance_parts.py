import re
from typing import Any

import pytest
from django.test import Client

from sangsaeng.audit.models import AuditLog
from sangsaeng.budgets.models import BudgetItem, CostLine, ScheduleLine, Settlement
from sangsaeng.conftest import World
from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import load_state

# 예산 요구내역 및 산출근거 of /work/shared/samples/budget-seoul-regional-network.md, as an official types it.
SEOUL_SAMPLE = """과목구분\t세부 산출내역
20101\t○ 권역별 순회 민관협력 세미나 = 20,000천원
\t- 전문가 토론 강의로 = 8,000천원
\t- 사례집 제작 = 4,000천원
\t- 버스운임 등 운영비 = 8,000천원
\t○ 지역교류 활성화를 위한 홍보지원 = 100,000천원
20103\t○ 지역상생포럼 정례총회 개최 = 40,000천원
\t- 정례총회 행사운영 및 사전공연 등 = 20,000천원
\t- 토론회 강의로 등 = 10,000천원
\t- 지역활동가 프로그램 지원 = 10,000천원
\t○ 지역상생교류 박람회 = 90,000천원
\t- 행사 기획 운영비 = 20,000천원
\t- 음향, 영상등 설치비 = 10,000천원
\t- 부대행사 설치 및 렌탈 = 20,000천원
\t- 운영인건비 = 20,000천원
\t- 전시지원(조형물, 전시물) 및 부대비용 등 = 20,000천원
\t○ 서울정책연수프로그램 운영 = 100,000천원
- 정책연수프로그램 인건비 = 55,000천원\t
\t- 강사료\t= 22,600천원
\t- 홍보 및 부대비용 등\t= 22,400천원
"""


def _revision(world: World) -> int:
    world.task.refresh_from_db()
    return world.task.revision


def _post(world: World, client: Client, part: str, data: dict[str, Any], **extra: Any) -> Any:
    return client.post(
        f"/tasks/{world.task.pk}/parts/{part}/", {"base_revision": _revision(world), **data}, **extra
    )


def _table(body: str, table_id: str) -> str:
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', body, re.S)
    assert match, f"no table {table_id}"
    return match.group(0)


def _card(world: World, user: Any = None) -> str:
    response = world.client_for(user or world.officer).get(f"/tasks/{world.task.pk}/")
    assert response.status_code == 200
    return str(response.content.decode())


# ---------------------------------------------------------------- 산출근거


@pytest.mark.django_db
def test_it_saves_the_seoul_sample_breakdown_typed_as_text(world: World) -> None:
    client = world.client_for(world.officer)
    form = client.get(f"/tasks/{world.task.pk}/parts/items:new/")
    assert form.status_code == 200 and 'name="year"' in form.content.decode()
    response = _post(world, client, "items:new", {"year": "2017", "text": SEOUL_SAMPLE})
    assert response.status_code == 302, response.content.decode()

    items = {i.code: i for i in BudgetItem.objects.filter(task=world.task, year=2017)}
    assert set(items) == {"201-01", "201-03"}
    assert (items["201-01"].name, items["201-03"].name) == ("사무관리비", "행사운영비")
    assert CostLine.objects.filter(item__task=world.task).count() == 19
    card = compute_card(load_state(world.task.pk))
    assert [i.amount for i in card.items_by_year[2017]] == [120_000, 230_000]
    assert card.item_totals == {2017: 350_000}

    table = _table(_card(world), "cost-2017")
    assert "계 350,000천원" in table
    assert "<strong>120,000</strong>" in table and "<strong>230,000</strong>" in table
    assert "전시지원(조형물, 전시물) 및 부대비용 등" in table
    summary = _table(_card(world), "budget-summary")
    assert "350,000" in summary and "120,000" in summary and "230,000" in summary
    log = AuditLog.objects.filter(task=world.task).latest("id")
    assert log.actor == world.officer and log.summary.startswith("2017년 산출근거 추가")
    assert "계 350,000천원" in log.summary


@pytest.mark.django_db
def test_it_edits_a_year_as_text_and_keeps_what_it_does_not_show(world: World) -> None:
    client = world.client_for(world.officer)
    _post(world, client, "items:new", {"year": "2017", "text": SEOUL_SAMPLE})
    _post(world, client, "items:new", {"year": "2018", "text": "201-01 사무관리비 = 7,000천원"})
    form = client.get(f"/tasks/{world.task.pk}/parts/items:2017/").content.decode()
    assert (
        "201-01 사무관리비\n○ 권역별 순회 민관협력 세미나 = 20,000천원\n  - 전문가 토론 강의로 = 8,000천원"
        in form
    )
    assert 'name="year"' not in form

    text = "201-01 사무관리비 = 120,000천원\n○ 세미나 = 20,000천원\n○ 홍보 = 90,000천원"
    response = _post(world, client, "items:2017", {"text": text})
    assert response.status_code == 302
    card = compute_card(load_state(world.task.pk))
    assert [i.amount for i in card.items_by_year[2017]] == [110_000]
    assert card.items_by_year[2018][0].amount == 7_000  # another year untouched
    # The amount typed on the code line is kept beside the lines' sum, and the difference shown.
    assert BudgetItem.objects.get(year=2017).stated_amount == 120_000
    assert '<strong>110,000</strong><br><span class="flag">원문 120,000</span>' in _table(
        _card(world), "cost-2017"
    )
    form = client.get(f"/tasks/{world.task.pk}/parts/items:2017/").content.decode()
    assert "201-01 사무관리비 = 120,000천원\n○ 세미나" in form


@pytest.mark.django_db
def test_it_computes_a_unit_price_line_in_cheonwon_with_truncation(world: World) -> None:
    client = world.client_for(world.officer)
    text = "201-01 사무관리비\n○ 사례집 제작 12,345원 × 3.5부 = 44천원\n○ 현수막 50,000원 × 80개"
    assert _post(world, client, "items:new", {"year": "2019", "text": text}).status_code == 302
    card = compute_card(load_state(world.task.pk))
    book, banner = card.items_by_year[2019][0].lines
    assert (book.amount, book.stated) == (43, 44)  # 43,207.5원 → 43천원; the typed 44 is kept and flagged
    assert banner.amount == 4_000
    assert card.item_totals[2019] == 4_043
    assert any(f.label == "산출근거 「사례집 제작」" for f in card.flags)
    table = _table(_card(world), "cost-2019")
    assert "(12,345원 × 3.5부)" in table
    assert '43 <span class="flag">원문 44</span>' in table


@pytest.mark.django_db
def test_it_shows_every_line_error_in_the_form_and_saves_nothing(world: World) -> None:
    client = world.client_for(world.officer)
    before = AuditLog.objects.filter(task__isnull=False).count()
    text = "201-01 사무관리비\n○ 세미나 = 이만원\n○ 교재 = 1,500원"
    response = _post(world, client, "items:new", {"year": "2017", "text": text}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    body = response.content.decode()
    assert "2번째 줄: 금액을 읽을 수 없습니다" in body
    assert "3번째 줄: 금액 &#x27;1,500원&#x27;은(는) 천원 단위로 떨어지지 않습니다." in body
    assert "○ 세미나 = 이만원" in body  # what was typed stays in the form
    assert not BudgetItem.objects.exists() and AuditLog.objects.filter(task__isnull=False).count() == before


@pytest.mark.django_db
def test_it_refuses_a_new_year_that_exists(world: World) -> None:
    client = world.client_for(world.officer)
    _post(world, client, "items:new", {"year": "2017", "text": "201-01 = 1천원"})
    response = _post(world, client, "items:new", {"year": "2017", "text": "201-03 = 2천원"})
    assert response.status_code == 422
    assert "2017년 산출근거가 이미 있습니다" in response.content.decode()
    assert list(BudgetItem.objects.values_list("code", flat=True)) == ["201-01"]


@pytest.mark.django_db
def test_it_refuses_to_overwrite_a_year_someone_else_changed(world: World) -> None:
    client = world.client_for(world.officer)
    _post(world, client, "items:new", {"year": "2017", "text": "201-01 = 1천원"})
    _post(world, client, "items:new", {"year": "2018", "text": "201-01 = 1천원"})
    opened = _revision(world)
    coordinator = world.client_for(world.coordinator)
    assert _post(world, coordinator, "items:2017", {"text": "201-01 = 5천원"}).status_code == 302
    # The officer's form was opened before the coordinator's save: same year → conflict, kept input.
    response = client.post(
        f"/tasks/{world.task.pk}/parts/items:2017/",
        {"base_revision": opened, "text": "201-01 = 9천원"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "coordinator님이 이 항목을 먼저 수정했습니다" in response.content.decode()
    assert BudgetItem.objects.get(year=2017).stated_amount == 5
    # Another year is another part: saved.
    response = client.post(
        f"/tasks/{world.task.pk}/parts/items:2018/", {"base_revision": opened, "text": "201-01 = 9천원"}
    )
    assert response.status_code == 302
    assert BudgetItem.objects.get(year=2018).stated_amount == 9


@pytest.mark.django_db
def test_it_deletes_a_years_items(world: World) -> None:
    client = world.client_for(world.officer)
    _post(world, client, "items:new", {"year": "2017", "text": SEOUL_SAMPLE})
    _post(world, client, "items:new", {"year": "2018", "text": "201-01 = 1천원"})
    response = client.post(
        f"/tasks/{world.task.pk}/parts/items:2017/delete/", {"base_revision": _revision(world)}
    )
    assert response.status_code == 302
    assert list(BudgetItem.objects.values_list("year", flat=True)) == [2018]
    assert not CostLine.objects.filter(item__year=2017).exists()
    assert AuditLog.objects.filter(task=world.task).latest("id").summary == "2017년 산출근거 삭제"
    gone = client.post(
        f"/tasks/{world.task.pk}/parts/items:2017/delete/", {"base_revision": _revision(world)}
    )
    assert gone.status_code == 404


# ---------------------------------------------------------------- 결산


SETTLEMENT_2015 = {
    "year": "2015",
    "original": "100,000",
    "carried_in": "0",
    "change": "0",
    "executed": "88,645",
    "carried_out": "0",
}


@pytest.mark.django_db
def test_it_computes_the_settlement_figures_on_the_card(world: World) -> None:
    client = world.client_for(world.officer)
    response = _post(world, client, "settlement:new", SETTLEMENT_2015)
    assert response.status_code == 302
    row = re.search(r'<tr id="settlement-2015">.*?</tr>', _card(world), re.S)
    assert row
    cells = re.findall(r'<td class="num">(?:<strong>)?(.*?)(?:</strong>)?</td>', row.group(0))
    assert cells[:7] == ["100,000", "0", "0", "100,000", "88,645", "0", "11,355"]
    assert "88.6%" in cells[7]


@pytest.mark.django_db
def test_it_refuses_spending_more_than_the_current_budget(world: World) -> None:
    client = world.client_for(world.officer)
    data = SETTLEMENT_2015 | {"change": "-10,000", "executed": "85,000", "carried_out": "6,000"}
    response = _post(world, client, "settlement:new", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    body = response.content.decode()
    assert (
        "집행액 85,000천원과 차년이월 6,000천원의 합 91,000천원이 예산현액 90,000천원"
        "(당초예산 100,000 + 전년이월 0 − 예산변경 10,000)보다 1,000천원 많습니다."
    ) in body
    assert not Settlement.objects.exists()
    # A negative 예산변경 itself is fine.
    ok = _post(world, client, "settlement:new", data | {"carried_out": "5,000"})
    assert ok.status_code == 302
    s = Settlement.objects.get()
    assert (s.change, s.executed, s.carried_out) == (-10_000, 85_000, 5_000)


@pytest.mark.django_db
def test_it_edits_and_deletes_a_settlement(world: World) -> None:
    client = world.client_for(world.officer)
    _post(world, client, "settlement:new", SETTLEMENT_2015)
    form = client.get(f"/tasks/{world.task.pk}/parts/settlement:2015/").content.decode()
    assert 'value="88,645"' in form and 'name="year"' not in form
    # Typed in 억원 on the session's unit, or with an explicit unit.
    response = _post(
        world,
        client,
        "settlement:2015",
        {"original": "1.5억", "carried_in": "", "change": "", "executed": "120,000천원", "carried_out": ""},
    )
    assert response.status_code == 302
    s = Settlement.objects.get()
    assert (s.original, s.carried_in, s.executed) == (150_000, 0, 120_000)
    negative = _post(world, client, "settlement:2015", {"original": "-1", "executed": "0"})
    assert negative.status_code == 422 and "당초예산은(는) 0 이상이어야 합니다" in negative.content.decode()
    deleted = client.post(
        f"/tasks/{world.task.pk}/parts/settlement:2015/delete/", {"base_revision": _revision(world)}
    )
    assert deleted.status_code == 302 and not Settlement.objects.exists()


# ---------------------------------------------------------------- 추진일정


@pytest.mark.django_db
def test_it_saves_schedule_rows_ignoring_blank_ones(world: World) -> None:
    client = world.client_for(world.officer)
    form = client.get(f"/tasks/{world.task.pk}/parts/schedule:new/").content.decode()
    assert 'name="row_2_label"' in form and 'name="row_3_label"' not in form  # three blank rows
    data = {
        "year": "2017",
        "row_0_label": "지역상생포럼 정례총회",
        "row_0_period": "2017.01~2017.12",
        "row_0_amount": "40,000",
        "row_0_detail": "토론회, 전문가 강의",
        "row_1_label": "",
        "row_1_period": "",
        "row_1_amount": "",
        "row_1_detail": "",
        "row_2_label": "지역상생 교류 박람회",
        "row_2_period": "2017.01~2017.12",
        "row_2_amount": "90,000",
        "row_2_detail": "",
    }
    assert _post(world, client, "schedule:new", data).status_code == 302
    assert list(ScheduleLine.objects.values_list("label", "amount", "order")) == [
        ("지역상생포럼 정례총회", 40_000, 0),
        ("지역상생 교류 박람회", 90_000, 1),
    ]
    table = _table(_card(world), "schedule-2017")
    assert "130,000" in table and "토론회, 전문가 강의" in table

    form = client.get(f"/tasks/{world.task.pk}/parts/schedule:2017/").content.decode()
    assert 'value="지역상생 교류 박람회"' in form and 'name="row_4_label"' in form
    edit = {"row_0_label": "정례총회", "row_0_amount": "50,000", "row_1_label": "", "row_1_amount": "5"}
    response = _post(world, client, "schedule:2017", edit)
    assert response.status_code == 422 and "2행: 사업추진절차를 입력하세요." in response.content.decode()
    assert _post(world, client, "schedule:2017", edit | {"row_1_amount": ""}).status_code == 302
    assert list(ScheduleLine.objects.values_list("label", "amount")) == [("정례총회", 50_000)]
    deleted = client.post(
        f"/tasks/{world.task.pk}/parts/schedule:2017/delete/", {"base_revision": _revision(world)}
    )
    assert deleted.status_code == 302 and not ScheduleLine.objects.exists()


# ---------------------------------------------------------------- access


NEW_PARTS = ("items:new", "items:2017", "settlement:new", "settlement:2015", "schedule:new", "schedule:2017")


@pytest.mark.django_db
@pytest.mark.parametrize("part", NEW_PARTS)
def test_it_hides_the_finance_forms_from_outsiders_and_refuses_other_departments(
    world: World, part: str
) -> None:
    Settlement.objects.create(task=world.task, year=2015, original=1)
    ScheduleLine.objects.create(task=world.task, year=2017, label="가")
    BudgetItem.objects.create(task=world.task, year=2017, code="201-01", name="사무관리비", stated_amount=1)
    url = f"/tasks/{world.task.pk}/parts/{part}/"
    data = {"base_revision": _revision(world), "year": "2016", "text": "201-01 = 1천원", "original": "1"}
    outsider, other = world.client_for(world.outsider), world.client_for(world.other_officer)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, data).status_code == 404
    assert other.get(url).status_code == 403
    assert other.post(url, data).status_code == 403
    assert world.client_for(world.partner_viewer).post(url, data).status_code == 403
    if not part.endswith(":new"):
        assert outsider.post(url + "delete/", data).status_code == 404
        assert other.post(url + "delete/", data).status_code == 403
    assert Settlement.objects.get().original == 1 and ScheduleLine.objects.count() == 1
    assert BudgetItem.objects.count() == 1


@pytest.mark.django_db
def test_it_shows_add_buttons_to_editors_only(world: World) -> None:
    assert "산출근거 추가" in _card(world, world.officer)
    assert "결산 추가" in _card(world, world.coordinator)
    partner = _card(world, world.partner_viewer)
    assert "산출근거 추가" not in partner and "결산 추가" not in partner


@pytest.mark.django_db
def test_it_answers_404_for_a_key_that_is_not_a_year(world: World) -> None:
    client = world.client_for(world.officer)
    assert client.get(f"/tasks/{world.task.pk}/parts/items:abc/").status_code == 404
    assert client.get(f"/tasks/{world.task.pk}/parts/settlement:99999/").status_code == 404

"""The demo data: every figure of the two sample documents, as the computed card shows it."""

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from sangsaeng.accounts.models import User
from sangsaeng.audit.models import AuditLog
from sangsaeng.demo.extras import DEMO_PLANS
from sangsaeng.demo.loader import DemoError, DemoSummary, database_is_empty, load_demo
from sangsaeng.demo.management.commands import demo as demo_command
from sangsaeng.lib import figures
from sangsaeng.lib.money import format_money
from sangsaeng.plans.access import can_edit_task, visible_plans, visible_tasks
from sangsaeng.plans.card import Card, Flag, compute_card
from sangsaeng.plans.card_state import load_state
from sangsaeng.plans.models import Plan, Status, Task

HANPPURI = "대구·경북 한뿌리 상생협력"
SEOUL = "서울시 지역상생 발전 시행계획"
DALBIT = "달빛동맹 상생협력"
REVISED = "대구·경북 상생협력 (2020 개정)"
LOGINS = {
    "demo": "sangsaeng-demo-2026",
    "officer": "sangsaeng-officer-2026",
    "seoul": "sangsaeng-seoul-2026",
    "daegu": "sangsaeng-daegu-2026",
    "outsider": "sangsaeng-outsider-2026",
    "auditor": "sangsaeng-auditor-2026",
    "gangwon": "sangsaeng-gangwon-2026",
    "pohang": "sangsaeng-pohang-2026",
}


MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # Argon2 is slow on purpose; tests need not be

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    """The demo, loaded once per module inside a transaction that is rolled back afterwards.

    Each test runs in a savepoint nested inside it (pytest-django's usual per-test atomic), so tests
    may write and still leave the loaded demo as it was for the next one.
    """
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5), transaction.atomic():
        assert database_is_empty()
        summary = load_demo(progress=lambda _message: None)
        yield summary
        transaction.set_rollback(True)


def task(plan_title: str, code: str) -> Task:
    return Task.objects.get(plan__title=plan_title, code=code)


def card(plan_title: str, code: str) -> Card:
    return compute_card(load_state(task(plan_title, code).pk))


def flags_by_key(flags: list[Flag]) -> dict[str, Decimal | None]:
    return {f.key: f.computed for f in flags}


# ---------------------------------------------------------------- loading


def test_summary_counts_match_the_database(demo: DemoSummary) -> None:
    assert demo.plans == Plan.objects.count() == 4 == DEMO_PLANS  # bench load checks demo databases by it
    assert demo.tasks == Task.objects.count()
    assert demo.tasks >= 55
    assert demo.users == len(LOGINS)
    assert demo.audit_logs == AuditLog.objects.count()
    # About 1 s on a laptop; the bound is loose so a busy CI machine does not fail it.
    assert demo.seconds < 20
    assert [lg.username for lg in demo.logins] == list(LOGINS)
    assert {lg.username: lg.password for lg in demo.logins} == LOGINS
    assert all(lg.who for lg in demo.logins)
    assert not database_is_empty()


def test_loading_twice_is_refused_and_changes_nothing(demo: DemoSummary) -> None:
    before = (Task.objects.count(), AuditLog.objects.count(), User.objects.count())
    with pytest.raises(DemoError, match="이미 계획 4건"):
        load_demo(progress=lambda _message: None)
    assert (Task.objects.count(), AuditLog.objects.count(), User.objects.count()) == before


def test_command_on_a_loaded_database(demo: DemoSummary) -> None:
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "이미 자료가 있어" in out.getvalue()
    for username, password in LOGINS.items():
        assert f"{username} / {password}" in out.getvalue()
    assert Plan.objects.count() == 4
    with pytest.raises(CommandError, match="이미 계획"):
        call_command("demo", stdout=StringIO())


def test_command_prints_progress_counts_and_logins(
    demo: DemoSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real load already ran in the fixture; here only what the command prints around it.
    def fake_load(*, progress: Any) -> DemoSummary:
        progress("계획·과제 등록")
        return demo

    monkeypatch.setattr(demo_command, "database_is_empty", lambda: True)
    monkeypatch.setattr(demo_command, "load_demo", fake_load)
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    text = out.getvalue()
    assert "계획·과제 등록" in text
    assert f"계획 4건, 과제 {demo.tasks}건" in text
    assert "시연 자료를 불러왔습니다" in text
    for username, password in LOGINS.items():
        assert f"{username} / {password}" in text


# ---------------------------------------------------------------- people and access


def test_demo_accounts_and_their_access(demo: DemoSummary) -> None:
    users = {u.username: u for u in User.objects.select_related("organization", "department__parent")}
    for username, password in LOGINS.items():
        assert users[username].check_password(password)
        assert not users[username].is_staff and not users[username].is_superuser
    coordinator = users["demo"]
    assert (coordinator.name, coordinator.organization.name, coordinator.department.name) == (
        "김상생",
        "경상북도",
        "정책기획관",
    )
    coordinated = set(coordinator.coordinated_plans.values_list("title", flat=True))
    assert coordinated == {HANPPURI, SEOUL, DALBIT, REVISED}

    officer = users["officer"]
    assert (officer.name, officer.organization.short_name) == ("이담당", "경북")
    assert (officer.department.parent.name, officer.department.name) == ("문화관광체육국", "관광정책과")
    assert not officer.coordinated_plans.exists()
    assert can_edit_task(officer, task(HANPPURI, "3-2"))  # led by 경북 관광정책과
    assert not can_edit_task(officer, task(HANPPURI, "10-4"))

    seoul = users["seoul"]
    assert (seoul.name, seoul.organization.name, seoul.department.name) == (
        "정성욱",
        "서울특별시",
        "대외협력담당관",
    )
    assert list(seoul.coordinated_plans.values_list("title", flat=True)) == [SEOUL]

    outsider = users["outsider"]
    assert (outsider.name, outsider.organization.name) == ("최외부", "전라남도")
    assert not visible_plans(outsider).exists()
    assert set(visible_plans(coordinator).values_list("title", flat=True)) == {
        HANPPURI,
        SEOUL,
        DALBIT,
        REVISED,
    }


def test_pages_render_for_the_demo_accounts(demo: DemoSummary) -> None:
    client = Client()
    client.force_login(User.objects.get(username="demo"))
    assert client.get(reverse("plans:list")).status_code == 200
    for plan in Plan.objects.all():
        assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    for t in (task(HANPPURI, "10-4"), task(HANPPURI, "4-1"), task(SEOUL, "1-1")):
        response = client.get(reverse("plans:task", args=[t.pk]))
        assert response.status_code == 200, t.code
    outsider = Client()
    outsider.force_login(User.objects.get(username="outsider"))
    assert outsider.get(reverse("plans:task", args=[task(SEOUL, "1-1").pk])).status_code == 404


def test_the_demo_auditor_reads_everything_and_the_gangwon_viewer_only_its_tasks(demo: DemoSummary) -> None:
    auditor, gangwon = User.objects.get(username="auditor"), User.objects.get(username="gangwon")
    assert set(visible_plans(auditor).values_list("title", flat=True)) == {HANPPURI, SEOUL, DALBIT, REVISED}
    assert not can_edit_task(auditor, task(HANPPURI, "10-4"))
    assert list(visible_plans(gangwon).values_list("title", flat=True)) == [SEOUL]
    seoul = Plan.objects.get(title=SEOUL)
    codes = set(visible_tasks(gangwon, seoul).values_list("code", flat=True))
    assert codes and codes < set(seoul.tasks.values_list("code", flat=True))
    assert all(
        t.partners.filter(short_name="강원").exists() or t.lead_department.organization.short_name == "강원"
        for t in seoul.tasks.filter(code__in=codes).select_related("lead_department__organization")
    )
    assert not can_edit_task(gangwon, seoul.tasks.get(code="1-2"))


# ---------------------------------------------------------------- plans


def test_plans_and_their_tasks(demo: DemoSummary) -> None:
    hanppuri = Plan.objects.get(title=HANPPURI)
    assert (hanppuri.term_start_year, hanppuri.term_end_year, hanppuri.last_year_label) == (
        2018,
        2022,
        "2022.6월",
    )
    assert set(hanppuri.organizations.values_list("short_name", flat=True)) == {"대구", "경북"}
    assert list(hanppuri.funding_sources.values_list("name", "is_national")) == [
        ("국비", True),
        ("도비", False),
        ("시군비", False),
        ("민자등", False),
    ]
    assert hanppuri.areas.count() == 5
    tasks = hanppuri.tasks.all()
    assert 38 <= tasks.count() <= 45
    assert {t.status for t in tasks} == set(Status.values)
    assert task(HANPPURI, "10-4").area.number == 1
    assert all(t.area_id for t in tasks)

    dalbit = Plan.objects.get(title=DALBIT)
    assert (dalbit.term_start_year, dalbit.term_end_year) == (2019, 2022)
    assert set(dalbit.organizations.values_list("short_name", flat=True)) == {"대구", "광주"}
    assert 8 <= dalbit.tasks.count() <= 10
    seoul = Plan.objects.get(title=SEOUL)
    assert seoul.term_start_year <= 2017 <= seoul.term_end_year
    assert list(seoul.funding_sources.values_list("name", "is_national")) == [
        ("국비", True),
        ("시비", False),
        ("구비", False),
    ]
    assert 5 <= seoul.tasks.count() <= 7


def test_every_card_computes_and_only_the_seoul_sheet_disagrees(demo: DemoSummary) -> None:
    disagreements, unverified = {}, {}
    for t in Task.objects.select_related("plan"):
        c = compute_card(load_state(t.pk))
        if c.flags:
            disagreements[(t.plan.title, t.code)] = len(c.flags)
        if c.unverified:
            unverified[(t.plan.title, t.code)] = len(c.unverified)
    assert disagreements == {(SEOUL, "1-1"): 1}  # 총사업비
    assert unverified == {(SEOUL, "1-1"): 6}  # 증감 and 증감률 against the blank 2016 column


def test_every_card_has_its_first_audited_revision(demo: DemoSummary) -> None:
    later = set()
    for t in Task.objects.select_related("plan"):
        assert t.revision >= 1, t.code
        log = AuditLog.objects.get(task=t, revision=t.revision)
        assert log.state is not None
        assert log.state["revision"] == t.revision
        assert Decimal(log.state["progress"]) == t.progress
        first = AuditLog.objects.filter(task=t).order_by("at", "id").first()
        assert first is not None
        if first.summary == "시연 자료 등록":
            assert first.actor is None and t.plan.title in (HANPPURI, SEOUL, DALBIT)
        else:
            later.add((t.plan.title, t.code))
    # Cards the demo's later steps made, as people would: by a committee's decision, from a partner's
    # request, and by the plan's 2020 revision.
    from_request = Task.objects.get(plan__title=HANPPURI, origin_requests__isnull=False)
    assert {(p, c) for p, c in later if p != REVISED} == {(HANPPURI, "4-10"), (HANPPURI, from_request.code)}
    assert len([c for p, c in later if p == REVISED]) == Task.objects.filter(plan__title=REVISED).count()


def test_weighted_rollup_of_the_railway_task(demo: DemoSummary) -> None:
    parent = task(HANPPURI, "4-1")
    children = list(parent.children.order_by("sort_key"))
    assert [c.code for c in children] == ["4-1-1", "4-1-2", "4-1-3"]
    assert parent.rollup == Task.Rollup.WEIGHTED
    assert len({c.progress for c in children}) == 3
    assert len({c.weight for c in children}) == 3
    expected = figures.rollup_progress([(c.progress, c.weight) for c in children], "weighted")
    assert parent.progress == expected == Decimal("33.00")
    assert all(c.area_id == parent.area_id for c in children)
    c = card(HANPPURI, "4-1")
    assert c.progress == expected
    assert c.progress_formula.startswith("가중평균")


def test_average_rollup_of_the_tourism_task(demo: DemoSummary) -> None:
    parent = task(HANPPURI, "3-1")
    children = list(parent.children.all())
    assert len(children) == 2
    assert parent.progress == figures.rollup_progress([(c.progress, c.weight) for c in children], "average")


# ---------------------------------------------------------------- the management card 10-4


def test_hanppuri_card_header(demo: DemoSummary) -> None:
    c = card(HANPPURI, "10-4")
    s = c.state
    assert (s.code, s.title, s.slogan) == ("10-4", "대구·경북 한뿌리 상생협력", "손잡고 미래로")
    assert (s.status, c.status_label, c.progress) == ("completed", "완료", Decimal(100))
    assert (s.implementer, s.term_class, s.novelty, s.budget_class) == ("자체", "in_term", "both", "budget")
    assert (s.lead_organization, s.lead_department.name) == ("경상북도", "정책기획관")
    assert [(x.role, x.name, x.phone) for x in s.contacts] == [("담당자", "권순락", "880-2147")]
    assert s.central_coop == "-"
    assert [p.name for p in s.partners] == ["대구광역시"]
    assert s.agreement.name == "대구·경북 한뿌리 상생협약"
    assert (
        s.goal
        == "대구경북 상생협력을 바탕으로 주요현안을 해결하고 대구경북이 대한민국 성장의 중심지가 되겠습니다."
    )
    assert s.term_indicator == "공동위원장 경상북도지사·대구시장 격상, 상생협력과제 발굴 및 체계적 관리"
    assert c.flags == c.unverified == []


def test_hanppuri_card_texts(demo: DemoSummary) -> None:
    texts = card(HANPPURI, "10-4").texts
    outline = texts["outline"]
    assert [item["text"] for item in outline] == [
        "한뿌리상생위원회 기능 및 위상 강화",
        "대구·경북 상생협력과제 발굴 및 추진",
        "대구·경북 공무원 상생협력 마인드 및 교류 강화",
    ]
    assert [len(item["children"]) for item in outline] == [3, 2, 2]
    assert (
        outline[0]["children"][0]["text"]
        == "공동위원장을 경상북도지사·대구시장으로 격상(前 위원장 : 행정부지사, 행정부시장)"
    )
    assert outline[2]["children"][1]["text"] == (
        "시·도 공무원교육원 상생협력 교육과정 운영, 교육훈련 프로그램 부분적 통합 운영(사회 이슈적과제 등)"
    )
    problems = texts["problems"]
    assert [len(item["children"]) for item in problems] == [1, 1]
    assert problems[0]["text"] == (
        "대부분의 과제는 당초 협력을 목적으로 선정되어 정상적으로 진행 중이며, "
        "시도 상반된 입장의 현안과제는 시도민 의견수렴 및 지속적인 해결방안 강구"
    )
    assert (
        problems[0]["children"][0]["text"]
        == "(현안과제) 취수원 이전, 강정고령보 공도교 차량통행, 도농상생장터 등"
    )
    next_steps = texts["next_steps"]
    assert [item["text"] for item in next_steps] == [
        "「상생발전 중장기 추진 계획」 세부과제(7개 분야 112개) 실행",
        "대구경북 상생협력 사업 광범위 「상생협력 자매결연」 추진",
        "대구경북 공동협력 과제 지속 발굴·추진(상시)",
    ]
    assert [len(item["children"]) for item in next_steps] == [1, 1, 0]


def test_hanppuri_card_indicators(demo: DemoSummary) -> None:
    c = card(HANPPURI, "10-4")
    milestone, numeric = c.indicators[:2]  # then the visits counted from events (events/demo.py)
    assert (milestone.name, milestone.kind) == ("공동위원장 격상", "milestone")
    assert (milestone.term_plan_text, milestone.term_actual_text) == (
        "공동위원장 격상",
        "조례개정완료 '18.11.1",
    )
    cells = {cell.year: cell for cell in milestone.years}
    assert [cells[y].rate.headline for y in range(2018, 2023)] == ["100%", "100%", "-", "-", "-"]
    assert cells[2018].plan_text == "조례개정, 공동위원장 격상(경북도지사·대구시장)"
    assert cells[2018].actual_text == "조례개정완료 '18.11.1, 공동위원장 격상(경북도지사·대구시장)"
    assert cells[2018].achieved_on == dt.date(2018, 11, 1)
    assert (cells[2019].plan_text, cells[2019].actual_text) == (
        "공동위원장 격상(경북도지사·대구시장)",
        "18년 기완료",
    )
    assert str(milestone.term_rate) == "100%"
    assert cells[2022].label == "2022.6월"

    assert (numeric.name, numeric.kind, numeric.unit, numeric.aggregation) == (
        "상생협력과제 발굴",
        "numeric",
        "건",
        "sum",
    )
    assert numeric.term_plan_text == "상생협력과제 발굴(10건)"
    cells = {cell.year: cell for cell in numeric.years}
    assert [cells[y].target for y in range(2018, 2023)] == [2] * 5
    assert [cells[y].actual for y in range(2018, 2023)] == [5, 16, None, None, None]
    assert [cells[y].rate.headline for y in range(2018, 2023)] == ["250%", "800%", "-", "-", "-"]
    assert (numeric.term_target, numeric.term_actual) == (10, 21)
    assert numeric.term_rate.value == 210
    assert (numeric.term_rate.headline, numeric.term_rate.real) == ("100%", "210%")
    assert str(numeric.term_rate) == "100% (실제 210%)"
    assert numeric.term_flag is None and milestone.term_flag is None

    stated = c.state.stated
    for key, value in (
        ("term_rate", 210),
        ("2018.rate", 250),
        ("2019.rate", 800),
        ("term_target", 10),
        ("term_actual", 21),
    ):
        assert stated[f"indicator.{numeric.id}.{key}"] == value
    for key in ("term_rate", "2018.rate", "2019.rate"):
        assert stated[f"indicator.{milestone.id}.{key}"] == 100


def test_hanppuri_card_budget(demo: DemoSummary) -> None:
    c = card(HANPPURI, "10-4")
    planned, secured, executed = c.budget_tables
    assert [ln.label for ln in planned.lines] == ["국비", "도비", "시군비", "민자등", "계"]
    total = planned.total
    assert (total.total, total.before, total.term_subtotal) == (1_800_000, 600_000, 1_200_000)
    assert total.years == {2018: 200_000, 2019: 200_000, 2020: 200_000, 2021: 300_000, 2022: 300_000}
    assert format_money(total.total, "eok") == "18"
    assert format_money(total.before, "eok") == "6"
    assert format_money(total.years[2021], "eok") == "3"
    rows = {ln.label: ln.row for ln in planned.lines}
    assert rows["도비"].total == rows["민자등"].total == 900_000
    assert format_money(rows["도비"].years[2021], "eok") == "1.5"
    assert rows["국비"].total == rows["시군비"].total == 0
    assert (secured.total.total, secured.total.before) == (1_000_000, 600_000)
    assert format_money(secured.total.total, "eok") == "10"
    assert secured.total.years == {2018: 200_000, 2019: 200_000, 2020: 0, 2021: 0, 2022: 0}
    assert executed.total.total == 0
    assert c.total_cost == 1_800_000
    assert planned.flags == secured.flags == []
    assert c.state.stated["budget.planned.total"] == 1_800_000


def test_hanppuri_card_activities(demo: DemoSummary) -> None:
    c = card(HANPPURI, "10-4")
    assert len(c.activities) == 23
    by_when = {a.when: a for a in c.activities}
    assert len(by_when) == 23
    for when in (
        "'18. 5",
        "'18. 8",
        "'18. 11. 1",
        "'18. 10",
        "'18. 10. 2 ~",
        "'19. 1. 20",
        "'19. 2. 22",
        "'19. 2. 11 ~ 2. 28",
        "'19. 2. 27",
        "'19. 3. 28",
        "'19. 4. 29",
        "'19. 5. 1",
        "'19. 5. 28",
        "'19. 6",
        "'19. 8",
        "'19. 8. 30",
        "'19. 9. 2 ~ 9. 15",
        "'19. 9. 5 ~ 9. 6",
        "'19. 10. 24",
        "'19. 11. 13",
        "'19. 12. 5",
        "'18년",
        "'19년",
    ):
        assert when in by_when, when
    assert "신규 12건, 제외 4건 의결" in by_when["'19. 3. 28"].text
    assert not any("\n" in a.text for a in c.activities)  # the one-line edit field would lose it
    assert by_when["'18. 5"].text == "상생협력 신규과제 발굴(5건)"
    detail = by_when["'18. 5"].details[0]
    assert detail["text"] == "시·도 실무부서 합동발굴 및 시·도민 신규과제 공모"
    assert detail["children"][0]["text"].startswith("야생동물보호센터 연계 운영, 대구경북 꽃박람회")
    assert by_when["'18. 10. 2 ~"].text == "시·도지사 1일 교환 근무(분기별 1회)"
    first = by_when["'18년"]
    assert first.text == "시·도 공무원 교류 강화 (2018년 실적)"
    assert first.participants == 393
    assert first.details[0]["text"] == "시·도정 주요 시책 현장 상호 방문(6회, 393명)"
    assert (
        first.details[0]["children"][0]["text"]
        == "(경북) 세계문화유산, 창조혁신센터 등 / (대구) 근대화골목, 김광석 거리 등"
    )
    assert "교육생 교류(9개 과정 13회)" in by_when["'19년"].details[0]["text"]
    assert {
        w: by_when[w].participants for w in ("'19. 8. 30", "'19. 9. 5 ~ 9. 6", "'19. 10. 24", "'19. 12. 5")
    } == {"'19. 8. 30": 50, "'19. 9. 5 ~ 9. 6": 46, "'19. 10. 24": 200, "'19. 12. 5": 200}
    state = {a.text: a for a in c.state.activities}
    open_ended = state["시·도지사 1일 교환 근무(분기별 1회)"]
    assert (open_ended.start, open_ended.open_ended, open_ended.end) == (dt.date(2018, 10, 2), True, None)
    ranged = state["대구경북 유사분야 12개 실국 실국장 1일 교환근무"]
    assert (ranged.start, ranged.end) == (dt.date(2019, 2, 11), dt.date(2019, 2, 28))
    assert c.activity_years == [2019, 2018]


def test_hanppuri_card_legislation(demo: DemoSummary) -> None:
    (law,) = card(HANPPURI, "10-4").legislation
    assert (law.name, law.bill_kind, law.note, law.stage) == (
        "경상북도 경북대구 한뿌리상생협력추진조례",
        "일부개정조례안",
        "조례개정공포",
        "공포",
    )
    assert law.stages == [
        ("발의", "'18. 10. 1"),
        ("위원회 심사", "'18. 10. 4"),
        ("본회의 의결", "'18. 10. 15"),
        ("공포", "'18. 11. 1"),
    ]


# ---------------------------------------------------------------- the Seoul budget sheet 1-1


def test_seoul_sheet_header_and_texts(demo: DemoSummary) -> None:
    c = card(SEOUL, "1-1")
    s = c.state
    assert s.title == "지역상생 네트워크 활성화"
    assert (s.implementer, s.novelty, s.period_kind, s.period_text) == (
        "서울특별시",
        "continuing",
        "recurring",
        "2017. 1 ~ 12월",
    )
    assert s.location == "서울특별시 중구 세종대로 110 서울시청"
    assert (s.execution_type, s.expense_type, s.prior_procedures) == ("direct", "current", [])
    assert (s.lead_organization, s.lead_department.name) == ("서울특별시", "대외협력담당관")
    assert [(x.role, x.name, x.phone) for x in s.contacts] == [
        ("과장", "김수덕", "2133-6650"),
        ("팀장", "김형태", "2133-6659"),
        ("주무관", "정성욱", "2133-6671"),
    ]
    assert set(c.texts) == {"purpose", "basis", "content", "focus", "procedure", "effect"}
    assert [item["text"] for item in c.texts["basis"]] == ["법령상 근거", "기타 근거"]
    assert (
        c.texts["basis"][0]["children"][0]["text"] == "서울특별시 대외협력기금의 설치 및 운용에 관한 조례 6조"
    )
    content = {item["text"]: item for item in c.texts["content"]}
    programs = content["사업내용"]["children"]
    assert [p["text"] for p in programs] == [
        "지역상생포럼 정례총회 개최",
        "지역 상생교류 박람회",
        "권역별 순회 민·관협력세미나 개최",
        "서울정책연수프로그램",
        "지역상생사업 홍보지원",
    ]
    assert programs[0]["children"][0]["text"] == "사업시기 : 2017년 상반기"
    assert "총사업비 : 250,000천원" in content
    assert [item["text"] for item in c.texts["procedure"]] == ["집행절차", "계약체결"]
    assert len(c.texts["procedure"][1]["children"]) == 2
    assert c.texts["procedure"][0]["children"][0]["text"].endswith(
        "권역별 순회 민·관 협력 세미나 개최(서울시, 참여 자치단체)"
    )


def test_seoul_sheet_budget_items(demo: DemoSummary) -> None:
    c = card(SEOUL, "1-1")
    items = {i.code: i for i in c.items_by_year[2017]}
    assert {code: (i.name, i.amount) for code, i in items.items()} == {
        "201-01": ("사무관리비", 120_000),
        "201-03": ("행사운영비", 230_000),
    }
    assert c.item_totals == {2017: 350_000}
    assert all(i.flag is None for i in items.values())
    lines = {ln.label: ln for ln in items["201-01"].lines}
    assert (lines["권역별 순회 민관협력 세미나"].amount, lines["권역별 순회 민관협력 세미나"].stated) == (
        20_000,
        20_000,
    )
    assert [ln.amount for ln in items["201-01"].lines] == [20_000, 8_000, 4_000, 8_000, 100_000]
    assert "전문가 토론 강의료" in lines
    lines = {ln.label: ln for ln in items["201-03"].lines}
    assert [
        lines[k].amount
        for k in ("지역상생포럼 정례총회 개최", "지역상생교류 박람회", "서울정책연수프로그램 운영")
    ] == [40_000, 90_000, 100_000]
    assert [ln.amount for ln in items["201-03"].lines if ln.depth == 1] == [
        20_000,
        10_000,
        10_000,
        20_000,
        10_000,
        20_000,
        20_000,
        20_000,
        55_000,
        22_600,
        22_400,
    ]
    assert not any(ln.disagrees for i in items.values() for ln in i.lines)
    assert c.summary_years == [2016, 2017]
    assert {row.code: row.amounts[2016] for row in c.summary} == {"계": None, "201-01": None, "201-03": None}
    assert {row.code: row.amounts[2017] for row in c.summary} == {
        "계": 350_000,
        "201-01": 120_000,
        "201-03": 230_000,
    }
    # 2016 (A) is blank on the sheet: no amount is invented, the stated change is shown but cannot be checked.
    assert all(row.change is None and row.change_rate is None for row in c.summary)
    assert {row.code: (row.change_display, row.rate_display) for row in c.summary} == {
        "계": ("150,000*", "75*"),
        "201-01": ("100,000*", "500*"),
        "201-03": ("50,000*", "28*"),
    }


def test_seoul_sheet_flags(demo: DemoSummary) -> None:
    c = card(SEOUL, "1-1")
    assert flags_by_key(c.flags) == {"total_cost": 350_000}
    unverified = flags_by_key(c.unverified)
    assert unverified == dict.fromkeys(unverified)  # computed None: 2016 (A) is blank on the sheet
    assert set(unverified) == {
        "items.2017.total.change",
        "items.2017.total.change_rate",
        "items.2017.201-01.change",
        "items.2017.201-01.change_rate",
        "items.2017.201-03.change",
        "items.2017.201-03.change_rate",
    }
    assert "items.2017.total" not in unverified
    assert {f.key: f.stated for f in c.unverified} == {
        "items.2017.total.change": 150_000,
        "items.2017.total.change_rate": 75,
        "items.2017.201-01.change": 100_000,
        "items.2017.201-01.change_rate": 500,
        "items.2017.201-03.change": 50_000,
        "items.2017.201-03.change_rate": 28,
    }
    (total_cost,) = [f for f in c.flags if f.key == "total_cost"]
    assert (total_cost.stated, total_cost.computed) == (250_000, 350_000)
    assert total_cost in c.general_flags
    assert c.total_cost == 350_000
    assert c.subsidy_rate.headline == "0%"


def test_seoul_sheet_settlement_schedule_and_activities(demo: DemoSummary) -> None:
    c = card(SEOUL, "1-1")
    (settlement,) = c.settlements
    assert settlement.year == 2015
    assert (settlement.original, settlement.carried_in, settlement.change) == (100_000, 0, 0)
    assert (settlement.current, settlement.executed, settlement.carried_out, settlement.balance) == (
        100_000,
        88_645,
        0,
        11_355,
    )
    assert settlement.execution_rate.headline == "88.6%"
    assert settlement.flags == []

    assert c.schedule_totals == {2017: 350_000}
    lines = c.schedule[2017]
    assert [ln.amount for ln in lines] == [40_000, 90_000, 20_000, 100_000, 100_000]
    assert {ln.period for ln in lines} == {"2017.01~2017.12"}
    assert lines[0].label == "지역상생포럼 정례총회"
    assert lines[4].detail == "지역간 협력사업 및 민간의 상생정책 참여유도를 위한 홍보지원"

    assert len(c.activities) == 10
    by_start = {}
    for a in c.state.activities:
        by_start.setdefault(a.start, []).append(a)
    assert (
        by_start[dt.date(2014, 8, 10)][0].text
        == "전국 지자체를 대상으로 하는 “지방상생포럼” 구축(시장 요청사항)"
    )
    assert {a.participants for a in by_start[dt.date(2015, 6, 4)]} == {None, 130}
    assert by_start[dt.date(2016, 6, 13)][0].participants == 100
    assert by_start[dt.date(2016, 10, 1)][0].start_precision == "month"

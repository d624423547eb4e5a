"""A whole reporting round in a real browser: the coordinator opens it, officers of two governments fill
and submit, one is returned, fixed and confirmed, the card shows the new figures and the round stamp,
and every reminder went out exactly once."""

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from sangsaeng.accounts.models import User
from sangsaeng.budgets.models import FundingSource
from sangsaeng.conftest import run_jobs
from sangsaeng.notices.models import Notice
from sangsaeng.plans.models import Indicator, Plan, Task
from sangsaeng.rounds.models import ReminderSent, Round, Update, UpdateState

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HANPPURI = "대구·경북 한뿌리 상생협력"
PASSWORDS = {
    "demo": "sangsaeng-demo-2026",
    "officer": "sangsaeng-officer-2026",
    "daegu": "sangsaeng-daegu-2026",
}


def no_axe_violations(s: Any, name: str) -> None:
    violations = s.axe_violations()
    assert not violations, (name, violations)


def open_my_update(s: Any, round_name: str, title: str) -> None:
    s.open("/rounds/")
    s.page.click(f"#my-updates tr:has-text('{round_name}'):has-text('{title}') a")
    s.page.wait_for_url("**/rounds/updates/*/")


def test_a_whole_round_in_the_browser(demo: Any, login: Any) -> None:
    plan = Plan.objects.get(title=HANPPURI)
    for username in PASSWORDS:
        User.objects.filter(username=username).update(email=f"{username}@example.go.kr")
    run_jobs()  # the demo's own rounds announce themselves first
    mail.outbox.clear()
    doby = FundingSource.objects.get(plan=plan, name="도비")
    due = timezone.localdate() + dt.timedelta(days=7)
    medical = Task.objects.get(plan=plan, code="3-5")
    passes = Task.objects.get(plan=plan, code="3-2")

    # ---- the coordinator opens 2019년 4분기
    coord = login("demo", PASSWORDS["demo"])
    coord.page.click("nav.site-nav >> text=실적 보고")
    coord.page.wait_for_url("**/rounds/")
    coord.shot("round-01-home-coordinator")
    coord.open(f"/plans/{plan.pk}/rounds/")
    coord.page.click("text=새 회차 시작")
    coord.page.select_option("#id_year", "2019")
    coord.page.select_option("#id_period_kind", "quarter")
    coord.page.select_option("#id_period_number", "4")
    coord.page.fill("#id_due_date", due.isoformat())
    coord.shot("round-02-open-form")
    no_axe_violations(coord, "open-form")
    coord.page.click("main button:text-is('회차 시작')")
    coord.page.wait_for_url("**/rounds/*/")
    expect(coord.page.locator("h1")).to_have_text("2019년 4분기 보고 현황")
    rnd = Round.objects.get(plan=plan, name="2019년 4분기")
    assert "회차를 시작했습니다" in coord.page.inner_text("main")
    coord.shot("round-03-board-opened")
    run_jobs()

    # ---- 경북 관광정책과: fills 3-2, saves a draft, submits
    officer = login("officer", PASSWORDS["officer"])
    expect(officer.page.locator("#unread-count")).to_be_visible()
    open_my_update(officer, "2019년 4분기", passes.title)
    actual = Indicator.objects.get(task=passes).pk
    officer.page.fill(f"input[name=ind_{actual}_actual]", "18200")
    officer.page.fill("input[name=act_0_when]", "2019. 11. 2.")
    officer.page.fill("input[name=act_0_text]", "관광패스 가을 특별 할인")
    officer.page.fill("#id_next_steps", "○ 2020년 관광패스 개편")
    officer.page.click("button:text-is('임시저장')")
    expect(officer.page.locator("#update-form .alert--success")).to_contain_text("임시저장했습니다")
    officer.shot("round-04-officer-draft")
    no_axe_violations(officer, "update-form")
    officer.page.click("button:text-is('제출')")
    officer.page.wait_for_load_state("networkidle")
    expect(officer.page.locator("main")).to_contain_text("제출했습니다")
    assert Update.objects.get(round=rnd, task=passes).state == UpdateState.SUBMITTED

    # ---- 대구 관광과: fills 3-5; executed above secured is explained; fixes and submits
    daegu = login("daegu", PASSWORDS["daegu"])
    open_my_update(daegu, "2019년 4분기", medical.title)
    indicator = Indicator.objects.get(task=medical)
    daegu.page.fill(f"input[name=ind_{indicator.pk}_actual]", "29000")
    daegu.page.fill("#id_progress", "70")
    daegu.page.fill(f"input[name=b_{doby.pk}_executed]", "30,000")
    daegu.page.fill("#id_next_steps", "○ 2020년 의료관광 박람회 참가")
    daegu.page.click("button:text-is('제출')")
    expect(daegu.page.locator("#form-error")).to_contain_text("제출하지 않았습니다")
    expect(daegu.page.locator("#issues")).to_contain_text(
        "도비 2019년 집행액(30,000천원)이 확보액(0천원)보다 큽니다"
    )
    assert daegu.page.input_value("#id_progress") == "70"
    daegu.shot("round-05-officer-validation")
    daegu.page.fill(f"input[name=b_{doby.pk}_secured]", "50,000")
    daegu.page.click("button:text-is('제출')")
    daegu.page.wait_for_load_state("networkidle")
    expect(daegu.page.locator("main")).to_contain_text("제출했습니다")

    # ---- the coordinator: board, side-by-side review, returns 3-5
    coord.open(f"/rounds/{rnd.pk}/?state=submitted")
    expect(coord.page.locator("#board")).to_contain_text(medical.title)
    coord.shot("round-06-board-submitted")
    no_axe_violations(coord, "board")
    theirs = Update.objects.get(round=rnd, task=medical)
    coord.open(f"/rounds/updates/{theirs.pk}/review/")
    compare = coord.page.inner_text("#compare")
    assert "29,000명" in compare and "116%" in compare and "60%" in compare and "70%" in compare
    assert coord.page.locator("#compare tr.is-changed").count() >= 4
    coord.shot("round-07-review-side-by-side")
    no_axe_violations(coord, "review")
    coord.page.fill("#id_comment", "집행 증빙(정산서)을 첨부해 주세요.")
    coord.page.click("#decision button:text-is('반려')")
    coord.page.wait_for_load_state("networkidle")
    expect(coord.page.locator("main")).to_contain_text("반려했습니다")
    run_jobs()

    # ---- 대구: told, attaches the file, resubmits
    daegu.open("/notices/")
    expect(daegu.page.locator("#notices")).to_contain_text("반려되었습니다")
    daegu.shot("round-08-notices")
    daegu.page.click("#notices a:has-text('반려되었습니다')")
    daegu.page.wait_for_url(f"**/rounds/updates/{theirs.pk}/")
    expect(daegu.page.locator("#return-note")).to_contain_text("집행 증빙(정산서)을 첨부해 주세요.")
    daegu.page.set_input_files(
        "#id_file", files=[{"name": "정산서.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    daegu.page.click("button:text-is('올리기')")
    daegu.page.wait_for_load_state("networkidle")
    expect(daegu.page.locator("#attachments")).to_contain_text("정산서.pdf")
    daegu.shot("round-09-returned-and-fixed")
    daegu.page.click("button:text-is('제출')")
    daegu.page.wait_for_load_state("networkidle")
    expect(daegu.page.locator("main")).to_contain_text("제출했습니다")

    # ---- the coordinator confirms both (each confirmation leads to the next waiting review)
    coord.open(f"/rounds/updates/{theirs.pk}/review/")
    expect(coord.page.locator("#compare")).to_contain_text("정산서.pdf")
    coord.page.click("#decision button:text-is('확정')")
    coord.page.wait_for_load_state("networkidle")
    expect(coord.page.locator("main")).to_contain_text("실적을 확정했습니다")
    coord.page.click("#decision button:text-is('확정')")  # now on 3-2's review
    coord.page.wait_for_load_state("networkidle")
    assert {u.state for u in Update.objects.filter(round=rnd, task__in=[medical, passes])} == {
        UpdateState.CONFIRMED
    }
    coord.open(f"/rounds/{rnd.pk}/")
    coord.shot("round-10-board-confirmed")

    # ---- the card shows the new figures and the round's stamp
    coord.open(f"/tasks/{medical.pk}/")
    expect(coord.page.locator(f"#indicator-{indicator.pk}-rate-2019")).to_have_text("116%")
    expect(coord.page.locator("#task-progress")).to_have_text("70%")
    assert "정산서.pdf" in coord.page.inner_text("main")
    coord.shot("round-11-card-updated")
    coord.open(f"/tasks/{medical.pk}/history/")
    assert "2019년 4분기 실적 확정" in coord.page.inner_text("main")
    coord.shot("round-12-card-history")
    daegu.open(f"/rounds/updates/{theirs.pk}/")
    assert "(2019년 4분기)" in daegu.page.inner_text(".page-header")  # 확정: <date> (2019년 4분기)

    # ---- reminders: due soon, overdue; then every job again: nothing is sent twice
    for day in (due - dt.timedelta(days=2), due - dt.timedelta(days=2), due + dt.timedelta(days=1)) * 2:
        call_command("reminders", "--today", day.isoformat(), verbosity=0)
    run_jobs()
    sent = Counter(ReminderSent.objects.filter(round=rnd).values_list("event", "user__username"))
    assert set(sent.values()) == {1}, sent
    assert sent[("opened", "officer")] == sent[("opened", "daegu")] == sent[("opened", "demo")] == 1
    assert sent[("returned", "daegu")] == 1
    assert {user for (event, user) in sent if event == "due_soon"} == {"demo", "officer", "daegu"}
    assert {user for (event, user) in sent if event == "overdue"} == {"demo", "officer", "daegu"}
    mails = Counter((m.to[0], m.subject) for m in mail.outbox if "2019년 4분기" in m.subject)
    assert set(mails.values()) == {1} and len(mails) == sum(sent.values()) == 10, mails
    notices = Counter(
        Notice.objects.filter(title__contains="2019년 4분기").values_list("user__username", "title")
    )
    assert set(notices.values()) == {1} and len(notices) == 10
    for s in (coord, officer, daegu):
        # The refused submission answered 422 on purpose; the browser logs every such answer.
        assert not [e for e in s.errors if "422" not in e], s.errors


def test_another_governments_officer_cannot_open_an_update_in_the_browser(demo: Any, login: Any) -> None:
    plan = Plan.objects.get(title=HANPPURI)
    current = Round.objects.get(plan=plan, name="2019년 3분기")
    ours = Update.objects.get(round=current, task__code="3-2")  # 경북 관광정책과's
    daegu = login("daegu", PASSWORDS["daegu"])
    response = daegu.page.goto(f"{daegu.base_url}/rounds/updates/{ours.pk}/")
    assert response is not None and response.status == 404
    assert "선비이야기" not in daegu.page.content()
    response = daegu.page.goto(f"{daegu.base_url}/rounds/updates/{ours.pk}/review/")
    assert response is not None and response.status == 404
    daegu.shot("round-13-outsider-404")

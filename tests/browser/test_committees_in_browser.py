"""A committee's work in a real browser: the coordinator sets up a committee with a subcommittee and
members, schedules a meeting (the members receive an invitation with a valid .ics), holds it (attendance,
minutes reviewed by a member, finalized), decides to adopt one task and drop another, and the plan and
the tasks' histories change with links back to the decisions."""

from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from sangsaeng.accounts.models import User
from sangsaeng.committees.models import Committee, Decision, Meeting
from sangsaeng.committees.tests.test_ics import parse, unescape
from sangsaeng.plans.models import Plan, Status, Task

pytestmark = pytest.mark.browser

HANPPURI = "대구·경북 한뿌리 상생협력"


def test_a_committee_meets_and_its_decisions_change_the_plan(demo: Any, login: Any) -> None:
    plan = Plan.objects.get(title=HANPPURI)
    User.objects.filter(username="daegu").update(email="daegu@example.go.kr")
    dropped = Task.objects.get(plan=plan, code="4-3")
    mail.outbox.clear()

    # ---- a committee with a subcommittee
    coord = login("demo", "sangsaeng-demo-2026")
    page = coord.open("/committees/")
    expect(page.locator("#committee-list")).to_contain_text("대구경북한뿌리상생위원회")
    coord.shot("committees-01-list")
    page.click("text=위원회 등록")
    page.fill("#id_name", "시험상생위원회")
    page.select_option("#id_kind", "plenary")
    page.select_option("#id_plan", label=HANPPURI)
    page.fill("#id_cadence_count", "1")
    page.select_option("#id_cadence_period", "month")
    page.click("main button[type=submit]:has-text('저장')")
    # The governments were left out: the form says so and keeps the name.
    expect(page.locator(".alert--error")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("시험상생위원회")
    page.get_by_label("대구광역시").check()
    page.get_by_label("경상북도").check()
    page.click("main button[type=submit]:has-text('저장')")
    expect(page.locator("h1")).to_have_text("시험상생위원회")
    committee = Committee.objects.get(name="시험상생위원회")

    page.click("text=분과위원회 추가")
    page.fill("#id_name", "시험분과")
    page.select_option("#id_area", label=f"{HANPPURI} · 4. 광역 교통·환경·안전")
    page.click("main button[type=submit]:has-text('저장')")
    expect(page.locator("h1")).to_have_text("시험분과")
    assert Committee.objects.get(name="시험분과").parent == committee

    # ---- members: one with an account (대구 officer), one outside expert
    coord.open(f"/committees/{committee.pk}/members/new/")
    page.fill("#id_name", "이수진")
    page.select_option("#id_side", "inside")
    page.fill("#id_username", "daegu")
    page.click("button:has-text('저장하고 한 명 더')")
    page.fill("#id_name", "박전문")
    page.select_option("#id_role", "co_chair")
    page.fill("#id_affiliation", "경북대학교")
    page.fill("#id_email", "expert@example.kr")
    page.click("main button[type=submit]:has-text('저장')")
    expect(page.locator("#roster")).to_contain_text("박전문")
    expect(page.locator("#roster")).to_contain_text("공동위원장")
    coord.shot("committees-02-committee")
    assert not coord.axe_violations()

    # ---- schedule the meeting and invite: both members get mail with a valid .ics
    page.click("main .page-actions >> text=회의 일정 등록")
    page.fill("#id_title", "제1차 시험상생위원회")
    page.fill("#id_day", "2019-12-05")
    page.fill("#id_start", "14:00")
    page.fill("#id_end", "16:00")
    page.fill("#id_place", "대구시청 별관")
    page.select_option("#id_host", label="대구광역시")
    page.check("#id_invite")
    page.click("main button[type=submit]:has-text('저장')")
    expect(page.locator("h1")).to_have_text("제1차 시험상생위원회")
    meeting = Meeting.objects.get(title="제1차 시험상생위원회")
    assert sorted(m.to[0] for m in mail.outbox) == ["daegu@example.go.kr", "expert@example.kr"]
    name, content, _type = mail.outbox[0].attachments[0]
    [event] = parse(content)
    assert name == "meeting.ics"
    assert event["DTSTART"] == ({"TZID": "Asia/Seoul"}, "20191205T140000")
    assert unescape(event["LOCATION"][1]) == "대구시청 별관 (대구광역시)"
    assert event["UID"][1].startswith(f"committee-meeting-{meeting.pk}@")

    # ---- agenda
    page.click("text=안건 올리기")
    page.fill("#id_title", "신규 과제 채택(안)")
    page.click("main button[type=submit]:has-text('저장')")
    page.click("text=안건 올리기")
    page.fill("#id_title", "취수원 이전 과제 제외(안)")
    page.select_option("#id_task", label=f"4-3 {dropped.title}")
    page.click("main button[type=submit]:has-text('저장')")
    expect(page.locator("#agenda-list")).to_contain_text("취수원 이전 과제 제외(안)")

    # ---- attendance: the co-chair sends a proxy
    page.click("text=출석 기록")
    rows = page.locator("#attendance-form tbody tr")
    rows.nth(1).locator("select").select_option("proxy")
    page.click("main button[type=submit]:has-text('저장')")
    expect(page.locator(".alert--error")).to_contain_text("표시된 항목")
    page.locator("#attendance-form tbody tr").nth(1).locator("input").fill("경북대 부교수")
    page.click("main button[type=submit]:has-text('저장')")
    expect(page.locator("#attendance-table")).to_contain_text("대리출석 (대리인: 경북대 부교수)")

    # ---- minutes, reviewed by the member with an account
    page.fill("#id_minutes", "○ 개회\n○ 신규 과제 채택(원안 의결)\n○ 취수원 이전 과제 제외(원안 의결)")
    page.click("button:has-text('회의록 저장')")
    expect(page.locator("#minutes-title")).to_be_visible()
    member = login("daegu", "sangsaeng-daegu-2026")
    mpage = member.open(f"/committees/meetings/{meeting.pk}/")
    mpage.check("#review-form input[type=checkbox]")
    mpage.fill("#review-form textarea", "이견 없습니다.")
    mpage.click("#review-form button")
    expect(mpage.locator("#reviews")).to_contain_text("이견 없습니다.")
    member.shot("committees-03-member-review")

    # ---- decisions: adopt one task, drop another, then apply both
    page = coord.open(f"/committees/meetings/{meeting.pk}/")
    page.click("#decisions >> text=의결 기록")
    page.select_option("#id_kind", "adopt_task")
    page.select_option("#id_agenda_item", label="신규 과제 채택(안)")
    page.fill("#id_code", "4-11")
    page.fill("#id_title", "대구경북 공동 물순환 체계 구축")
    page.select_option("#id_area", label="4. 광역 교통·환경·안전")
    page.click("main button[type=submit]:has-text('저장')")
    page.click("#decisions >> text=의결 기록")
    page.select_option("#id_kind", "drop_task")
    page.select_option("#id_task", label=f"4-3 {dropped.title}")
    page.click("main button[type=submit]:has-text('저장')")
    expect(page.locator("#id_reason + .field-error, .field-error")).to_contain_text("제외 사유를 적으세요")
    page.fill("#id_reason", "정부 주도 사업으로 전환되어 과제에서 제외")
    page.click("main button[type=submit]:has-text('저장')")
    expect(page.locator("#decision-summary")).to_have_text("신규 1건, 제외 1건 의결")
    page.click("button:has-text('모두 계획에 반영')")
    expect(page.locator("#decisions-table")).to_contain_text("✓ 반영")
    page.click("button:has-text('회의록 확정')")
    expect(page.locator("#minutes-state")).to_contain_text("확정")
    coord.shot("committees-04-meeting")
    assert not coord.axe_violations()

    # ---- the plan and the tasks' histories changed, linked back to the decisions
    adopted = Task.objects.get(plan=plan, code="4-11")
    dropped.refresh_from_db()
    assert dropped.status == Status.DROPPED
    assert Decision.objects.filter(meeting=meeting, applied_at__isnull=False).count() == 2
    page = coord.open(f"/plans/{plan.pk}/?q=4-11")
    expect(page.locator("main")).to_contain_text("대구경북 공동 물순환 체계 구축")
    page = coord.open(f"/tasks/{dropped.pk}/history/")
    expect(page.locator("main")).to_contain_text("2019. 12. 5. 시험상생위원회 의결: 제외")
    coord.shot("committees-05-history")
    page.click("text=의결 보기")
    expect(page.locator("#decision")).to_contain_text("정부 주도 사업으로 전환되어 과제에서 제외")
    page = coord.open(f"/tasks/{adopted.pk}/history/")
    expect(page.locator("main")).to_contain_text("2019. 12. 5. 시험상생위원회 의결: 신규 채택")
    # The forms refused on purpose above answer 422, which the browser logs; nothing else may fail.
    errors = [e for e in coord.errors + member.errors if "status of 422" not in e]
    assert not errors, errors

"""A request in a real browser: 포항 sends a suggestion to 경북; the province's coordinator assigns it,
puts it on the coming committee meeting's agenda and answers; 포항 rates the answer. A pre-feasibility
request above the thresholds is marked as requiring review."""

from typing import Any

import pytest
from playwright.sync_api import expect

from sangsaeng.requests.models import PartnerRequest

pytestmark = pytest.mark.browser

PASSWORDS = {"demo": "sangsaeng-demo-2026", "pohang": "sangsaeng-pohang-2026"}
SUBJECT = "포항 철길숲 야간 안전조명 확충 건의"


def no_axe_violations(s: Any, name: str) -> None:
    violations = s.axe_violations()
    assert not violations, (name, violations)


def test_a_suggestion_from_a_city_to_the_province_in_the_browser(demo: Any, login: Any) -> None:
    # ---- 포항 sends a suggestion to 경북
    city = login("pohang", PASSWORDS["pohang"])
    city.open("/requests/")
    city.shot("requests-01-list-city")
    no_axe_violations(city, "list")
    city.page.click("text=건의하기")
    city.page.wait_for_url("**/requests/new/")
    city.page.select_option("#id_request_type", label="건의 (처리기한 14일)")
    city.page.select_option("#id_receiving_org", label="경상북도")
    city.page.fill("#id_subject", SUBJECT)
    # Sent without a body first: the form says what is missing and keeps the subject.
    city.page.click("main button:text-is('보내기')")
    expect(city.page.locator("#form-error")).to_contain_text("보내지 못했습니다")
    expect(city.page.locator("#id_subject")).to_have_value(SUBJECT)
    city.page.fill("#id_body", "철길숲 산책로 3km 구간의 조명이 어두워 야간 이용객 안전이 우려됩니다.")
    city.page.select_option("#id_concerned_department", label="경북 안전정책과")
    city.shot("requests-02-form")
    no_axe_violations(city, "form")
    city.page.click("main button:text-is('보내기')")
    city.page.wait_for_url("**/requests/*/")
    expect(city.page.locator("main")).to_contain_text("건의사항을 접수했습니다")
    expect(city.page.locator("#request-state")).to_have_text("● 접수")
    req = PartnerRequest.objects.get(subject=SUBJECT)

    # ---- 경북's coordinator assigns it, starts the review and puts it on the agenda
    coord = login("demo", PASSWORDS["demo"])
    coord.open("/requests/queue/")
    expect(coord.page.locator("#queue")).to_contain_text(SUBJECT)
    coord.shot("requests-03-queue")
    coord.page.click(f"#queue a:text-is('{SUBJECT}')")
    coord.page.wait_for_url(f"**/requests/{req.pk}/")
    coord.page.select_option("#id_department", label="경북 안전정책과")
    coord.page.click("main button:text-is('배정')")
    expect(coord.page.locator("main")).to_contain_text("안전정책과에 배정했습니다")
    expect(coord.page.locator("#assigned-department")).to_have_text("안전정책과")
    coord.page.click("main button:text-is('검토 시작')")
    expect(coord.page.locator("#request-state")).to_contain_text("검토")
    meetings = coord.page.locator("#id_meeting option")
    if not coord.page.locator("#id_meeting").count():
        pytest.skip("위원회 앱에 예정된 회의가 없어 의제화 단계를 건너뜁니다 (committees 시연 자료 필요).")
    if meetings.count() <= 1:  # only the empty choice
        pytest.skip("위원회 앱에 예정된 회의가 없어 의제화 단계를 건너뜁니다 (committees 시연 자료 필요).")
    coord.page.select_option("#id_meeting", index=1)
    coord.page.fill("#id_title", "철길숲 야간 안전조명 확충(포항시 건의)")
    coord.page.click("main button:text-is('안건으로 올리기')")
    expect(coord.page.locator("main")).to_contain_text("안건으로 올렸습니다")
    expect(coord.page.locator("#request-state")).to_contain_text("의제화")
    expect(coord.page.locator("#agenda-link")).to_contain_text("철길숲 야간 안전조명 확충(포항시 건의)")
    coord.shot("requests-04-on-agenda")
    no_axe_violations(coord, "detail")

    # ---- ... and answers: 일부수용 needs a reason, which the page asks for without losing the text
    coord.page.check("input[name=outcome][value=partly]")
    coord.page.fill("#id_answer", "2027년 본예산에 1단계(1.2km) 조명 설치비를 반영하겠습니다.")
    coord.page.click("main button:text-is('회신하기')")
    expect(coord.page.locator("#answer-form")).to_contain_text("사유를 적으세요")
    expect(coord.page.locator("#id_answer")).to_have_value(
        "2027년 본예산에 1단계(1.2km) 조명 설치비를 반영하겠습니다."
    )
    coord.page.fill("#id_reason", "2단계 구간은 국비 공모 결과에 따라 추진합니다.")
    coord.page.click("main button:text-is('회신하기')")
    expect(coord.page.locator("main")).to_contain_text("회신했습니다 (일부수용)")
    expect(coord.page.locator("#answer-outcome")).to_have_text("일부수용")

    # ---- 포항 sees the answer (and a notice) and rates it, once
    city.open("/notices/")
    expect(city.page.locator("main")).to_contain_text("건의사항에 회신이 왔습니다")
    city.open(f"/requests/{req.pk}/")
    expect(city.page.locator("#answer")).to_contain_text("2단계 구간은 국비 공모 결과에 따라 추진합니다.")
    city.page.check("input[name=rating][value='4']")
    city.page.fill("#id_comment", "1단계라도 반영되어 다행입니다.")
    city.page.click("main button:text-is('만족도 보내기')")
    expect(city.page.locator("#rating")).to_contain_text("4점")
    expect(city.page.locator("#rate-form")).to_have_count(0)
    city.shot("requests-05-answered-rated")
    req.refresh_from_db()
    assert (req.state, req.outcome, req.rating) == ("answered", "partly", 4)
    assert list(req.transitions.values_list("to_state", flat=True)) == [
        "received",
        "assigned",
        "reviewing",
        "on_agenda",
        "answered",
        "answered",
    ]
    for s in (city, coord):
        # The refused forms answer 422 on purpose; the browser logs that, nothing else may be logged.
        assert not [e for e in s.errors if "422" not in e], s.errors


def test_a_prefeasibility_request_above_the_thresholds_requires_review(demo: Any, login: Any) -> None:
    city = login("pohang", PASSWORDS["pohang"])
    city.open("/requests/new/")
    city.page.select_option("#id_request_type", label="사전타당성 검토 (처리기한 60일)")
    city.page.select_option("#id_receiving_org", label="경상북도")
    city.page.fill("#id_subject", "포항 해양레저 복합단지 조성")
    city.page.fill("#id_body", "영일만 일원 해양레저 복합단지 조성 사업의 사전타당성 검토를 요청합니다.")
    city.page.fill("#id_total_cost", "350억원")
    city.page.fill("#id_provincial_share", "35억원")
    city.page.click("main button:text-is('보내기')")
    city.page.wait_for_url("**/requests/*/")
    expect(city.page.locator("#review-status")).to_contain_text("사전타당성 검토 대상")
    expect(city.page.locator("#review-status")).not_to_contain_text("대상 아님")
    expect(city.page.locator("main")).to_contain_text("350억원 (35,000,000천원)")
    city.shot("requests-06-prefeasibility")

    coord = login("demo", PASSWORDS["demo"])
    coord.open("/requests/report/")
    coord.shot("requests-07-report")
    no_axe_violations(coord, "report")
    expect(coord.page.locator("#report-summary")).to_contain_text("접수")


def test_a_citizen_proposal_through_the_public_form(demo: Any, browser: Any, live_server: Any) -> None:
    from tests.browser.conftest import SCREENSHOTS

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/requests/propose/")
        page.select_option("#id_receiving_org", label="경상북도")
        page.fill("#id_name", "박시민")
        page.fill("#id_contact", "citizen2@example.com")
        page.fill("#id_subject", "안동 하회마을 주차장 셔틀버스 증편")
        page.fill("#id_body", "주말 관광객이 많아 셔틀버스 대기가 깁니다.")
        page.check("#id_consent")
        page.screenshot(path=str(SCREENSHOTS / "requests-08-propose.png"), full_page=True)
        # A person takes more than a few seconds to fill the form; a bot that posts at once is refused.
        page.wait_for_timeout(5500)
        page.click("main button:text-is('제안 보내기')")
        page.wait_for_url("**/requests/propose/done/")
        expect(page.locator("h1")).to_have_text("제안을 받았습니다")
    finally:
        context.close()
    req = PartnerRequest.objects.get(subject="안동 하회마을 주차장 셔틀버스 증편")
    assert (req.state, req.channel, req.requester_name) == ("received", "citizen", "박시민")


def test_the_types_page_is_the_administrators(demo: Any, login: Any) -> None:
    # Deadlines and thresholds are shared by every government: a coordinator reads why, not the form.
    coord = login("demo", PASSWORDS["demo"])
    coord.open("/requests/types/")
    expect(coord.page.locator("main")).to_contain_text("권한이 없습니다")
    coord.shot("requests-09-types-refused")

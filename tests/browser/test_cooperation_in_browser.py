"""Cooperation records in a real browser: the coordinator views an agreement with the tasks and events
carried out under it, records a visit, and sees the indicator fed by visits change on the card."""

from typing import Any

import pytest
from playwright.sync_api import expect

from sangsaeng.events.models import Event
from sangsaeng.orgs.models import Agreement
from sangsaeng.plans.models import Indicator, IndicatorValue, Task

pytestmark = pytest.mark.browser

HANPPURI = "대구·경북 한뿌리 상생협력"


def no_axe_violations(s: Any, name: str) -> None:
    violations = s.axe_violations()
    assert not violations, (name, violations)


def test_an_event_feeds_the_indicator_on_the_card(demo: Any, login: Any) -> None:
    card = Task.objects.get(plan__title=HANPPURI, code="10-4")
    visits = Indicator.objects.get(task=card, name="시책현장 상호방문 횟수")
    agreement = Agreement.objects.get(title="대구·경북 한뿌리 상생협약")
    coord = login("demo", "sangsaeng-demo-2026")

    # ---- the agreement, with the tasks and events carried out under it
    coord.open("/agreements/")
    coord.page.click("#agreements >> text=대구·경북 한뿌리 상생협약")
    coord.page.wait_for_url(f"**/agreements/{agreement.pk}/")
    expect(coord.page.locator("#agreement-tasks")).to_contain_text(card.title)
    expect(coord.page.locator("#agreement-events")).to_contain_text(
        "시책현장 상호방문: 대구 공원녹지 시책 현장 방문"
    )
    expect(coord.page.locator("#agreement-exchanges")).to_contain_text("김서연")
    coord.shot("cooperation-01-agreement")
    no_axe_violations(coord, "agreement")

    # ---- the card before: 11 visits in 2019 against a target of 10
    coord.open(f"/tasks/{card.pk}/")
    expect(coord.page.locator(f"#indicator-{visits.pk}-fed")).to_contain_text("교류행사에서 자동 집계")
    expect(coord.page.locator(f"#indicator-{visits.pk}-rate-2019")).to_have_text("110%")

    # ---- a twelfth visit, recorded from the events page
    coord.open("/events/")
    coord.page.click("main >> text=교류행사 등록")
    coord.page.wait_for_url("**/events/new/")
    coord.page.select_option("#id_kind", "visit")
    coord.page.fill("#id_title", "시책현장 상호방문: 대구 안전체험관 방문")
    coord.page.fill("#id_start", "2019-12-05")
    coord.page.fill("#id_place", "대구시민안전테마파크")
    coord.page.select_option("#id_organizers", label=["대구광역시", "경상북도"])
    coord.page.fill("#id_participants", "31")
    coord.page.select_option("#id_agreement", label="대구·경북 한뿌리 상생협약")
    coord.page.select_option("#id_tasks", label=f"[{HANPPURI}] 10-4 {card.title}")
    coord.shot("cooperation-02-event-form")
    no_axe_violations(coord, "event-form")
    coord.page.click("main button:text-is('저장')")
    coord.page.wait_for_url("**/events/*/")
    assert "저장했습니다" in coord.page.inner_text("main")
    assert Event.objects.filter(title="시책현장 상호방문: 대구 안전체험관 방문").exists()

    # ---- the card after: 12 visits, recorded in its history
    coord.open(f"/tasks/{card.pk}/")
    expect(coord.page.locator(f"#indicator-{visits.pk}-rate-2019")).to_have_text("120%")
    assert IndicatorValue.objects.get(indicator=visits, year=2019).actual == 12
    coord.page.locator(f"#indicator-{visits.pk}").scroll_into_view_if_needed()
    coord.shot("cooperation-03-card-fed-indicator")
    coord.open(f"/tasks/{card.pk}/history/")
    expect(coord.page.locator("main")).to_contain_text("교류행사 반영: 시책현장 상호방문 횟수")

    # ---- the card's form shows where the actuals come from
    coord.open(f"/tasks/{card.pk}/parts/indicator:{visits.pk}/")
    expect(coord.page.locator("#computed-actuals")).to_contain_text("교류행사에서 자동 집계")
    assert coord.page.locator("#id_actual_2019").get_attribute("readonly") is not None

    # ---- another government sees none of it
    outsider = login("outsider", "sangsaeng-outsider-2026")
    outsider.open(f"/agreements/{agreement.pk}/")
    assert "대구·경북 한뿌리 상생협약" not in outsider.page.inner_text("main")
    outsider.open("/events/")
    expect(outsider.page.locator("#events")).to_contain_text("볼 수 있는 교류행사가 없습니다")
    assert not coord.errors, coord.errors

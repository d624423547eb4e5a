"""A coordinator's day with the management card, in a real browser (htmx, CSP and all)."""

from typing import Any

import pytest
from playwright.sync_api import expect

from sangsaeng.accounts.models import User
from sangsaeng.plans.models import Indicator, Task

pytestmark = pytest.mark.browser


def card_task() -> Task:
    return Task.objects.get(code="10-4", plan__title="대구·경북 한뿌리 상생협력")


def test_it_walks_from_login_to_the_card_with_the_sample_figures(demo: Any, login: Any) -> None:
    s = login()
    s.shot("01-plan-list")
    s.page.click("table.data >> text=대구·경북 한뿌리 상생협력")
    s.page.wait_for_url("**/plans/*/")
    s.shot("02-plan")
    s.page.click("#tasks a:text-is('대구·경북 한뿌리 상생협력')")
    s.page.wait_for_url("**/tasks/*/")
    s.page.select_option("#unit-select", "eok")
    s.page.click("text=적용")
    s.page.wait_for_load_state("networkidle")
    s.shot("03-card-10-4")
    budget = s.page.inner_text("#budget-planned")
    assert "18" in budget and "9" in budget and "1.5" in budget
    assert "10" in s.page.inner_text("#budget-secured")
    indicator = Indicator.objects.get(task=card_task(), name="상생협력과제 발굴")
    assert s.page.inner_text(f"#indicator-{indicator.pk}-rate-2018") == "250%"
    assert s.page.inner_text(f"#indicator-{indicator.pk}-rate-2019") == "800%"
    assert s.page.inner_text(f"#indicator-{indicator.pk}-term-rate").startswith("100% (실제 210%)")
    assert not s.errors, s.errors


def test_editing_an_actual_changes_the_rate_in_place(demo: Any, login: Any) -> None:
    task = card_task()
    indicator = Indicator.objects.get(task=task, name="상생협력과제 발굴")
    s = login()
    s.open(f"/tasks/{task.pk}/")
    s.page.click("[aria-label='상생협력과제 발굴 지표 수정']")
    s.page.wait_for_selector("input[name=actual_2019]")
    s.shot("04-indicator-form")
    s.page.fill("input[name=actual_2019]", "18")
    s.page.click("#part-indicators button:text-is('저장')")
    expect(s.page.locator(f"#indicator-{indicator.pk}-rate-2019")).to_have_text("900%")
    assert "100% (실제 230%)" in s.page.inner_text(f"#indicator-{indicator.pk}-term-rate")
    assert "저장했습니다" in s.page.inner_text("#part-indicators")
    s.shot("05-indicator-saved")
    assert not s.errors, s.errors


def test_it_adds_an_activity_written_the_way_officials_write_dates(demo: Any, login: Any) -> None:
    task = card_task()
    s = login()
    s.open(f"/tasks/{task.pk}/")
    s.page.click("#part-activities >> text=실적 추가")
    s.page.fill("input[name=when]", "'20. 3. 5")
    s.page.fill("input[name=text]", "시·도 상생협력 업무협의회 개최")
    s.page.fill("textarea[name=details]", "• (장소) 경북도청 / (참석) 시·도 담당자 30명")
    s.page.fill("input[name=participants]", "30")
    s.page.click("#part-activities button:text-is('저장')")
    s.page.wait_for_selector("#part-activities >> text=시·도 상생협력 업무협의회 개최")
    first = s.page.inner_text(".activity-list > li:first-child")
    assert "'20. 3. 5" in first and "30명" in first
    s.shot("06-activity-added")
    assert not s.errors, s.errors


def test_a_bad_date_is_explained_and_what_was_typed_stays(demo: Any, login: Any) -> None:
    s = login()
    s.open(f"/tasks/{card_task().pk}/")
    s.page.click("#part-activities >> text=실적 추가")
    s.page.fill("input[name=when]", "2019. 2. 30.")
    s.page.fill("input[name=text]", "워크숍 개최")
    s.page.click("#part-activities button:text-is('저장')")
    s.page.wait_for_selector("#part-activities >> text=달력에 없는 날")
    assert s.page.input_value("input[name=text]") == "워크숍 개최"
    s.shot("07-activity-error")


def test_two_people_editing_the_same_indicator_see_a_conflict_not_a_silent_overwrite(
    demo: Any, login: Any
) -> None:
    task = card_task()
    indicator = Indicator.objects.get(task=task, name="상생협력과제 발굴")
    second = User.objects.create_user("coordinator2", password="sangsaeng-second-2026", name="박총괄")
    task.plan.coordinators.add(second)
    a, b = login(), login("coordinator2", "sangsaeng-second-2026")
    for s in (a, b):
        s.open(f"/tasks/{task.pk}/")
        s.page.click("[aria-label='상생협력과제 발굴 지표 수정']")
        s.page.wait_for_selector("input[name=actual_2019]")
    a.page.fill("input[name=actual_2019]", "17")
    a.page.click("#part-indicators button:text-is('저장')")
    expect(a.page.locator(f"#indicator-{indicator.pk}-rate-2019")).to_have_text("850%")
    b.page.fill("input[name=actual_2019]", "20")
    b.page.fill("input[name=note]", "박총괄 확인")
    b.page.click("#part-indicators button:text-is('저장')")
    b.page.wait_for_selector("#conflict")
    text = b.page.inner_text("#conflict")
    assert "먼저 수정했습니다" in text and "김상생" in text and "2019년 실적" in text
    assert b.page.input_value("input[name=actual_2019]") == "20"
    assert b.page.input_value("input[name=note]") == "박총괄 확인"
    b.shot("08-conflict")
    assert indicator.values.get(year=2019).actual == 17


def test_history_lists_the_change_and_the_past_card_is_read_only(demo: Any, login: Any) -> None:
    task = card_task()
    s = login()
    s.open(f"/tasks/{task.pk}/")
    s.page.click("[aria-label='상생협력과제 발굴 지표 수정']")
    s.page.fill("input[name=actual_2019]", "19")
    s.page.click("#part-indicators button:text-is('저장')")
    s.page.wait_for_selector("#part-indicators >> text=950%")
    s.open(f"/tasks/{task.pk}/history/")
    assert "2019년 실적" in s.page.inner_text("main")
    s.shot("09-history")


def test_a_row_delete_button_submits_the_lists_shared_form(demo: Any, login: Any) -> None:
    # The rows carry no form of their own: each button posts the one hidden form to its formaction.
    task = card_task()
    activity = task.activities.order_by("-start", "-id").first()
    assert activity is not None
    s = login()
    s.open(f"/tasks/{task.pk}/")
    s.page.click(f"#activity-{activity.pk} button:text-is('삭제')")
    s.page.wait_for_url(f"**/tasks/{task.pk}/**")
    s.page.wait_for_load_state("networkidle")
    assert "삭제했습니다" in s.page.inner_text("main")
    assert not task.activities.filter(pk=activity.pk).exists()
    assert s.page.locator(f"#activity-{activity.pk}").count() == 0
    assert not s.errors, s.errors

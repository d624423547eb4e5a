"""The dashboards in Chromium: charts drawn under the strict CSP, WCAG 2.1 A/AA (axe), filters that
round-trip through the URL, and figures that lead to their tasks. Screenshots in var/test-screenshots/."""

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from sangsaeng.plans.models import Plan

from .test_accessibility import assert_structure

pytestmark = pytest.mark.browser


def test_the_dashboards_draw_their_charts_and_have_no_a_or_aa_violations(demo: Any, login: Any) -> None:
    plan = Plan.objects.get(title="대구·경북 한뿌리 상생협력")
    s = login()
    failures = {}
    for name, path in (
        ("dashboard", "/dashboard/"),
        ("dashboard-plan", f"/dashboard/plans/{plan.pk}/"),
        ("dashboard-plan-2019", f"/dashboard/plans/{plan.pk}/?year=2019&status=on_track"),
        ("dashboard-tasks", f"/dashboard/tasks/?plan={plan.pk}&level=top&group=done"),
    ):
        page = s.open(path)
        assert_structure(page, name)
        if name != "dashboard-tasks":
            drawn = page.evaluate(
                "() => [...document.querySelectorAll('canvas[data-chart]')]"
                ".map(c => Boolean(window.Chart && window.Chart.getChart(c)))"
            )
            assert drawn and all(drawn), f"{name}: a chart was not drawn ({drawn})"
        s.shot(name)
        violations = s.axe_violations()
        if violations:
            failures[name] = violations
    assert not failures, failures
    assert not s.errors, s.errors  # a Content Security Policy violation would be reported here


def test_the_filters_round_trip_through_the_url_and_counts_lead_to_their_tasks(demo: Any, login: Any) -> None:
    plan = Plan.objects.get(title="대구·경북 한뿌리 상생협력")
    s = login()
    page = s.open("/dashboard/")
    page.select_option("#f-plan", str(plan.pk))
    page.select_option("#f-status", "on_track")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    url = urlsplit(page.url)
    assert url.path == f"/dashboard/plans/{plan.pk}/"
    assert parse_qs(url.query)["status"] == ["on_track"]
    # The bookmarked address opens the same view, its choices selected.
    again = s.open(f"{url.path}?{url.query}")
    assert again.locator("#f-status").input_value() == "on_track"
    assert again.locator("#f-plan").input_value() == str(plan.pk)
    shown = int(again.locator(".dash-stat__value a").first.inner_text().replace(",", ""))
    again.locator(".dash-stat__value a").first.click()
    again.wait_for_load_state("networkidle")
    assert again.locator("#tasks tbody tr").count() == shown
    assert again.locator("#tasks caption").inner_text().startswith(f"과제 목록 {shown}건")
    assert not s.errors, s.errors

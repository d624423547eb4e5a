"""Key pages against WCAG 2.1 A/AA (KWCAG 2.2) with axe-core, plus the structural promises."""

from typing import Any

import pytest

from sangsaeng.plans.models import Plan, Task

pytestmark = pytest.mark.browser


def key_pages() -> list[tuple[str, str]]:
    plan = Plan.objects.get(title="대구·경북 한뿌리 상생협력")
    card = Task.objects.get(plan=plan, code="10-4")
    seoul = Task.objects.get(plan__title__contains="서울", code="1-1")
    parent = Task.objects.filter(plan=plan, children__isnull=False).first()
    assert parent is not None
    return [
        ("plan-list", "/plans/"),
        ("plan", f"/plans/{plan.pk}/"),
        ("plan-filtered", f"/plans/{plan.pk}/?status=on_track&q=대구"),
        ("card-10-4", f"/tasks/{card.pk}/"),
        ("card-seoul", f"/tasks/{seoul.pk}/"),
        ("card-parent", f"/tasks/{parent.pk}/"),
        ("history", f"/tasks/{card.pk}/history/"),
        ("edit-header", f"/tasks/{card.pk}/parts/header/"),
        ("edit-budget", f"/tasks/{card.pk}/parts/budget/"),
        ("subtask-new", f"/tasks/{card.pk}/subtasks/new/"),
    ]


def assert_structure(page: Any, name: str) -> None:
    assert page.get_attribute("html", "lang") == "ko", name
    assert page.locator("a.skip-link[href='#main']").count() == 1, name
    ids = page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids {sorted({i for i in ids if ids.count(i) > 1})}"
    for table in page.locator("table").all():
        assert table.locator("caption").count() == 1, f"{name}: a table without caption"
        for th in table.locator("th").all():
            assert th.get_attribute("scope") in ("col", "row", "rowgroup", "colgroup"), (
                f"{name}: th without scope"
            )


def test_key_pages_have_no_a_or_aa_violations(demo: Any, login: Any) -> None:
    s = login()
    failures = {}
    for name, path in key_pages():
        page = s.open(path)
        s.shot(f"a11y-{name}")
        assert_structure(page, name)
        violations = s.axe_violations()
        if violations:
            failures[name] = violations
    assert not failures, failures
    assert not s.errors, s.errors


def test_the_login_page_is_accessible(browser: Any, live_server: Any) -> None:
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    from .conftest import AXE

    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    assert not result["violations"], [v["id"] for v in result["violations"]]
    context.close()


def test_focus_is_visible_and_the_skip_link_works(demo: Any, login: Any) -> None:
    s = login()
    s.open("/plans/")
    s.page.keyboard.press("Tab")
    focused = s.page.evaluate("() => document.activeElement.className")
    assert "skip-link" in focused
    outline = s.page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    s.page.keyboard.press("Enter")
    assert s.page.evaluate("() => location.hash") == "#main"

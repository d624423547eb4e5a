"""Browser tests: the real app in headless Chromium (Debian's), driven by Playwright.

Without Chromium they are skipped with a message; in CI (CI=true) a missing Chromium fails the run.
Screenshots of every key page go to var/test-screenshots/ (the path is printed at the end).
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; our ORM calls around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test-screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI must run the browser tests, but Chromium is missing at {CHROMIUM}.")
    skip = pytest.mark.skip(reason="Chromium이 없어 브라우저 시험을 건너뜁니다 (apt-get install chromium).")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SCREENSHOTS.exists() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"브라우저 시험 화면: {SCREENSHOTS}")
    elif not os.path.exists(CHROMIUM):
        terminalreporter.write_line(
            "브라우저 시험을 건너뛰었습니다: Chromium이 없습니다 (apt-get install chromium)."
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def demo(transactional_db: None, settings: Any, tmp_path: Path) -> Any:
    from django.core.cache import cache

    from sangsaeng.demo.loader import load_demo

    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()  # figures cached under a former test's data (dashboards.cache)
    return load_demo(progress=lambda _: None)


class Session:
    """One logged-in browser context, with helpers that read like the steps of a user."""

    def __init__(self, browser: Any, base_url: str, username: str, password: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
        self.page = self.context.new_page()
        self.base_url = base_url
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.goto(base_url + "/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("main button[type=submit]")  # the header holds the language switch too
        self.page.wait_for_url("**/plans/")

    def open(self, path: str) -> Any:
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shot(self, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def axe_violations(self) -> list[dict[str, Any]]:
        """Level A and AA violations (WCAG 2.1; KWCAG 2.2 follows it) on the current page."""
        # axe measures with inline styles, which our CSP rightly reports; those reports are axe's, not ours.
        seen = len(self.errors)
        self.page.evaluate(AXE.read_text())
        result = self.page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        del self.errors[seen:]
        return [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def login(browser: Any, live_server: Any) -> Iterator[Any]:
    sessions: list[Session] = []

    def make(username: str = "demo", password: str = "sangsaeng-demo-2026") -> Session:
        session = Session(browser, live_server.url, username, password)
        sessions.append(session)
        return session

    yield make
    for s in sessions:
        s.close()

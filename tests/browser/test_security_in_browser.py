"""Sign-in security in a real browser: enrolling an authenticator, the code step, the idle warning."""

from typing import Any

import pytest
from playwright.sync_api import expect

from sangsaeng.security import totp
from sangsaeng.security.models import TotpDevice

pytestmark = pytest.mark.browser


def look(s: Any, name: str) -> None:
    """A screenshot, and no WCAG A/AA violation on what it shows."""
    s.shot(name)
    violations = s.axe_violations()
    assert not violations, (name, violations)


def test_a_coordinator_enrols_an_authenticator_and_logs_in_with_it(demo: Any, login: Any) -> None:
    s = login()
    page = s.page
    # The demo coordinator may still postpone: reminded on the first page, with a link.
    expect(page.locator(".alert--warning")).to_contain_text("2단계 인증을 설정해야 합니다")
    look(s, "security-01-reminder")
    page.click("text=지금 설정하기")
    page.wait_for_url("**/account/two-factor/enrol/")
    expect(page.locator(".enrol__qr img[alt='인증 앱으로 찍을 QR 코드']")).to_be_visible()
    look(s, "security-02-enrol")
    secret = page.get_attribute("#totp-secret", "data-secret")
    assert secret
    page.fill("#id_code", totp.code_at(secret))
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("복구 코드")
    assert page.locator(".recovery-codes li").count() == 10
    look(s, "security-03-recovery-codes")
    page.click("text=저장했습니다. 계속")
    page.wait_for_url("**/plans/")

    page.click("header button:text-is('로그아웃')")
    page.wait_for_url("**/accounts/login/")
    page.fill("#id_username", "demo")
    page.fill("#id_password", "sangsaeng-demo-2026")
    page.click("main button[type=submit]")
    page.wait_for_url("**/account/login/code/")
    look(s, "security-04-code-step")
    # The enrolment used this 30-second step; the app's next code is accepted (one step of drift).
    device = TotpDevice.objects.get(user__username="demo", confirmed_at__isnull=False)
    assert device.last_step is not None
    page.fill("#id_code", totp.hotp(secret, device.last_step + 1))
    page.click("main button[type=submit]")
    page.wait_for_url("**/plans/")

    s.open("/account/sessions/")
    expect(page.locator("table.data")).to_contain_text("지금 이 기기")
    look(s, "security-05-sessions")
    s.open("/account/")
    expect(page.locator("main")).to_contain_text("사용 중")
    look(s, "security-06-account")
    s.open("/account/two-factor/")
    expect(page.locator("main")).to_contain_text("2단계 인증을 사용하고 있습니다")
    look(s, "security-07-two-factor")
    s.open("/account/password/")
    look(s, "security-08-password")
    assert not s.errors, s.errors


def test_the_idle_warning_extends_the_session_and_then_logs_out(demo: Any, login: Any, settings: Any) -> None:
    settings.SECURITY_IDLE_TIMEOUT = 12
    settings.SECURITY_IDLE_WARNING = 6
    s = login()
    page = s.page
    dialog = page.locator("#idle-dialog")
    expect(dialog).to_be_visible(timeout=15_000)
    assert dialog.get_attribute("role") == "alertdialog"
    assert page.evaluate("document.activeElement.hasAttribute('data-idle-extend')")
    expect(dialog.locator("[data-idle-left]")).to_contain_text("초")
    look(s, "security-09-idle-warning")
    page.click("[data-idle-extend]")
    expect(dialog).to_be_hidden()
    # The session lives on past the original deadline.
    page.wait_for_timeout(7_000)
    s.open("/account/")
    assert "/account/" in page.url
    # Left alone, the warning comes back and the session ends.
    expect(dialog).to_be_visible(timeout=15_000)
    page.wait_for_url("**/accounts/login/**", timeout=20_000)
    expect(page.locator("main")).to_contain_text("오랫동안 사용하지 않아 로그아웃되었습니다.")
    look(s, "security-10-idle-logged-out")
    assert not s.errors, s.errors

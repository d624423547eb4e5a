"""The idle timeout is enforced by the server; the page's warning can extend it."""

import re
from typing import Any

import pytest
from django.test import Client

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.security.tests.conftest import Clock, login, page_text

pytestmark = pytest.mark.django_db


def signed_in() -> Client:
    client = Client()
    login(client, "officer")
    return client


def test_thirty_idle_minutes_log_out_with_a_message(world: World, clock: Clock) -> None:
    client = signed_in()
    assert client.get("/plans/").status_code == 200
    clock.advance(minutes=30, seconds=1)
    response = client.get("/plans/")
    assert response.status_code == 302 and response.url == "/accounts/login/?next=%2Fplans%2F"
    assert "_auth_user_id" not in client.session
    assert "오랫동안 사용하지 않아 로그아웃되었습니다." in page_text(client.get(response.url))
    assert AuditLog.objects.filter(action="logout", summary__contains="장시간 미사용").exists()


def test_activity_within_the_timeout_keeps_the_session(world: World, clock: Clock) -> None:
    client = signed_in()
    for _ in range(3):
        clock.advance(minutes=20)
        assert client.get("/plans/").status_code == 200


def test_extend_keeps_the_session_alive(world: World, clock: Clock) -> None:
    client = signed_in()
    clock.advance(minutes=28)
    response = client.post("/account/session/extend/", headers={"X-Sangsaeng-Idle": "1"})
    assert response.json() == {"remaining": 1800}
    clock.advance(minutes=28)
    assert client.get("/plans/").status_code == 200


def test_status_and_background_requests_do_not_count_as_activity(world: World, clock: Clock) -> None:
    client = signed_in()
    clock.advance(minutes=10)
    assert client.get("/account/session/status/").json() == {"remaining": 1200}
    clock.advance(minutes=10)
    # htmx polling that nobody caused is marked so by the page's script.
    polled = client.get("/plans/", headers={"HX-Request": "true", "X-Sangsaeng-Background": "1"})
    assert polled.status_code == 200
    assert client.get("/account/session/status/").json() == {"remaining": 600}
    clock.advance(minutes=10, seconds=1)
    assert client.get("/plans/").url.startswith("/accounts/login/")


def test_after_the_timeout_the_script_gets_json_and_htmx_a_redirect(world: World, clock: Clock) -> None:
    client = signed_in()
    clock.advance(minutes=31)
    expired = client.get("/account/session/status/", headers={"X-Sangsaeng-Idle": "1"})
    assert expired.status_code == 200 and expired.json()["expired"] is True
    client = signed_in()
    clock.advance(minutes=31)
    htmx = client.get(f"/tasks/{world.task.pk}/", headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == "/accounts/login/"


def test_a_session_ends_eight_hours_after_login_whatever_the_activity(world: World, clock: Clock) -> None:
    client = signed_in()
    for _ in range(16):
        clock.advance(minutes=29)
        assert client.post("/account/session/extend/").status_code == 200
    clock.advance(minutes=17)
    response = client.get("/plans/")
    assert response.url.startswith("/accounts/login/")
    assert "8시간이 지나" in page_text(client.get(response.url))


def test_pages_carry_the_warning_and_its_settings_without_inline_script(world: World, settings: Any) -> None:
    settings.SECURITY_IDLE_TIMEOUT = 600
    client = signed_in()
    text = page_text(client.get("/plans/"))
    assert 'role="alertdialog"' in text and 'aria-labelledby="idle-dialog-title"' in text
    script = re.search(r'<script src="/static/sangsaeng/idle.js"[^>]*>', text)
    assert script
    assert 'data-timeout="600"' in script.group(0) and 'data-warning="120"' in script.group(0)
    assert 'data-extend-url="/account/session/extend/"' in script.group(0)
    assert "연장" in text


def test_logged_out_pages_have_no_warning(world: World) -> None:
    assert "idle.js" not in page_text(Client().get("/accounts/login/"))

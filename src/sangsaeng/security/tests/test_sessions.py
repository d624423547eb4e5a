"""My sessions: where I am logged in, and signing those sessions out for real."""

from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.security.models import UserSession
from sangsaeng.security.net import describe_user_agent
from sangsaeng.security.tests.conftest import Clock, enrol, login, page_text

pytestmark = pytest.mark.django_db
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 "
    "Safari/537.36"
)
WHALE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 "
    "Whale/4.29 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Mobile/15E148 Safari/604.1"
)


def browser(username: str, user_agent: str, address: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    login(client, username, address=address)
    return client


def test_the_list_shows_my_sessions_with_this_one_marked(world: World) -> None:
    office = browser("officer", CHROME, "10.1.1.1")
    browser("officer", IPHONE, "10.3.3.3")
    browser("other", WHALE, "10.4.4.4")
    text = page_text(office.get("/account/sessions/"))
    assert "Chrome 131 · Windows" in text and "Safari 18 · iOS" in text and "10.3.3.3" in text
    assert text.count("지금 이 기기") == 1 and "Whale" not in text and "10.4.4.4" not in text


def test_signing_out_another_session_really_ends_it(world: World) -> None:
    office = browser("officer", CHROME, "10.1.1.1")
    phone = browser("officer", IPHONE, "10.3.3.3")
    assert phone.get("/plans/").status_code == 200
    row = UserSession.objects.get(user=world.officer, address="10.3.3.3")
    response = office.post("/account/sessions/end/", {"session": row.pk})
    assert response.url == "/account/sessions/"
    assert not Session.objects.filter(session_key=row.session_key).exists()
    assert phone.get("/plans/").url.startswith("/accounts/login/")
    assert office.get("/plans/").status_code == 200
    log = AuditLog.objects.get(action="session_end")
    assert log.actor == world.officer and log.address == "10.1.1.1" and "10.3.3.3" in log.summary


def test_no_one_can_end_a_session_of_someone_else_or_their_own_current_one(world: World) -> None:
    office = browser("officer", CHROME, "10.1.1.1")
    theirs = browser("other", WHALE, "10.4.4.4")
    their_row = UserSession.objects.get(user=world.other_officer)
    assert office.post("/account/sessions/end/", {"session": their_row.pk}).status_code == 404
    assert theirs.get("/plans/").status_code == 200
    mine = UserSession.objects.get(user=world.officer)
    assert office.post("/account/sessions/end/", {"session": mine.pk}).status_code == 404
    assert office.post("/account/sessions/end/", {"session": "x"}).status_code == 404


def test_sign_out_everywhere_else(world: World) -> None:
    office = browser("officer", CHROME, "10.1.1.1")
    others = [browser("officer", IPHONE, f"10.3.3.{i}") for i in range(3)]
    office.post("/account/sessions/end-others/")
    assert all(c.get("/plans/").url.startswith("/accounts/login/") for c in others)
    assert office.get("/plans/").status_code == 200
    assert UserSession.objects.filter(user=world.officer).count() == 1
    assert "다른 세션 3개" in AuditLog.objects.get(action="session_end_others").summary


def test_logging_out_removes_the_session_from_the_list(world: World) -> None:
    client = browser("officer", CHROME, "10.1.1.1")
    assert UserSession.objects.filter(user=world.officer).count() == 1
    client.post("/accounts/logout/")
    assert not UserSession.objects.filter(user=world.officer).exists()
    assert AuditLog.objects.filter(action="logout", actor=world.officer).exists()


def test_a_login_is_recorded_with_address_and_browser(world: World) -> None:
    browser("officer", WHALE, "10.5.5.5")
    log = AuditLog.objects.get(action="login")
    assert log.actor == world.officer and log.address == "10.5.5.5" and "Whale 4 · Windows" in log.summary


def test_user_agents_read_as_people_know_them() -> None:
    assert describe_user_agent(CHROME) == "Chrome 131 · Windows"
    assert describe_user_agent(WHALE) == "Whale 4 · Windows"
    assert describe_user_agent(IPHONE) == "Safari 18 · iOS"
    edge = "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Edg/131.0"
    assert describe_user_agent(edge) == "Edge 131 · Windows"
    assert describe_user_agent("curl/8.0") == ""


def test_cleanup_forgets_sessions_idle_past_the_timeout(world: World, clock: Clock) -> None:
    browser("officer", CHROME, "10.1.1.1")
    clock.advance(minutes=40)
    out = StringIO()
    call_command("security_cleanup", stdout=out)
    assert "세션 1개" in out.getvalue()
    assert not UserSession.objects.exists() and not Session.objects.exists()


def test_an_administrator_resets_a_lost_second_factor(world: World) -> None:
    enrol(world.officer)
    phone = world.client_for(world.officer)
    call_command("security_reset_2fa", "officer", stdout=StringIO())
    assert not world.officer.totp_devices.exists()
    assert phone.get("/plans/").url.startswith("/accounts/login/")
    assert AuditLog.objects.filter(
        action="2fa_disable", actor=None, summary__contains="관리자 초기화"
    ).exists()

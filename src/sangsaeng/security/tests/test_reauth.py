"""Sensitive changes ask for the password (and code, if enrolled) entered within the last 5 minutes."""

import pytest
from django.test import Client

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import PASSWORD, World
from sangsaeng.security.tests.conftest import Clock, enrol, fresh_code, login, page_text

pytestmark = pytest.mark.django_db
SENSITIVE = [
    "/account/email/",
    "/account/two-factor/enrol/",
    "/account/two-factor/disable/",
    "/account/two-factor/recovery-codes/",
]


def test_a_fresh_login_counts_as_proof_for_five_minutes(world: World, clock: Clock) -> None:
    client = Client()
    login(client, "officer")
    assert client.get("/account/email/").status_code == 200
    clock.advance(minutes=5, seconds=1)
    response = client.get("/account/email/")
    assert response.url == "/account/reauth/?next=%2Faccount%2Femail%2F"


@pytest.mark.parametrize("url", SENSITIVE)
def test_sensitive_pages_send_a_long_ago_login_to_re_authenticate(world: World, url: str) -> None:
    enrol(world.officer)  # so that the second-factor pages have something to act on
    client = world.client_for(world.officer)  # logged in long ago: no recent proof in the session
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response.url.startswith("/account/reauth/?next="), (
            method,
            url,
        )


def test_changing_the_email_after_re_authentication(world: World) -> None:
    client = world.client_for(world.officer)
    response = client.get("/account/email/")
    assert "비밀번호를 다시 입력하세요" in page_text(client.get(response.url))
    wrong = client.post("/account/reauth/", {"password": "not-the-password", "next": "/account/email/"})
    assert wrong.status_code == 200 and "비밀번호가 맞지 않습니다" in page_text(wrong)
    back = client.post("/account/reauth/", {"password": PASSWORD, "next": "/account/email/"})
    assert back.url == "/account/email/"
    done = client.post("/account/email/", {"email": "officer@gb.go.kr"})
    assert done.url == "/account/"
    world.officer.refresh_from_db()
    assert world.officer.email == "officer@gb.go.kr"
    log = AuditLog.objects.get(action="email_change")
    assert log.actor == world.officer and log.address == "127.0.0.1"
    assert log.changes == [{"field": "email", "before": "", "after": "officer@gb.go.kr"}]


def test_an_enrolled_user_re_authenticates_with_password_and_code(world: World) -> None:
    device = enrol(world.officer)
    client = world.client_for(world.officer)
    page = page_text(client.get("/account/reauth/?next=/account/email/"))
    assert "비밀번호와 인증 코드를 다시 입력하세요" in page
    missing = client.post("/account/reauth/", {"password": PASSWORD, "next": "/account/email/"})
    assert missing.status_code == 200
    wrong = client.post(
        "/account/reauth/", {"password": PASSWORD, "code": "000000", "next": "/account/email/"}
    )
    assert "인증 코드가 맞지 않습니다" in page_text(wrong)
    ok = client.post(
        "/account/reauth/", {"password": PASSWORD, "code": fresh_code(device), "next": "/account/email/"}
    )
    assert ok.url == "/account/email/"


def test_re_authentication_is_throttled_like_login(world: World, clock: Clock) -> None:
    client = world.client_for(world.officer)
    for _ in range(5):
        response = client.post("/account/reauth/", {"password": "not-the-password"})
    assert "로그인 시도가 너무 많습니다. 1분 후에 다시 시도하세요." in page_text(response)
    refused = client.post("/account/reauth/", {"password": PASSWORD})
    assert refused.status_code == 200 and "1분 후" in page_text(refused)


def test_reauth_does_not_send_anyone_to_another_site(world: World) -> None:
    client = world.client_for(world.officer)
    response = client.post("/account/reauth/", {"password": PASSWORD, "next": "https://evil.example/"})
    assert response.url == "/account/"


def test_an_email_in_use_by_another_user_is_refused(world: World) -> None:
    world.other_officer.email = "taken@gb.go.kr"
    world.other_officer.save()
    client = Client()
    login(client, "officer")
    response = client.post("/account/email/", {"email": "TAKEN@gb.go.kr"})
    assert response.status_code == 200 and "이 이메일을 쓰는 다른 사용자가 있습니다" in page_text(response)


def test_name_and_phone_change_without_re_authentication_and_are_audited(world: World) -> None:
    client = world.client_for(world.officer)
    response = client.post("/account/", {"name": "김담당", "phone": "054-880-1234"})
    assert response.url == "/account/"
    world.officer.refresh_from_db()
    assert (world.officer.name, world.officer.phone) == ("김담당", "054-880-1234")
    assert AuditLog.objects.get(action="profile_change").actor == world.officer

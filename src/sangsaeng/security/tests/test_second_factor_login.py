"""The code step after the password: not logged in until it passes; throttled; recovery codes work once."""

import pytest
from django.test import Client

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.security import services
from sangsaeng.security.models import RecoveryCode
from sangsaeng.security.tests.conftest import Clock, enrol, fresh_code, login, page_text

pytestmark = pytest.mark.django_db


def test_with_an_authenticator_the_password_alone_does_not_log_in(world: World) -> None:
    enrol(world.officer)
    client = Client()
    response = login(client, "officer")
    assert response.status_code == 302 and response.url == "/account/login/code/"
    assert "_auth_user_id" not in client.session
    assert client.get("/plans/").url.startswith("/accounts/login/")
    assert "인증 앱" in page_text(client.get("/account/login/code/"))


def test_the_right_code_logs_in_and_returns_to_the_page_asked_for(world: World) -> None:
    device = enrol(world.officer)
    client = Client()
    client.post(
        "/accounts/login/?next=/plans/",
        {"username": "officer", "password": "correct-horse-battery-staple", "next": "/plans/"},
    )
    response = client.post("/account/login/code/", {"code": fresh_code(device)})
    assert response.status_code == 302 and response.url == "/plans/"
    assert client.get("/plans/").status_code == 200
    assert AuditLog.objects.filter(action="login", actor=world.officer, summary__contains="인증 앱").exists()


def test_a_code_is_good_only_once(world: World) -> None:
    device = enrol(world.officer)
    code = fresh_code(device)
    first = Client()
    login(first, "officer")
    assert first.post("/account/login/code/", {"code": code}).status_code == 302
    second = Client()
    login(second, "officer")
    response = second.post("/account/login/code/", {"code": code})
    assert response.status_code == 200 and "인증 코드가 맞지 않습니다" in page_text(response)


def test_a_wrong_code_is_refused(world: World) -> None:
    enrol(world.officer)
    client = Client()
    login(client, "officer")
    response = client.post("/account/login/code/", {"code": "000000"})
    assert response.status_code == 200 and "인증 코드가 맞지 않습니다" in page_text(response)
    assert "_auth_user_id" not in client.session


def test_the_code_step_is_throttled(world: World, clock: Clock) -> None:
    device = enrol(world.officer)
    client = Client()
    login(client, "officer")
    for _ in range(4):
        client.post("/account/login/code/", {"code": "000000"})
    text = page_text(client.post("/account/login/code/", {"code": "000000"}))
    assert "로그인 시도가 너무 많습니다. 1분 후에 다시 시도하세요." in text
    # Even the right code waits for the cool-off.
    refused = client.post("/account/login/code/", {"code": fresh_code(device)})
    assert "1분 후에 다시 시도하세요" in page_text(refused) and "_auth_user_id" not in client.session
    clock.advance(seconds=61)
    login(client, "officer")  # the pending login has not expired; logging in again is also fine
    assert client.post("/account/login/code/", {"code": fresh_code(device)}).status_code == 302


def test_the_code_step_expires_after_five_minutes(world: World, clock: Clock) -> None:
    device = enrol(world.officer)
    client = Client()
    login(client, "officer")
    clock.advance(minutes=5, seconds=1)
    response = client.post("/account/login/code/", {"code": fresh_code(device)})
    assert response.status_code == 302 and response.url == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_logs_in_once(world: World) -> None:
    enrol(world.officer)
    codes = services.regenerate_recovery_codes(user=world.officer, address=None)
    client = Client()
    login(client, "officer")
    response = client.post("/account/login/code/", {"code": codes[0].lower()})
    assert response.status_code == 302
    assert "남은 복구 코드는 9개" in page_text(client.get("/account/"))
    log = AuditLog.objects.get(action="2fa_recovery_use")
    assert log.actor == world.officer and log.address == "127.0.0.1"
    again = Client()
    login(again, "officer")
    response = again.post("/account/login/code/", {"code": codes[0]})
    assert response.status_code == 200 and "_auth_user_id" not in again.session
    assert RecoveryCode.objects.filter(user=world.officer, used_at__isnull=True).count() == 9


def test_recovery_codes_are_stored_hashed(world: World) -> None:
    enrol(world.officer)
    codes = services.regenerate_recovery_codes(user=world.officer, address=None)
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 10 and not any(c.replace("-", "") in h for c in codes for h in stored)

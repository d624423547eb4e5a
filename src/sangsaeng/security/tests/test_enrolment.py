"""Enrolling an authenticator, recovery codes shown once, regenerated, downloadable."""

import re
from urllib.parse import unquote

import pytest
from django.test import Client

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.security import totp
from sangsaeng.security.models import RecoveryCode, TotpDevice
from sangsaeng.security.tests.conftest import enrol, fresh_code, login, page_text

pytestmark = pytest.mark.django_db


def signed_in(username: str) -> Client:
    client = Client()
    login(client, username)
    return client


def shown_secret(text: str) -> str:
    found = re.search(r'data-secret="([A-Z2-7]+)"', text)
    assert found, "the page shows the secret"
    return found.group(1)


def test_the_page_shows_a_qr_code_and_the_secret_that_the_app_uses(world: World) -> None:
    client = signed_in("officer")
    text = page_text(client.get("/account/two-factor/enrol/"))
    device = TotpDevice.objects.get(user=world.officer)
    assert shown_secret(text) == device.secret
    assert re.search(
        r'<img src="data:image/svg\+xml;[^"]+" width="\d+" height="\d+" alt="인증 앱으로 찍을 QR 코드">', text
    )
    assert "otpauth://totp/%EC%83%81%EC%83%9D%3Aofficer?secret=" + device.secret in text
    # Reloading keeps the secret the user may already have scanned.
    assert shown_secret(page_text(client.get("/account/two-factor/enrol/"))) == device.secret


def test_a_wrong_code_does_not_enrol(world: World) -> None:
    client = signed_in("officer")
    client.get("/account/two-factor/enrol/")
    response = client.post("/account/two-factor/enrol/", {"code": "123456"})
    assert response.status_code == 200 and "인증 코드가 맞지 않습니다" in page_text(response)
    assert not TotpDevice.objects.filter(user=world.officer, confirmed_at__isnull=False).exists()


def test_the_right_code_enrols_and_shows_ten_recovery_codes_once(world: World) -> None:
    client = signed_in("officer")
    secret = shown_secret(page_text(client.get("/account/two-factor/enrol/")))
    response = client.post("/account/two-factor/enrol/", {"code": totp.code_at(secret)})
    text = page_text(response)
    codes = re.findall(r"<li><code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</code></li>", text)
    assert len(codes) == 10 and response["Cache-Control"] == "no-store"
    download = re.search(r'href="data:text/plain;charset=utf-8,([^"]+)" download="([^"]+)"', text)
    assert download and download.group(2) == "sangsaeng-recovery-codes.txt"
    assert all(code in unquote(download.group(1)) for code in codes)
    assert RecoveryCode.objects.filter(user=world.officer).count() == 10
    assert AuditLog.objects.filter(action="2fa_enrol", actor=world.officer, address="127.0.0.1").exists()
    # The codes are not shown again anywhere.
    assert codes[0] not in page_text(client.get("/account/two-factor/"))


def test_regenerating_recovery_codes_retires_the_old_ones(world: World) -> None:
    device = enrol(world.officer)
    client = Client()
    login(client, "officer")
    client.post("/account/login/code/", {"code": fresh_code(device)})
    assert "지금 가진 복구 코드는 모두 쓸 수 없게" in page_text(
        client.get("/account/two-factor/recovery-codes/")
    )
    old = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    text = page_text(client.post("/account/two-factor/recovery-codes/"))
    assert len(re.findall(r"<li><code>", text)) == 10
    assert not old & set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert AuditLog.objects.filter(action="2fa_recovery_codes").count() == 1


def test_re_enrolling_replaces_the_old_authenticator(world: World) -> None:
    old = enrol(world.officer)
    client = Client()
    login(client, "officer")
    client.post("/account/login/code/", {"code": fresh_code(old)})
    text = page_text(client.get("/account/two-factor/enrol/"))
    assert "2단계 인증 재설정" in text
    client.post("/account/two-factor/enrol/", {"code": totp.code_at(shown_secret(text))})
    devices = TotpDevice.objects.filter(user=world.officer)
    assert devices.count() == 1 and devices.get().secret != old.secret
    assert AuditLog.objects.filter(action="2fa_enrol", summary__contains="재설정").exists()

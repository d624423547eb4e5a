"""Administrators and coordinators must enrol: after any grace period they can open nothing else."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.conftest import World, make_user
from sangsaeng.security import totp
from sangsaeng.security.models import SecondFactorGrace, TotpDevice
from sangsaeng.security.policy import second_factor_required
from sangsaeng.security.tests.conftest import Clock, enrol, fresh_code, login, page_text

pytestmark = pytest.mark.django_db


def test_who_must_use_a_second_factor(world: World) -> None:
    admin = make_user("admin", world.gyeongbuk)
    admin.is_superuser = True
    admin.save()
    assert second_factor_required(admin)
    assert second_factor_required(world.coordinator)
    assert not second_factor_required(world.officer)
    world.plan.coordinators.add(world.officer)
    assert second_factor_required(world.officer)


def test_a_coordinator_past_the_grace_period_is_sent_to_enrolment_and_held_there(
    world: World, settings: Any
) -> None:
    settings.SECURITY_2FA_GRACE_DAYS = 0
    client = Client()
    response = login(client, "coordinator")
    assert response.status_code == 302
    blocked = client.get("/plans/")
    assert blocked.status_code == 302 and blocked.url == "/account/two-factor/enrol/"
    for url in (f"/plans/{world.plan.pk}/", f"/tasks/{world.task.pk}/", "/account/", "/account/sessions/"):
        assert client.get(url).url == "/account/two-factor/enrol/", url
    htmx = client.get(f"/tasks/{world.task.pk}/", headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == "/account/two-factor/enrol/"
    # Enrolment itself, the idle endpoints and logout stay open.
    page = client.get("/account/two-factor/enrol/")
    assert page.status_code == 200 and "data:image/svg+xml" in page_text(page)
    assert client.get("/account/session/status/").status_code == 200
    # Enrolling opens everything.
    device = TotpDevice.objects.get(user=world.coordinator, confirmed_at__isnull=True)
    done = client.post("/account/two-factor/enrol/", {"code": totp.code_at(device.secret)})
    assert done.status_code == 200 and "복구 코드" in page_text(done)
    assert client.get("/plans/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302


def test_logout_stays_open_while_enrolment_is_required(world: World, settings: Any) -> None:
    settings.SECURITY_2FA_GRACE_DAYS = 0
    client = Client()
    login(client, "coordinator")
    assert client.post("/accounts/logout/").url == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_within_the_grace_period_a_coordinator_is_reminded_and_may_go_on(world: World, clock: Clock) -> None:
    client = Client()
    login(client, "coordinator")
    page = client.get("/plans/")
    assert page.status_code == 200
    assert "2단계 인증을 설정해야 합니다" in page_text(page) and "지금 설정하기" in page_text(page)
    grace = SecondFactorGrace.objects.get(user=world.coordinator)
    assert dt.timedelta(days=6, hours=23) < grace.until - timezone.now() <= dt.timedelta(days=7)
    # After the grace period, the next login is held at enrolment.
    clock.advance(days=7, minutes=1)
    client = Client()
    login(client, "coordinator")
    assert client.get("/plans/").url == "/account/two-factor/enrol/"


def test_an_administrator_gets_no_grace(world: World) -> None:
    admin = make_user("admin", world.gyeongbuk)
    admin.is_superuser = True
    admin.save()
    client = Client()
    login(client, "admin")
    assert client.get("/plans/").url == "/account/two-factor/enrol/"
    assert not SecondFactorGrace.objects.filter(user=admin).exists()


def test_an_officer_need_not_enrol_but_may(world: World) -> None:
    client = Client()
    login(client, "officer")
    page = client.get("/plans/")
    assert page.status_code == 200 and "2단계 인증을 설정해야" not in page_text(page)
    assert "2단계 인증 설정하기" in page_text(client.get("/account/two-factor/"))


def test_a_session_that_skipped_the_code_step_is_ended(world: World) -> None:
    """force_login (or any other login path) cannot get around the code step of an enrolled user."""
    enrol(world.officer)
    client = Client()
    client.force_login(world.officer)
    response = client.get("/plans/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_an_enrolled_coordinator_logs_in_with_a_code_and_is_not_held(world: World) -> None:
    device = enrol(world.coordinator)
    client = Client()
    login(client, "coordinator")
    client.post("/account/login/code/", {"code": fresh_code(device)})
    assert client.get("/plans/").status_code == 200


def test_a_coordinator_may_reset_but_not_turn_off_the_second_factor(world: World) -> None:
    device = enrol(world.coordinator)
    client = Client()
    login(client, "coordinator")
    client.post("/account/login/code/", {"code": fresh_code(device)})
    page = page_text(client.get("/account/two-factor/"))
    assert "2단계 인증 끄기" not in page and "새 휴대전화로 재설정" in page
    client.post("/account/two-factor/disable/")
    assert TotpDevice.objects.filter(user=world.coordinator, confirmed_at__isnull=False).exists()


def test_an_officer_may_turn_the_second_factor_off(world: World) -> None:
    device = enrol(world.officer)
    client = Client()
    login(client, "officer")
    client.post("/account/login/code/", {"code": fresh_code(device)})
    assert "끄면 비밀번호만으로" in page_text(client.get("/account/two-factor/disable/"))
    response = client.post("/account/two-factor/disable/")
    assert response.url == "/account/two-factor/"
    assert not TotpDevice.objects.filter(user=world.officer).exists()
    assert User.objects.get(pk=world.officer.pk).recovery_codes.count() == 0

"""Helpers for the sign-in tests: a movable clock, logging in through the real form, TOTP codes."""

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.conftest import PASSWORD, World
from sangsaeng.security import services, totp
from sangsaeng.security.models import TotpDevice


class Clock:
    """Moves django.utils.timezone.now, which every expiry and throttle in the app reads."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def advance(self, **delta: float) -> None:
        self.offset += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    c = Clock()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + c.offset)
    yield c


def login(client: Client, username: str, password: str = PASSWORD, address: str = "10.1.1.1") -> object:
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def enrol(user: User) -> TotpDevice:
    """A confirmed authenticator for `user`, as if enrolled through the page."""
    device = services.pending_device(user=user)
    services.confirm_device(user=user, code=totp.code_at(device.secret), address=None)
    device.refresh_from_db()
    return device


def fresh_code(device: TotpDevice) -> str:
    """The app's current code, as if 30 seconds had passed since the last one was used."""
    TotpDevice.objects.filter(pk=device.pk).update(last_step=None)
    return totp.code_at(device.secret)


def page_text(response: object) -> str:
    content: bytes = response.content  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", content.decode())


@pytest.fixture
def coordinator(world: World) -> User:
    return world.coordinator


@pytest.fixture
def officer(world: World) -> User:
    return world.officer

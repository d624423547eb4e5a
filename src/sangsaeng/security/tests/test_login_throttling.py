"""Login throttling: by username and by address, with a cool-off that grows and then expires."""

import datetime as dt

import pytest
from django.test import Client, RequestFactory, override_settings

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.security.models import LoginFailure
from sangsaeng.security.net import client_address
from sangsaeng.security.tests.conftest import Clock, login, page_text
from sangsaeng.security.throttle import Rule, blocked_until

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
RULE = Rule(
    limit=5,
    window=dt.timedelta(minutes=15),
    first_cooloff=dt.timedelta(minutes=1),
    max_cooloff=dt.timedelta(minutes=15),
)


def fail(client: Client, username: str, times: int, address: str = "10.1.1.1") -> str:
    text = ""
    for _ in range(times):
        text = page_text(login(client, username, "wrong-password-x", address))
    return text


def logged_in(response: object) -> bool:
    return getattr(response, "status_code", 0) == 302 and getattr(response, "url", "") == "/"


def test_five_wrong_passwords_start_a_cool_off_that_refuses_even_the_right_one(
    world: World, clock: Clock
) -> None:
    client = Client()
    text = fail(client, "officer", 4)
    assert "아이디 또는 비밀번호가 올바르지 않습니다" in text
    text = fail(client, "officer", 1)
    assert "로그인 시도가 너무 많습니다. 1분 후에 다시 시도하세요." in text
    refused = login(client, "officer")
    assert refused.status_code == 200 and "1분 후에 다시 시도하세요" in page_text(refused)
    clock.advance(seconds=61)
    assert logged_in(login(client, "officer"))


def test_each_further_failure_doubles_the_cool_off_up_to_fifteen_minutes(world: World, clock: Clock) -> None:
    client = Client()
    fail(client, "officer", 5)
    waits = [1]
    for _ in range(5):
        clock.advance(minutes=waits[-1], seconds=1)
        text = fail(client, "officer", 1)
        waits.append(int(text.split("로그인 시도가 너무 많습니다. ")[1].split("분")[0]))
    assert waits == [1, 2, 4, 8, 15, 15]


def test_the_cool_off_expires_and_a_quiet_quarter_hour_ends_the_streak(world: World, clock: Clock) -> None:
    client = Client()
    fail(client, "officer", 5)
    clock.advance(minutes=1, seconds=1)
    # A quiet 15 minutes after the cool-off: the next failure is the first of a new streak.
    clock.advance(minutes=16)
    assert "아이디 또는 비밀번호가 올바르지 않습니다" in fail(client, "officer", 1)


def test_a_username_in_cool_off_does_not_hold_back_other_users(world: World, clock: Clock) -> None:
    client = Client()
    fail(client, "officer", 5)
    assert logged_in(login(Client(), "other"))


def test_twenty_failures_from_one_address_cool_off_that_address_only(world: World, clock: Clock) -> None:
    client = Client()
    # Four names, five failures each would lock each name; spread over many names instead.
    for i in range(20):
        fail(client, f"nobody{i}", 1, address="10.9.9.9")
    blocked = login(Client(), "officer", address="10.9.9.9")
    assert "로그인 시도가 너무 많습니다" in page_text(blocked)
    assert logged_in(login(Client(), "officer", address="10.2.2.2"))
    clock.advance(seconds=61)
    assert logged_in(login(Client(), "other", address="10.9.9.9"))


def test_a_successful_login_clears_the_username_counter_but_not_the_address(
    world: World, clock: Clock
) -> None:
    client = Client()
    fail(client, "officer", 4)
    assert logged_in(login(Client(), "officer"))
    # Four more failures do not lock the name: its count started again.
    assert "아이디 또는 비밀번호가 올바르지 않습니다" in fail(client, "officer", 4)
    # The address still counts all eight.
    assert LoginFailure.objects.filter(address="10.1.1.1").count() == 8


def test_unknown_usernames_are_throttled_like_real_ones(world: World, clock: Clock) -> None:
    assert "1분 후에 다시 시도하세요" in fail(Client(), "no-such-user", 5)


def test_a_cool_off_is_audited_with_the_address(world: World, clock: Clock) -> None:
    fail(Client(), "officer", 5, address="10.7.7.7")
    log = AuditLog.objects.get(action="login_throttled")
    assert log.address == "10.7.7.7" and "officer" in log.summary and "1분" in log.summary


def test_rows_older_than_a_day_are_deleted(world: World, clock: Clock) -> None:
    fail(Client(), "officer", 2)
    clock.advance(days=1, minutes=1)
    fail(Client(), "other", 1)
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["other"]


def test_the_rule_itself() -> None:
    minute = dt.timedelta(minutes=1)
    assert blocked_until([T0 + i * minute for i in range(4)], RULE) is None
    assert blocked_until([T0 + i * minute for i in range(5)], RULE) == T0 + 5 * minute
    # Spread out: a gap of more than 15 quiet minutes starts again.
    assert blocked_until([T0 + i * 16 * minute for i in range(5)], RULE) is None
    six = [T0 + i * minute for i in range(5)] + [T0 + 6 * minute]
    assert blocked_until(six, RULE) == T0 + 8 * minute


def test_client_address_is_remote_addr_unless_proxies_are_trusted() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_address(request) == "10.0.0.5"
    with override_settings(SECURITY_TRUSTED_PROXIES=1):
        assert client_address(request) == "203.0.113.9"
    with override_settings(SECURITY_TRUSTED_PROXIES=2):
        assert client_address(request) == "6.6.6.6"
    with override_settings(SECURITY_TRUSTED_PROXIES=3):
        assert client_address(request) == "10.0.0.5"  # fewer entries than proxies: not trusted

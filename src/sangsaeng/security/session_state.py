"""What the session remembers about how its user authenticated. Times are Unix seconds.

Kept apart from the views so that the middleware, the views and the test helper agree on the keys.
"""

from typing import Any, TypedDict

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

# The second factor was passed in this session, or was not needed (see middleware.SecondFactorMiddleware).
SECOND_FACTOR = "security.second_factor"
VERIFIED = "verified"
# When the user last proved who they are (password, and code if enrolled): gates sensitive changes.
REAUTH_AT = "security.reauth_at"
# Last request the user made (not background polling): the idle timeout counts from here.
LAST_ACTIVITY = "security.last_activity"
LOGIN_AT = "security.login_at"
# When the session's UserSession row was last touched (at most once a minute).
SEEN_AT = "security.seen_at"
# Password accepted, code not yet: who is logging in. Never a logged-in user.
PENDING_LOGIN = "security.pending_login"


class PendingLogin(TypedDict):
    user_id: int
    backend: str
    started: float
    next: str


def now() -> float:
    # Through django.utils.timezone, so one clock (and one patch of it in tests) rules everything.
    return timezone.now().timestamp()


def mark_verified(session: SessionBase) -> None:
    session[SECOND_FACTOR] = VERIFIED


def is_verified(session: SessionBase) -> bool:
    return bool(session.get(SECOND_FACTOR) == VERIFIED)


def mark_reauthenticated(session: SessionBase) -> None:
    session[REAUTH_AT] = now()


def reauthenticated_within(session: SessionBase, seconds: int) -> bool:
    at = session.get(REAUTH_AT)
    return isinstance(at, float | int) and now() - at <= seconds


def start_pending(session: SessionBase, *, user_id: int, backend: str, next_url: str) -> None:
    session[PENDING_LOGIN] = PendingLogin(user_id=user_id, backend=backend, started=now(), next=next_url)


def pending(session: SessionBase, max_age: int) -> PendingLogin | None:
    value: Any = session.get(PENDING_LOGIN)
    if not isinstance(value, dict) or now() - float(value.get("started", 0)) > max_age:
        return None
    return PendingLogin(
        user_id=int(value["user_id"]),
        backend=str(value["backend"]),
        started=float(value["started"]),
        next=str(value.get("next", "")),
    )


def clear_pending(session: SessionBase) -> None:
    session.pop(PENDING_LOGIN, None)


def started_fresh(session: SessionBase) -> None:
    """Right after login(): the clocks start now."""
    t = now()
    session[LOGIN_AT] = t
    session[LAST_ACTIVITY] = t
    session[SEEN_AT] = t

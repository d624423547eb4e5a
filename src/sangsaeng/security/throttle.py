"""Login throttling with a growing cool-off, by username and by client address separately.

Never a permanent lockout (which would let anyone lock any official out): after LIMIT failures in a
streak, further attempts are refused for a cool-off of 1 minute, doubled by each further failure, up
to 15 minutes. A streak ends after WINDOW (15 minutes) without failures, counted from the end of the
last cool-off. Refused attempts are not failures: a person retrying too early does not make it worse.

Limits: 5 per username (password failures at login and re-authentication), 20 per address (password
and code failures: an office behind one NAT address shares it), 5 per user for second-factor codes.
A successful login clears the username's and the user's counters, never the address's.
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import ngettext

from sangsaeng.accounts.models import User
from sangsaeng.audit.services import log_event
from sangsaeng.security.models import FailureKind, LoginFailure

KEEP = dt.timedelta(days=1)
# Enough rows to see any streak that can still matter (the cap is reached long before).
HISTORY = 200


@dataclass(frozen=True)
class Rule:
    limit: int
    window: dt.timedelta
    first_cooloff: dt.timedelta
    max_cooloff: dt.timedelta


def rule(limit_setting: str) -> Rule:
    return Rule(
        limit=getattr(settings, limit_setting),
        window=dt.timedelta(minutes=settings.SECURITY_THROTTLE_WINDOW_MINUTES),
        first_cooloff=dt.timedelta(minutes=1),
        max_cooloff=dt.timedelta(minutes=settings.SECURITY_THROTTLE_MAX_COOLOFF_MINUTES),
    )


def blocked_until(times: Sequence[dt.datetime], r: Rule) -> dt.datetime | None:
    """When the cool-off that these failures (oldest first) started ends; None if they started none."""
    count = 0
    last: dt.datetime | None = None
    until: dt.datetime | None = None
    for at in times:
        quiet_since = max(last, until or last) if last else None
        if quiet_since is not None and at - quiet_since > r.window:
            count, until = 0, None
        count += 1
        last = at
        if count >= r.limit:
            until = at + min(r.first_cooloff * 2 ** (count - r.limit), r.max_cooloff)
    return until


def _times(condition: Q) -> list[dt.datetime]:
    since = timezone.now() - KEEP
    rows = LoginFailure.objects.filter(condition, at__gte=since).order_by("-at")[:HISTORY]
    return sorted(row.at for row in rows)


def _scopes(*, username: str, address: str | None, user: User | None, kind: str) -> list[tuple[Q, Rule]]:
    scopes: list[tuple[Q, Rule]] = []
    if kind == FailureKind.PASSWORD and username:
        scopes.append((Q(username=username, kind=FailureKind.PASSWORD), rule("SECURITY_THROTTLE_PER_USER")))
    if kind == FailureKind.CODE and user is not None:
        scopes.append((Q(user=user, kind=FailureKind.CODE), rule("SECURITY_THROTTLE_CODES_PER_USER")))
    if address:
        scopes.append((Q(address=address), rule("SECURITY_THROTTLE_PER_ADDRESS")))
    return scopes


def normalise(username: str) -> str:
    return username.strip().casefold()[:150]


def wait_seconds(*, kind: str, username: str = "", address: str | None, user: User | None = None) -> int:
    """Seconds until the next attempt is allowed; 0 when it is allowed now."""
    now = timezone.now()
    longest = 0.0
    for condition, r in _scopes(username=normalise(username), address=address, user=user, kind=kind):
        until = blocked_until(_times(condition), r)
        if until and until > now:
            longest = max(longest, (until - now).total_seconds())
    return math.ceil(longest)


def message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "로그인 시도가 너무 많습니다. %(minutes)d분 후에 다시 시도하세요.",
        "로그인 시도가 너무 많습니다. %(minutes)d분 후에 다시 시도하세요.",
        minutes,
    ) % {"minutes": minutes}


@transaction.atomic
def record_failure(*, kind: str, username: str = "", address: str | None, user: User | None = None) -> int:
    """Store a failure; returns the cool-off it started in seconds (0 if none), audited when > 0."""
    now = timezone.now()
    name = normalise(username or (user.username if user else ""))
    if user is None and kind == FailureKind.PASSWORD:
        user = User.objects.filter(username__iexact=name).first()
    LoginFailure.objects.filter(at__lt=now - KEEP).delete()
    LoginFailure.objects.create(at=now, kind=kind, username=name, user=user, address=address)
    wait = wait_seconds(kind=kind, username=name, address=address, user=user)
    if wait:
        minutes = max(1, math.ceil(wait / 60))
        what = "비밀번호" if kind == FailureKind.PASSWORD else "인증 코드"
        log_event(
            actor=None,
            action="login_throttled",
            summary=f"로그인 제한: {name or '-'} ({address or '주소 없음'}), {what} 실패 누적, {minutes}분",
            address=address,
            changes=[{"field": "username", "after": name}, {"field": "kind", "after": kind}],
        )
    return wait


def clear_user(user: User) -> None:
    """After a successful login the account's counters start again. The rows stay, unnamed, so
    they still count for their address: logging into one's own account must not reset that."""
    LoginFailure.objects.filter(Q(username=normalise(user.username)) | Q(user=user)).update(
        username="", user=None
    )

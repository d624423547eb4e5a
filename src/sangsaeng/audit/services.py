"""Writing the audit log. Called inside the transaction of the change it records."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.audit.diff import diff
from sangsaeng.audit.models import AuditLog
from sangsaeng.plans.models import Plan, Task


def _require_transaction() -> None:
    # An audit row outside the change's transaction could survive a rolled-back change, or vanish.
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit rows are written inside the transaction of the change they record.")


# Account events: they change no plan's figures, and a sign-in must not empty every cache.
ACCOUNT_ACTIONS = (
    "login",
    "login_throttled",
    "logout",
    "session_end",
    "session_end_others",
    "profile_change",
    "email_change",
    "password_change",
    "2fa_enrol",
    "2fa_recovery_codes",
    "2fa_disable",
    "2fa_grace",
    "2fa_recovery_use",
)


def latest_change_id() -> int:
    """The id of the newest audit row of a data change: it changes with every audited write of plans,
    cards, rounds and people (dashboards.cache keys its figures by it)."""
    rows = AuditLog.objects.exclude(action__in=ACCOUNT_ACTIONS).order_by("-id")
    return rows.values_list("id", flat=True).first() or 0


def log_event(
    *,
    actor: User | None,
    action: str,
    summary: str,
    plan: Plan | None = None,
    changes: list[dict[str, Any]] | None = None,
    address: str | None = None,
) -> AuditLog:
    """A change that is not a card's (a plan, an organization, an account's security)."""
    _require_transaction()
    return AuditLog.objects.create(
        at=timezone.now(),
        actor=actor,
        action=action,
        summary=summary,
        plan=plan,
        changes=changes or [],
        address=address,
    )


def log_card_change(
    *,
    task: Task,
    actor: User | None,
    action: str,
    summary: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> AuditLog:
    """Record a card change with its field differences and the card's whole state after it."""
    _require_transaction()
    return AuditLog.objects.create(
        at=timezone.now(),
        actor=actor,
        action=action,
        summary=summary,
        task=task,
        plan_id=task.plan_id,
        revision=after.get("revision"),
        changes=diff(before, after),
        state=after,
    )

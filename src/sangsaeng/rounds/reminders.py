"""Reminders: when a round opens, N days before the due date, when overdue, and when returned.

Each goes to the officers of the department that leads the task (and of its teams), as an in-app
notice and, when the user has an address, an e-mail. Every delivery first claims its unique key in
ReminderSent, in the same transaction as the notice and the mail: a job run twice (or by two workers at
once) sends each reminder once. A crash between sending the mail and committing could send that one
mail again on the next run; the notice never doubles.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sangsaeng.accounts.models import User
from sangsaeng.lib import kdate
from sangsaeng.notices.services import notice_create
from sangsaeng.plans.models import Task
from sangsaeng.rounds.models import OPEN_STATES, ReminderSent, Round, Update, UpdateState

Event = ReminderSent.Event


def responsible_users(department_ids: Iterable[int]) -> QuerySet[User]:
    """Officers who may fill an update of these departments (plans.access.can_edit_task's rule)."""
    ids = list(department_ids)
    return (
        User.objects.filter(is_active=True)
        .filter(Q(department_id__in=ids) | Q(department__parent_id__in=ids))
        .select_related("department")
        .order_by("pk")
    )


def mails(user: User) -> bool:
    """Whether a notice to this user also goes by e-mail: they have an address and want it."""
    return bool(user.email) and user.email_notices


def deliver(
    *,
    event: str,
    round: Round,
    user: User,
    title: str,
    body: str,
    url: str,
    update: Update | None = None,
    threshold: str = "",
) -> bool:
    """Send one reminder unless it was sent before. True when it was sent now."""
    key = f"{event}:{round.pk}:{update.pk if update else '-'}:{user.pk}:{threshold}"
    with transaction.atomic():
        _sent, created = ReminderSent.objects.get_or_create(
            key=key,
            defaults={
                "event": event,
                "round": round,
                "update": update,
                "user": user,
                "threshold": threshold,
                "mailed": mails(user),
            },
        )
        if not created:
            return False
        notice_create(user=user, kind=f"round_{event}", title=title, url=url, body=body)
        if mails(user):
            link = getattr(settings, "SITE_URL", "").rstrip("/") + url
            EmailMessage(subject=f"[상생] {title}", body=f"{body}\n\n{link}\n", to=[user.email]).send()
    return True


def _updates_by_user(rnd: Round, updates: list[Update]) -> dict[User, list[Update]]:
    """Each responsible officer and the updates they may fill: those of the task's lead department
    (as the round opened) and of its co-leading departments."""
    by_dept: dict[int, list[Update]] = defaultdict(list)
    for u in updates:
        by_dept[u.department_id].append(u)
    by_task = {u.task_id: u for u in updates}
    co = Task.co_departments.through.objects.filter(task_id__in=by_task).values_list(
        "task_id", "department_id"
    )
    for task_id, dept_id in co:
        if by_task[task_id] not in by_dept[dept_id]:
            by_dept[dept_id].append(by_task[task_id])
    out: dict[User, list[Update]] = {}
    for user in responsible_users(by_dept):
        dept = user.department
        mine = {u.pk: u for d in ((dept.pk, dept.parent_id) if dept else ()) for u in by_dept.get(d or 0, [])}
        if mine:
            out[user] = sorted(mine.values(), key=lambda u: u.task.sort_key)
    return out


def _lines(updates: list[Update]) -> str:
    return "\n".join(f"- {u.task.code} {u.task.title}" for u in updates)


def _deadlines(rnd: Round) -> dict[int, dt.date]:
    return {d.department_id: d.due_date for d in rnd.deadlines.all()}


def _open_updates(rnd: Round) -> list[Update]:
    return list(rnd.updates.filter(state__in=OPEN_STATES).select_related("task", "round"))


def deliver_round_opened(round_id: int) -> int:
    rnd = Round.objects.select_related("plan").filter(pk=round_id).first()
    if rnd is None or not rnd.is_open:
        return 0
    deadlines = _deadlines(rnd)
    url = reverse("rounds:board", args=[rnd.pk])
    sent = 0
    for user, updates in _updates_by_user(rnd, _open_updates(rnd)).items():
        due = min(deadlines.get(u.department_id, rnd.due_date) for u in updates)
        title = _("%(round)s 실적 보고를 요청합니다 (기한 %(due)s)") % {
            "round": rnd.name,
            "due": kdate.official(due),
        }
        body = _("「%(plan)s」 %(round)s 실적 보고가 시작되었습니다. 보고할 과제 %(n)d건:\n%(lines)s") % {
            "plan": rnd.plan.title,
            "round": rnd.name,
            "n": len(updates),
            "lines": _lines(updates),
        }
        sent += deliver(event=Event.OPENED, round=rnd, user=user, title=title, body=body, url=url)
    return sent


def deliver_due_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Scan the open rounds: reminders N days before each due date, and once when it has passed."""
    today = today or timezone.localdate()
    counts = {Event.DUE_SOON.value: 0, Event.OVERDUE.value: 0}
    for rnd in Round.objects.filter(status=Round.Status.OPEN).select_related("plan"):
        deadlines = _deadlines(rnd)
        url = reverse("rounds:board", args=[rnd.pk])
        for user, updates in _updates_by_user(rnd, _open_updates(rnd)).items():
            due_of = {u.pk: deadlines.get(u.department_id, rnd.due_date) for u in updates}
            soon = [u for u in updates if 0 <= (due_of[u.pk] - today).days <= rnd.remind_days_before]
            late = [u for u in updates if due_of[u.pk] < today]
            if soon:
                due = min(due_of[u.pk] for u in soon)
                days = (due - today).days
                when = (
                    _("오늘이 기한입니다")
                    if days == 0
                    else _("기한까지 %(days)d일 남았습니다") % {"days": days}
                )
                title = _("%(round)s 실적 보고: %(when)s (%(due)s)") % {
                    "round": rnd.name,
                    "when": when,
                    "due": kdate.official(due),
                }
                body = _("아직 제출하지 않은 과제 %(n)d건:\n%(lines)s") % {
                    "n": len(soon),
                    "lines": _lines(soon),
                }
                # Keyed by the due date: a changed deadline earns a new reminder, a re-run does not.
                counts[Event.DUE_SOON] += deliver(
                    event=Event.DUE_SOON,
                    round=rnd,
                    user=user,
                    title=title,
                    body=body,
                    url=url,
                    threshold=due.isoformat(),
                )
            if late:
                due = min(due_of[u.pk] for u in late)
                title = _("%(round)s 실적 보고 기한(%(due)s)이 지났습니다") % {
                    "round": rnd.name,
                    "due": kdate.official(due),
                }
                body = _("기한이 지난 미제출 과제 %(n)d건:\n%(lines)s") % {
                    "n": len(late),
                    "lines": _lines(late),
                }
                counts[Event.OVERDUE] += deliver(
                    event=Event.OVERDUE,
                    round=rnd,
                    user=user,
                    title=title,
                    body=body,
                    url=url,
                    threshold=due.isoformat(),
                )
    return counts


def deliver_update_returned(update_id: int, count: int) -> int:
    u = Update.objects.select_related("round__plan", "task").filter(pk=update_id).first()
    # A stale job (already resubmitted, or returned again since) has nothing to say.
    if u is None or u.state != UpdateState.RETURNED or u.return_count != count:
        return 0
    url = reverse("rounds:update", args=[u.pk])
    title = _("%(round)s 실적 보고가 반려되었습니다: %(code)s %(task)s") % {
        "round": u.round.name,
        "code": u.task.code,
        "task": u.task.title,
    }
    body = _("반려 사유:\n%(comment)s") % {"comment": u.return_comment}
    sent = 0
    for user in responsible_users([u.department_id, *u.task.co_departments.values_list("pk", flat=True)]):
        sent += deliver(
            event=Event.RETURNED,
            round=u.round,
            user=user,
            title=title,
            body=body,
            url=url,
            update=u,
            threshold=str(count),
        )
    return sent

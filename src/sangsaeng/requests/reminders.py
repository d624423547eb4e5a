"""Reminders of requests: once when a request passes its deadline unanswered (to the department that
handles it and the receiving government's coordinators), and a progress notice to the requester every
30 days a request stays open.

Each delivery first claims its row in ReminderSent (unique per request, event and episode) in the
same transaction as the notices; the mails go once that transaction is committed. A scan run twice, or
by two workers at once, sends each reminder once. An extension gives the request a new deadline and
so a new overdue episode.
"""

import datetime as dt
import re
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sangsaeng.accounts.models import User
from sangsaeng.lib import kdate
from sangsaeng.notices.services import notice_create
from sangsaeng.requests import figures
from sangsaeng.requests.models import OPEN_STATES, PartnerRequest, ReminderSent
from sangsaeng.requests.services import coordinators_of, department_officers
from sangsaeng.rounds.reminders import mails

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _send(
    *,
    req: PartnerRequest,
    event: str,
    episode: str,
    users: Iterable[User],
    title: str,
    body: str,
    address: str = "",
) -> bool:
    """Claim the (request, event, episode) row, then notify; False when it was sent before.

    The mails leave only once the claim is committed: a claim rolled back sends nothing (the next scan
    claims and sends again), and a committed claim is never sent twice."""
    url = reverse("requests:detail", args=[req.pk])
    link = getattr(settings, "SITE_URL", "").rstrip("/") + url
    people = list({u.pk: u for u in users}.values())
    messages: list[EmailMessage] = []
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                request=req, event=event, episode=episode, recipients=len(people) + (1 if address else 0)
            )
            for user in people:
                notice_create(user=user, kind=f"request_{event}", title=title, url=url, body=body)
                if mails(user):
                    messages.append(
                        EmailMessage(subject=f"[상생] {title}", body=f"{body}\n\n{link}\n", to=[user.email])
                    )
            if address:
                # A citizen has no account: the notice goes by mail only, without the internal link.
                messages.append(EmailMessage(subject=f"[상생] {title}", body=body, to=[address]))
            for message in messages:
                # One callback a mail, robust: a refused address neither undoes the claim nor keeps the
                # other recipients (or the rest of the scan) from their mail; the failure is logged.
                transaction.on_commit(message.send, robust=True)
    except IntegrityError:
        return False
    return True


def _handlers(req: PartnerRequest) -> list[User]:
    users = list(coordinators_of(req.receiving_org_id))
    if req.assigned_department_id:
        users += list(department_officers(req.assigned_department_id))
    return users


def deliver_overdue(req: PartnerRequest, day: dt.date) -> bool:
    if not figures.is_overdue(due_on=req.due_on, today=day, answered_on=req.answered_on, is_open=req.is_open):
        return False
    if ReminderSent.objects.filter(
        request=req, event=ReminderSent.Event.OVERDUE, episode=req.due_on.isoformat()
    ).exists():
        return False
    late = (day - req.due_on).days
    title = _("건의사항 처리기한(%(due)s)이 %(days)d일 지났습니다: %(subject)s") % {
        "due": kdate.official(req.due_on),
        "days": late,
        "subject": req.subject,
    }
    body = _(
        "%(from)s에서 %(received)s에 접수한 %(type)s입니다. 현재 상태: %(state)s. "
        "회신하거나 기한을 연장하세요."
    ) % {
        "from": req.requester_label,
        "received": kdate.official(req.received_on),
        "type": req.request_type.name,
        "state": req.get_state_display(),
    }
    return _send(
        req=req,
        event=ReminderSent.Event.OVERDUE,
        episode=req.due_on.isoformat(),
        users=_handlers(req),
        title=title,
        body=body,
    )


def deliver_progress(req: PartnerRequest, day: dt.date) -> bool:
    step = figures.progress_step(req.received_on, day)
    if not step or not req.is_open:
        return False
    if ReminderSent.objects.filter(
        request=req, event=ReminderSent.Event.PROGRESS, episode=str(step)
    ).exists():
        return False
    users: list[User] = []
    address = ""
    if req.requester_user_id and req.requester_user and req.requester_user.is_active:
        users = [req.requester_user]
    elif req.requester_org_id:
        users = list(coordinators_of(req.requester_org_id))
    elif EMAIL.match(req.requester_contact.strip()):
        address = req.requester_contact.strip()
    title = _("건의사항 진행 상황 안내 (접수 후 %(days)d일): %(subject)s") % {
        "days": step,
        "subject": req.subject,
    }
    body = _(
        "%(receiver)s에 %(received)s 접수된 건의사항이 처리 중입니다. 현재 상태: %(state)s, 처리 부서: "
        "%(dept)s, 처리기한: %(due)s."
    ) % {
        "receiver": req.receiving_org.name,
        "received": kdate.official(req.received_on),
        "state": req.get_state_display(),
        "dept": req.assigned_department.name if req.assigned_department else _("배정 전"),
        "due": kdate.official(req.due_on),
    }
    return _send(
        req=req,
        event=ReminderSent.Event.PROGRESS,
        episode=str(step),
        users=users,
        title=title,
        body=body,
        address=address,
    )


def deliver_request_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Scan the open requests once: overdue reminders and 30-day progress notices, each sent once."""
    day = today or timezone.localdate()
    counts = {ReminderSent.Event.OVERDUE.value: 0, ReminderSent.Event.PROGRESS.value: 0}
    open_requests = PartnerRequest.objects.filter(state__in=OPEN_STATES).select_related(
        "request_type", "requester_org", "requester_user", "receiving_org", "assigned_department"
    )
    for req in open_requests.filter(due_on__lt=day).order_by("pk"):
        counts[ReminderSent.Event.OVERDUE] += deliver_overdue(req, day)
    threshold = day - dt.timedelta(days=figures.PROGRESS_NOTICE_DAYS)
    for req in open_requests.filter(received_on__lte=threshold).order_by("pk"):
        counts[ReminderSent.Event.PROGRESS] += deliver_progress(req, day)
    return counts

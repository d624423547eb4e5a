"""Meeting invitations: an e-mail to every member with an address, the meeting as an .ics attachment,
and an in-app notice for members with an account. Mail leaves once the transaction has committed."""

from dataclasses import dataclass

from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from sangsaeng.accounts.models import User
from sangsaeng.audit.services import log_event
from sangsaeng.committees import ics
from sangsaeng.committees.models import Meeting, Membership
from sangsaeng.lib import kdate
from sangsaeng.notices.services import notice_create


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    user: User | None


def recipients(meeting: Meeting) -> list[Recipient]:
    """Members of the meeting's committee whose term covers the meeting's day (one not started yet or
    already over is not invited), each once; their own address before their account's."""
    day = meeting.day
    members = (
        Membership.objects.filter(committee=meeting.committee_id)
        .select_related("user")
        .order_by("order", "id")
    )
    out: dict[str, Recipient] = {}
    for member in members:
        if not member.serves_on(day):
            continue
        email = member.email or (member.user.email if member.user else "")
        key = email.lower() or f"user:{member.user_id}"
        if (email or member.user) and key not in out:
            out[key] = Recipient(member.name, email, member.user)
    return list(out.values())


def invitation_text(meeting: Meeting) -> tuple[str, str]:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    subject = gettext("[상생] %(committee)s 회의 안내: %(title)s") % {
        "committee": meeting.committee.name,
        "title": meeting.title,
    }
    lines = [
        gettext("%(committee)s 회의를 다음과 같이 개최합니다.") % {"committee": meeting.committee.name},
        "",
        gettext("회의명: %(title)s") % {"title": meeting.title},
        gettext("일시: %(date)s %(start)s~%(end)s")
        % {"date": kdate.official(start.date()), "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
    ]
    if meeting.place or meeting.host:
        where = meeting.place + (f" ({meeting.host.name})" if meeting.host else "")
        lines.append(gettext("장소: %(place)s") % {"place": where.strip()})
    agenda = list(meeting.agenda_items.values_list("title", flat=True))
    if agenda:
        lines.append(gettext("안건:"))
        lines.extend(f"  {n}. {title}" for n, title in enumerate(agenda, 1))
    lines += ["", gettext("첨부한 일정 파일(.ics)을 열면 달력에 추가됩니다."), ics.meeting_url(meeting)]
    return subject, "\n".join(lines)


def meeting_invite(*, actor: User, meeting: Meeting) -> int:
    """Send the invitation (again after a change: the .ics then carries a higher SEQUENCE).

    Returns how many members received it."""
    with transaction.atomic():
        people = recipients(meeting)
        agenda = list(meeting.agenda_items.values_list("title", flat=True))
        text = ics.calendar([meeting], name=meeting.committee.name, agendas={meeting.pk: agenda})
        subject, body = invitation_text(meeting)
        url = reverse("committees:meeting", args=[meeting.pk])
        mails = []
        for person in people:
            if person.user is not None:
                notice_create(user=person.user, kind="committee_meeting", title=subject, url=url, body=body)
            if person.email:
                message = EmailMessage(subject=subject, body=body, to=[person.email])
                message.attach("meeting.ics", text, "text/calendar; charset=utf-8; method=PUBLISH")
                mails.append(message)
        Meeting.objects.filter(pk=meeting.pk).update(invited_at=timezone.now())
        log_event(
            actor=actor,
            action="committee.meeting_invite",
            summary=gettext("회의 안내 발송: %(title)s (%(count)s명)")
            % {"title": meeting.title, "count": len(people)},
            plan=meeting.committee.plan,
        )
        transaction.on_commit(lambda: [m.send() for m in mails])
    return len(people)

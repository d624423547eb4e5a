"""iCalendar (RFC 5545) text for meetings: the invitation attachment and the subscribed feeds.

Written by hand, no dependency: lines end in CRLF, content lines longer than 75 octets are folded
(a CRLF and one space, never inside a UTF-8 character), TEXT values escape backslash, semicolon,
comma and newlines, and times are local to Asia/Seoul with its VTIMEZONE (Korea has kept +09:00
without daylight saving since 1988) except DTSTAMP/LAST-MODIFIED, which are UTC as the RFC requires.
"""

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from sangsaeng.committees.models import Meeting

SEOUL = ZoneInfo("Asia/Seoul")
TZID = "Asia/Seoul"
PRODID = "-//Sangsaeng//Committee meetings//KO"
FOLD_AT = 75  # octets per physical line, CRLF excluded
CRLF = "\r\n"
STATUS = {
    Meeting.Status.SCHEDULED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19880509T030000",
    "TZOFFSETFROM:+0900",
    "TZOFFSETTO:+0900",
    "TZNAME:KST",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold one content line at 75 octets (RFC 5545 3.1); continuation lines start with a space."""
    out: list[str] = []
    current = ""
    size = 0
    limit = FOLD_AT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, FOLD_AT
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(value: dt.datetime) -> str:
    return value.astimezone(SEOUL).strftime("%Y%m%dT%H%M%S")


def meeting_uid(meeting: Meeting) -> str:
    """Stable across updates, so a calendar replaces the event instead of adding a second one."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "sangsaeng"
    return f"committee-meeting-{meeting.pk}@{host}"


def meeting_url(meeting: Meeting) -> str:
    from django.urls import reverse

    return settings.SITE_URL.rstrip("/") + reverse("committees:meeting", args=[meeting.pk])


def _event(meeting: Meeting, stamp: dt.datetime, agenda: list[str]) -> list[str]:
    committee = meeting.committee
    description = [committee.name]
    if agenda:
        description.append("")
        description.append("안건")
        description.extend(f"{n}. {title}" for n, title in enumerate(agenda, 1))
    description.append("")
    description.append(meeting_url(meeting))
    location = meeting.place
    if meeting.host is not None:
        location = f"{location} ({meeting.host.name})" if location else meeting.host.name
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting_uid(meeting)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART;TZID={TZID}:{_local(meeting.starts_at)}",
        f"DTEND;TZID={TZID}:{_local(meeting.ends_at)}",
        f"SEQUENCE:{meeting.revision}",
        f"SUMMARY:{escape_text(f'[{committee.name}] {meeting.title}')}",
        f"STATUS:{STATUS[Meeting.Status(meeting.status)]}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        f"URL:{meeting_url(meeting)}",
        f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
    ]
    if location:
        lines.insert(6, f"LOCATION:{escape_text(location)}")
    lines.append("END:VEVENT")
    return lines


def calendar(
    meetings: Iterable[Meeting],
    *,
    name: str,
    agendas: dict[int, list[str]] | None = None,
    stamp: dt.datetime | None = None,
) -> str:
    """A VCALENDAR with one VEVENT per meeting. `meetings` come with committee and host selected."""
    stamp = stamp or timezone.now()
    agendas = agendas or {}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for meeting in meetings:
        lines.extend(_event(meeting, stamp, agendas.get(meeting.pk, [])))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)

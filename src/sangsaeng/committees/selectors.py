"""Reads for the committee pages, each in a fixed number of queries however many rows there are."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from sangsaeng.committees import cadence, decisions
from sangsaeng.committees.budget import MeetingBudget, meeting_budget
from sangsaeng.committees.models import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    Membership,
    MinutesReview,
)
from sangsaeng.orgs.models import Organization

FEED_LIMIT = 500


@dataclass
class CommitteeRow:
    committee: Committee
    depth: int
    status: cadence.CadenceStatus | None
    next_meeting: dt.datetime | None
    last_meeting: dt.datetime | None
    children: list["CommitteeRow"] = field(default_factory=list)


def held_meeting(status: str, starts_at: dt.datetime, now: dt.datetime) -> bool:
    """Whether a meeting was actually held: marked 개최 (by hand, by recording attendance once it has
    started, or by finalizing its minutes) and started by `now`. What only was scheduled, or was
    cancelled, or is still to come, was not."""
    return status == Meeting.Status.HELD and starts_at <= now


def _meeting_times(committee_ids: list[int], since: dt.date) -> dict[int, list[tuple[dt.datetime, str]]]:
    """Each committee's meetings since `since` that are not cancelled: (start, status)."""
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    rows = (
        Meeting.objects.filter(committee_id__in=committee_ids, starts_at__gte=start)
        .exclude(status=Meeting.Status.CANCELLED)
        .values_list("committee_id", "starts_at", "status")
    )
    out: dict[int, list[tuple[dt.datetime, str]]] = defaultdict(list)
    for committee_id, starts_at, status in rows:
        out[committee_id].append((starts_at, status))
    return out


def committee_rows(committees: QuerySet[Committee], *, now: dt.datetime | None = None) -> list[CommitteeRow]:
    """The visible committees as a tree (parents before their subcommittees), each with its cadence
    as of `now` (default: this moment).

    A subcommittee whose parent the user cannot see is shown at the top level."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    items = list(
        committees.select_related("plan", "area", "task")
        .prefetch_related(Prefetch("organizations", queryset=Organization.objects.order_by("name")))
        .annotate(member_count=Count("memberships"))
        .order_by("order", "name", "id")
    )
    times = _meeting_times([c.pk for c in items], cadence.window_start(today))
    rows: dict[int, CommitteeRow] = {}
    for c in items:
        mine = times.get(c.pk, [])
        held = [timezone.localtime(t).date() for t, status in mine if held_meeting(status, t, now)]
        planned = [timezone.localtime(t).date() for t, _status in mine if t > now]
        rows[c.pk] = CommitteeRow(
            committee=c,
            depth=0,
            status=cadence.cadence_status(
                count=c.cadence_count,
                period=c.cadence_period,
                held_days=held,
                planned_days=planned,
                today=today,
            ),
            next_meeting=min((t for t, _status in mine if t >= now), default=None),
            last_meeting=max((t for t, _status in mine if t < now), default=None),
        )
    roots: list[CommitteeRow] = []
    for c in items:
        parent = rows.get(c.parent_id) if c.parent_id else None
        (parent.children if parent else roots).append(rows[c.pk])
    out: list[CommitteeRow] = []

    def walk(row: CommitteeRow, depth: int) -> None:
        row.depth = depth
        out.append(row)
        for child in row.children:
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return out


def behind_rows(rows: list[CommitteeRow]) -> list[CommitteeRow]:
    return [r for r in rows if r.status is not None and (r.status.behind or r.status.missed_previous)]


def committee_meetings(committee: Committee) -> list[Meeting]:
    return list(
        committee.meetings.select_related("host")
        .annotate(
            agenda_count=Count("agenda_items", distinct=True),
            decision_count=Count("decisions", distinct=True),
        )
        .order_by("-starts_at", "-id")
    )


def roster(committee: Committee) -> list[Membership]:
    return list(committee.memberships.select_related("user").order_by("order", "id"))


def subcommittees(committee: Committee, visible: QuerySet[Committee]) -> list[Committee]:
    return list(visible.filter(parent=committee).order_by("order", "name", "id"))


@dataclass
class AttendanceRow:
    member: Membership
    attendance: Attendance | None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""


@dataclass
class MeetingPage:
    agenda: list[AgendaItem]
    attendance: list[AttendanceRow]
    reviews: list[MinutesReview]
    decisions: list[Decision]
    budget: MeetingBudget
    summary: str
    counts: dict[str, int]
    present: int
    reviewed: int


def attendance_rows(meeting: Meeting) -> list[AttendanceRow]:
    """The members whose term covers the meeting's day (as invitations go), and any other member whose
    attendance was recorded, each with their attendance at this meeting (None: not recorded)."""
    recorded = {a.membership_id: a for a in meeting.attendances.all()}
    day = meeting.day
    members = meeting.committee.memberships.select_related("user").order_by("order", "id")
    return [AttendanceRow(m, recorded.get(m.pk)) for m in members if m.pk in recorded or m.serves_on(day)]


def meeting_page(meeting: Meeting) -> MeetingPage:
    agenda = list(
        meeting.agenda_items.select_related("task").prefetch_related("papers").order_by("order", "id")
    )
    rows = attendance_rows(meeting)
    reviews = list(meeting.minutes_reviews.select_related("user").order_by("updated_at", "id"))
    found = list(
        meeting.decisions.select_related(
            "task", "agenda_item", "applied_by", "area", "lead_department__organization", "parent_task"
        ).order_by("order", "id")
    )
    kinds = [d.kind for d in found]
    return MeetingPage(
        agenda=agenda,
        attendance=rows,
        reviews=reviews,
        decisions=found,
        budget=meeting_budget(meeting.cost_lines.order_by("order", "id")),
        summary=decisions.summary_line(kinds),
        counts=decisions.count_by_kind(kinds),
        present=sum(1 for r in rows if r.status in (Attendance.Status.PRESENT, Attendance.Status.PROXY)),
        reviewed=sum(1 for r in reviews if r.reviewed_at),
    )


def feed_meetings(meetings: QuerySet[Meeting]) -> tuple[list[Meeting], dict[int, list[str]]]:
    """Meetings for a calendar feed (the latest FEED_LIMIT), with each one's agenda titles."""
    latest = meetings.select_related("committee", "host").order_by("-starts_at", "-id")[:FEED_LIMIT]
    found = sorted(latest, key=lambda m: m.starts_at)
    agendas: dict[int, list[str]] = defaultdict(list)
    for meeting_id, title in (
        AgendaItem.objects.filter(meeting__in=[m.pk for m in found])
        .order_by("meeting", "order", "id")
        .values_list("meeting_id", "title")
    ):
        agendas[meeting_id].append(title)
    return found, dict(agendas)

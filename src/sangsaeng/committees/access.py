"""The only way views fetch committees, meetings and their papers: each getter checks the user's right.

Reading a committee and everything of its meetings (agenda, papers, minutes, decisions, budget):
- system administrators and auditors;
- the coordinators of its plan, and the plan's committee members (User.committee_plans);
- its own members who have an account (Membership.user);
- officers of the governments it belongs to.
Writing (committees, members, meetings, agenda, attendance, minutes, decisions, budget): the
coordinators of its plan and system administrators. Attendees with an account review the minutes.
Anything the user may not read answers 404, so its existence does not leak.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from sangsaeng.accounts.models import Kind, User
from sangsaeng.committees.models import (
    AgendaItem,
    AgendaPaper,
    Attendance,
    Committee,
    CostLine,
    Decision,
    Meeting,
    Membership,
)
from sangsaeng.plans.models import Plan

WRITE_REFUSED = "이 위원회를 관리할 권한이 없습니다. 계획의 총괄 담당자에게 요청하세요."


def visible_committees(user: User) -> QuerySet[Committee]:
    if not user.is_authenticated or not user.is_active:
        return Committee.objects.none()
    if user.is_superuser or user.kind == Kind.AUDITOR:
        return Committee.objects.all()
    # Subqueries rather than joins: no DISTINCT, and list pages can annotate counts safely.
    granted = Plan.objects.filter(Q(coordinators=user) | Q(committee_members=user)).values("pk")
    mine = Committee.objects.filter(memberships__user=user).values("pk")
    rule = Q(plan__in=granted) | Q(pk__in=mine)
    if user.kind == Kind.OFFICER and user.organization_id is not None:
        rule |= Q(pk__in=Committee.objects.filter(organizations=user.organization_id).values("pk"))
    return Committee.objects.filter(rule)


def managed_plans(user: User) -> QuerySet[Plan]:
    """The plans whose committees the user may create and manage."""
    if not user.is_authenticated or not user.is_active:
        return Plan.objects.none()
    if user.is_superuser:
        return Plan.objects.all()
    return Plan.objects.filter(coordinators=user)


def can_create_committee(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or managed_plans(user).exists()))


def can_manage(user: User, committee: Committee) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if committee.plan_id is None:
        return False
    return Plan.objects.filter(pk=committee.plan_id, coordinators=user).exists()


def access_committee(user: User, committee_id: int, *, write: bool = False) -> Committee:
    committee = (
        visible_committees(user)
        .select_related("plan", "parent", "area", "task")
        .filter(pk=committee_id)
        .first()
    )
    if committee is None:
        raise Http404("위원회를 찾을 수 없습니다.")
    if write and not can_manage(user, committee):
        raise PermissionDenied(WRITE_REFUSED)
    return committee


def visible_meetings(user: User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee__in=visible_committees(user).values("pk"))


def access_meeting(user: User, meeting_id: int, *, write: bool = False) -> Meeting:
    meeting = (
        visible_meetings(user)
        .select_related("committee__plan", "host", "minutes_finalized_by")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise Http404("회의를 찾을 수 없습니다.")
    if write and not can_manage(user, meeting.committee):
        raise PermissionDenied(WRITE_REFUSED)
    return meeting


def access_agenda_item(user: User, item_id: int, *, write: bool = False) -> AgendaItem:
    item = AgendaItem.objects.filter(pk=item_id).only("pk", "meeting_id").first()
    if item is None:
        raise Http404("안건을 찾을 수 없습니다.")
    meeting = access_meeting(user, item.meeting_id, write=write)
    item = AgendaItem.objects.select_related("task").get(pk=item_id)
    item.meeting = meeting
    return item


def access_paper(user: User, paper_id: int, *, write: bool = False) -> AgendaPaper:
    paper = AgendaPaper.objects.select_related("agenda_item").filter(pk=paper_id).first()
    if paper is None:
        raise Http404("회의자료를 찾을 수 없습니다.")
    paper.agenda_item.meeting = access_meeting(user, paper.agenda_item.meeting_id, write=write)
    return paper


def can_review_minutes(user: User, meeting: Meeting) -> bool:
    """Attendees with an account (present, or represented by a proxy) review the draft minutes."""
    if not user.is_authenticated or meeting.minutes_locked:
        return False
    return (
        Attendance.objects.filter(meeting=meeting, membership__user=user)
        .exclude(status=Attendance.Status.ABSENT)
        .exists()
    )


def access_membership(user: User, membership_id: int, *, write: bool = False) -> Membership:
    member = Membership.objects.filter(pk=membership_id).first()
    if member is None:
        raise Http404("위원을 찾을 수 없습니다.")
    member.committee = access_committee(user, member.committee_id, write=write)
    return member


def access_decision(user: User, decision_id: int, *, write: bool = False) -> Decision:
    decision = Decision.objects.filter(pk=decision_id).first()
    if decision is None:
        raise Http404("의결을 찾을 수 없습니다.")
    decision.meeting = access_meeting(user, decision.meeting_id, write=write)
    return decision


def access_cost_line(user: User, line_id: int, *, write: bool = False) -> CostLine:
    line = CostLine.objects.filter(pk=line_id).first()
    if line is None:
        raise Http404("경비 항목을 찾을 수 없습니다.")
    line.meeting = access_meeting(user, line.meeting_id, write=write)
    return line

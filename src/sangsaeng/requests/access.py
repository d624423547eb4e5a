"""The only way views fetch requests: each getter checks the user's right to them.

Reading:
- the requesting government's users read the requests it sent;
- the receiving government's users read the requests addressed to it (citizens' proposals included:
  nobody else reads those);
- auditors read every request between governments, and the citizens' proposals of their own
  government (those carry a citizen's name and contact); system administrators read everything.
Acting:
- coordinators of the receiving government (officers who coordinate a plan) manage: assign, extend,
  put on an agenda, answer on behalf, close;
- officers of the assigned department (or of a team under it) review and answer;
- the requesting government's officers rate the answer, once.
A request the user may not read answers 404, so its existence does not leak; one they read but may
not act on answers 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from sangsaeng.accounts.models import Kind, User
from sangsaeng.requests.models import Channel, PartnerRequest, RequestAttachment, RequestType


def visible_requests(user: User) -> QuerySet[PartnerRequest]:
    if not user.is_authenticated or not user.is_active:
        return PartnerRequest.objects.none()
    if user.is_superuser:
        return PartnerRequest.objects.all()
    if user.kind == Kind.AUDITOR:
        own = Q(receiving_org=user.organization_id) if user.organization_id else Q(pk__in=[])
        return PartnerRequest.objects.filter(~Q(channel=Channel.CITIZEN) | own)
    mine = Q(requester_user=user)
    if user.organization_id is None:
        return PartnerRequest.objects.filter(mine)
    org = user.organization_id
    return PartnerRequest.objects.filter(mine | Q(requester_org=org) | Q(receiving_org=org))


def is_coordinator_of(user: User, organization_id: int | None) -> bool:
    """A coordinator (총괄 담당) of that government: an officer of it who coordinates a plan."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        organization_id is not None
        and user.organization_id == organization_id
        and user.kind == Kind.OFFICER
        and user.manages_people
    )


def can_manage(user: User, req: PartnerRequest) -> bool:
    return is_coordinator_of(user, req.receiving_org_id)


def in_assigned_department(user: User, req: PartnerRequest) -> bool:
    if req.assigned_department_id is None or user.kind != Kind.OFFICER or user.department is None:
        return False
    return req.assigned_department_id in (user.department.pk, user.department.parent_id)


def can_handle(user: User, req: PartnerRequest) -> bool:
    """Review and answer: the receiving government's coordinators and the assigned department."""
    return can_manage(user, req) or in_assigned_department(user, req)


def can_rate(user: User, req: PartnerRequest) -> bool:
    return (
        req.requester_org_id is not None
        and user.organization_id == req.requester_org_id
        and user.kind == Kind.OFFICER
    )


def can_submit(user: User) -> bool:
    """Officers of a government send requests (partner viewers, auditors and members read only)."""
    return bool(user.is_authenticated and user.organization_id and user.kind == Kind.OFFICER)


def access_request(user: User, request_id: int) -> PartnerRequest:
    req = (
        visible_requests(user)
        .select_related(
            "request_type",
            "requester_org",
            "requester_user",
            "receiving_org",
            "concerned_department",
            "assigned_department",
            "task__plan",
            "answered_by",
        )
        .filter(pk=request_id)
        .first()
    )
    if req is None:
        raise Http404(gettext("건의사항을 찾을 수 없습니다."))
    return req


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def access_attachment(user: User, attachment_id: int) -> RequestAttachment:
    attachment = (
        RequestAttachment.objects.filter(pk=attachment_id, request__in=visible_requests(user))
        .select_related("request")
        .first()
    )
    if attachment is None:
        raise Http404(gettext("첨부파일을 찾을 수 없습니다."))
    return attachment


def can_edit_types(user: User) -> bool:
    """The request types (deadlines, thresholds) are one table for every government: only system
    administrators edit them."""
    return bool(user.is_authenticated and user.is_superuser)


def access_type(user: User, type_id: int) -> RequestType:
    if not can_edit_types(user):
        raise Http404(gettext("건의 유형을 찾을 수 없습니다."))
    found = RequestType.objects.filter(pk=type_id).first()
    if found is None:
        raise Http404(gettext("건의 유형을 찾을 수 없습니다."))
    return found

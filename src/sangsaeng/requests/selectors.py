"""Reads of the requests for the pages: constant queries per page, whatever the number of requests."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sangsaeng.accounts.models import User
from sangsaeng.requests.access import is_coordinator_of
from sangsaeng.requests.models import OPEN_STATES, PartnerRequest, State


def with_row_data(requests: QuerySet[PartnerRequest]) -> QuerySet[PartnerRequest]:
    return requests.select_related(
        "request_type", "requester_org", "receiving_org", "assigned_department__organization"
    )


@dataclass(frozen=True)
class ListFilters:
    box: str = "all"  # all, received, sent
    state: str = ""
    type_id: int | None = None
    query: str = ""

    @classmethod
    def from_query(cls, params: dict[str, str]) -> "ListFilters":
        box = params.get("box", "all")
        state = params.get("state", "")
        type_id = params.get("type", "")
        return cls(
            box=box if box in ("all", "received", "sent") else "all",
            state=state if state in State.values or state == "open" else "",
            type_id=int(type_id) if type_id.isdigit() else None,
            query=params.get("q", "").strip()[:100],
        )


def request_list(
    user: User, visible: QuerySet[PartnerRequest], filters: ListFilters
) -> QuerySet[PartnerRequest]:
    requests = visible
    if filters.box == "received" and user.organization_id:
        requests = requests.filter(receiving_org=user.organization_id)
    elif filters.box == "sent":
        requests = requests.filter(Q(requester_org=user.organization_id) | Q(requester_user=user))
    if filters.state == "open":
        requests = requests.filter(state__in=OPEN_STATES)
    elif filters.state:
        requests = requests.filter(state=filters.state)
    if filters.type_id:
        requests = requests.filter(request_type_id=filters.type_id)
    if filters.query:
        requests = requests.filter(Q(subject__icontains=filters.query) | Q(body__icontains=filters.query))
    return with_row_data(requests).order_by("-received_on", "-id")


def queue(user: User, visible: QuerySet[PartnerRequest]) -> QuerySet[PartnerRequest]:
    """The open requests this user's desk handles, nearest deadline first: all those addressed to the
    government for its coordinators, those assigned to the user's department (or the bureau above)
    for its officers."""
    rule = Q(pk__in=[])
    if user.organization_id and is_coordinator_of(user, user.organization_id):
        rule |= Q(receiving_org=user.organization_id)
    if user.department_id:
        rule |= Q(assigned_department=user.department_id)
        if user.department and user.department.parent_id:
            rule |= Q(assigned_department=user.department.parent_id)
    return with_row_data(visible.filter(rule, state__in=OPEN_STATES)).order_by("due_on", "id")

"""Reads for the event pages: each a fixed number of queries whatever the data size."""

from typing import Any

from django.db.models import Prefetch, QuerySet, Sum
from django.db.models.functions import ExtractYear

from sangsaeng.accounts.models import User
from sangsaeng.events.models import Event
from sangsaeng.orgs.models import Agreement, Organization
from sangsaeng.plans.access import readable_tasks
from sangsaeng.plans.models import Task


def event_list(
    events: QuerySet[Event], filters: dict[str, Any], *, agreements: QuerySet[Agreement]
) -> QuerySet[Event]:
    """The events matching `filters`; each row's agreement, when among `agreements` (those the user may
    read), is `readable_agreement` (one query for the page), otherwise None."""
    if filters.get("kind"):
        events = events.filter(kind=filters["kind"])
    if filters.get("year"):
        events = events.filter(start__year=int(filters["year"]))
    if filters.get("org"):
        events = events.filter(
            pk__in=Event.organizers.through.objects.filter(organization=filters["org"]).values("event_id")
        )
    if filters.get("agreement"):
        events = events.filter(agreement=filters["agreement"])
    return events.prefetch_related(
        Prefetch("organizers", queryset=Organization.objects.order_by("name")),
        Prefetch("agreement", queryset=agreements, to_attr="readable_agreement"),
    ).order_by("-start", "-pk")


def totals(events: QuerySet[Event]) -> dict[str, Any]:
    row = events.order_by().aggregate(people=Sum("participants"), budget=Sum("budget_used"))
    return {"count": events.count(), "people": row["people"] or 0, "budget": row["budget"] or 0}


def years(events: QuerySet[Event]) -> list[int]:
    rows = events.annotate(y=ExtractYear("start")).order_by("-y").values_list("y", flat=True).distinct()
    return list(rows)


def event_tasks(user: User, event: Event) -> list[dict[str, Any]]:
    """The event's linked tasks that this user may read."""
    rows = readable_tasks(user).filter(cooperation_events=event).order_by("plan__title", "sort_key")
    return [dict(row) for row in rows.values("id", "code", "title", "plan__title")]


def task_choices(user: User) -> QuerySet[Task]:
    """Tasks an event may be linked to: those of the plans the user coordinates (all for administrators)."""
    tasks = Task.objects.select_related("plan").order_by("plan__title", "sort_key")
    if user.is_superuser:
        return tasks
    return tasks.filter(plan__coordinators=user)

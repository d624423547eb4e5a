"""Reads for the agreement pages: each a fixed number of queries whatever the data size."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from sangsaeng.accounts.models import User
from sangsaeng.agreements.access import visible_agreements
from sangsaeng.events.access import visible_events
from sangsaeng.events.models import Event
from sangsaeng.orgs.models import Agreement, Organization
from sangsaeng.personnel.access import visible_exchanges
from sangsaeng.personnel.models import Exchange
from sangsaeng.plans.access import readable_tasks
from sangsaeng.plans.models import Status, Task


def _count(model: Any, **match: Any) -> Coalesce:
    rows = model.objects.filter(**match).order_by().values(*match).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def agreement_list(agreements: QuerySet[Agreement], filters: dict[str, Any]) -> QuerySet[Agreement]:
    if filters.get("kind"):
        agreements = agreements.filter(kind=filters["kind"])
    if filters.get("status"):
        agreements = agreements.filter(status=filters["status"])
    if filters.get("party"):
        agreements = agreements.filter(
            pk__in=Agreement.parties.through.objects.filter(organization=filters["party"]).values(
                "agreement_id"
            )
        )
    if filters.get("q"):
        agreements = agreements.filter(title__icontains=filters["q"])
    return agreements.annotate(
        task_count=_count(Task, agreement=OuterRef("pk")),
        event_count=_count(Event, agreement=OuterRef("pk")),
        exchange_count=_count(Exchange, agreement=OuterRef("pk")),
    ).prefetch_related(Prefetch("parties", queryset=Organization.objects.order_by("name")))


def agreement_tasks(user: User, agreement: Agreement) -> list[dict[str, Any]]:
    """The tasks carried out under the agreement that this user may read."""
    rows = readable_tasks(user).filter(agreement=agreement).order_by("plan__title", "sort_key")
    return [dict(row) for row in rows.values("id", "code", "title", "status", "progress", "plan__title")]


def agreement_events(user: User, agreement: Agreement) -> QuerySet[Event]:
    return visible_events(user).filter(agreement=agreement).order_by("-start", "-pk")


def agreement_exchanges(user: User, agreement: Agreement) -> QuerySet[Exchange]:
    return (
        visible_exchanges(user)
        .filter(agreement=agreement)
        .select_related("home_org", "host_org")
        .order_by("-start", "-pk")
    )


@dataclass
class PartnerRow:
    org: Organization
    agreements: int = 0
    tasks: list[dict[str, Any]] = field(default_factory=list)
    events: int = 0
    exchanges: int = 0


def partners_of(user: User, org: Organization, today: dt.date) -> list[PartnerRow]:
    """Every government `org` works with, and what is active with each: valid agreements, tasks in
    progress (neither completed nor dropped), events and current exchanges — as far as `user` may read."""
    rows: dict[int, PartnerRow] = {}
    counts: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"agreements": 0, "tasks": [], "events": 0, "ex": 0}
    )
    through = Agreement.parties.through.objects.filter(
        agreement__in=visible_agreements(user).filter(status=Agreement.Status.ACTIVE, parties=org)
    ).exclude(organization=org)
    for (other,) in through.values_list("organization_id"):
        counts[other]["agreements"] += 1
    tasks = readable_tasks(user).filter(
        Q(lead_department__organization=org) | Q(partners=org),
        ~Q(status__in=[Status.COMPLETED, Status.DROPPED]),
    )
    task_rows = {
        t["id"]: t
        for t in tasks.order_by("sort_key").values("id", "code", "title", "lead_department__organization_id")
    }
    involved: dict[int, set[int]] = {
        pk: {t["lead_department__organization_id"]} for pk, t in task_rows.items()
    }
    for task_id, other in Task.partners.through.objects.filter(task_id__in=task_rows).values_list(
        "task_id", "organization_id"
    ):
        involved[task_id].add(other)
    for task_id, orgs in involved.items():
        for other in orgs - {org.pk, None}:
            counts[other]["tasks"].append(task_rows[task_id])
    organisers = Event.organizers.through.objects.filter(
        event__in=visible_events(user).filter(organizers=org)
    ).exclude(organization=org)
    for (other,) in organisers.values_list("organization_id"):
        counts[other]["events"] += 1
    current = visible_exchanges(user).filter(Q(home_org=org) | Q(host_org=org)).filter(
        Q(end__gte=today) | Q(end__isnull=True, start__gte=today), start__lte=today
    ) | visible_exchanges(user).filter(Q(home_org=org) | Q(host_org=org), start__gt=today)
    for home, host in current.values_list("home_org_id", "host_org_id"):
        other = host if home == org.pk else home
        if other != org.pk:
            counts[other]["ex"] += 1
    for partner in Organization.objects.filter(pk__in=list(counts)).order_by("name"):
        c = counts[partner.pk]
        rows[partner.pk] = PartnerRow(partner, c["agreements"], c["tasks"], c["events"], c["ex"])
    return list(rows.values())

"""Reads for the plan pages: each a fixed number of queries whatever the data size."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from sangsaeng.orgs.models import Organization
from sangsaeng.plans.models import Plan, Status, Task


def plan_list(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    top = Q(tasks__parent__isnull=True)
    return plans.annotate(
        task_count=Count("tasks", filter=top, distinct=True),
        avg_progress=Avg("tasks__progress", filter=top),
        done_count=Count(
            "tasks", filter=top & Q(tasks__status__in=[Status.COMPLETED, Status.CONTINUING]), distinct=True
        ),
    ).prefetch_related(Prefetch("organizations", queryset=Organization.objects.order_by("name")))


@dataclass
class TaskFilters:
    area: int | None = None
    status: str = ""
    organization: int | None = None
    q: str = ""

    @classmethod
    def from_query(cls, params: Any) -> "TaskFilters":
        def as_int(name: str) -> int | None:
            value = params.get(name, "")
            return int(value) if value.isdigit() else None

        status = params.get("status", "")
        return cls(
            area=as_int("area"),
            status=status if status in Status.values else "",
            organization=as_int("org"),
            q=params.get("q", "").strip()[:100],
        )

    @property
    def active(self) -> bool:
        return bool(self.area or self.status or self.organization or self.q)


def plan_tasks(plan: Plan, filters: TaskFilters) -> QuerySet[Task]:
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("area", "lead_department__organization", "parent")
        .prefetch_related(Prefetch("partners", queryset=Organization.objects.order_by("name")))
        .annotate(child_count=Count("children"))
        .order_by("sort_key")
    )
    if filters.area:
        tasks = tasks.filter(area_id=filters.area)
    if filters.status:
        tasks = tasks.filter(status=filters.status)
    if filters.organization:
        tasks = tasks.filter(
            Q(lead_department__organization_id=filters.organization) | Q(partners=filters.organization)
        ).distinct()
    if filters.q:
        tasks = tasks.filter(Q(title__icontains=filters.q) | Q(code__icontains=filters.q))
    return tasks


@dataclass
class PlanSummary:
    total: int
    by_status: list[tuple[str, str, int]]
    avg_progress: Decimal | None


def plan_summary(plan: Plan) -> PlanSummary:
    rows = dict(
        Task.objects.filter(plan=plan, parent__isnull=True).values_list("status").annotate(n=Count("id"))
    )
    avg = Task.objects.filter(plan=plan, parent__isnull=True).aggregate(v=Avg("progress"))["v"]
    return PlanSummary(
        total=sum(rows.values()),
        by_status=[(value, label, rows.get(value, 0)) for value, label in Status.choices],
        avg_progress=Decimal(avg).quantize(Decimal("0.1")) if avg is not None else None,
    )

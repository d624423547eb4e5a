"""Reads for the plan pages: each a fixed number of queries whatever the data size."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet

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


# The columns the task list shows, as plain values: for a page of 100 tasks, building model instances
# (task, area, department, organization) and prefetching partners cost more than the queries.
TASK_LIST_FIELDS = (
    "id",
    "code",
    "title",
    "status",
    "progress",
    "parent_id",
    "lead_department_id",
    "child_count",
)
TASK_LIST_NAMES = {
    "area_name": F("area__name"),
    "lead_department_name": F("lead_department__name"),
    "lead_organization_short_name": F("lead_department__organization__short_name"),
}


def plan_tasks(visible: QuerySet[Task], filters: TaskFilters) -> QuerySet[Task, dict[str, Any]]:
    """A plan's task list, from the tasks the user may read, as dicts; call `with_partner_names` on the
    page shown."""
    tasks = visible.annotate(child_count=Count("children", distinct=True)).order_by("sort_key")
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
    rows: QuerySet[Task, dict[str, Any]] = tasks.values(*TASK_LIST_FIELDS, **TASK_LIST_NAMES)
    return rows


def with_partner_names(tasks: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `partner_names` (short names, by organization name) to each task row, in one query."""
    rows = list(tasks)
    names: dict[int, list[str]] = {row["id"]: [] for row in rows}
    if rows:
        through = Task.partners.through.objects.filter(task_id__in=names)
        for task_id, short_name in through.order_by("organization__name", "organization_id").values_list(
            "task_id", "organization__short_name"
        ):
            names[task_id].append(short_name)
    for row in rows:
        row["partner_names"] = names[row["id"]]
    return rows


@dataclass
class PlanSummary:
    total: int
    by_status: list[tuple[str, str, int]]
    avg_progress: Decimal | None


def plan_summary(visible: QuerySet[Task]) -> PlanSummary:
    """Counts by status and the average progress of the top-level tasks the user may read."""
    top = visible.filter(parent__isnull=True)
    rows = dict(top.values_list("status").annotate(n=Count("id")).order_by())
    avg = top.aggregate(v=Avg("progress"))["v"]
    return PlanSummary(
        total=sum(rows.values()),
        by_status=[(value, label, rows.get(value, 0)) for value, label in Status.choices],
        avg_progress=Decimal(avg).quantize(Decimal("0.1")) if avg is not None else None,
    )

"""The app with the changes proposed in bench/results/FINDINGS.md applied as patches, for measuring them.

Nothing here is part of the product; it shows what the proposed changes would buy before anyone makes them.
"""

import os
from typing import Any

os.environ["DJANGO_SETTINGS_MODULE"] = "whatif_settings"

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

from django.db.models import Count, Q, QuerySet  # noqa: E402
from django.urls import reverse  # noqa: E402

from sangsaeng.audit.models import AuditLog  # noqa: E402
from sangsaeng.plans import selectors, views  # noqa: E402
from sangsaeng.plans.card_state import CardState  # noqa: E402
from sangsaeng.plans.models import Plan, Task  # noqa: E402

CHANGES = os.environ.get("WHATIF_CHANGES", "state,urls,bullets,plan").split(",")


def state_from_audit(task_id: int) -> CardState:
    """Change 1: the card's inputs from its latest audit row instead of 17 prefetch queries."""
    data = (
        AuditLog.objects.filter(task_id=task_id, state__isnull=False)
        .order_by("-revision", "-id")
        .values_list("state", flat=True)
        .first()
    )
    return CardState.from_json(data)


_card_context = views._card_context


def card_context_with_prefix(request: Any, task: Any, state: CardState, **extra: Any) -> dict[str, Any]:
    """Change 2: one reverse() for the card's part URLs; the templates append the part key."""
    context = _card_context(request, task, state, **extra)
    context["part_prefix"] = reverse("plans:part", args=[task.pk, "x"])[:-2]
    return context


def lean_plan_tasks(plan: Plan, filters: selectors.TaskFilters) -> QuerySet[Task]:
    """Change 4: only the columns the task list shows, no parent join, partners fetched per page."""
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("area", "lead_department__organization")
        .only(
            "id",
            "plan_id",
            "code",
            "sort_key",
            "title",
            "status",
            "progress",
            "parent_id",
            "area__name",
            "area__number",
            "lead_department__name",
            "lead_department__organization__short_name",
        )
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


class PageWithPartners(views.Paginator):
    """The page's partner names in one query (instead of a prefetch that builds a queryset per task)."""

    def page(self, number: Any) -> Any:
        page = super().page(number)
        rows = list(page.object_list)
        names: dict[int, list[str]] = {}
        through = Task.partners.through.objects.filter(task_id__in=[t.pk for t in rows])
        for task_id, short in through.order_by("organization__name").values_list(
            "task_id", "organization__short_name"
        ):
            names.setdefault(task_id, []).append(short)
        for task in rows:
            task.partner_names = names.get(task.pk, [])
        page.object_list = rows
        return page


if "state" in CHANGES:
    views.load_state = state_from_audit
if "urls" in CHANGES:
    views._card_context = card_context_with_prefix
if "plan" in CHANGES:
    selectors.plan_tasks = lean_plan_tasks
    views.Paginator = PageWithPartners

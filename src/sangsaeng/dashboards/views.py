"""Dashboard pages (현황판). Thin: tasks through plans.access, figures through dashboards.selectors."""

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from sangsaeng.dashboards import charts, selectors
from sangsaeng.dashboards.cache import cached_dashboard, cached_html, dashboard_key
from sangsaeng.dashboards.selectors import DashboardFilters, FigureFilter
from sangsaeng.lib.http import AuthedRequest
from sangsaeng.lib.money import Unit
from sangsaeng.orgs.models import Department, Organization
from sangsaeng.plans.access import access_plan, readable_tasks, visible_plans, visible_tasks
from sangsaeng.plans.models import Area, Plan, Status, Task
from sangsaeng.plans.selectors import with_partner_names
from sangsaeng.plans.views import _task_prefix, money_unit


@require_GET
def overview(request: AuthedRequest) -> HttpResponse:
    filters = DashboardFilters.from_query(request.GET)
    if filters.plan:
        # One address per plan's dashboard: the plan chosen in the form leads there.
        query = filters.query(plan=None, area=request.GET.get("area") or None)
        return redirect(reverse("dashboards:plan", args=[filters.plan]) + (f"?{query}" if query else ""))
    plans = _visible_plans(request)
    visible = readable_tasks(request.user, [p.pk for p in plans])
    return _render(request, None, visible, filters, plans)


@require_GET
def plan_dashboard(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    filters = DashboardFilters.from_query(request.GET, plan=plan.pk)
    return _render(request, plan, visible_tasks(request.user, plan), filters, _visible_plans(request))


def _visible_plans(request: AuthedRequest) -> list[Plan]:
    plans = visible_plans(request.user).order_by("title")
    return list(plans.only("pk", "title", "term_start_year", "term_end_year"))


def _with_links(dash: selectors.Dashboard, filters: DashboardFilters) -> None:
    """The task-list address of every count in the breakdown tables, built here in one pass rather
    than by a template tag per cell (hundreds of cells at national scale)."""
    prefix = reverse("dashboards:tasks")
    for _key, rows, _count in dash.groups:
        for g in rows:
            base = filters.params(**g.link, level="top")
            linked = g.key is not None
            g.total_url = f"{prefix}?{urlencode(base)}" if linked else ""
            g.status_urls = [
                (value, label, n, f"{prefix}?{urlencode(base | {'status': value})}" if n and linked else "")
                for value, label, n in g.cells
            ]


def _render(
    request: AuthedRequest,
    plan: Plan | None,
    visible: QuerySet[Task],
    filters: DashboardFilters,
    plans: list[Plan],
) -> HttpResponse:
    per_plan = plan is not None
    key = dashboard_key(request.user, [p.pk for p in plans], filters, per_plan=per_plan)
    unit = money_unit(request)

    def figures() -> selectors.Dashboard:
        return cached_dashboard(key, request.user, visible, filters, per_plan=per_plan)

    context: dict[str, Any] = {
        "plan": plan,
        # The figures behind the page, loaded only if asked for: a kept page part needs none of them.
        "dash": SimpleLazyObject(figures),
        "filters": filters,
        "unit": unit,
        "filters_html": cached_html(
            f"{key}:filters", lambda: _filters_html(request, plan, visible, filters, plans)
        ),
        "figures_html": cached_html(
            f"{key}:figures:{unit}", lambda: _figures_html(request, plan, figures(), filters, unit)
        ),
        "nav": "dashboard",
    }
    return render(request, "dashboards/dashboard.html", context)


def _filters_html(
    request: AuthedRequest,
    plan: Plan | None,
    visible: QuerySet[Task],
    filters: DashboardFilters,
    plans: list[Plan],
) -> str:
    """The filter form and the conditions in words; its choices come from the data the key names."""
    context = {
        "plan": plan,
        "filters": filters,
        "plans": plans,
        "years": selectors.years_of([plan] if plan else plans),
        "areas": list(plan.areas.all()) if plan else [],
        "organizations": _organizations(plan, plans),
        "departments": _departments(visible, filters),
        "statuses": Status.choices,
        "chips": _chips(filters, FigureFilter(), plan),
    }
    return render_to_string("dashboards/_filters.html", context, request)


def _figures_html(
    request: AuthedRequest,
    plan: Plan | None,
    dash: selectors.Dashboard,
    filters: DashboardFilters,
    unit: Unit,
) -> str:
    _with_links(dash, filters)
    context = {
        "plan": plan,
        "dash": dash,
        "filters": filters,
        "unit": unit,
        "charts": charts.charts(dash, unit),
    }
    return render_to_string("dashboards/_figures.html", context, request)


def _organizations(plan: Plan | None, plans: list[Plan]) -> QuerySet[Organization]:
    ids = [plan.pk] if plan else [p.pk for p in plans]
    return Organization.objects.filter(plans__in=ids).distinct().order_by("name")


def _departments(visible: QuerySet[Task], filters: DashboardFilters) -> list[tuple[int, str]]:
    """Lead departments to choose from, (id, label): only once a plan or a government narrows them down."""
    if not (filters.plan or filters.organization):
        return []
    scope = selectors.DashboardFilters(plan=filters.plan, organization=filters.organization).apply(visible)
    departments = (
        Department.objects.filter(pk__in=scope.values("lead_department_id"))
        .select_related("organization")
        .order_by("organization__name", "name")
    )
    return [(d.pk, f"{d.organization.short_name} {d.name}") for d in departments]


def _chips(filters: DashboardFilters, figure: FigureFilter, plan: Plan | None) -> list[tuple[str, str]]:
    """The filters in words, (label, value) pairs, for the pages and their captions."""
    chips: list[tuple[str, str]] = []
    if plan is not None:
        chips.append((gettext("계획"), plan.title))
    if filters.area and filters.plan:
        area = Area.objects.filter(pk=filters.area, plan_id=filters.plan).first()
        chips.append((gettext("분야"), str(area) if area else "-"))
    if filters.organization:
        org = Organization.objects.filter(pk=filters.organization).values_list("name", flat=True).first()
        chips.append((gettext("기관"), org or "-"))
    if filters.department:
        dept = Department.objects.filter(pk=filters.department).select_related("organization").first()
        chips.append((gettext("주관부서"), str(dept) if dept else "-"))
    if filters.status:
        chips.append((gettext("사업이행도"), str(Status(filters.status).label)))
    if filters.year:
        chips.append((gettext("연도"), gettext("%(year)s년") % {"year": filters.year}))
    if figure.with_org:
        org = Organization.objects.filter(pk=figure.with_org).values_list("name", flat=True).first()
        chips.append((gettext("함께 참여하는 기관"), org or "-"))
    return chips + charts.figure_chips(figure)


@require_GET
def task_list(request: AuthedRequest) -> HttpResponse:
    """The tasks behind a figure of the dashboard, with the conditions it was counted under."""
    filters = DashboardFilters.from_query(request.GET)
    figure = FigureFilter.from_query(request.GET)
    plan = access_plan(request.user, filters.plan) if filters.plan else None
    if plan:
        visible = visible_tasks(request.user, plan)
    else:
        visible = readable_tasks(request.user, list(visible_plans(request.user).values_list("pk", flat=True)))
    tasks = selectors.figure_tasks(request.user, filters.apply(visible), filters, figure)
    page = Paginator(selectors.task_rows(tasks), 100).get_page(request.GET.get("page"))
    page.object_list = with_partner_names(page.object_list)
    back = reverse("dashboards:plan", args=[plan.pk]) if plan else reverse("dashboards:overview")
    query = filters.query(plan=None)
    context = {
        "plan": plan,
        "page": page,
        "filters": filters,
        "figure": figure,
        "chips": _chips(filters, figure, plan),
        "task_prefix": _task_prefix(),
        "all_plans": plan is None,
        "dashboard_url": back + (f"?{query}" if query else ""),
        "nav": "dashboard",
    }
    return render(request, "dashboards/tasks.html", context)

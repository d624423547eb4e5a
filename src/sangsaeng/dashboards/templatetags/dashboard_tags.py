"""Links from a dashboard figure to the list of the tasks behind it."""

from functools import cache
from typing import Any

from django import template
from django.urls import reverse

from sangsaeng.dashboards.selectors import DashboardFilters
from sangsaeng.lib import figures

register = template.Library()


@cache
def _prefix() -> str:
    return reverse("dashboards:tasks")


@register.simple_tag
def tasks_url(filters: DashboardFilters, *links: dict[str, Any] | None, **params: Any) -> str:
    """{% tasks_url filters row.link level="top" status=value %}: the task list for this figure, the
    dashboard's filters kept, the figure's own conditions on top."""
    extra: dict[str, Any] = {}
    for link in links:
        extra |= link or {}
    return f"{_prefix()}?{filters.query(**extra | params)}"


@register.simple_tag
def percent_of(part: int, whole: int) -> str:
    """{% percent_of n total %} → "37.5%" (lib.figures), "-" when there is no whole."""
    return figures.format_percent(figures.percent(part, whole))

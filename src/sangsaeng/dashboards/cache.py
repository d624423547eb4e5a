"""The dashboard's figures, kept between requests until the data under them changes.

Every write to a card, a round or a plan leaves an audit row in its transaction (audit.services), so
the newest audit row's id names the state of the data: a key holding it can never serve figures older
than the last committed change. The key also holds who asks (their readable tasks), what they see
(the visible plans), the filters, the language and the day (overdue counts change at midnight).
The filter form's choices (plans, areas, governments, lead departments) are kept the same way: cards
change through audited services, and plans, areas and governments only through audited services or the
command line; DASHBOARD_CACHE_SECONDS bounds anything else.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from sangsaeng.accounts.models import User
from sangsaeng.audit.services import latest_change_id
from sangsaeng.dashboards.selectors import Dashboard, DashboardFilters, dashboard
from sangsaeng.plans.models import Task


def cached_html(key: str, render: Callable[[], str]) -> str:
    """A part of the page as HTML: the figures (their hundreds of linked cells take longer to render
    than the figures take to count) or the filter form (its choices are drawn from the same data).
    `key` is a dashboard_key with the part's name and everything else the part shows (unit)."""
    html = cache.get(f"{key}:html")
    if not isinstance(html, str):
        html = render()
        cache.set(f"{key}:html", html, settings.DASHBOARD_CACHE_SECONDS)
    # Rendered by our own template, which escaped every value.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def dashboard_key(user: User, plan_ids: list[int], filters: DashboardFilters, *, per_plan: bool) -> str:
    plans = hashlib.blake2b(",".join(map(str, sorted(plan_ids))).encode(), digest_size=8).hexdigest()
    parts = [
        "dashboard:v1",
        str(user.pk),
        "plan" if per_plan else "all",
        plans,
        filters.query(),
        get_language() or "",
        timezone.localdate().isoformat(),
        str(latest_change_id()),
    ]
    return ":".join(parts)


def cached_dashboard(
    key: str, user: User, visible: QuerySet[Task], filters: DashboardFilters, *, per_plan: bool
) -> Dashboard:
    """The figures under `key` (a dashboard_key), counted when they are not kept."""
    found = cache.get(key)
    if isinstance(found, Dashboard):
        return found
    dash = dashboard(user, visible, filters, per_plan=per_plan)
    cache.set(key, dash, settings.DASHBOARD_CACHE_SECONDS)
    return dash

"""{% plan_versions plan %}: the plan page's line about its versions (이전 판 · 다음 판 · 비교).

Usage in a template: {% load versions_tags %}{% plan_versions plan %}. Two queries: the version rows
touching the plan, and which of the linked plans the user may read.
"""

from typing import Any

from django import template
from django.db.models import Q

from sangsaeng.plans.access import is_coordinator, visible_plans
from sangsaeng.plans.models import Plan
from sangsaeng.versions.models import PlanVersion

register = template.Library()


@register.inclusion_tag("versions/_plan_versions.html", takes_context=True)
def plan_versions(context: Any, plan: Plan) -> dict[str, Any]:
    user = context["request"].user
    rows = list(
        PlanVersion.objects.filter(Q(plan=plan) | Q(previous=plan)).select_related("plan", "previous")
    )
    linked = {v.previous_id for v in rows} | {v.plan_id for v in rows}
    readable = set(visible_plans(user).filter(pk__in=linked).values_list("pk", flat=True)) if rows else set()
    before = next((v for v in rows if v.plan_id == plan.pk), None)
    after = next((v for v in rows if v.previous_id == plan.pk), None)
    return {
        "plan": plan,
        # A version is shown only when the user may read both its plans, as on the comparison page.
        "before": before if before and before.previous_id in readable and plan.pk in readable else None,
        "after": after if after and after.plan_id in readable and plan.pk in readable else None,
        "can_revise": after is None and is_coordinator(user, plan),
    }

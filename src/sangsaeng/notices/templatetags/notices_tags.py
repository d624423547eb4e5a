from typing import Any

from django import template

from sangsaeng.notices.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context: dict[str, Any]) -> int:
    """{% unread_notices as n %}: the header bell's count (one query per page)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return unread_count(user) if user is not None else 0

from typing import Any

from django import template

from sangsaeng.notices.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context: dict[str, Any]) -> int:
    """{% unread_notices as n %}: the header bell's count, read with the user (accounts.backends)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return 0
    known = getattr(user, "header_unread", None)
    return int(known) if known is not None else unread_count(user)

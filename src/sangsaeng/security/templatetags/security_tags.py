from typing import Any

from django import template
from django.conf import settings

from sangsaeng.security import session_state

register = template.Library()


@register.simple_tag(takes_context=True)
def idle_config(context: dict[str, Any]) -> dict[str, int]:
    """What the idle-warning script needs: the timeout, what is left of it now, when to warn."""
    request = context.get("request")
    timeout: int = settings.SECURITY_IDLE_TIMEOUT
    last = request.session.get(session_state.LAST_ACTIVITY) if request is not None else None
    remaining = timeout if last is None else max(0, round(timeout - (session_state.now() - float(last))))
    return {
        "timeout": timeout,
        "remaining": remaining,
        "warning": min(settings.SECURITY_IDLE_WARNING, timeout // 2),
        "minutes": max(1, timeout // 60),
    }

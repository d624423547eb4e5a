"""Markup for round states: an icon and text, never colour alone."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sangsaeng.rounds.models import UpdateState
from sangsaeng.rounds.selectors import STATE_ICONS

register = template.Library()


@register.simple_tag
def update_state(state: str) -> SafeString:
    value = UpdateState(state)
    return format_html(
        '<span class="ustate ustate--{}"><span class="ustate__icon" aria-hidden="true">{}</span>{}</span>',
        value.value.replace("_", "-"),
        STATE_ICONS[value],
        value.label,
    )


@register.simple_tag
def overdue(days: int) -> SafeString:
    """기한 경과 3일, with a warning sign; empty when not overdue."""
    if days <= 0:
        return SafeString("")
    return format_html('<span class="overdue">{}</span>', _("기한 경과 %(days)d일") % {"days": days})

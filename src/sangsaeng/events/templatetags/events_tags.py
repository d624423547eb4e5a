"""The card's indicator table asks which of its indicators are fed by events (one query a card)."""

from typing import Any

from django import template

from sangsaeng.events.feeds import fed_notes

register = template.Library()


@register.simple_tag
def event_feeds(indicators: list[Any]) -> dict[int, Any]:
    return fed_notes(ind.id for ind in indicators)

"""Markup of requests: the state (icon and text, never colour alone), the D-day, and the lists that other
apps' pages include (the requests behind a task, behind an agenda item)."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from sangsaeng.requests import figures
from sangsaeng.requests.access import visible_requests
from sangsaeng.requests.models import PartnerRequest, State

register = template.Library()

ICONS = {
    State.RECEIVED: "●",
    State.ASSIGNED: "◐",
    State.REVIEWING: "◑",
    State.ON_AGENDA: "▣",
    State.IN_PROGRESS: "▶",
    State.ANSWERED: "✔",
    State.CLOSED: "■",
}


@register.simple_tag
def request_state(state: str) -> SafeString:
    value = State(state)
    return format_html(
        '<span class="rstate rstate--{}"><span aria-hidden="true">{}</span> {}</span>',
        value.value.replace("_", "-"),
        ICONS[value],
        value.label,
    )


@register.simple_tag
def d_day(req: PartnerRequest, today: dt.date) -> SafeString:
    """D-3 / D-Day / D+2 (기한 경과) for an open request; nothing once it is answered or closed."""
    if not req.is_open:
        return SafeString("")
    days = figures.d_day(req.due_on, today)
    label = figures.d_day_label(days)
    if days < 0:
        return format_html(
            '<span class="dday dday--late">{} <span class="flag">{}</span></span>',
            label,
            gettext("기한 경과"),
        )
    return format_html('<span class="dday{}">{}</span>', " dday--soon" if days <= 3 else "", label)


@register.simple_tag(takes_context=True)
def task_origin_requests(context: dict[str, Any], task: Any) -> list[PartnerRequest]:
    """The requests this task was made from, as far as the viewer may read them (one query)."""
    request = context.get("request")
    if request is None or task is None:
        return []
    return list(
        visible_requests(request.user)
        .filter(task=task)
        .select_related("requester_org", "request_type")
        .order_by("received_on")
    )


@register.simple_tag(takes_context=True)
def requests_by_agenda_item(context: dict[str, Any], items: Iterable[Any]) -> dict[int, list[PartnerRequest]]:
    """The requests behind each of these agenda items, readable by the viewer, in one query: for a
    meeting page that includes _agenda_item_requests.html once per item."""
    request = context.get("request")
    ids = [item.pk for item in items]
    found: dict[int, list[PartnerRequest]] = {pk: [] for pk in ids}
    if request is None or not ids:
        return found
    rows = (
        visible_requests(request.user)
        .filter(agenda_item__in=ids)
        .select_related("requester_org", "request_type")
        .order_by("received_on", "pk")
    )
    for req in rows:
        if req.agenda_item_id is not None:
            found[req.agenda_item_id].append(req)
    return found


@register.simple_tag(takes_context=True)
def agenda_item_requests(context: dict[str, Any], item: Any, by_item: Any = None) -> list[PartnerRequest]:
    """The requests behind an agenda item, as far as the viewer may read them: from `by_item`
    (requests_by_agenda_item) when the page made it, else one query."""
    if isinstance(by_item, dict):
        return list(by_item.get(getattr(item, "pk", None), []))
    request = context.get("request")
    if request is None or item is None:
        return []
    return list(
        visible_requests(request.user)
        .filter(agenda_item=item)
        .select_related("requester_org", "request_type")
        .order_by("received_on")
    )


@register.simple_tag
def meeting_url(meeting_id: int) -> str:
    """The committee app's meeting page, when it has one."""
    try:
        return reverse("committees:meeting", args=[meeting_id])
    except NoReverseMatch:
        return ""

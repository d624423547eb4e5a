"""Dates and states of committee pages, written the official way."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from sangsaeng.committees.cadence import CadenceStatus
from sangsaeng.lib import kdate

register = template.Library()


@register.filter
def kday(value: dt.datetime | dt.date | None) -> str:
    """A moment's local day as officials write it: 2019. 3. 28."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return kdate.official(value)


@register.simple_tag
def cadence_badge(status: CadenceStatus | None) -> SafeString:
    """Behind or on cadence, in words and a sign (never colour alone). The count is of meetings held;
    those still planned in the period are named beside it."""
    if status is None:
        return format_html('<span class="muted">{}</span>', gettext("주기 없음"))
    counted = gettext("%(label)s %(counted)s/%(required)s회") % {
        "label": status.label,
        "counted": status.counted,
        "required": status.required,
    }
    if status.planned:
        counted += " · " + gettext("예정 %(n)s회") % {"n": status.planned}
    if status.behind:
        return format_html(
            '<span class="flag">{} · {}</span>',
            gettext("개최 부족 %(n)s회") % {"n": status.missing},
            counted,
        )
    if status.missed_previous:
        return format_html(
            '<span class="flag flag--info">{} · {}</span>',
            gettext("직전 기간 부족 (%(n)s회 개최)") % {"n": status.previous_counted},
            counted,
        )
    if status.counted < status.required:  # not behind: what is planned would meet it, once held
        return format_html('<span class="badge">{}</span>', counted)
    return format_html('<span class="badge badge--on">✓ {}</span>', counted)


@register.filter
def minutes_text(value: str) -> SafeString:
    """Minutes as typed: one line per line, the leading spaces that nest "- " items kept."""
    lines = []
    for line in value.splitlines():
        stripped = line.lstrip(" ")
        lines.append("&nbsp;" * (len(line) - len(stripped)) + escape(stripped))
    return mark_safe("<br>".join(lines))  # noqa: S308  # nosec B308 B703  # every line escaped above

"""Filters every page and document uses to show the domain's numbers the official way."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from sangsaeng.lib import kdate
from sangsaeng.lib.figures import RateDisplay, format_percent
from sangsaeng.lib.money import UNIT_LABELS, format_money, unit_from

register = template.Library()


@register.filter
def money(value: int | None, unit: str = "cheonwon") -> str:
    """{{ amount|money:unit }} → 1,800,000 (천원) or 18 (억원); blank for None."""
    return format_money(value, unit_from(unit))


@register.filter
def money_or_dash(value: int | None, unit: str = "cheonwon") -> str:
    return format_money(value, unit_from(unit)) if value else "-"


@register.filter
def pct(value: Decimal | None) -> str:
    return format_percent(value)


@register.filter
def rate(value: RateDisplay) -> SafeString:
    """Capped headline with the real figure beside it: 100% (실제 210%)."""
    if value.value is None:
        return format_html('<span class="rate rate--none">{}</span>', "-")
    if value.real:
        return format_html(
            '<span class="rate rate--over">{}</span>',
            gettext("%(headline)s (실제 %(real)s)") % {"headline": value.headline, "real": value.real},
        )
    return format_html('<span class="rate">{}</span>', value.headline)


@register.filter
def num(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


@register.filter
def official_date(value: dt.date | None, precision: str = "day") -> str:
    return kdate.official(value, precision)


@register.filter
def short_date(value: dt.date | None, precision: str = "day") -> str:
    return kdate.short(value, precision)


@register.filter
def filesize(value: int) -> str:
    if value >= 1024 * 1024:
        return f"{value / 1024 / 1024:.1f} MB"
    return f"{max(1, round(value / 1024))} KB"


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def unit_label(unit: str) -> str:
    return str(UNIT_LABELS[unit_from(unit)])


@register.filter
def mask_phone(value: str) -> str:
    """880-2147 → 880-****; for pages that must not show contact numbers."""
    if not value:
        return ""
    head, _, tail = value.rpartition("-")
    return f"{head}-{'*' * len(tail)}" if head else "*" * len(value)


@register.filter
def sr_label(bound_field: Any) -> str:
    """A label read by screen readers but not shown (inputs inside dense tables)."""
    return bound_field.label_tag(attrs={"class": "visually-hidden"}, label_suffix="")  # type: ignore[no-any-return]


@register.simple_tag
def status_badge(status: str) -> SafeString:
    """사업이행도 as icon + text (never colour alone)."""
    from sangsaeng.plans.card import STATUS_CSS, STATUS_ICONS
    from sangsaeng.plans.models import Status

    value = Status(status)
    return format_html(
        '<span class="status status--{}"><span class="status__icon" aria-hidden="true">{}</span>{}</span>',
        STATUS_CSS[value],
        STATUS_ICONS[value],
        value.label,
    )


@register.filter
def part(kind: str, key: Any) -> str:
    """{{ "items"|part:2017 }} → "items:2017", the name of an editable card part."""
    return f"{kind}:{key}"


@register.filter
def split_words(value: str) -> list[str]:
    return value.split()


def _bullet_list(tree: list[Any], *, sub: bool = False) -> str:
    parts = ['<ul class="bullet-tree bullet-tree--sub">' if sub else '<ul class="bullet-tree">']
    for node in tree:
        # As the template did: a node that is not a {"text", "children"} dict shows as an empty item.
        fields = node if isinstance(node, dict) else {}
        parts += ("<li>", conditional_escape(fields.get("text", "")))
        if fields.get("children"):
            parts.append(_bullet_list(fields["children"]))
        parts.append("</li>")
    parts.append("</ul>")
    return "".join(parts)


@register.filter
def bullets(tree: list[Any] | None, variant: str = "") -> SafeString:
    """A bullet tree ([{"text", "children"}]) as nested lists, every text escaped; `bullets:"sub"` for
    an activity's details. Rendered in Python: a recursive {% include %} per node cost a tenth of the
    card's render time."""
    html = _bullet_list(tree or [], sub=variant == "sub")
    # Constant markup around texts each passed through conditional_escape: a quarter of format_html's
    # cost per node, which counted for the card's 80 activities.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


@register.filter
def recorded_value(value: Any, path: str) -> Any:
    """{{ change.before|recorded_value:change.path }}: a recorded choice code shown as its label."""
    from sangsaeng.audit.diff import shown_value

    return shown_value(value, path)

"""Bullet trees rendered in Python, instead of a recursive {% include %} per node."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _ul(tree: list[dict[str, Any]], sub: bool) -> SafeString:
    items = "".join(
        format_html(
            "<li>{}{}</li>",
            node.get("text", ""),
            _ul(node["children"], False) if node.get("children") else "",
        )
        for node in tree
    )
    css = "bullet-tree bullet-tree--sub" if sub else "bullet-tree"
    return format_html('<ul class="{}">{}</ul>', css, mark_safe(items))  # noqa: S308 - items are escaped above


@register.filter
def bullets_html(tree: list[dict[str, Any]]) -> SafeString:
    return _ul(tree, True)


@register.filter
def bullets_html_top(tree: list[dict[str, Any]]) -> SafeString:
    return _ul(tree, False)

"""PDF of a card and of a plan's booklet, typeset by Typst with the vendored Pretendard GOV.

The Typst source is the static template (documents/typst/card.typ) followed by calls whose only
arguments are data literals written by `documents.typ`; user text never becomes markup. Fonts
come from the package by path: no system font, no network, the same PDF on every machine.
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import typst
from django.utils import timezone
from django.utils.translation import gettext

from sangsaeng.documents.card_doc import CardDoc
from sangsaeng.documents.typ import typst_value
from sangsaeng.lib import kdate
from sangsaeng.plans.card import STATUS_ICONS
from sangsaeng.plans.models import Status

PACKAGE_DIR = Path(__file__).resolve().parent.parent
FONT_DIR = PACKAGE_DIR / "static" / "vendor" / "pretendard-gov" / "otf"
TEMPLATE = Path(__file__).resolve().parent / "typst" / "card.typ"


class PdfError(Exception):
    """Typst refused the document; the message names the first diagnostic."""


@cache
def _fonts() -> typst.Fonts:
    # Loaded once per process; only the vendored files, never the machine's fonts.
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONT_DIR)])


@cache
def _template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    header: str
    kind: str
    running: bool = False
    keywords: tuple[str, ...] = ()

    def literal(self) -> str:
        return typst_value(
            {
                "title": self.title,
                "author": [self.author] if self.author else [],
                "header": self.header,
                "kind": self.kind,
                "running": self.running,
                "keywords": list(self.keywords),
            }
        )


def compile_source(source: str, *, timestamp: dt.datetime | None = None) -> bytes:
    when = timestamp or timezone.now()
    try:
        return typst.compile(
            source.encode("utf-8"),
            font_paths=_fonts(),
            ignore_system_fonts=True,
            timestamp=int(when.timestamp()),
        )
    except typst.TypstError as exc:
        raise PdfError(str(exc.message)) from exc


def card_source(doc: CardDoc) -> str:
    meta = Meta(
        title=f"{doc.code} {doc.title} 관리카드",
        author=doc.author or doc.plan_title,
        header=doc.plan_title,
        kind=gettext("관리카드"),
        keywords=(gettext("관리카드"), doc.plan_title),
    )
    return f"{_template()}\n#show: setup.with({meta.literal()})\n#card({typst_value(doc.to_typst_data())})\n"


def card_pdf(doc: CardDoc, *, timestamp: dt.datetime | None = None) -> bytes:
    return compile_source(card_source(doc), timestamp=timestamp)


@dataclass(frozen=True)
class BookletInfo:
    plan_title: str
    term: str
    organizations: str
    unit_label: str
    day: dt.date


def booklet_source(info: BookletInfo, docs: Sequence[CardDoc]) -> str:
    meta = Meta(
        title=gettext("%(plan)s 관리카드") % {"plan": info.plan_title},
        author=info.organizations,
        header=info.plan_title,
        kind=gettext("관리카드"),
        running=True,
        keywords=(gettext("관리카드"), info.plan_title),
    )
    booklet: dict[str, Any] = {
        "title": info.plan_title,
        "term": info.term,
        "count": str(len(docs)),
        "unit": info.unit_label,
        "date": gettext("%(date)s 기준") % {"date": kdate.official(info.day)},
        "organizations": info.organizations,
        "legend": " · ".join(f"{STATUS_ICONS[s]} {s.label}" for s in Status),
        "rows": [
            {
                "id": d.id,
                "code": d.code,
                "title": d.title,
                "department": d.header["department"] or "-",
                "icon": d.status_icon,
                "status": d.status_label,
                "progress": d.progress,
                "progress_value": int(d.progress_value),
            }
            for d in docs
        ],
    }
    parts = [
        _template(),
        f"#show: setup.with({meta.literal()})",
        f"#cover({typst_value(booklet)})",
        '#set page(numbering: "i")',
        "#counter(page).update(1)",
        "#outline(title: [목 차], depth: 2, indent: 1.4em)",
        "#pagebreak(weak: true)",
        f"#summary({typst_value(booklet)})",
        '#set page(numbering: "1")',
        "#counter(page).update(1)",
    ]
    area = None
    for d in docs:
        # Set before the break, so the new page's header already reads this card's title.
        parts.append(f"#running.update({typst_value(d.heading)})")
        parts.append("#pagebreak(weak: true)")
        if d.area and d.area != area:
            parts.append(f"#heading(level: 1, {typst_value(d.area)})")
            area = d.area
        parts.append(f"#card({typst_value(d.to_typst_data())})")
    return "\n".join(parts) + "\n"


def booklet_pdf(info: BookletInfo, docs: Sequence[CardDoc], *, timestamp: dt.datetime | None = None) -> bytes:
    return compile_source(booklet_source(info, docs), timestamp=timestamp)


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(data: bytes) -> int:
    """Pages of a Typst PDF (its page objects are never inside compressed object streams)."""
    return len(_PAGE.findall(data))

"""The comparison (신구 과제 대비표) as PDF (Typst, A4 landscape), HWPX and XLSX, from versions.comparison."""

import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from sangsaeng.documents.hwpx_doc import HwpxWriter
from sangsaeng.documents.pdf import compile_source
from sangsaeng.documents.typ import typst_value
from sangsaeng.lib import kdate
from sangsaeng.plans.models import Plan
from sangsaeng.versions.comparison import Comparison, Row

TEMPLATE = Path(__file__).resolve().parent / "typst" / "comparison.typ"


@cache
def _template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def _term(plan: Plan) -> str:
    return f"{plan.term_start_year}–{plan.term_end_year}"


def counts_line(c: Comparison) -> str:
    """보완 12건 · 추가 발굴 5건 · … (계 30건): the counts as one line of text."""
    parts = [f"{label} {n}건" for _, label, n in c.counts]
    return " · ".join(parts) + gettext(" (계 %(n)d건)") % {"n": c.total}


def title_of(c: Comparison) -> str:
    return gettext("%(label)s 신구 과제 대비표") % {"label": c.version.label}


def filename(c: Comparison, ext: str) -> str:
    return f"{c.version.plan.title} {title_of(c)}.{ext}"


@dataclass(frozen=True)
class Cells:
    old_code: str
    old_title: str
    change: str
    new_code: str
    new_title: str
    reason: str
    decision: str


def cells(row: Row) -> Cells:
    reason = row.reason
    if row.moved_from:
        reason = gettext("(%(area)s에서 이관) ") % {"area": row.moved_from} + reason
    if not row.recorded:
        reason = (reason + " " if reason else "") + gettext("(개정 기록 없음)")
    return Cells(
        old_code="\n".join(t.code for t in row.old) or "-",
        old_title="\n".join(t.title for t in row.old) or "-",
        change=row.change_label,
        new_code=row.new.code if row.new else "-",
        new_title=row.new.title if row.new else "-",
        reason=reason.strip() or "-",
        decision=row.decision or "-",
    )


def _data(c: Comparison, day: dt.date) -> dict[str, Any]:
    v = c.version
    return {
        "title": title_of(c),
        "author": v.plan.title,
        "header": f"{v.previous.title} → {v.plan.title}",
        "date": gettext("%(date)s 기준") % {"date": kdate.official(day)},
        "old": f"{v.previous.title} ({_term(v.previous)})",
        "new": f"{v.plan.title} ({_term(v.plan)}) · {v.label} · {kdate.official(v.revised_on)}",
        "decision": "",
        "note": v.note,
        "counts": [{"label": label, "n": str(n)} for _, label, n in c.counts],
        "total": str(c.total),
        "summary": gettext("이전 판 과제 %(old)d건 → 새 판 과제 %(new)d건")
        % {"old": c.old_count, "new": c.new_count},
        "blocks": [{"heading": b.heading, "rows": [cells(r).__dict__ for r in b.rows]} for b in c.blocks],
    }


def comparison_pdf(c: Comparison, *, decision: str = "", day: dt.date | None = None) -> bytes:
    data = _data(c, day or timezone.localdate())
    data["decision"] = decision
    return compile_source(f"{_template()}\n#comparison({typst_value(data)})\n")


def comparison_hwpx(c: Comparison, *, decision: str = "", day: dt.date | None = None) -> bytes:
    data = _data(c, day or timezone.localdate())
    w = HwpxWriter()
    w.first = False
    w.para(data["title"], w.s.title)
    w.para(data["date"], w.s.small)
    w.para(gettext("이전 판: %(old)s") % {"old": data["old"]})
    w.para(gettext("새 판: %(new)s") % {"new": data["new"]})
    if decision:
        w.para(gettext("승인 의결: %(d)s") % {"d": decision})
    if data["note"]:
        w.para(gettext("개정 개요: %(note)s") % {"note": data["note"]})
    w.para("")
    labels = [label for _, label, _ in c.counts]
    w.table(
        [[*labels, "계"], [*(f"{n}건" for _, _, n in c.counts), f"{c.total}건"]],
        [1] * (len(labels) + 1),
        totals=[1],
    )
    w.para(data["summary"], w.s.muted)
    for block in c.blocks:
        w.section(block.heading)
        rows = [
            ["이전 판 과제", "", "변경 구분", "새 판 과제", "", "사유", "근거 의결"],
            ["관리번호", "과제명", "", "관리번호", "과제명", "", ""],
        ]
        for r in block.rows:
            x = cells(r)
            rows.append([x.old_code, x.old_title, x.change, x.new_code, x.new_title, x.reason, x.decision])
        merges = [(0, 0, 0, 1), (0, 2, 1, 2), (0, 3, 0, 4), (0, 5, 1, 5), (0, 6, 1, 6)]
        w.table(rows, [0.8, 2, 0.7, 0.8, 2, 2.2, 1.3], head_rows=2, merges=merges)
    return w.to_bytes()


def comparison_xlsx(c: Comparison, *, decision: str = "", day: dt.date | None = None) -> bytes:
    """One sheet: the counts on top, then one row per change with its area, for sorting and filtering."""
    data = _data(c, day or timezone.localdate())
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = gettext("신구 대비표")
    sheet.append([data["title"]])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([gettext("이전 판"), data["old"]])
    sheet.append([gettext("새 판"), data["new"]])
    sheet.append([gettext("승인 의결"), decision or "-"])
    sheet.append([])
    sheet.append([label for _, label, _ in c.counts] + [gettext("계")])
    sheet.append([n for _, _, n in c.counts] + [c.total])
    sheet.append([])
    head = [
        "분야",
        "이전 관리번호",
        "이전 과제명",
        "변경 구분",
        "새 관리번호",
        "새 과제명",
        "사유",
        "근거 의결",
    ]
    sheet.append(head)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for block in c.blocks:
        for row in block.rows:
            x = cells(row)
            sheet.append(
                [
                    block.heading,
                    x.old_code,
                    x.old_title,
                    x.change,
                    x.new_code,
                    x.new_title,
                    x.reason,
                    x.decision,
                ]
            )
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFGH", (18, 10, 30, 10, 10, 30, 40, 24), strict=True):
        sheet.column_dimensions[column].width = width
        for cell in sheet[column][9:]:
            cell.alignment = wrap
    sheet.freeze_panes = "A10"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

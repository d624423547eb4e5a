"""The side-by-side review: the last confirmed card next to the card the update would make.

Both sides are plans.card.compute_card results; this module only picks the rows a reviewer compares
and marks those that differ. Every figure shown comes from the computed card (or lib.figures).
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from sangsaeng.lib import figures, kdate
from sangsaeng.lib.money import Unit, format_money
from sangsaeng.plans.card import Card, IndicatorCard


@dataclass
class Row:
    section: str
    label: str
    before: Any
    after: Any
    kind: str = "text"  # text | bullets | list

    @property
    def changed(self) -> bool:
        return bool(self.before != self.after)


def _num(value: Any) -> str:
    if value is None:
        return "-"
    text = f"{value:,f}" if hasattr(value, "normalize") else f"{value:,}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _indicator(ind: IndicatorCard | None, year: int) -> dict[str, str]:
    if ind is None:
        return {"target": "-", "actual": "-", "rate": "-", "term": "-"}
    cell = next((c for c in ind.years if c.year == year), None)
    unit = ind.unit
    if ind.is_milestone:
        target = (cell.plan_text if cell else "") or "-"
        actual = (cell.actual_text if cell else "") or "-"
        if cell and cell.achieved_on:
            actual += f" ({kdate.official(cell.achieved_on)} 달성)"
    else:
        target = f"{_num(cell.target)}{unit}" if cell and cell.target is not None else "-"
        actual = f"{_num(cell.actual)}{unit}" if cell and cell.actual is not None else "-"
        if cell and cell.actual_text:
            actual += f" ({cell.actual_text})"
    return {
        "target": target,
        "actual": actual,
        "rate": str(cell.rate) if cell else "-",
        "term": str(ind.term_rate),
    }


def _year_amount(card: Card, kind: str, line_index: int, year: int) -> int:
    table = next(t for t in card.budget_tables if t.kind == kind)
    return table.lines[line_index].row.years.get(year, 0)


def side_by_side(before: Card, after: Card, *, year: int, unit: Unit) -> list[Row]:
    rows = [
        Row(_("추진 현황"), _("사업이행도"), before.status_label, after.status_label),
        Row(_("추진 현황"), _("종합 진도율"), f"{_num(before.progress)}%", f"{_num(after.progress)}%"),
    ]
    after_by_id = {i.id: i for i in after.indicators}
    for ind in before.indicators:
        a, b = _indicator(ind, year), _indicator(after_by_id.get(ind.id), year)
        section = _("확인지표 「%(name)s」") % {"name": ind.name}
        rows += [
            Row(section, _("%(year)d년 계획") % {"year": year}, a["target"], b["target"]),
            Row(section, _("%(year)d년 실적") % {"year": year}, a["actual"], b["actual"]),
            Row(section, _("%(year)d년 달성률") % {"year": year}, a["rate"], b["rate"]),
            Row(section, _("임기 종합 달성률"), a["term"], b["term"]),
        ]
    sources = [ln.label for ln in before.budget_tables[0].lines]
    for index, label in enumerate(sources):
        section = _("예산 %(year)d년 · %(source)s") % {"year": year, "source": label}
        values = {}
        for side, card in (("before", before), ("after", after)):
            secured = _year_amount(card, "secured", index, year)
            executed = _year_amount(card, "executed", index, year)
            values[side] = (
                format_money(secured, unit, blank="0"),
                format_money(executed, unit, blank="0"),
                str(figures.rate_display(figures.percent(executed, secured))),
            )
        if label != sources[-1] and values["before"] == values["after"] == ("0", "0", "-"):
            continue
        money = _("확보(%(unit)s)") % {"unit": "억원" if unit == "eok" else "천원"}
        spent = _("집행(%(unit)s)") % {"unit": "억원" if unit == "eok" else "천원"}
        rows += [
            Row(section, money, values["before"][0], values["after"][0]),
            Row(section, spent, values["before"][1], values["after"][1]),
            Row(section, _("집행률"), values["before"][2], values["after"][2]),
        ]
    old_ids = {a.id for a in before.activities}
    added = [
        f"{a.when} {a.text}" + (f" ({a.participants:,}명)" if a.participants else "")
        for a in after.activities
        if a.id not in old_ids
    ]
    rows.append(Row(_("세부추진실적"), _("이번 보고에서 추가"), [], added, kind="list"))
    for key, label in (("problems", _("문제점 및 대책")), ("next_steps", _("향후계획"))):
        rows.append(Row(label, label, before.texts.get(key, []), after.texts.get(key, []), kind="bullets"))
    old_files = {a.id for a in before.state.attachments}
    files = [a.name for a in after.state.attachments if a.id not in old_files]
    rows.append(Row(_("첨부파일"), _("이번 보고에서 추가"), [], files, kind="list"))
    return rows

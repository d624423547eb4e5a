"""The computed management card: what every screen, document and API shows of one task.

`compute_card(state)` is pure: it takes the card's inputs and returns every derived figure through
sangsaeng.lib.figures, plus the flags where a source document stated a different number.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from sangsaeng.budgets.models import BudgetKind
from sangsaeng.lib import figures, kdate
from sangsaeng.lib.figures import RateDisplay
from sangsaeng.plans.card_state import CardState, CostLineState
from sangsaeng.plans.models import Indicator, Status, Task, TextKind

STATUS_ICONS = {
    Status.COMPLETED: "✓",
    Status.CONTINUING: "↻",
    Status.ON_TRACK: "▶",
    Status.PARTIAL: "◆",
    Status.ON_HOLD: "‖",
    Status.DROPPED: "✗",
}
STATUS_CSS = {
    Status.COMPLETED: "completed",
    Status.CONTINUING: "continuing",
    Status.ON_TRACK: "on-track",
    Status.PARTIAL: "partial",
    Status.ON_HOLD: "on-hold",
    Status.DROPPED: "dropped",
}
# Stated percentages are usually written as whole numbers; tolerate their own rounding.
RATE_TOLERANCE = Decimal("0.5")


@dataclass
class Flag:
    key: str
    label: str
    stated: Decimal
    computed: Decimal | None

    @property
    def message(self) -> str:
        # Worded when shown, in the reader's language; the label was worded when the card was computed.
        if self.computed is None:
            return gettext("%(label)s: 원문 기재값 %(stated)s (입력값이 없어 검증할 수 없음)") % {
                "label": self.label,
                "stated": _num(self.stated),
            }
        return gettext("%(label)s: 계산값 %(computed)s, 원문 기재값 %(stated)s") % {
            "label": self.label,
            "computed": _num(self.computed),
            "stated": _num(self.stated),
        }


def _num(value: Decimal | int) -> str:
    d = Decimal(value)
    return f"{int(d):,}" if d == d.to_integral_value() else f"{d.normalize():,f}"


class _Stated:
    """Compares computed figures with the ones a source document stated, collecting flags."""

    def __init__(self, stated: dict[str, Decimal]) -> None:
        self.stated = stated
        self.flags: list[Flag] = []
        self.seen: set[str] = set()

    def check(self, key: str, label: str, computed: Decimal | int | None) -> Flag | None:
        self.seen.add(key)
        value = self.stated.get(key)
        if value is None:
            return None
        tolerance = RATE_TOLERANCE if key.endswith("rate") else Decimal(0)
        if computed is None or figures.disagrees(value, computed, tolerance):
            flag = Flag(key, label, value, Decimal(computed) if computed is not None else None)
            self.flags.append(flag)
            return flag
        return None


@dataclass
class YearCell:
    year: int
    label: str
    target: Decimal | None
    actual: Decimal | None
    plan_text: str
    actual_text: str
    achieved_on: dt.date | None
    rate: RateDisplay
    flag: Flag | None = None


@dataclass
class IndicatorCard:
    id: int
    name: str
    kind: str
    unit: str
    aggregation: str
    aggregation_label: str
    note: str
    years: list[YearCell]
    term_target: Decimal | None
    term_actual: Decimal | None
    term_plan_text: str
    term_actual_text: str
    term_rate: RateDisplay
    term_flag: Flag | None = None

    @property
    def part(self) -> str:
        return f"indicator:{self.id}"

    @property
    def is_milestone(self) -> bool:
        return self.kind == Indicator.Kind.MILESTONE


@dataclass
class BudgetLine:
    label: str
    row: figures.BudgetRow
    is_total: bool = False


@dataclass
class BudgetTable:
    kind: str
    label: str
    lines: list[BudgetLine]
    flags: list[Flag]

    @property
    def total(self) -> figures.BudgetRow:
        return self.lines[-1].row


@dataclass
class CostLineCard:
    id: int
    label: str
    depth: int
    amount: int | None
    unit_price: int | None
    quantity: Decimal | None
    unit: str
    stated: int | None
    has_children: bool

    @property
    def disagrees(self) -> bool:
        return self.has_children and self.stated is not None and self.stated != self.amount


@dataclass
class BudgetItemCard:
    id: int
    year: int
    code: str
    name: str
    amount: int | None
    lines: list[CostLineCard]
    flag: Flag | None = None


@dataclass
class SummaryRow:
    code: str
    name: str
    amounts: dict[int, int | None]
    change: int | None
    change_rate: Decimal | None
    change_display: str
    rate_display: str
    flags: list[Flag]


@dataclass
class SettlementCard:
    year: int
    original: int
    carried_in: int
    change: int
    current: int
    executed: int
    carried_out: int
    balance: int
    execution_rate: RateDisplay
    flags: list[Flag]


@dataclass
class ActivityCard:
    id: int
    year: int
    when: str
    text: str
    details: list[Any]
    participants: int | None
    start: dt.date

    @property
    def part(self) -> str:
        return f"activity:{self.id}"


@dataclass
class LegislationCard:
    id: int
    name: str
    bill_kind: str
    stages: list[tuple[str, str]]
    stage: str
    note: str

    @property
    def part(self) -> str:
        return f"legislation:{self.id}"


@dataclass
class Card:
    state: CardState
    status_label: str
    status_icon: str
    status_css: str
    progress: Decimal
    progress_formula: str
    years: list[int]
    year_labels: dict[int, str]
    indicators: list[IndicatorCard]
    budget_tables: list[BudgetTable]
    total_cost: int
    subsidy_rate: RateDisplay
    items_by_year: dict[int, list[BudgetItemCard]]
    item_totals: dict[int, int]
    summary_years: list[int]
    summary: list[SummaryRow]
    settlements: list[SettlementCard]
    schedule: dict[int, list[Any]]
    schedule_totals: dict[int, int]
    activities: list[ActivityCard]
    activity_years: list[int]
    legislation: list[LegislationCard]
    texts: dict[str, list[Any]]
    text_labels: dict[str, str]
    flags: list[Flag] = field(default_factory=list)  # stated ≠ computed
    unverified: list[Flag] = field(default_factory=list)  # stated, but its inputs are missing
    general_flags: list[Flag] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A plain, stable summary for scripts and the CLI."""
        return {
            "code": self.state.code,
            "title": self.state.title,
            "plan": self.state.plan_title,
            "status": self.status_label,
            "progress": float(self.progress),
            "progress_formula": self.progress_formula,
            "indicators": [
                {
                    "name": i.name,
                    "kind": i.kind,
                    "unit": i.unit,
                    "years": [
                        {
                            "year": c.year,
                            "target": _f(c.target),
                            "actual": _f(c.actual),
                            "plan": c.plan_text,
                            "result": c.actual_text,
                            "rate": c.rate.headline,
                            "rate_real": c.rate.real,
                        }
                        for c in i.years
                    ],
                    "term": {
                        "target": _f(i.term_target),
                        "actual": _f(i.term_actual),
                        "rate": i.term_rate.headline,
                        "rate_real": i.term_rate.real,
                        "display": str(i.term_rate),
                    },
                }
                for i in self.indicators
            ],
            "budget": {
                t.kind: {
                    "unit": "천원",
                    "rows": [
                        {
                            "source": ln.label,
                            "total": ln.row.total,
                            "before": ln.row.before,
                            "subtotal": ln.row.term_subtotal,
                            "years": {str(y): v for y, v in ln.row.years.items()},
                            "after": ln.row.after,
                        }
                        for ln in t.lines
                    ],
                }
                for t in self.budget_tables
            },
            "settlements": [
                {k: v for k, v in asdict(s).items() if k not in ("execution_rate", "flags")}
                | {"execution_rate": s.execution_rate.headline}
                for s in self.settlements
            ],
            "flags": [f.message for f in self.flags],
            "unverified": [f.message for f in self.unverified],
        }


def _f(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def compute_card(state: CardState) -> Card:
    stated = _Stated(state.stated)
    years = state.term_years
    year_labels = {y: _year(y) for y in years}
    if years and state.last_year_label:
        year_labels[years[-1]] = state.last_year_label
    card = Card(
        state=state,
        status_label=Status(state.status).label,
        status_icon=STATUS_ICONS[Status(state.status)],
        status_css=STATUS_CSS[Status(state.status)],
        progress=state.progress,
        progress_formula=_progress_formula(state),
        years=years,
        year_labels=year_labels,
        indicators=[_indicator(ind, years, year_labels, stated) for ind in state.indicators],
        budget_tables=[],
        total_cost=0,
        subsidy_rate=figures.rate_display(None),
        items_by_year={},
        item_totals={},
        summary_years=[],
        summary=[],
        settlements=[],
        schedule={},
        schedule_totals={},
        activities=[],
        activity_years=[],
        legislation=[],
        texts={k: state.texts[k] for k in TextKind.values if state.texts.get(k)},
        text_labels=dict(TextKind.choices),
    )
    _budget(card, state, stated)
    _items(card, state, stated)
    _settlements(card, state, stated)
    _schedule(card, state, stated)
    _activities(card, state)
    card.legislation = [_legislation(lg) for lg in state.legislation]
    # Stated figures no part of the card checked are still shown, never silently dropped.
    for key, value in state.stated.items():
        if key not in stated.seen:
            stated.flags.append(Flag(key, key, value, None))
    card.flags = [f for f in stated.flags if f.computed is not None]
    card.unverified = [f for f in stated.flags if f.computed is None]
    return card


def _year(year: int) -> str:
    return gettext("%(year)s년") % {"year": year}


def _progress_formula(state: CardState) -> str:
    if not state.children:
        return gettext("담당부서 입력값")
    parts = [c for c in state.children]
    if state.rollup == Task.Rollup.WEIGHTED and sum(c.weight for c in parts) > 0:
        terms = " + ".join(f"{_num(c.progress)}%×{_num(c.weight)}" for c in parts)
        weights = " + ".join(_num(c.weight) for c in parts)
        return gettext("가중평균 = (%(terms)s) ÷ (%(weights)s) = %(progress)s%%") % {
            "terms": terms,
            "weights": weights,
            "progress": _num(state.progress),
        }
    terms = " + ".join(f"{_num(c.progress)}%" for c in parts)
    return gettext("단순평균 = (%(terms)s) ÷ %(n)s = %(progress)s%%") % {
        "terms": terms,
        "n": len(parts),
        "progress": _num(state.progress),
    }


def _indicator(ind: Any, years: list[int], labels: dict[int, str], stated: _Stated) -> IndicatorCard:
    by_year = {v.year: v for v in ind.values}
    cells: list[YearCell] = []
    milestone = ind.kind == Indicator.Kind.MILESTONE
    pairs: list[tuple[bool, bool]] = []
    all_years = sorted(set(years) | set(by_year))
    for year in all_years:
        v = by_year.get(year)
        if milestone:
            planned = bool(v and v.plan_text)
            achieved = bool(v and (v.achieved or v.achieved_on))
            rate_value = figures.milestone_rate(achieved, planned)
            pairs.append((planned, achieved))
        else:
            rate_value = figures.achievement_rate(v.target if v else None, v.actual if v else None)
        cell = YearCell(
            year=year,
            label=labels[year] if year in labels else _year(year),
            target=v.target if v else None,
            actual=v.actual if v else None,
            plan_text=v.plan_text if v else "",
            actual_text=v.actual_text if v else "",
            achieved_on=v.achieved_on if v else None,
            # Yearly cells show the real rate (250%); only the term headline is capped.
            rate=figures.RateDisplay(rate_value, figures.format_percent(rate_value), None),
        )
        cell.flag = stated.check(
            f"indicator.{ind.id}.{year}.rate",
            gettext("「%(name)s」 %(year)s년 달성률") % {"name": ind.name, "year": year},
            rate_value,
        )
        cells.append(cell)
    if milestone:
        term_target = term_actual = None
        term_rate_value = figures.milestone_term_rate(pairs)
    else:
        ordered = [by_year[y] for y in sorted(by_year)]
        term_target = figures.aggregate([v.target for v in ordered], ind.aggregation)
        term_actual = figures.aggregate([v.actual for v in ordered], ind.aggregation)
        term_rate_value = figures.achievement_rate(term_target, term_actual)
    card = IndicatorCard(
        id=ind.id,
        name=ind.name,
        kind=ind.kind,
        unit=ind.unit,
        aggregation=ind.aggregation,
        aggregation_label=Indicator.Aggregation(ind.aggregation).label,
        note=ind.note,
        years=cells,
        term_target=term_target,
        term_actual=term_actual,
        term_plan_text=ind.term_plan_text,
        term_actual_text=ind.term_actual_text,
        term_rate=figures.rate_display(term_rate_value),
    )
    card.term_flag = stated.check(
        f"indicator.{ind.id}.term_rate",
        gettext("「%(name)s」 종합 달성률") % {"name": ind.name},
        term_rate_value,
    )
    for key, label, value in (
        (f"indicator.{ind.id}.term_target", gettext("「%(name)s」 종합 계획"), term_target),
        (f"indicator.{ind.id}.term_actual", gettext("「%(name)s」 종합 실적"), term_actual),
    ):
        flag = stated.check(key, label % {"name": ind.name}, value)
        card.term_flag = card.term_flag or flag
    return card


def _budget(card: Card, state: CardState, stated: _Stated) -> None:
    years = state.term_years
    for kind in BudgetKind:
        lines: list[BudgetLine] = []
        for source in state.sources:
            cells = [
                (e.bucket, e.year, e.amount)
                for e in state.budget
                if e.kind == kind and e.source_id == source.id
            ]
            lines.append(BudgetLine(source.name, figures.budget_row(cells, years)))
        total = figures.sum_rows([ln.row for ln in lines], years)
        # "계" stays the data's name of the total row (scripts read it); the templates word it.
        lines.append(BudgetLine("계", total, is_total=True))
        named = {"kind": kind.label}
        flags = [
            f
            for f in (
                stated.check(f"budget.{kind}.total", gettext("%(kind)s 합계") % named, total.total),
                stated.check(
                    f"budget.{kind}.subtotal", gettext("%(kind)s 소계") % named, total.term_subtotal
                ),
                stated.check(f"budget.{kind}.before", gettext("%(kind)s 기투자") % named, total.before),
            )
            if f
        ]
        card.budget_tables.append(BudgetTable(kind.value, kind.label, lines, flags))
    planned = card.budget_tables[0]
    card.total_cost = planned.total.total
    national = sum(ln.row.total for ln, s in zip(planned.lines, state.sources, strict=False) if s.is_national)
    card.subsidy_rate = figures.rate_display(figures.percent(national, card.total_cost))
    flag = stated.check("total_cost", gettext("총사업비"), card.total_cost)
    if flag:
        card.general_flags.append(flag)


def _line_tree(lines: list[CostLineState]) -> tuple[list[CostLineCard], int | None]:
    children: dict[int | None, list[CostLineState]] = defaultdict(list)
    for ln in lines:
        children[ln.parent_id].append(ln)
    out: list[CostLineCard] = []

    def walk(line: CostLineState, depth: int) -> int | None:
        placeholder = CostLineCard(
            line.id,
            line.label,
            depth,
            None,
            line.unit_price,
            line.quantity,
            line.unit,
            None,
            bool(children.get(line.id)),
        )
        out.append(placeholder)
        if children.get(line.id):
            amounts = [walk(c, depth + 1) for c in children[line.id]]
            placeholder.amount = sum(a for a in amounts if a is not None)
            placeholder.stated = line.amount
        elif line.unit_price is not None and line.quantity is not None:
            placeholder.amount = figures.cost_line_amount(line.unit_price, line.quantity)
            placeholder.stated = line.amount
        else:
            placeholder.amount = line.amount
        return placeholder.amount

    top = [walk(ln, 0) for ln in children.get(None, [])]
    present = [a for a in top if a is not None]
    return out, (sum(present) if present else None)


def _items(card: Card, state: CardState, stated: _Stated) -> None:
    by_year: dict[int, list[BudgetItemCard]] = defaultdict(list)
    for item in sorted(state.items, key=lambda i: (i.year, i.code)):
        lines, computed = _line_tree(item.lines)
        amount = computed if item.lines else item.stated_amount
        entry = BudgetItemCard(item.id, item.year, item.code, item.name, amount, lines)
        entry.flag = stated.check(
            f"items.{item.year}.{item.code}",
            gettext("%(year)s년 %(code)s %(name)s")
            % {"year": item.year, "code": item.code, "name": item.name},
            amount,
        )
        for ln in lines:
            if ln.disagrees or (
                ln.stated is not None
                and not ln.has_children
                and ln.unit_price is not None
                and ln.stated != ln.amount
            ):
                stated.flags.append(
                    Flag(
                        f"line.{ln.id}",
                        gettext("산출근거 「%(label)s」") % {"label": ln.label},
                        Decimal(ln.stated or 0),
                        Decimal(ln.amount or 0),
                    )
                )
        by_year[item.year].append(entry)
    card.items_by_year = dict(by_year)
    card.item_totals = {y: sum(i.amount or 0 for i in items) for y, items in by_year.items()}
    for year, total in card.item_totals.items():
        stated.check(f"items.{year}.total", gettext("%(year)s년 예산 합계") % {"year": year}, total)
    # 예산 총괄: each 과목 across the years present, with the change from the year before.
    years = sorted(by_year)
    stated_years = sorted({int(k.split(".")[1]) for k in state.stated if k.startswith("items.")})
    card.summary_years = sorted(set(years) | set(stated_years))
    if len(card.summary_years) == 1:
        # The sheet always compares with the year before, even when that year was not entered.
        card.summary_years.insert(0, card.summary_years[0] - 1)
    codes: dict[str, str] = {}
    for item in sorted(state.items, key=lambda i: i.code):
        codes.setdefault(item.code, item.name)
    if not card.summary_years:
        return
    last = card.summary_years[-1]
    prev = card.summary_years[-2] if len(card.summary_years) > 1 else None
    rows: list[tuple[str, str, dict[int, int | None]]] = [
        ("계", "", {y: card.item_totals.get(y) for y in card.summary_years})
    ]
    for code, name in codes.items():
        amounts = {
            y: next((i.amount for i in by_year.get(y, []) if i.code == code), None)
            for y in card.summary_years
        }
        rows.append((code, name, amounts))
    for code, name, amounts in rows:
        key = "total" if code == "계" else code
        named = {"code": gettext("계") if code == "계" else code}
        diff, rate = figures.change_rate(amounts.get(prev) if prev else None, amounts.get(last))
        flags = [
            f
            for f in (
                stated.check(f"items.{last}.{key}.change", gettext("%(code)s 증감") % named, diff),
                stated.check(f"items.{last}.{key}.change_rate", gettext("%(code)s 증감률") % named, rate),
            )
            if f
        ]
        change_display = _num(diff) if diff is not None else _stated_text(state, f"items.{last}.{key}.change")
        rate_display = (
            figures.format_percent(rate, 0).rstrip("%")
            if rate is not None
            else _stated_text(state, f"items.{last}.{key}.change_rate")
        )
        card.summary.append(SummaryRow(code, name, amounts, diff, rate, change_display, rate_display, flags))


def _stated_text(state: CardState, key: str) -> str:
    value = state.stated.get(key)
    return f"{_num(value)}*" if value is not None else "-"


def _settlements(card: Card, state: CardState, stated: _Stated) -> None:
    for s in sorted(state.settlements, key=lambda s: s.year):
        f = figures.settlement(
            original=s.original,
            carried_in=s.carried_in,
            change=s.change,
            executed=s.executed,
            carried_out=s.carried_out,
        )
        named = {"year": s.year}
        flags = [
            x
            for x in (
                stated.check(
                    f"settlement.{s.year}.current", gettext("%(year)s년 예산현액") % named, f.current
                ),
                stated.check(
                    f"settlement.{s.year}.balance", gettext("%(year)s년 집행잔액") % named, f.balance
                ),
                stated.check(
                    f"settlement.{s.year}.execution_rate",
                    gettext("%(year)s년 집행률") % named,
                    f.execution_rate,
                ),
            )
            if x
        ]
        card.settlements.append(
            SettlementCard(
                s.year,
                s.original,
                s.carried_in,
                s.change,
                f.current,
                s.executed,
                s.carried_out,
                f.balance,
                figures.rate_display(f.execution_rate),
                flags,
            )
        )


def _schedule(card: Card, state: CardState, stated: _Stated) -> None:
    by_year: dict[int, list[Any]] = defaultdict(list)
    for line in state.schedule:
        by_year[line.year].append(line)
    card.schedule = dict(sorted(by_year.items()))
    card.schedule_totals = {y: sum(ln.amount or 0 for ln in lines) for y, lines in by_year.items()}
    for year, total in card.schedule_totals.items():
        stated.check(f"schedule.{year}.total", gettext("%(year)s년 추진일정 합계") % {"year": year}, total)


def activity_when(a: Any) -> str:
    text = kdate.short(a.start, a.start_precision)
    if a.end:
        end = kdate.short(a.end, a.end_precision)
        if a.end.year == a.start.year:
            end = end.split(". ", 1)[1] if ". " in end else end
        text = f"{text} ~ {end}"
    elif a.open_ended:
        text = f"{text} ~"
    return text


def _activities(card: Card, state: CardState) -> None:
    ordered = sorted(state.activities, key=lambda a: (a.start, a.id), reverse=True)
    card.activities = [
        ActivityCard(a.id, a.start.year, activity_when(a), a.text, a.details, a.participants, a.start)
        for a in ordered
    ]
    card.activity_years = sorted({a.year for a in card.activities}, reverse=True)


LEGISLATION_STAGES = (
    ("proposed_on", gettext_lazy("발의")),
    ("committee_on", gettext_lazy("위원회 심사")),
    ("plenary_on", gettext_lazy("본회의 의결")),
    ("promulgated_on", gettext_lazy("공포")),
)


def _legislation(lg: Any) -> LegislationCard:
    stages = [(str(label), kdate.short(getattr(lg, attr))) for attr, label in LEGISLATION_STAGES]
    reached = [str(label) for (attr, label) in LEGISLATION_STAGES if getattr(lg, attr)]
    stage = reached[-1] if reached else gettext("준비")
    return LegislationCard(lg.id, lg.name, lg.bill_kind, stages, stage, lg.note)

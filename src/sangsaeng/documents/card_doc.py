"""The computed card as the plain values a document shows: every figure already formatted.

Both writers (Typst PDF and HWPX) read this, so a card prints the same numbers in both and the same
as the card page: every figure comes from `plans.card.compute_card` (rates, totals, progress) and
is only formatted here (money in 천원/억원, dates the official way), never recomputed.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, ngettext

from sangsaeng.documents.dates import official_range
from sangsaeng.lib import kdate
from sangsaeng.lib.money import UNIT_LABELS, Unit, format_money
from sangsaeng.plans.card import LEGISLATION_STAGES, STATUS_ICONS, Card
from sangsaeng.plans.models import Status, Task, TextKind
from sangsaeng.web.templatetags.sangsaeng_tags import num

# The bullet-list parts printed before the budget table, and those the paper card puts last.
TEXTS_BEFORE = ("outline", "purpose", "basis", "content", "focus", "procedure", "effect")
TEXTS_AFTER = ("problems", "next_steps")
ALWAYS_SHOWN = ("outline", "problems", "next_steps")


@dataclass
class Section:
    """One "□" part of the card: a heading and the bullet tree under it."""

    label: str
    tree: list[dict[str, Any]]


@dataclass
class BudgetBlock:
    label: str
    rows: list[list[str]]  # [재원, 합계, 기투자, 소계, years..., 임기후]; the 계 row first


@dataclass
class IndicatorDoc:
    name: str
    unit: str
    milestone: bool
    kind_label: str
    headers: list[str]  # 종합 이행률, the years
    plan: list[str]
    actual: list[str]
    rate: list[str]
    note: str


@dataclass
class ActivityDoc:
    when: str
    text: str
    participants: str
    details: list[dict[str, Any]]


@dataclass
class LegislationDoc:
    name: str
    bill_kind: str
    dates: list[str]  # 발의, 위원회 심사, 본회의 의결, 공포
    stage: str
    note: str


@dataclass
class FinanceDoc:
    summary_headers: list[str]
    summary: list[list[str]]
    # (caption, [(과목 with its amount, [[산출내역, 금액, depth], ...]), ...]) per year
    items: list[tuple[str, list[tuple[str, list[list[str]]]]]]
    schedule: list[tuple[str, list[list[str]]]]
    settlements: list[list[str]]

    @property
    def empty(self) -> bool:
        return not (self.summary or self.items or self.schedule or self.settlements)


@dataclass
class CardDoc:
    id: int
    code: str
    title: str
    slogan: str
    plan_title: str
    area: str
    status: str
    status_label: str
    status_icon: str
    statuses: list[tuple[str, bool]]
    progress: str
    progress_value: float
    progress_formula: str
    header: dict[str, str]
    contacts: list[str]
    goal: str
    term_indicator: str
    texts_before: list[Section]
    texts_after: list[Section]
    unit_label: str
    budget_years: list[str]
    budget: list[BudgetBlock]
    indicators: list[IndicatorDoc]
    activities: list[ActivityDoc]
    legislation: list[LegislationDoc]
    finance: FinanceDoc
    children: list[list[str]]
    flags: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def author(self) -> str:
        return " ".join(x for x in (self.header["organization"], self.header["department"]) if x)

    def to_typst_data(self) -> dict[str, Any]:
        """The dictionary the Typst template reads (only str, bool, list and dict values)."""
        return {
            "id": self.id,
            "code": self.code,
            "title": self.title,
            "slogan": self.slogan,
            "plan": self.plan_title,
            "area": self.area,
            "status": self.status,
            "statuses": [[label, on] for label, on in self.statuses],
            "progress": self.progress,
            "progress_formula": self.progress_formula,
            "header": self.header,
            "contacts": self.contacts,
            "goal": self.goal,
            "term_indicator": self.term_indicator,
            "texts_before": [{"label": s.label, "tree": s.tree} for s in self.texts_before],
            "texts_after": [{"label": s.label, "tree": s.tree} for s in self.texts_after],
            "unit": self.unit_label,
            "years": self.budget_years,
            "budget": [{"label": b.label, "rows": b.rows} for b in self.budget],
            "indicators": [
                {
                    "name": i.name,
                    "unit": i.unit,
                    "milestone": i.milestone,
                    "kind": i.kind_label,
                    "headers": i.headers,
                    "plan": i.plan,
                    "actual": i.actual,
                    "rate": i.rate,
                    "note": i.note,
                }
                for i in self.indicators
            ],
            "activities": [
                {"when": a.when, "text": a.text, "participants": a.participants, "details": a.details}
                for a in self.activities
            ],
            "legislation": [
                {
                    "name": lg.name,
                    "bill_kind": lg.bill_kind,
                    "dates": lg.dates,
                    "stage": lg.stage,
                    "note": lg.note,
                }
                for lg in self.legislation
            ],
            "finance": {
                "summary_headers": self.finance.summary_headers,
                "summary": self.finance.summary,
                "items": [
                    {"caption": c, "groups": [{"head": h, "lines": lines} for h, lines in groups]}
                    for c, groups in self.finance.items
                ],
                "schedule": [{"caption": c, "rows": r} for c, r in self.finance.schedule],
                "settlements": self.finance.settlements,
            },
            "children": self.children,
            "flags": self.flags,
        }


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label) if value else "-"
    except ValueError:
        return value


def money_cell(value: int | None, unit: Unit) -> str:
    """As the card page's money_or_dash: zero and blank are "-"."""
    return format_money(value, unit) if value else "-"


def _num_cell(value: Any, unit: str = "") -> str:
    return f"{num(value)}{unit}" if value is not None else "-"


def clean_tree(tree: Any) -> list[dict[str, Any]]:
    """A bullet tree as {"text": str, "children": [...]}, whatever shape the stored JSON has."""
    out: list[dict[str, Any]] = []
    for node in tree if isinstance(tree, list) else []:
        if not isinstance(node, dict):
            continue
        out.append({"text": str(node.get("text", "")), "children": clean_tree(node.get("children", []))})
    return out


def card_doc(card: Card, unit: Unit = "cheonwon") -> CardDoc:
    state = card.state
    labels = dict(TextKind.choices)

    def sections(kinds: tuple[str, ...]) -> list[Section]:
        return [
            Section(str(labels[k]), clean_tree(card.texts.get(k, [])))
            for k in kinds
            if k in card.texts or k in ALWAYS_SHOWN
        ]

    return CardDoc(
        id=state.id,
        code=state.code,
        title=state.title,
        slogan=state.slogan,
        plan_title=state.plan_title,
        area=state.area,
        status=state.status,
        status_label=str(card.status_label),
        status_icon=card.status_icon,
        statuses=[(str(s.label), s.value == state.status) for s in Status],
        progress=f"{num(card.progress)}%",
        progress_value=float(card.progress),
        progress_formula=card.progress_formula,
        header={
            "implementer": state.implementer or "-",
            "term_class": _label(Task.TermClass, state.term_class),
            "novelty": _label(Task.Novelty, state.novelty),
            "budget_class": _label(Task.BudgetClass, state.budget_class),
            "organization": state.lead_organization,
            "department": state.lead_department.name if state.lead_department else "",
            "central_coop": state.central_coop or "-",
            "partners": ", ".join(p.name for p in state.partners) or "-",
            "agreement": state.agreement.name if state.agreement else "-",
            "period": _period(state.period_kind, state.period_text),
            "location": state.location,
            "execution_type": _label(Task.ExecutionType, state.execution_type)
            if state.execution_type
            else "",
            "expense_type": _label(Task.ExpenseType, state.expense_type) if state.expense_type else "",
            "total_cost": f"{format_money(card.total_cost, unit)}{UNIT_LABELS[unit]}"
            + gettext(" (보조율 %(rate)s)") % {"rate": card.subsidy_rate.headline},
        },
        contacts=[
            " ".join(x for x in ("" if c.role == "담당자" else c.role, c.name, c.phone) if x)
            for c in state.contacts
        ],
        goal=state.goal,
        term_indicator=state.term_indicator,
        texts_before=sections(TEXTS_BEFORE),
        texts_after=sections(TEXTS_AFTER),
        unit_label=str(UNIT_LABELS[unit]),
        budget_years=[f"'{y % 100:02d}" for y in card.years],
        budget=_budget(card, unit),
        indicators=[_indicator(ind) for ind in card.indicators],
        activities=_activities(card),
        legislation=_legislation(card),
        finance=_finance(card),
        children=[
            [
                c.code,
                c.title,
                f"{STATUS_ICONS[Status(c.status)]} {Status(c.status).label}",
                f"{num(c.progress)}%",
            ]
            for c in state.children
        ],
        flags=[f.message for f in card.flags],
    )


def _period(kind: str, text: str) -> str:
    label = _label(Task.PeriodKind, kind) if kind else ""
    return f"{label} ({text})" if label and text else label or text


def _budget(card: Card, unit: Unit) -> list[BudgetBlock]:
    blocks = []
    for table in card.budget_tables:
        # As the card page: an empty 집행 table is left out, the plan and 확보 tables always shown.
        if not table.total.total and table.kind == "executed":
            continue
        ordered = [table.lines[-1], *table.lines[:-1]]  # the paper card puts 계 first
        rows = [
            [
                line.label,
                money_cell(line.row.total, unit),
                money_cell(line.row.before, unit),
                money_cell(line.row.term_subtotal, unit),
                *(money_cell(line.row.years.get(y), unit) for y in card.years),
                money_cell(line.row.after, unit),
            ]
            for line in ordered
        ]
        blocks.append(BudgetBlock(str(table.label), rows))
    return blocks


def _indicator(ind: Any) -> IndicatorDoc:
    unit = ind.unit if not ind.is_milestone else ""
    if ind.is_milestone:
        plan = [ind.term_plan_text or "-", *(c.plan_text or "-" for c in ind.years)]
        actual = [ind.term_actual_text or "-"]
        for c in ind.years:
            text = c.actual_text or ("-" if not c.achieved_on else "")
            if c.achieved_on:
                text = f"{text}\n({kdate.official(c.achieved_on)})" if text else kdate.official(c.achieved_on)
            actual.append(text)
    else:
        term_plan = _num_cell(ind.term_target, unit)
        if ind.term_plan_text:
            term_plan = f"{term_plan}\n{ind.term_plan_text}"
        plan = [term_plan, *(_num_cell(c.target, unit) for c in ind.years)]
        actual = [_num_cell(ind.term_actual, unit), *(_num_cell(c.actual, unit) for c in ind.years)]
    return IndicatorDoc(
        name=ind.name,
        unit=ind.unit,
        milestone=ind.is_milestone,
        kind_label=gettext("완료형 지표")
        if ind.is_milestone
        else gettext("수치 지표 · 임기 %(how)s") % {"how": ind.aggregation_label},
        headers=[gettext("종합 이행률"), *(c.label for c in ind.years)],
        plan=plan,
        actual=actual,
        # The term rate is capped with the real figure beside it; yearly cells show the real rate.
        rate=[str(ind.term_rate), *(str(c.rate) for c in ind.years)],
        note=ind.note,
    )


def _activities(card: Card) -> list[ActivityDoc]:
    by_id = {a.id: a for a in card.state.activities}
    out = []
    # The paper card lists its activities oldest first.
    for a in reversed(card.activities):
        s = by_id[a.id]
        out.append(
            ActivityDoc(
                when=official_range(s.start, s.start_precision, s.end, s.end_precision, s.open_ended),
                text=a.text,
                participants=(
                    ngettext("%(n)s명", "%(n)s명", a.participants) % {"n": num(a.participants)}
                    if a.participants
                    else ""
                ),
                details=clean_tree(a.details),
            )
        )
    return out


def _legislation(card: Card) -> list[LegislationDoc]:
    by_id = {lg.id: lg for lg in card.state.legislation}
    out = []
    for lg in card.legislation:
        s = by_id[lg.id]
        dates = [kdate.official(getattr(s, attr)) or "-" for attr, _ in LEGISLATION_STAGES]
        out.append(LegislationDoc(lg.name, lg.bill_kind, dates, str(lg.stage), lg.note))
    return out


def _finance(card: Card) -> FinanceDoc:
    # The budget sheet is written in 천원 whatever unit the budget table uses, as on the card page.
    summary_headers = [gettext("%(year)s년 예산액") % {"year": y} for y in card.summary_years]
    summary: list[list[str]] = [
        [
            f"{row.code} {row.name}".strip(),
            *(money_cell(row.amounts.get(y), "cheonwon") for y in card.summary_years),
            row.change_display,
            row.rate_display,
        ]
        for row in card.summary
    ]
    items = []
    for year, year_items in card.items_by_year.items():
        groups: list[tuple[str, list[list[str]]]] = []
        for item in year_items:
            lines = [[gettext("산출근거 없음"), format_money(item.amount), "0"]] if not item.lines else []
            for line in item.lines:
                text = line.label
                if line.unit_price is not None:
                    text += f" ({num(line.unit_price)}원 × {num(line.quantity)}{line.unit})"
                lines.append([text, format_money(line.amount), str(line.depth)])
            groups.append((f"{item.code} {item.name}\n{format_money(item.amount)}", lines))
        caption = gettext("%(year)s년 예산 요구내역 및 산출근거 (계 %(total)s천원)") % {
            "year": year,
            "total": format_money(card.item_totals.get(year)),
        }
        items.append((caption, groups))
    schedule = []
    for year, schedule_lines in card.schedule.items():
        rows = [[gettext("계"), "", format_money(card.schedule_totals.get(year)), ""]]
        rows += [[ln.label, ln.period, format_money(ln.amount), ln.detail] for ln in schedule_lines]
        schedule.append((gettext("%(year)s년도 추진일정") % {"year": year}, rows))
    settlements = [
        [
            str(s.year),
            *(
                format_money(v)
                for v in (s.original, s.carried_in, s.change, s.current, s.executed, s.carried_out, s.balance)
            ),
            str(s.execution_rate),
        ]
        for s in card.settlements
    ]
    return FinanceDoc(summary_headers, summary, items, schedule, settlements)


def generated_on(day: dt.date) -> str:
    return gettext("%(date)s 기준") % {"date": kdate.official(day)}

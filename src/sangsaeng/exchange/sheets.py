"""The workbook's layout: its sheets, their Korean headers, which columns are keys, inputs, references or
computed figures, and the rows a card gives on each sheet.

Inputs are the card's stored values (targets, actuals, planned/secured/executed amounts, activities).
Computed columns come only from `plans.card.compute_card` (which takes every number from lib.figures);
an import ignores them. Reference columns (분야, 주관부서 …) are shown for reading and ignored too.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.utils import translation

from sangsaeng.budgets.models import BudgetKind
from sangsaeng.exchange import values as v
from sangsaeng.plans.card import Card
from sangsaeng.plans.models import Indicator, Status

Role = Literal["key", "input", "ref", "computed"]

# Number formats: money in 천원 with thousands separators, rates with one decimal.
MONEY_FORMAT = "#,##0"
RATE_FORMAT = "0.0"
NUMBER_FORMAT = "General"


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    role: Role
    kind: v.Kind
    width: int = 12
    number_format: str | None = None

    @property
    def imported(self) -> bool:
        return self.role in ("key", "input")


@dataclass(frozen=True)
class Sheet:
    name: str  # the sheet's tab, in Korean
    key: str  # code name used in previews and tests
    label: str  # what one row is, for messages
    columns: tuple[Column, ...]

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)

    @property
    def inputs(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.role == "input")


def _choices(choices: Any) -> tuple[tuple[str, str], ...]:
    return tuple((value, str(label)) for value, label in choices)


TEXT = v.Kind()
CODE = v.Kind(max_length=20)
ID = v.Whole(minimum=1)

TASKS = Sheet(
    "과제",
    "tasks",
    "과제",
    (
        Column("code", "관리번호", "key", v.Kind(max_length=20, required=True), 10),
        Column("id", "과제 ID", "ref", ID, 8),
        Column("parent", "상위 관리번호", "ref", CODE, 10),
        Column("area", "분야", "ref", TEXT, 16),
        Column("title", "과제명", "input", v.Kind(max_length=200, required=True), 40),
        Column("status", "사업이행도", "input", v.Choice(required=True), 14),
        Column(
            "progress",
            "종합 진도율(%)",
            "input",
            v.Number(maximum=Decimal(100), required=True),
            12,
            NUMBER_FORMAT,
        ),
        Column("implementer", "사업주체", "input", v.Kind(max_length=100), 12),
        Column("lead", "주관부서", "ref", TEXT, 20),
        Column("goal", "목표", "input", v.Kind(max_length=5000), 40),
        Column("total_cost", "총사업비(천원, 계산)", "computed", v.Money(), 16, MONEY_FORMAT),
        Column("revision", "수정번호", "ref", v.Whole(), 8),
    ),
)

INDICATORS = Sheet(
    "확인지표",
    "indicators",
    "확인지표",
    (
        Column("code", "관리번호", "key", v.Kind(max_length=20, required=True), 10),
        Column("indicator", "지표 ID", "key", ID, 8),
        Column("name", "지표명", "input", v.Kind(max_length=200, required=True), 32),
        Column("kind", "유형", "input", v.Choice(), 10),
        Column("unit", "단위", "input", v.Kind(max_length=20), 8),
        Column("year", "연도", "key", v.Whole(minimum=1990, maximum=2100), 8),
        Column("target", "계획", "input", v.Number(), 12, NUMBER_FORMAT),
        Column("actual", "실적", "input", v.Number(), 12, NUMBER_FORMAT),
        Column("plan_text", "계획(서술)", "input", v.Kind(max_length=300), 24),
        Column("actual_text", "실적(서술)", "input", v.Kind(max_length=300), 24),
        Column("achieved", "달성", "input", v.Flag(), 6),
        Column("achieved_on", "달성일", "input", v.Day(), 14),
        Column("rate", "달성률(%, 계산)", "computed", v.Number(minimum=None), 12, RATE_FORMAT),
    ),
)

BUCKET_BEFORE, BUCKET_AFTER = "기투자", "임기후"

ACTIVITIES = Sheet(
    "추진실적",
    "activities",
    "추진실적",
    (
        Column("code", "관리번호", "key", v.Kind(max_length=20, required=True), 10),
        Column("activity", "실적 ID", "key", ID, 8),
        Column("when", "일자", "input", v.Period(), 22),
        Column("text", "내용", "input", v.Kind(max_length=500, required=True), 48),
        Column("details", "세부 내용", "input", v.Bullets(), 48),
        Column("participants", "참여 인원(명)", "input", v.Whole(), 10, MONEY_FORMAT),
    ),
)

INFO_SHEET = "안내"
PLAN_ID_LABEL = "계획 ID"


def korean() -> translation.override:
    """The file is Korean whatever language the screen speaks: its headers and labels are its layout."""
    return translation.override(settings.LANGUAGE_CODE)


def _with_choices(sheet: Sheet) -> Sheet:
    """Choice columns get their labels when used (they are translated text)."""
    choices = {
        "status": _choices(Status.choices),
        "kind": _choices(Indicator.Kind.choices),
    }
    columns = tuple(
        Column(
            c.field, c.header, c.role, v.Choice(required=c.kind.required, choices=choices[c.field]), c.width
        )
        if isinstance(c.kind, v.Choice)
        else c
        for c in sheet.columns
    )
    return Sheet(sheet.name, sheet.key, sheet.label, columns)


KIND_LABELS = {"planned": "투자계획", "secured": "확보", "executed": "집행"}


def budget_sheet(years: list[int]) -> Sheet:
    """예산: one row per card × 재원 × 구분, one column per 기투자 / year / 임기후 (천원)."""
    buckets = [
        Column("before", f"{BUCKET_BEFORE}(천원)", "input", v.Money(), 12, MONEY_FORMAT),
        *(Column(f"y{y}", f"{y}년(천원)", "input", v.Money(), 12, MONEY_FORMAT) for y in years),
        Column("after", f"{BUCKET_AFTER}(천원)", "input", v.Money(), 12, MONEY_FORMAT),
    ]
    return Sheet(
        "예산",
        "budget",
        "예산",
        (
            Column("code", "관리번호", "key", v.Kind(max_length=20, required=True), 10),
            Column("source", "재원", "key", v.Kind(max_length=30, required=True), 10),
            Column("kind", "구분", "key", v.Choice(required=True, choices=tuple(KIND_LABELS.items())), 10),
            *buckets,
            Column("total", "합계(천원, 계산)", "computed", v.Money(), 14, MONEY_FORMAT),
        ),
    )


def sheets(years: list[int]) -> list[Sheet]:
    """The data sheets in the workbook's order (the 안내 sheet follows them)."""
    return [_with_choices(TASKS), _with_choices(INDICATORS), budget_sheet(years), ACTIVITIES]


def bucket_field(bucket: str, year: int | None) -> str:
    if bucket == "before":
        return "before"
    if bucket == "after":
        return "after"
    return f"y{year}"


def field_bucket(field: str) -> tuple[str, int]:
    if field in ("before", "after"):
        return field, 0
    return "year", int(field[1:])


# ---------------------------------------------------------------- a card's rows


def task_row(card: Card) -> dict[str, Any]:
    s = card.state
    lead = f"{s.lead_organization} {s.lead_department.name}".strip() if s.lead_department else ""
    return {
        "code": s.code,
        "id": s.id,
        "parent": s.parent.name.split(" ", 1)[0] if s.parent else None,
        "area": s.area,
        "title": s.title,
        "status": s.status,
        "progress": s.progress,
        "implementer": s.implementer,
        "lead": lead,
        "goal": s.goal,
        "total_cost": card.total_cost,
        "revision": s.revision,
    }


def indicator_rows(card: Card) -> Iterator[dict[str, Any]]:
    rates = {ind.id: {c.year: c.rate.value for c in ind.years} for ind in card.indicators}
    for ind in card.state.indicators:
        head = {
            "code": card.state.code,
            "indicator": ind.id,
            "name": ind.name,
            "kind": ind.kind,
            "unit": ind.unit,
        }
        if not ind.values:
            # An indicator without values still has its row, so it survives the round trip.
            yield head | {"year": None}
        for value in ind.values:
            yield head | {
                "year": value.year,
                "target": value.target,
                "actual": value.actual,
                "plan_text": value.plan_text,
                "actual_text": value.actual_text,
                "achieved": value.achieved,
                "achieved_on": value.achieved_on,
                "rate": rates[ind.id].get(value.year),
            }


def budget_rows(card: Card) -> Iterator[dict[str, Any]]:
    s = card.state
    totals = {
        (table.kind, line.label): line.row.total for table in card.budget_tables for line in table.lines
    }
    names = {src.id: src.name for src in s.sources}
    rows: dict[tuple[int, str], dict[str, Any]] = {}
    for e in s.budget:
        row = rows.setdefault((e.source_id, e.kind), {"code": s.code, "source": names.get(e.source_id)})
        row[bucket_field(e.bucket, e.year)] = e.amount
    order = {src.id: i for i, src in enumerate(s.sources)}
    kinds = list(BudgetKind.values)
    for (source_id, kind), row in sorted(
        rows.items(), key=lambda r: (order.get(r[0][0], 0), kinds.index(r[0][1]))
    ):
        yield row | {"kind": kind, "total": totals.get((kind, names.get(source_id, "")))}


def activity_rows(card: Card) -> Iterator[dict[str, Any]]:
    for a in sorted(card.state.activities, key=lambda a: (a.start, a.id), reverse=True):
        yield {
            "code": card.state.code,
            "activity": a.id,
            "when": (a.start, a.start_precision, a.end, a.end_precision, a.open_ended),
            "text": a.text,
            "details": a.details,
            "participants": a.participants,
        }

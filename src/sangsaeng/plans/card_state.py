"""The management card's inputs as one serializable value.

Loaded from the database in a constant number of queries (`load_state`), stored whole in the audit
log after every change, and fed to `plans.card.compute_card`. Because a past state is the same shape
as the present one, the card "as of" a past date and the conflict check work from the same code.
"""

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from pydantic import BaseModel, ConfigDict, Field

from sangsaeng.budgets.models import BudgetItem, CostLine, FundingSource
from sangsaeng.plans.models import Indicator, Task


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Ref(_Model):
    id: int
    name: str


class ContactState(_Model):
    role: str
    name: str
    phone: str = ""


class IndicatorValueState(_Model):
    year: int
    target: Decimal | None = None
    actual: Decimal | None = None
    plan_text: str = ""
    actual_text: str = ""
    achieved_on: dt.date | None = None
    achieved: bool = False


class IndicatorState(_Model):
    id: int
    name: str
    kind: str
    unit: str = ""
    aggregation: str = "sum"
    term_plan_text: str = ""
    term_actual_text: str = ""
    note: str = ""
    values: list[IndicatorValueState] = Field(default_factory=list)


class SourceState(_Model):
    id: int
    name: str
    is_national: bool = False


class BudgetEntryState(_Model):
    source_id: int
    kind: str
    bucket: str
    year: int | None
    amount: int


class CostLineState(_Model):
    id: int
    parent_id: int | None
    label: str
    amount: int | None = None
    unit_price: int | None = None
    quantity: Decimal | None = None
    unit: str = ""


class BudgetItemState(_Model):
    id: int
    year: int
    code: str
    name: str
    stated_amount: int | None = None
    lines: list[CostLineState] = Field(default_factory=list)


class SettlementState(_Model):
    year: int
    original: int = 0
    carried_in: int = 0
    change: int = 0
    executed: int = 0
    carried_out: int = 0


class ScheduleLineState(_Model):
    year: int
    label: str
    period: str = ""
    amount: int | None = None
    detail: str = ""


class ActivityState(_Model):
    id: int
    start: dt.date
    start_precision: str = "day"
    end: dt.date | None = None
    end_precision: str = "day"
    open_ended: bool = False
    text: str
    details: list[Any] = Field(default_factory=list)
    participants: int | None = None


class LegislationState(_Model):
    id: int
    name: str
    bill_kind: str = ""
    proposed_on: dt.date | None = None
    committee_on: dt.date | None = None
    plenary_on: dt.date | None = None
    promulgated_on: dt.date | None = None
    note: str = ""


class ChildState(_Model):
    id: int
    code: str
    title: str
    status: str
    progress: Decimal
    weight: Decimal


class AttachmentState(_Model):
    id: int
    name: str
    kind: str
    size: int
    description: str = ""


class CardState(_Model):
    id: int
    plan_id: int
    plan_title: str
    term_years: list[int]
    last_year_label: str = ""
    area: str = ""
    parent: Ref | None = None
    code: str
    title: str
    slogan: str = ""
    status: str
    progress: Decimal
    rollup: str = "average"
    weight: Decimal = Decimal(1)
    implementer: str = ""
    term_class: str = ""
    novelty: str = ""
    budget_class: str = ""
    lead_department: Ref | None = None
    lead_organization: str = ""
    central_coop: str = ""
    partners: list[Ref] = Field(default_factory=list)
    agreement: Ref | None = None
    goal: str = ""
    term_indicator: str = ""
    period_kind: str = ""
    period_text: str = ""
    location: str = ""
    execution_type: str = ""
    expense_type: str = ""
    prior_procedures: list[str] = Field(default_factory=list)
    contacts: list[ContactState] = Field(default_factory=list)
    texts: dict[str, list[Any]] = Field(default_factory=dict)
    indicators: list[IndicatorState] = Field(default_factory=list)
    sources: list[SourceState] = Field(default_factory=list)
    budget: list[BudgetEntryState] = Field(default_factory=list)
    items: list[BudgetItemState] = Field(default_factory=list)
    settlements: list[SettlementState] = Field(default_factory=list)
    schedule: list[ScheduleLineState] = Field(default_factory=list)
    activities: list[ActivityState] = Field(default_factory=list)
    legislation: list[LegislationState] = Field(default_factory=list)
    children: list[ChildState] = Field(default_factory=list)
    attachments: list[AttachmentState] = Field(default_factory=list)
    stated: dict[str, Decimal] = Field(default_factory=dict)
    revision: int = 0

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "CardState":
        return cls.model_validate(data)


def card_queryset() -> Any:
    """Everything the card needs, fetched in a fixed number of queries."""
    return Task.objects.select_related(
        "plan", "area", "parent", "lead_department__organization", "agreement"
    ).prefetch_related(
        "partners",
        "contacts",
        "texts",
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values")),
        "budget_entries",
        Prefetch("plan__funding_sources", queryset=FundingSource.objects.order_by("order", "id")),
        Prefetch(
            "budget_items",
            queryset=BudgetItem.objects.prefetch_related(
                Prefetch("lines", queryset=CostLine.objects.order_by("order", "id"))
            ),
        ),
        "settlements",
        "schedule_lines",
        "activities",
        "legislation",
        Prefetch("children", queryset=Task.objects.order_by("sort_key")),
        "attachments",
        "stated_figures",
    )


def state_of(task: Task) -> CardState:
    """Build the state from a task fetched through `card_queryset()` (no further queries)."""
    plan = task.plan
    dept = task.lead_department
    return CardState(
        id=task.pk,
        plan_id=plan.pk,
        plan_title=plan.title,
        term_years=plan.term_years,
        last_year_label=plan.last_year_label,
        area=str(task.area) if task.area else "",
        parent=Ref(id=task.parent.pk, name=f"{task.parent.code} {task.parent.title}")
        if task.parent
        else None,
        code=task.code,
        title=task.title,
        slogan=task.slogan,
        status=task.status,
        progress=task.progress,
        rollup=task.rollup,
        weight=task.weight,
        implementer=task.implementer,
        term_class=task.term_class,
        novelty=task.novelty,
        budget_class=task.budget_class,
        lead_department=Ref(id=dept.pk, name=dept.name) if dept else None,
        lead_organization=dept.organization.name if dept else "",
        central_coop=task.central_coop,
        partners=sorted((Ref(id=o.pk, name=o.name) for o in task.partners.all()), key=lambda r: r.name),
        agreement=Ref(id=task.agreement.pk, name=task.agreement.title) if task.agreement else None,
        goal=task.goal,
        term_indicator=task.term_indicator,
        period_kind=task.period_kind,
        period_text=task.period_text,
        location=task.location,
        execution_type=task.execution_type,
        expense_type=task.expense_type,
        prior_procedures=list(task.prior_procedures or []),
        contacts=[ContactState(role=c.role, name=c.name, phone=c.phone) for c in task.contacts.all()],
        texts={t.kind: t.items for t in task.texts.all() if t.items},
        indicators=[
            IndicatorState(
                id=i.pk,
                name=i.name,
                kind=i.kind,
                unit=i.unit,
                aggregation=i.aggregation,
                term_plan_text=i.term_plan_text,
                term_actual_text=i.term_actual_text,
                note=i.note,
                values=[
                    IndicatorValueState(
                        year=v.year,
                        target=v.target,
                        actual=v.actual,
                        plan_text=v.plan_text,
                        actual_text=v.actual_text,
                        achieved_on=v.achieved_on,
                        achieved=v.achieved,
                    )
                    for v in sorted(i.values.all(), key=lambda v: v.year)
                ],
            )
            for i in task.indicators.all()
        ],
        sources=[
            SourceState(id=s.pk, name=s.name, is_national=s.is_national) for s in plan.funding_sources.all()
        ],
        budget=sorted(
            (
                BudgetEntryState(
                    source_id=b.source_id, kind=b.kind, bucket=b.bucket, year=b.year or None, amount=b.amount
                )
                for b in task.budget_entries.all()
            ),
            key=lambda b: (b.source_id, b.kind, b.bucket, b.year or 0),
        ),
        items=[
            BudgetItemState(
                id=item.pk,
                year=item.year,
                code=item.code,
                name=item.name,
                stated_amount=item.stated_amount,
                lines=[
                    CostLineState(
                        id=ln.pk,
                        parent_id=ln.parent_id,
                        label=ln.label,
                        amount=ln.amount,
                        unit_price=ln.unit_price,
                        quantity=ln.quantity,
                        unit=ln.unit,
                    )
                    for ln in item.lines.all()
                ],
            )
            for item in task.budget_items.all()
        ],
        settlements=[
            SettlementState(
                year=s.year,
                original=s.original,
                carried_in=s.carried_in,
                change=s.change,
                executed=s.executed,
                carried_out=s.carried_out,
            )
            for s in task.settlements.all()
        ],
        schedule=[
            ScheduleLineState(year=s.year, label=s.label, period=s.period, amount=s.amount, detail=s.detail)
            for s in task.schedule_lines.all()
        ],
        activities=[
            ActivityState(
                id=a.pk,
                start=a.start,
                start_precision=a.start_precision,
                end=a.end,
                end_precision=a.end_precision,
                open_ended=a.open_ended,
                text=a.text,
                details=a.details or [],
                participants=a.participants,
            )
            for a in task.activities.all()
        ],
        legislation=[
            LegislationState(
                id=lg.pk,
                name=lg.name,
                bill_kind=lg.bill_kind,
                proposed_on=lg.proposed_on,
                committee_on=lg.committee_on,
                plenary_on=lg.plenary_on,
                promulgated_on=lg.promulgated_on,
                note=lg.note,
            )
            for lg in task.legislation.all()
        ],
        children=[
            ChildState(
                id=c.pk, code=c.code, title=c.title, status=c.status, progress=c.progress, weight=c.weight
            )
            for c in task.children.all()
        ],
        attachments=[
            AttachmentState(
                id=a.pk, name=a.original_name, kind=a.kind, size=a.size, description=a.description
            )
            for a in task.attachments.all()
        ],
        stated={s.key: s.value for s in task.stated_figures.all()},
        revision=task.revision,
    )


def load_state(task_id: int) -> CardState:
    return state_of(card_queryset().get(pk=task_id))


# ---------------------------------------------------------------- parts, for conflict detection

PART_LABELS = {
    "header": "기본 정보",
    "goal": "목표·이행 확인지표",
    "budget": "예산투입 실적 및 계획",
    "subtasks": "세부과제",
}


def part_value(state: CardState, part: str) -> Any:
    """The slice of the state that one edit form covers."""
    data = state.to_json()
    kind, _, key = part.partition(":")
    if kind == "header":
        keys = (
            "code",
            "title",
            "slogan",
            "status",
            "progress",
            "implementer",
            "term_class",
            "novelty",
            "budget_class",
            "lead_department",
            "central_coop",
            "partners",
            "agreement",
            "contacts",
            "area",
            "period_kind",
            "period_text",
            "location",
            "execution_type",
            "expense_type",
            "prior_procedures",
        )
        return {k: data[k] for k in keys}
    if kind == "goal":
        return {"goal": data["goal"], "term_indicator": data["term_indicator"]}
    if kind == "text":
        return data["texts"].get(key, [])
    if kind == "budget":
        return data["budget"]
    if kind == "subtasks":
        return {"rollup": data["rollup"], "children": [(c["id"], c["weight"]) for c in data["children"]]}
    for collection, field in (
        ("indicator", "indicators"),
        ("activity", "activities"),
        ("legislation", "legislation"),
        ("item", "items"),
    ):
        if kind == collection:
            return next((x for x in data[field] if str(x["id"]) == key), None)
    if kind in ("settlement", "schedule"):
        field = "settlements" if kind == "settlement" else "schedule"
        return [x for x in data[field] if str(x["year"]) == key]
    raise ValueError(f"unknown card part {part!r}")


def fingerprint(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]

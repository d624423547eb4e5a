"""The management card's inputs as one serializable value.

Read from the rows in a constant number of queries (`load_state`, `load_states`), stored whole in the audit
log after every change, and fed to `plans.card.compute_card`. Because a past state is the same shape
as the present one, the card "as of" a past date and the conflict check work from the same code.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import F
from pydantic import BaseModel, ConfigDict, Field

from sangsaeng.budgets.models import BudgetEntry, BudgetItem, FundingSource, ScheduleLine, Settlement
from sangsaeng.plans.models import (
    Activity,
    Area,
    Attachment,
    Contact,
    Indicator,
    Legislation,
    Plan,
    StatedFigure,
    Task,
    TaskText,
)


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


# The task's own columns and the names it shows from its plan, area, parent, department and agreement.
_TASK_VALUES = (
    "id",
    "plan_id",
    "plan__title",
    "plan__term_start_year",
    "plan__term_end_year",
    "plan__last_year_label",
    "area_id",
    "area__number",
    "area__name",
    "parent_id",
    "parent__code",
    "parent__title",
    "code",
    "title",
    "slogan",
    "status",
    "progress",
    "rollup",
    "weight",
    "implementer",
    "term_class",
    "novelty",
    "budget_class",
    "lead_department_id",
    "lead_department__name",
    "lead_department__organization__name",
    "central_coop",
    "agreement_id",
    "agreement__title",
    "goal",
    "term_indicator",
    "period_kind",
    "period_text",
    "location",
    "execution_type",
    "expense_type",
    "prior_procedures",
    "revision",
)


def _by_task(rows: Iterable[Any], ids: Iterable[int], key: str = "task_id") -> dict[int, list[Any]]:
    """Value rows (dicts) grouped by the card they belong to, in the order read."""
    out: dict[int, list[Any]] = {pk: [] for pk in ids}
    for row in rows:
        out[row.pop(key)].append(row)
    return out


def _indicators(ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Indicators with their year values in one LEFT JOIN (an indicator without values gives one row)."""
    fields = ("year", "target", "actual", "plan_text", "actual_text", "achieved_on", "achieved")
    rows = (
        Indicator.objects.filter(task_id__in=ids)
        .order_by("task_id", "order", "id", "values__year")
        .values(
            "task_id",
            "id",
            "name",
            "kind",
            "unit",
            "aggregation",
            "term_plan_text",
            "term_actual_text",
            "note",
            *(f"values__{f}" for f in fields),
        )
    )
    out: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    seen: dict[int, dict[str, Any]] = {}
    for row in rows:
        value = {f: row.pop(f"values__{f}") for f in fields}
        task_id = row.pop("task_id")
        indicator = seen.get(row["id"])
        if indicator is None:
            indicator = seen[row["id"]] = row | {"values": []}
            out[task_id].append(indicator)
        if value["year"] is not None:
            indicator["values"].append(value)
    return out


def _items(ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """예산과목 with their 산출근거 lines in one LEFT JOIN (an item without lines gives one row)."""
    fields = ("id", "parent_id", "label", "amount", "unit_price", "quantity", "unit")
    rows = (
        BudgetItem.objects.filter(task_id__in=ids)
        .order_by("task_id", "year", "code", "id", "lines__order", "lines__id")
        .values("task_id", "id", "year", "code", "name", "stated_amount", *(f"lines__{f}" for f in fields))
    )
    out: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    seen: dict[int, dict[str, Any]] = {}
    for row in rows:
        line = {f: row.pop(f"lines__{f}") for f in fields}
        task_id = row.pop("task_id")
        item = seen.get(row["id"])
        if item is None:
            item = seen[row["id"]] = row | {"lines": []}
            out[task_id].append(item)
        if line["id"] is not None:
            item["lines"].append(line)
    return out


def load_states(task_ids: Iterable[int]) -> dict[int, CardState]:
    """The cards' inputs, read from their rows as plain values (no model instances) in the same
    15 queries whether one card is read or a thousand, and whatever the size of each card.

    Building ~300 model instances through 17 prefetches cost more than the rest of the card page.
    The ids go into IN (...) lists: read thousands of cards in batches of a few hundred."""
    tasks = {
        row["id"]: row for row in Task.objects.filter(pk__in=list(task_ids)).order_by().values(*_TASK_VALUES)
    }
    if not tasks:
        return {}
    ids = list(tasks)
    plan_ids = {t["plan_id"] for t in tasks.values()}
    # Each collection is ordered as its model's Meta.ordering within a task, but by task_id: ordering
    # by the "task" relation would join Task and Plan (their own orderings) into every query.

    partners = _by_task(
        (
            {"task_id": task_id, "id": org_id, "name": name}
            for task_id, org_id, name in Task.partners.through.objects.filter(task_id__in=ids)
            .order_by("organization__name", "organization_id")
            .values_list("task_id", "organization_id", "organization__name")
        ),
        ids,
    )
    contacts = _by_task(
        Contact.objects.filter(task_id__in=ids)
        .order_by("task_id", "order", "id")
        .values("task_id", "role", "name", "phone"),
        ids,
    )
    texts = _by_task(TaskText.objects.filter(task_id__in=ids).values("task_id", "kind", "items"), ids)
    indicators = _indicators(ids)
    budget = _by_task(
        BudgetEntry.objects.filter(task_id__in=ids).values(
            "task_id", "source_id", "kind", "bucket", "year", "amount"
        ),
        ids,
    )
    sources = _by_task(
        FundingSource.objects.filter(plan_id__in=plan_ids)
        .order_by("order", "id")
        .values("plan_id", "id", "name", "is_national"),
        plan_ids,
        key="plan_id",
    )
    items = _items(ids)
    settlements = _by_task(
        Settlement.objects.filter(task_id__in=ids)
        .order_by("task_id", "year")
        .values("task_id", "year", "original", "carried_in", "change", "executed", "carried_out"),
        ids,
    )
    schedule = _by_task(
        ScheduleLine.objects.filter(task_id__in=ids)
        .order_by("task_id", "year", "order", "id")
        .values("task_id", "year", "label", "period", "amount", "detail"),
        ids,
    )
    activities = _by_task(
        Activity.objects.filter(task_id__in=ids)
        .order_by("task_id", "-start", "-id")
        .values(
            "task_id",
            "id",
            "start",
            "start_precision",
            "end",
            "end_precision",
            "open_ended",
            "text",
            "details",
            "participants",
        ),
        ids,
    )
    legislation = _by_task(
        Legislation.objects.filter(task_id__in=ids)
        .order_by("task_id", "id")
        .values(
            "task_id",
            "id",
            "name",
            "bill_kind",
            "proposed_on",
            "committee_on",
            "plenary_on",
            "promulgated_on",
            "note",
        ),
        ids,
    )
    children = _by_task(
        Task.objects.filter(parent_id__in=ids)
        .order_by("sort_key")
        .values("parent_id", "id", "code", "title", "status", "progress", "weight"),
        ids,
        key="parent_id",
    )
    attachments = _by_task(
        Attachment.objects.filter(task_id__in=ids)
        .order_by("task_id", "-uploaded_at")
        .values("task_id", "id", "kind", "size", "description", name=F("original_name")),
        ids,
    )
    stated = _by_task(StatedFigure.objects.filter(task_id__in=ids).values("task_id", "key", "value"), ids)

    states = {}
    for pk, t in tasks.items():
        plan = Plan(term_start_year=t["plan__term_start_year"], term_end_year=t["plan__term_end_year"])
        area = Area(number=t["area__number"], name=t["area__name"]) if t["area_id"] else None
        dept = t["lead_department_id"]
        states[pk] = CardState.model_validate(
            {
                "id": pk,
                "plan_id": t["plan_id"],
                "plan_title": t["plan__title"],
                "term_years": plan.term_years,
                "last_year_label": t["plan__last_year_label"],
                "area": str(area) if area else "",
                "parent": {"id": t["parent_id"], "name": f"{t['parent__code']} {t['parent__title']}"}
                if t["parent_id"]
                else None,
                "code": t["code"],
                "title": t["title"],
                "slogan": t["slogan"],
                "status": t["status"],
                "progress": t["progress"],
                "rollup": t["rollup"],
                "weight": t["weight"],
                "implementer": t["implementer"],
                "term_class": t["term_class"],
                "novelty": t["novelty"],
                "budget_class": t["budget_class"],
                "lead_department": {"id": dept, "name": t["lead_department__name"]} if dept else None,
                "lead_organization": t["lead_department__organization__name"] if dept else "",
                "central_coop": t["central_coop"],
                "partners": sorted(partners[pk], key=lambda r: r["name"]),
                "agreement": {"id": t["agreement_id"], "name": t["agreement__title"]}
                if t["agreement_id"]
                else None,
                "goal": t["goal"],
                "term_indicator": t["term_indicator"],
                "period_kind": t["period_kind"],
                "period_text": t["period_text"],
                "location": t["location"],
                "execution_type": t["execution_type"],
                "expense_type": t["expense_type"],
                "prior_procedures": list(t["prior_procedures"] or []),
                "contacts": contacts[pk],
                "texts": {row["kind"]: row["items"] for row in texts[pk] if row["items"]},
                "indicators": indicators[pk],
                "sources": sources[t["plan_id"]],
                "budget": sorted(
                    (b | {"year": b["year"] or None} for b in budget[pk]),
                    key=lambda b: (b["source_id"], b["kind"], b["bucket"], b["year"] or 0),
                ),
                "items": items[pk],
                "settlements": settlements[pk],
                "schedule": schedule[pk],
                "activities": [a | {"details": a["details"] or []} for a in activities[pk]],
                "legislation": legislation[pk],
                "children": children[pk],
                "attachments": attachments[pk],
                "stated": {row["key"]: row["value"] for row in stated[pk]},
                "revision": t["revision"],
            }
        )
    return states


def load_state(task_id: int) -> CardState:
    states = load_states([task_id])
    if task_id not in states:
        raise Task.DoesNotExist(f"Task {task_id} does not exist.")
    return states[task_id]


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

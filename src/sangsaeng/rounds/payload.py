"""An update's content: the card's changing parts for one round, as one validated value.

`initial_payload` reads it from the card's state (the last confirmed figures), `apply_payload` lays
it over a state in memory (for the side-by-side review and the conflict check), and `check_payload`
lists in Korean what is missing or inconsistent. Nothing here computes a rate or a total: the review
feeds the resulting state to plans.card.compute_card.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field

from sangsaeng.budgets.models import Bucket, BudgetKind
from sangsaeng.lib import kdate
from sangsaeng.lib.money import format_money
from sangsaeng.plans.card_state import (
    ActivityState,
    AttachmentState,
    BudgetEntryState,
    CardState,
    IndicatorState,
    IndicatorValueState,
)
from sangsaeng.plans.models import Indicator, Status
from sangsaeng.plans.parts import computed_actuals_of


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IndicatorActual(_Model):
    indicator_id: int
    actual: Decimal | None = None
    actual_text: str = Field(default="", max_length=300)
    achieved: bool = False
    achieved_on: dt.date | None = None


class BudgetCell(_Model):
    """확보 and 집행 of one funding source for the round's year, in 천원."""

    source_id: int
    secured: int | None = Field(default=None, ge=0)
    executed: int | None = Field(default=None, ge=0)


class NewActivity(_Model):
    start: dt.date
    start_precision: str = "day"
    end: dt.date | None = None
    end_precision: str = "day"
    open_ended: bool = False
    text: str = Field(max_length=500)
    details: list[Any] = Field(default_factory=list)
    participants: int | None = Field(default=None, ge=0)

    @property
    def when(self) -> str:
        return kdate.format_range(
            self.start, self.start_precision, self.end, self.end_precision, self.open_ended
        )


class UpdatePayload(_Model):
    status: str
    progress: Decimal | None = Field(default=None, ge=0, le=100)  # None: rolled up from sub-tasks
    indicators: list[IndicatorActual] = Field(default_factory=list)
    budget: list[BudgetCell] = Field(default_factory=list)
    activities: list[NewActivity] = Field(default_factory=list)
    problems: list[Any] = Field(default_factory=list)
    next_steps: list[Any] = Field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "UpdatePayload":
        return cls.model_validate(data)

    def indicator(self, indicator_id: int) -> IndicatorActual | None:
        return next((i for i in self.indicators if i.indicator_id == indicator_id), None)

    def cell(self, source_id: int) -> BudgetCell | None:
        return next((c for c in self.budget if c.source_id == source_id), None)


def _value(ind: IndicatorState, year: int) -> IndicatorValueState | None:
    return next((v for v in ind.values if v.year == year), None)


def _amount(state: CardState, source_id: int, kind: str, year: int) -> int | None:
    return next(
        (
            e.amount
            for e in state.budget
            if e.source_id == source_id and e.kind == kind and e.bucket == Bucket.YEAR and e.year == year
        ),
        None,
    )


def initial_payload(state: CardState, year: int) -> UpdatePayload:
    """The update as it starts: the card's current (last confirmed) figures for the round's year."""
    indicators = []
    for ind in state.indicators:
        v = _value(ind, year)
        indicators.append(
            IndicatorActual(
                indicator_id=ind.id,
                actual=v.actual if v else None,
                actual_text=v.actual_text if v else "",
                achieved=v.achieved if v else False,
                achieved_on=v.achieved_on if v else None,
            )
        )
    return UpdatePayload(
        status=state.status,
        progress=None if state.children else state.progress,
        indicators=indicators,
        budget=[
            BudgetCell(
                source_id=s.id,
                secured=_amount(state, s.id, BudgetKind.SECURED, year),
                executed=_amount(state, s.id, BudgetKind.EXECUTED, year),
            )
            for s in state.sources
        ],
        problems=list(state.texts.get("problems", [])),
        next_steps=list(state.texts.get("next_steps", [])),
    )


def apply_payload(
    state: CardState, payload: UpdatePayload, year: int, attachments: list[AttachmentState] | None = None
) -> CardState:
    """The card as it would be once the update is confirmed (in memory; the database is untouched).

    New activities and attachments get negative ids: they have none until they are written.
    """
    indicators = []
    for ind in state.indicators:
        actual = payload.indicator(ind.id)
        if actual is None:
            indicators.append(ind)
            continue
        old = _value(ind, year)
        new = (old or IndicatorValueState(year=year)).model_copy(
            update={
                "actual": actual.actual,
                "actual_text": actual.actual_text,
                "achieved": actual.achieved,
                "achieved_on": actual.achieved_on,
            }
        )
        values = [v for v in ind.values if v.year != year]
        if _has_content(new):
            values.append(new)
        indicators.append(ind.model_copy(update={"values": sorted(values, key=lambda v: v.year)}))
    budget = [
        e
        for e in state.budget
        if not (
            e.kind in (BudgetKind.SECURED, BudgetKind.EXECUTED)
            and e.bucket == Bucket.YEAR
            and e.year == year
            and payload.cell(e.source_id) is not None
        )
    ]
    for cell in payload.budget:
        for kind, amount in ((BudgetKind.SECURED, cell.secured), (BudgetKind.EXECUTED, cell.executed)):
            if amount is not None:
                budget.append(
                    BudgetEntryState(
                        source_id=cell.source_id, kind=kind, bucket=Bucket.YEAR, year=year, amount=amount
                    )
                )
    budget.sort(key=lambda b: (b.source_id, b.kind, b.bucket, b.year or 0))
    activities = [
        ActivityState(id=-(i + 1), **a.model_dump()) for i, a in enumerate(payload.activities)
    ] + list(state.activities)
    activities.sort(key=lambda a: a.start, reverse=True)
    texts = dict(state.texts)
    for text_kind, tree in (("problems", payload.problems), ("next_steps", payload.next_steps)):
        if tree:
            texts[text_kind] = tree
        else:
            texts.pop(text_kind, None)
    update: dict[str, Any] = {
        "status": payload.status,
        "indicators": indicators,
        "budget": budget,
        "activities": activities,
        "texts": texts,
        "attachments": list(attachments or []) + list(state.attachments),
    }
    if payload.progress is not None and not state.children:
        update["progress"] = payload.progress
    return state.model_copy(update=update)


def _has_content(v: IndicatorValueState) -> bool:
    return any(
        x not in (None, "", False)
        for x in (v.target, v.actual, v.plan_text, v.actual_text, v.achieved_on, v.achieved)
    )


def touched_paths(payload: UpdatePayload, year: int) -> tuple[str, ...]:
    """The audit-diff paths (audit.diff.flatten) an update writes, for the conflict check."""
    paths = ["status", "progress", "texts.problems", "texts.next_steps"]
    for ind in payload.indicators:
        paths += [
            f"indicators.{ind.indicator_id}.{year}.{a}"
            for a in ("actual", "actual_text", "achieved", "achieved_on")
        ]
    for cell in payload.budget:
        paths += [f"budget.{kind}.{cell.source_id}.year.{year}" for kind in ("secured", "executed")]
    return tuple(paths)


# ---------------------------------------------------------------- checks


@dataclass(frozen=True)
class Issue:
    """Something to fix before submitting (blocking) or to look at (a note)."""

    field: str
    message: str
    blocking: bool = True


def check_payload(
    payload: UpdatePayload, state: CardState, *, year: int, period: tuple[dt.date, dt.date]
) -> list[Issue]:
    """What is missing or inconsistent, in Korean, in the order of the form."""
    issues: list[Issue] = []
    status_label = Status(payload.status).label if payload.status in Status.values else payload.status
    if payload.status not in Status.values:
        issues.append(Issue("status", _("사업이행도를 고르세요.")))
    if not state.children:
        if payload.progress is None:
            issues.append(Issue("progress", _("종합 진도율을 입력하세요 (0~100%).")))
        elif payload.status == Status.COMPLETED and payload.progress < 100:
            issues.append(
                Issue(
                    "progress",
                    _(
                        "사업이행도가 ‘완료’인데 종합 진도율이 %(progress)s%%입니다. "
                        "완료한 과제의 진도율은 100%%입니다."
                    )
                    % {"progress": _plain(payload.progress)},
                )
            )
        elif payload.progress < state.progress:
            issues.append(
                Issue(
                    "progress",
                    _("종합 진도율 %(new)s%%가 지난 확정치 %(old)s%%보다 낮습니다. 맞는지 확인하세요.")
                    % {"new": _plain(payload.progress), "old": _plain(state.progress)},
                    blocking=False,
                )
            )
    by_id = {ind.id: ind for ind in state.indicators}
    computed = computed_actuals_of(by_id)  # counted from events: nothing for the officer to enter
    for actual in payload.indicators:
        ind = by_id.get(actual.indicator_id)
        if ind is None:
            continue
        field = f"ind_{ind.id}"
        planned = _value(ind, year)
        if ind.kind == Indicator.Kind.NUMERIC:
            if planned and planned.target is not None and actual.actual is None and ind.id not in computed:
                issues.append(
                    Issue(
                        f"{field}_actual",
                        _("확인지표 「%(name)s」의 %(year)d년 실적을 입력하세요. 실적이 없으면 0을 적습니다.")
                        % {"name": ind.name, "year": year},
                    )
                )
            if actual.actual is not None and actual.actual < 0:
                issues.append(
                    Issue(
                        f"{field}_actual",
                        _("확인지표 「%(name)s」: 실적은 음수일 수 없습니다.") % {"name": ind.name},
                    )
                )
        else:
            if planned and planned.plan_text and not actual.actual_text and not actual.achieved:
                issues.append(
                    Issue(
                        f"{field}_actual_text",
                        _("확인지표 「%(name)s」의 %(year)d년 추진 실적을 적거나 ‘달성’을 표시하세요.")
                        % {"name": ind.name, "year": year},
                    )
                )
        if actual.achieved_on and not actual.achieved:
            issues.append(
                Issue(
                    f"{field}_achieved",
                    _("확인지표 「%(name)s」: 달성일을 적었으면 ‘달성’도 표시하세요.") % {"name": ind.name},
                )
            )
    sources = {s.id: s.name for s in state.sources}
    for cell in payload.budget:
        if cell.executed is not None and cell.executed > (cell.secured or 0):
            issues.append(
                Issue(
                    f"b_{cell.source_id}_executed",
                    _(
                        "%(source)s %(year)d년 집행액(%(executed)s천원)이 "
                        "확보액(%(secured)s천원)보다 큽니다. "
                        "확보하지 않은 예산은 집행할 수 없습니다."
                    )
                    % {
                        "source": sources.get(cell.source_id, ""),
                        "year": year,
                        "executed": format_money(cell.executed),
                        "secured": format_money(cell.secured or 0),
                    },
                )
            )
    start, end = period
    for a in payload.activities:
        last = a.end or a.start
        if last < start or a.start > end:
            issues.append(
                Issue(
                    "activities",
                    _(
                        "추진실적 ‘%(text)s’의 일자(%(when)s)가 보고 기간(%(start)s~%(end)s) 밖입니다. "
                        "맞는지 확인하세요."
                    )
                    % {
                        "text": a.text[:30],
                        "when": a.when,
                        "start": kdate.official(start),
                        "end": kdate.official(end),
                    },
                    blocking=False,
                )
            )
    if payload.status in (Status.ON_HOLD, Status.DROPPED, Status.PARTIAL) and not payload.problems:
        issues.append(
            Issue(
                "problems",
                _("사업이행도가 ‘%(status)s’이면 문제점 및 대책을 적어 주세요.") % {"status": status_label},
            )
        )
    if not payload.next_steps and payload.status not in (Status.COMPLETED, Status.DROPPED):
        issues.append(Issue("next_steps", _("향후계획을 입력하세요.")))
    return issues


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}" if value != value.to_integral_value() else str(int(value))

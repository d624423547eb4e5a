"""The editable parts of a card. Each part names its form, how to fill it from the card's state, and
how to apply it inside `editing_card` (which locks, checks for conflicts, rolls up and audits).

A part is addressed as "kind" or "kind:key" (indicator:12, activity:new, text:outline).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.utils.translation import gettext, gettext_noop

from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.lib import kdate
from sangsaeng.lib.money import Unit
from sangsaeng.plans import forms as f
from sangsaeng.plans.card_state import CardState
from sangsaeng.plans.models import (
    Activity,
    Contact,
    Indicator,
    IndicatorValue,
    StatedFigure,
    Task,
    TaskText,
    TextKind,
)
from sangsaeng.plans.services import CardChange, ConflictError, in_record_language, sort_key


@dataclass(frozen=True)
class Part:
    kind: str
    title: Callable[[CardState, str], str]
    form: Callable[..., forms.Form]  # (data, *, task, state, key, unit) -> Form
    apply: Callable[[CardChange, dict[str, Any], str], str]  # returns the audit summary
    section: str  # the display partial re-rendered after a save
    delete: Callable[[CardChange, str], str] | None = None  # returns the audit summary

    @property
    def deletable(self) -> bool:
        return self.delete is not None


PARTS: dict[str, Part] = {}

# Checks other apps add in AppConfig.ready(), run before a part is written or deleted: each returns a
# reason to refuse (shown as is) or None. rounds adds one: after a plan is adopted, goal and target
# edits need an approved 변경안. Arguments: (change, kind, key, cleaned data or None for a delete).
type PartGuard = Callable[[CardChange, str, str, dict[str, Any] | None], str | None]
PART_GUARDS: list[PartGuard] = []


class PartRefused(ConflictError):
    """A guard refused a delete; the delete view reports it like a conflict (nothing was deleted)."""

    def __init__(self, part: str, reason: str) -> None:
        super().__init__(part, [], [])
        self.reason = reason

    @property
    def message(self) -> str:
        return self.reason


# Other apps may compute an indicator's yearly actuals (events.IndicatorFeed counts them from events).
# Each source returns, for the indicator ids it is given, the note shown beside the actuals of the ones
# it computes ("교류행사에서 자동 집계"), in one query; the indicator forms then refuse a typed actual.
# Added in AppConfig.ready().
type ActualSource = Callable[[list[int]], dict[int, str]]
ACTUAL_SOURCES: list[ActualSource] = []


def computed_actuals_of(indicator_ids: Iterable[int]) -> dict[int, str]:
    """{indicator id: note} for the indicators among `indicator_ids` whose actuals are computed."""
    ids = list(dict.fromkeys(indicator_ids))
    notes: dict[int, str] = {}
    for source in ACTUAL_SOURCES if ids else []:
        for pk, note in source(ids).items():
            notes.setdefault(pk, note)
    return notes


def computed_actuals(indicator_id: int | None) -> str:
    if indicator_id is None:
        return ""
    return computed_actuals_of([indicator_id]).get(indicator_id, "")


def _refusal(change: CardChange, kind: str, key: str, data: dict[str, Any] | None) -> str | None:
    return next((r for guard in PART_GUARDS if (r := guard(change, kind, key, data))), None)


def _guarded(kind: str, apply: Callable[[CardChange, dict[str, Any], str], str]) -> Any:
    def run(change: CardChange, data: dict[str, Any], key: str) -> str:
        reason = _refusal(change, kind, key, data)
        if reason:
            raise ValidationError({NON_FIELD_ERRORS: [reason]})
        return apply(change, data, key)

    return run


def _guarded_delete(kind: str, delete: Callable[[CardChange, str], str] | None) -> Any:
    if delete is None:
        return None

    def run(change: CardChange, key: str) -> str:
        reason = _refusal(change, kind, key, None)
        if reason:
            raise PartRefused(f"{kind}:{key}", reason)
        return delete(change, key)

    return run


def part(
    kind: str, *, title: Callable[[CardState, str], str], section: str, deletable: bool = False
) -> Callable[[Any], Any]:
    def register(cls: Any) -> Any:
        delete = getattr(cls, "delete", None)
        if deletable != (delete is not None):
            raise TypeError(
                f"part {kind!r}: deletable={deletable} does not match whether it defines delete()"
            )
        PARTS[kind] = Part(
            kind, title, cls.form, _guarded(kind, cls.apply), section, _guarded_delete(kind, delete)
        )
        return cls

    return register


# The stated figures (from an imported document) that a part's inputs produce. Once a person edits
# those inputs, the document no longer describes the card, so its stated figures are retired (the
# audit log keeps them).
STATED_KEYS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator.{key}.",),
    "budget": ("budget.", "total_cost"),
    "items": ("items.{key}.",),
    "settlement": ("settlement.{key}.",),
    "schedule": ("schedule.{key}.",),
}


def retire_stated_figures(*, task: Task, kind: str, key: str) -> None:
    for prefix in STATED_KEYS.get(kind, ()):
        pattern = prefix.format(key=key)
        StatedFigure.objects.filter(task=task, key__startswith=pattern).delete()


def resolve(name: str) -> tuple[Part, str]:
    kind, _, key = name.partition(":")
    spec = PARTS.get(kind)
    if spec is None:
        raise Http404(gettext("알 수 없는 항목입니다."))
    return spec, key


def _plain(value: Decimal) -> Decimal:
    """100.00 → 100, 62.50 → 62.5, for form fields."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _pk(key: str) -> int | None:
    if key == "new":
        return None
    if not key.isdigit():
        raise Http404(gettext("알 수 없는 항목입니다."))
    return int(key)


# Titles are shown on the edit form, in the reader's language. The summaries `apply` and `delete`
# return go to the audit log, which is kept in Korean (see services.in_record_language).

# ---------------------------------------------------------------- header


@part("header", title=lambda s, k: gettext("기본 정보"), section="header")
class HeaderPart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        initial = {
            "code": state.code,
            "title": state.title,
            "slogan": state.slogan,
            "area": task.area_id,
            "status": state.status,
            "progress": _plain(state.progress),
            "implementer": state.implementer,
            "term_class": state.term_class,
            "novelty": state.novelty,
            "budget_class": state.budget_class,
            "lead_department": state.lead_department.id if state.lead_department else None,
            "contacts": "\n".join(f"{c.role} {c.name} {c.phone}".strip() for c in state.contacts),
            "central_coop": state.central_coop,
            "partners": [p.id for p in state.partners],
            "agreement": state.agreement.id if state.agreement else None,
            "period_kind": state.period_kind,
            "period_text": state.period_text,
            "location": state.location,
            "execution_type": state.execution_type,
            "expense_type": state.expense_type,
        }
        return f.HeaderForm(data, initial=initial, task=task, has_children=bool(state.children))

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        task = change.task
        if data["code"] != task.code and Task.objects.filter(plan=task.plan, code=data["code"]).exists():
            raise ValidationError(
                {"code": gettext("관리번호 %(code)s은(는) 이 계획에 이미 있습니다.") % {"code": data["code"]}}
            )
        for name in (
            "code",
            "title",
            "slogan",
            "status",
            "implementer",
            "term_class",
            "novelty",
            "budget_class",
            "central_coop",
            "period_kind",
            "period_text",
            "location",
            "execution_type",
            "expense_type",
        ):
            setattr(task, name, data[name] or "")
        task.area, task.lead_department, task.agreement = (
            data["area"],
            data["lead_department"],
            data["agreement"],
        )
        if not change.before.children and data.get("progress") is not None:
            task.progress = data["progress"]
        task.sort_key = sort_key(task.code)
        task.full_clean()
        task.save()
        task.partners.set(data["partners"])
        task.contacts.all().delete()
        Contact.objects.bulk_create(Contact(task=task, order=i, **c) for i, c in enumerate(data["contacts"]))
        return gettext_noop("기본 정보 수정")


# ---------------------------------------------------------------- goal and texts


@part("goal", title=lambda s, k: gettext("목표·이행 확인지표"), section="goal")
class GoalPart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        return f.GoalForm(data, initial={"goal": state.goal, "term_indicator": state.term_indicator})

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        Task.objects.filter(pk=change.task.pk).update(
            goal=data["goal"], term_indicator=data["term_indicator"]
        )
        return gettext_noop("목표·이행 확인지표 수정")


def _text_kind(key: str) -> str:
    if key not in TextKind.values:
        raise Http404(gettext("알 수 없는 항목입니다."))
    return key


@part("text", title=lambda s, k: str(TextKind(_text_kind(k)).label), section="text-{key}")
class TextPart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        return f.TextForm(data, initial={"items": state.texts.get(_text_kind(key), [])})

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        kind = _text_kind(key)
        TaskText.objects.update_or_create(task=change.task, kind=kind, defaults={"items": data["items"]})
        with in_record_language():
            return f"{TextKind(kind).label} 수정"


# ---------------------------------------------------------------- indicators


def _indicator_title(state: CardState, key: str) -> str:
    if key == "new":
        return gettext("확인지표 추가")
    ind = next((i for i in state.indicators if str(i.id) == key), None)
    return gettext("확인지표 「%(name)s」") % {"name": ind.name} if ind else gettext("확인지표")


def _years_for(state: CardState, key: str) -> list[int]:
    ind = next((i for i in state.indicators if str(i.id) == key), None)
    years = set(state.term_years) | ({v.year for v in ind.values} if ind else set())
    return sorted(years)


@part("indicator", title=_indicator_title, section="indicators", deletable=True)
class IndicatorPart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        pk = _pk(key)
        initial: dict[str, Any] = {"kind": Indicator.Kind.NUMERIC, "aggregation": Indicator.Aggregation.SUM}
        ind = next((i for i in state.indicators if i.id == pk), None)
        if pk is not None and ind is None:
            raise Http404(gettext("확인지표를 찾을 수 없습니다."))
        if ind:
            initial = {
                name: getattr(ind, name)
                for name in (
                    "name",
                    "kind",
                    "unit",
                    "aggregation",
                    "term_plan_text",
                    "term_actual_text",
                    "note",
                )
            }
            for v in ind.values:
                initial |= {
                    f"target_{v.year}": v.target,
                    f"actual_{v.year}": v.actual,
                    f"plan_text_{v.year}": v.plan_text,
                    f"actual_text_{v.year}": v.actual_text,
                    f"achieved_{v.year}": v.achieved,
                    f"achieved_on_{v.year}": kdate.official(v.achieved_on) if v.achieved_on else "",
                }
        return f.IndicatorForm(
            data, initial=initial, years=_years_for(state, key), computed_actuals=computed_actuals(pk)
        )

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        pk = _pk(key)
        fields = {
            name: data[name]
            for name in ("name", "kind", "unit", "aggregation", "term_plan_text", "term_actual_text", "note")
        }
        if pk is None:
            order = change.task.indicators.count()
            indicator = Indicator.objects.create(task=change.task, order=order, **fields)
        else:
            indicator = Indicator.objects.get(pk=pk, task=change.task)
            for name, value in fields.items():
                setattr(indicator, name, value)
            indicator.save()
        years = sorted({int(k.rsplit("_", 1)[1]) for k in data if k.startswith("target_")})
        indicator.values.exclude(year__in=years).delete()
        for y in years:
            values = {
                name: data[f"{name}_{y}"]
                for name in ("target", "actual", "plan_text", "actual_text", "achieved", "achieved_on")
            }
            if any(v not in (None, "", False) for v in values.values()):
                IndicatorValue.objects.update_or_create(indicator=indicator, year=y, defaults=values)
            else:
                indicator.values.filter(year=y).delete()
        return f"확인지표 「{indicator.name}」 {'추가' if pk is None else '수정'}"

    @staticmethod
    def delete(change: CardChange, key: str) -> str:
        indicator = Indicator.objects.filter(pk=_pk(key) or 0, task=change.task).first()
        if indicator is None:
            raise Http404(gettext("확인지표를 찾을 수 없습니다."))
        indicator.delete()
        return f"확인지표 「{indicator.name}」 삭제"


# ---------------------------------------------------------------- budget


@part("budget", title=lambda s, k: gettext("예산투입 실적 및 계획"), section="budget")
class BudgetPart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        initial = {f.BudgetForm.key(e.kind, e.source_id, e.bucket, e.year): e.amount for e in state.budget}
        return f.BudgetForm(data, initial=initial, sources=state.sources, years=state.term_years, unit=unit)

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        task = change.task
        entries = []
        for name, amount in data.items():
            if not name.startswith("b_") or amount is None:
                continue
            _, kind, source_id, bucket, year = name.split("_")
            entries.append(
                BudgetEntry(
                    task=task,
                    source_id=int(source_id),
                    kind=kind,
                    bucket=bucket,
                    year=int(year),
                    amount=amount,
                )
            )
        task.budget_entries.all().delete()
        BudgetEntry.objects.bulk_create(entries)
        return gettext_noop("예산투입 실적 및 계획 수정")


# ---------------------------------------------------------------- activities


def _activity_title(state: CardState, key: str) -> str:
    return gettext("세부추진실적 추가") if key == "new" else gettext("세부추진실적 수정")


@part("activity", title=_activity_title, section="activities", deletable=True)
class ActivityPart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        pk = _pk(key)
        if pk is None:
            return f.ActivityForm(data)
        a = next((x for x in state.activities if x.id == pk), None)
        if a is None:
            raise Http404(gettext("추진실적을 찾을 수 없습니다."))
        initial = {
            "when": kdate.format_range(a.start, a.start_precision, a.end, a.end_precision, a.open_ended),
            "text": a.text,
            "details": a.details,
            "participants": a.participants,
        }
        return f.ActivityForm(data, initial=initial)

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        start, sp, end, ep, open_ended = data["when"]
        values = {
            "start": start,
            "start_precision": sp,
            "end": end,
            "end_precision": ep,
            "open_ended": open_ended,
            "text": data["text"],
            "details": data["details"],
            "participants": data["participants"],
        }
        pk = _pk(key)
        if pk is None:
            Activity.objects.create(task=change.task, **values)
            return f"추진실적 추가: {data['text'][:40]}"
        updated = Activity.objects.filter(pk=pk, task=change.task).update(**values)
        if not updated:
            raise Http404(gettext("추진실적을 찾을 수 없습니다."))
        return f"추진실적 수정: {data['text'][:40]}"

    @staticmethod
    def delete(change: CardChange, key: str) -> str:
        activity = Activity.objects.filter(pk=_pk(key) or 0, task=change.task).first()
        if activity is None:
            raise Http404(gettext("추진실적을 찾을 수 없습니다."))
        activity.delete()
        return f"추진실적 삭제: {activity.text[:40]}"


# ---------------------------------------------------------------- sub-tasks


@part("subtasks", title=lambda s, k: gettext("세부과제 진도율 산정"), section="subtasks")
class SubtasksPart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        initial: dict[str, Any] = {"rollup": state.rollup} | {
            f"weight_{c.id}": c.weight for c in state.children
        }
        return f.SubtasksForm(data, initial=initial, children=state.children)

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        task = change.task
        Task.objects.filter(pk=task.pk).update(rollup=data["rollup"])
        task.rollup = data["rollup"]
        for child in task.children.all():
            weight = data.get(f"weight_{child.pk}")
            if weight is not None and weight != child.weight:
                Task.objects.filter(pk=child.pk).update(weight=Decimal(weight))
        return gettext_noop("세부과제 진도율 산정 방식 수정")

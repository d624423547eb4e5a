"""Forms of the round pages. They parse and check what was typed; rounds.services decides the rest."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sangsaeng.lib import kdate
from sangsaeng.lib.money import Unit
from sangsaeng.orgs.models import Department
from sangsaeng.plans.card_state import CardState, IndicatorState
from sangsaeng.plans.forms import BulletField, MoneyField
from sangsaeng.plans.models import Indicator, Plan, Status
from sangsaeng.plans.parts import computed_actuals_of
from sangsaeng.rounds.changes import IndicatorChange, TargetValue
from sangsaeng.rounds.models import PeriodKind
from sangsaeng.rounds.payload import BudgetCell, IndicatorActual, NewActivity, UpdatePayload

MAX_ACTIVITY_ROWS = 30
BLANK_ACTIVITY_ROWS = 2


class KDateField(forms.CharField):
    """A day, typed the official way (2019. 7. 10.) or picked from a date input (2019-07-10)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 30:
            raise ValidationError(_("날짜가 너무 깁니다. 예: 2019. 7. 10."))
        try:
            day, precision = kdate.parse(text)
        except kdate.DateError as exc:
            raise ValidationError(str(exc)) from exc
        if precision != "day":
            raise ValidationError(_("연·월·일을 모두 적으세요. 예: 2019. 7. 10."))
        return day


class RoundForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("연도"), coerce=int)
    period_kind = forms.ChoiceField(
        label=gettext_lazy("주기"), choices=PeriodKind.choices, initial=PeriodKind.QUARTER
    )
    period_number = forms.TypedChoiceField(
        label=gettext_lazy("차수"),
        coerce=int,
        choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")],
        help_text=gettext_lazy("분기는 1~4, 반기는 1(상반기)·2(하반기), 연간은 1"),
    )
    name = forms.CharField(
        label=gettext_lazy("회차명"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("비워 두면 ‘2019년 2분기’처럼 자동으로 붙입니다."),
    )
    due_date = KDateField(label=gettext_lazy("제출 기한"))
    remind_days_before = forms.IntegerField(
        label=gettext_lazy("기한 며칠 전에 알림"), min_value=0, max_value=30, initial=3
    )

    def __init__(self, *args: Any, plan: Plan, departments: list[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.departments = departments
        self.fields["year"].choices = [(y, f"{y}년") for y in plan.term_years]  # type: ignore[attr-defined]
        for dept in departments:
            self.fields[f"deadline_{dept.pk}"] = KDateField(
                label=f"{dept.organization.short_name} {dept.name}", required=False
            )

    def deadline_fields(self) -> list[tuple[Department, Any]]:
        return [(d, self[f"deadline_{d.pk}"]) for d in self.departments]

    def deadlines(self) -> dict[int, dt.date]:
        return {
            d.pk: self.cleaned_data[f"deadline_{d.pk}"]
            for d in self.departments
            if self.cleaned_data.get(f"deadline_{d.pk}")
        }


class UpdateForm(forms.Form):
    """The officer's report: status, progress, the year's actuals and money, new activities, texts."""

    status = forms.ChoiceField(label=gettext_lazy("사업이행도"), choices=Status.choices)
    progress = forms.DecimalField(
        label=gettext_lazy("종합 진도율(%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        required=False,
    )
    problems = BulletField(
        label=gettext_lazy("문제점 및 대책"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    next_steps = BulletField(
        label=gettext_lazy("향후계획"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    card_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    activity_rows = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=MAX_ACTIVITY_ROWS, required=False
    )

    def __init__(
        self, *args: Any, state: CardState, year: int, unit: Unit, payload: UpdatePayload, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.state, self.year, self.unit = state, year, unit
        if state.children:
            self.fields["progress"].disabled = True
            self.fields["progress"].help_text = _("세부과제에서 자동 계산됩니다.")
        # Actuals counted from other records (events) are shown, not typed: the confirmation keeps the count.
        self.computed = computed_actuals_of(ind.id for ind in state.indicators)
        for ind in state.indicators:
            p = f"ind_{ind.id}"
            if ind.kind == Indicator.Kind.NUMERIC:
                self.fields[f"{p}_actual"] = forms.DecimalField(
                    label=_("%(name)s %(year)d년 실적") % {"name": ind.name, "year": year},
                    required=False,
                    max_digits=16,
                    decimal_places=2,
                    min_value=Decimal(0),
                    widget=forms.NumberInput(attrs={"class": "num", "step": "any"}),
                    disabled=ind.id in self.computed,
                )
                if ind.id in self.computed:
                    counted = next((v.actual for v in ind.values if v.year == year), None)
                    self.fields[f"{p}_actual"].initial = _plain(counted) if counted is not None else None
            self.fields[f"{p}_actual_text"] = forms.CharField(
                label=_("%(name)s %(year)d년 실적(서술)") % {"name": ind.name, "year": year},
                required=False,
                max_length=300,
            )
            self.fields[f"{p}_achieved"] = forms.BooleanField(
                label=_("%(name)s 달성") % {"name": ind.name}, required=False
            )
            self.fields[f"{p}_achieved_on"] = KDateField(
                label=_("%(name)s 달성일") % {"name": ind.name}, required=False
            )
        for s in state.sources:
            self.fields[f"b_{s.id}_secured"] = MoneyField(
                label=_("%(source)s 확보") % {"source": s.name}, unit=unit
            )
            self.fields[f"b_{s.id}_executed"] = MoneyField(
                label=_("%(source)s 집행") % {"source": s.name}, unit=unit
            )
        rows = len(payload.activities) + BLANK_ACTIVITY_ROWS
        if self.is_bound:
            try:
                rows = int(self.data.get("activity_rows", rows))
            except (TypeError, ValueError):
                rows = BLANK_ACTIVITY_ROWS
        self.activity_count = max(0, min(rows, MAX_ACTIVITY_ROWS))
        for i in range(self.activity_count):
            self.fields[f"act_{i}_when"] = forms.CharField(
                label=_("%(n)d번째 추진실적 일자") % {"n": i + 1}, required=False, max_length=50
            )
            self.fields[f"act_{i}_text"] = forms.CharField(
                label=_("%(n)d번째 추진실적 내용") % {"n": i + 1}, required=False, max_length=500
            )
            self.fields[f"act_{i}_details"] = BulletField(
                label=_("%(n)d번째 추진실적 세부 내용") % {"n": i + 1},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"act_{i}_participants"] = forms.IntegerField(
                label=_("%(n)d번째 추진실적 참여 인원") % {"n": i + 1}, required=False, min_value=0
            )
        if not self.is_bound:
            self.initial.update(self._initial(payload))

    def _initial(self, payload: UpdatePayload) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "status": payload.status,
            "progress": _plain(payload.progress) if payload.progress is not None else None,
            "problems": payload.problems,
            "next_steps": payload.next_steps,
            "activity_rows": self.activity_count,
        }
        for a in payload.indicators:
            p = f"ind_{a.indicator_id}"
            if a.indicator_id not in self.computed:  # a counted actual shows the card's count (its field)
                initial[f"{p}_actual"] = _plain(a.actual) if a.actual is not None else None
            initial |= {
                f"{p}_actual_text": a.actual_text,
                f"{p}_achieved": a.achieved,
                f"{p}_achieved_on": a.achieved_on,
            }
        for c in payload.budget:
            initial |= {f"b_{c.source_id}_secured": c.secured, f"b_{c.source_id}_executed": c.executed}
        for i, act in enumerate(payload.activities):
            initial |= {
                f"act_{i}_when": act.when,
                f"act_{i}_text": act.text,
                f"act_{i}_details": act.details,
                f"act_{i}_participants": act.participants,
            }
        return initial

    # ---------------------------------------------------------------- for the template

    def indicator_rows(self) -> list[dict[str, Any]]:
        rows = []
        for ind in self.state.indicators:
            p = f"ind_{ind.id}"
            value = next((v for v in ind.values if v.year == self.year), None)
            rows.append(
                {
                    "indicator": ind,
                    "is_numeric": ind.kind == Indicator.Kind.NUMERIC,
                    "target": value.target if value else None,
                    "plan_text": value.plan_text if value else "",
                    "actual": self[f"{p}_actual"] if f"{p}_actual" in self.fields else None,
                    "computed": self.computed.get(ind.id, ""),
                    "actual_text": self[f"{p}_actual_text"],
                    "achieved": self[f"{p}_achieved"],
                    "achieved_on": self[f"{p}_achieved_on"],
                }
            )
        return rows

    def budget_rows(self) -> list[dict[str, Any]]:
        planned = {
            e.source_id: e.amount
            for e in self.state.budget
            if e.kind == "planned" and e.bucket == "year" and e.year == self.year
        }
        return [
            {
                "source": s,
                "planned": planned.get(s.id),
                "secured": self[f"b_{s.id}_secured"],
                "executed": self[f"b_{s.id}_executed"],
            }
            for s in self.state.sources
        ]

    def activity_fields(self) -> list[dict[str, Any]]:
        return [
            {
                "n": i + 1,
                "when": self[f"act_{i}_when"],
                "text": self[f"act_{i}_text"],
                "details": self[f"act_{i}_details"],
                "participants": self[f"act_{i}_participants"],
            }
            for i in range(self.activity_count)
        ]

    # ---------------------------------------------------------------- cleaning

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._activities: list[NewActivity] = []
        for i in range(self.activity_count):
            when, text = (data.get(f"act_{i}_when") or "").strip(), (data.get(f"act_{i}_text") or "").strip()
            details, participants = data.get(f"act_{i}_details") or [], data.get(f"act_{i}_participants")
            if not when and not text and not details and participants is None:
                continue
            if not when:
                self.add_error(f"act_{i}_when", _("추진실적의 일자를 적으세요. 예: 2019. 5. 28."))
                continue
            if not text:
                self.add_error(f"act_{i}_text", _("추진실적의 내용을 적으세요."))
                continue
            try:
                start, sp, end, ep, open_ended = kdate.parse_range(when)
            except kdate.DateError as exc:
                self.add_error(f"act_{i}_when", str(exc))
                continue
            self._activities.append(
                NewActivity(
                    start=start,
                    start_precision=sp,
                    end=end,
                    end_precision=ep,
                    open_ended=open_ended,
                    text=text,
                    details=details,
                    participants=participants,
                )
            )
        return data

    def payload(self) -> UpdatePayload:
        data = self.cleaned_data
        indicators = []
        for ind in self.state.indicators:
            p = f"ind_{ind.id}"
            indicators.append(
                IndicatorActual(
                    indicator_id=ind.id,
                    actual=data.get(f"{p}_actual"),
                    actual_text=(data.get(f"{p}_actual_text") or "").strip(),
                    achieved=bool(data.get(f"{p}_achieved")),
                    achieved_on=data.get(f"{p}_achieved_on"),
                )
            )
        return UpdatePayload(
            status=data["status"],
            progress=None if self.state.children else data.get("progress"),
            indicators=indicators,
            budget=[
                BudgetCell(
                    source_id=s.id,
                    secured=data.get(f"b_{s.id}_secured"),
                    executed=data.get(f"b_{s.id}_executed"),
                )
                for s in self.state.sources
            ],
            activities=self._activities,
            problems=data.get("problems") or [],
            next_steps=data.get("next_steps") or [],
        )


def _plain(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("반려 사유"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("담당자에게 알림과 메일로 전해집니다. 무엇을 고쳐야 하는지 적어 주세요."),
        error_messages={"required": gettext_lazy("반려 사유를 적어 주세요.")},
    )


class AdoptForm(forms.Form):
    adopted_on = KDateField(label=gettext_lazy("계획 확정일"))


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("검토 의견"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GoalChangeForm(forms.Form):
    goal = forms.CharField(
        label=gettext_lazy("목표"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    term_indicator = forms.CharField(
        label=gettext_lazy("이행 확인지표(임기내 목표)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=gettext_lazy("변경 사유"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("변경 사유를 적어 주세요.")},
    )


class IndicatorChangeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("지표명"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("유형"), choices=Indicator.Kind.choices)
    unit = forms.CharField(label=gettext_lazy("단위"), max_length=20, required=False)
    aggregation = forms.ChoiceField(
        label=gettext_lazy("임기 합산 방식"), choices=Indicator.Aggregation.choices
    )
    term_plan_text = forms.CharField(label=gettext_lazy("종합 계획(서술)"), max_length=300, required=False)
    remove = forms.BooleanField(label=gettext_lazy("이 지표를 폐지합니다"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("변경 사유"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("변경 사유를 적어 주세요.")},
    )

    def __init__(self, *args: Any, years: list[int], is_new: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        if is_new:
            del self.fields["remove"]
        for y in years:
            self.fields[f"target_{y}"] = forms.DecimalField(
                label=_("%(year)d년 계획") % {"year": y},
                required=False,
                max_digits=16,
                decimal_places=2,
                min_value=Decimal(0),
            )
            self.fields[f"plan_text_{y}"] = forms.CharField(
                label=_("%(year)d년 계획(서술)") % {"year": y}, required=False, max_length=300
            )

    def year_rows(self) -> list[tuple[int, Any, Any]]:
        return [(y, self[f"target_{y}"], self[f"plan_text_{y}"]) for y in self.years]

    def change(self) -> IndicatorChange:
        d = self.cleaned_data
        return IndicatorChange(
            name=d["name"],
            kind=d["kind"],
            unit=d.get("unit") or "",
            aggregation=d["aggregation"],
            term_plan_text=d.get("term_plan_text") or "",
            values=[
                TargetValue(year=y, target=d.get(f"target_{y}"), plan_text=d.get(f"plan_text_{y}") or "")
                for y in self.years
                if d.get(f"target_{y}") is not None or d.get(f"plan_text_{y}")
            ],
            remove=bool(d.get("remove")),
        )


def indicator_change_initial(ind: IndicatorState | None) -> dict[str, Any]:
    if ind is None:
        return {"kind": Indicator.Kind.NUMERIC, "aggregation": Indicator.Aggregation.SUM}
    initial: dict[str, Any] = {
        f: getattr(ind, f) for f in ("name", "kind", "unit", "aggregation", "term_plan_text")
    }
    for v in ind.values:
        initial |= {
            f"target_{v.year}": _plain(v.target) if v.target is not None else None,
            f"plan_text_{v.year}": v.plan_text,
        }
    return initial

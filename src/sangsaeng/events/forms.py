"""Forms of the event pages. They parse and validate; events.services writes."""

from typing import Any

from django import forms

from sangsaeng.agreements.forms import date_field, lock_hidden_agreement
from sangsaeng.events.models import Event, IndicatorFeed
from sangsaeng.lib.i18n import lazy_text as _
from sangsaeng.orgs.models import Agreement, Organization
from sangsaeng.plans.forms import MoneyField
from sangsaeng.plans.models import Task


class TaskChoiceField(forms.ModelMultipleChoiceField[Task]):
    def label_from_instance(self, obj: Any) -> str:
        return f"[{obj.plan.title}] {obj.code} {obj.title}"


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("행사 유형"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("행사명"), max_length=200)
    start = date_field(_("시작일"), required=True)
    end = date_field(_("종료일"))
    place = forms.CharField(label=_("장소"), max_length=200, required=False)
    organizers = forms.ModelMultipleChoiceField(
        label=_("주최 기관"),
        queryset=Organization.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("담당하는 기관이 들어 있어야 합니다. 여러 기관은 Ctrl 키를 누른 채 고르세요."),
    )
    participants = forms.IntegerField(label=_("참여 인원(명)"), min_value=0, initial=0)
    participant_groups = forms.CharField(
        label=_("참여 대상"), max_length=300, required=False, help_text=_("예: 시·도 공무원, 관광업계 종사자")
    )
    budget_used = MoneyField(label=_("집행 예산(천원)"))
    agreement = forms.ModelChoiceField(
        label=_("관련 협약"), queryset=Agreement.objects.none(), required=False, empty_label=_("없음")
    )
    tasks = TaskChoiceField(
        label=_("관련 과제"),
        queryset=Task.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    description = forms.CharField(
        label=_("주요 내용"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(
        self, *args: Any, agreements: Any, tasks: Any, hidden_agreement: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements  # type: ignore[attr-defined]
        self.fields["tasks"].queryset = tasks  # type: ignore[attr-defined]
        if hidden_agreement:
            lock_hidden_agreement(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("종료일이 시작일보다 빠릅니다."))
        budget = data.get("budget_used")
        if budget is not None and budget < 0:
            self.add_error("budget_used", _("음수는 입력할 수 없습니다."))
        return data


class FeedForm(forms.Form):
    measure = forms.ChoiceField(
        label=_("집계 방식"), choices=IndicatorFeed.Measure.choices, widget=forms.RadioSelect
    )
    kinds = forms.MultipleChoiceField(
        label=_("행사 유형"),
        choices=Event.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("고르지 않으면 모든 유형을 셉니다."),
    )
    agreement = forms.ModelChoiceField(
        label=_("협약 기준 집계"),
        queryset=Agreement.objects.none(),
        required=False,
        empty_label=_("이 과제에 연결된 행사만"),
        help_text=_("협약을 고르면 그 협약으로 열린 행사를 모두 셉니다."),
    )

    def __init__(self, *args: Any, agreements: Any, hidden_agreement: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements  # type: ignore[attr-defined]
        if hidden_agreement:
            lock_hidden_agreement(self)

"""Forms of the exchange pages. They parse and validate; personnel.services writes."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from sangsaeng.agreements.forms import date_field, lock_hidden_agreement
from sangsaeng.lib.i18n import lazy_text as _
from sangsaeng.orgs.models import Agreement, Department, Organization
from sangsaeng.personnel.models import AllowanceRate, Exchange
from sangsaeng.personnel.services import check_exchange

GRADES = [("", "-"), *((str(g), f"{g}급") for g in range(1, 10))]


class GradeField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=GRADES, coerce=int, empty_value=None, required=False, **kwargs)


class ExchangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("교류 유형"), choices=Exchange.Kind.choices)
    person_name = forms.CharField(label=_("성명"), max_length=50)
    person_title = forms.CharField(label=_("직위"), max_length=50, required=False)
    person_grade = GradeField(label=_("직급"))
    home_org = forms.ModelChoiceField(
        label=_("원소속 기관"),
        queryset=Organization.objects.order_by("name"),
        empty_label=_("기관을 고르세요"),
    )
    home_department = forms.ModelChoiceField(
        label=_("원소속 부서"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("선택 안 함"),
    )
    host_org = forms.ModelChoiceField(
        label=_("근무 기관"), queryset=Organization.objects.order_by("name"), empty_label=_("기관을 고르세요")
    )
    host_department = forms.ModelChoiceField(
        label=_("근무 부서"), queryset=Department.objects.none(), required=False, empty_label=_("선택 안 함")
    )
    counterpart_name = forms.CharField(
        label=_("상대 교류자 성명"),
        max_length=50,
        required=False,
        help_text=_(
            "1:1 맞교환·1일 교환근무: 근무 기관에서 원소속 기관으로 오는 사람 (부서는 서로 바꿉니다)"
        ),
    )
    counterpart_title = forms.CharField(label=_("상대 교류자 직위"), max_length=50, required=False)
    counterpart_grade = GradeField(label=_("상대 교류자 직급"))
    start = date_field(_("시작일(전입일)"), required=True)
    end = date_field(_("종료일"))
    purpose = forms.CharField(label=_("교류 목적"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    agreement = forms.ModelChoiceField(
        label=_("관련 협약"), queryset=Agreement.objects.none(), required=False, empty_label=_("없음")
    )
    return_guaranteed = forms.BooleanField(label=_("원소속 복귀 보장"), required=False)
    evaluation_rating = forms.ChoiceField(
        label=_("종료 평가"), choices=[("", "-"), *Exchange.Rating.choices], required=False
    )
    evaluation = forms.CharField(
        label=_("평가 의견"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, agreements: Any, hidden_agreement: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = Department.objects.select_related("organization").order_by("organization__name", "name")
        for name in ("home_department", "host_department"):
            self.fields[name].queryset = departments  # type: ignore[attr-defined]
        self.fields["agreement"].queryset = agreements  # type: ignore[attr-defined]
        if hidden_agreement:
            lock_hidden_agreement(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            check_exchange(data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return data


class RatesForm(forms.Form):
    """The allowance table: each row's monthly amount in 원, and one optional new row."""

    new_grade = forms.IntegerField(label=_("새 기준: 직급(급)"), min_value=1, max_value=9, required=False)
    new_label = forms.CharField(label=_("새 기준: 구분"), max_length=30, required=False)
    new_won = forms.IntegerField(label=_("새 기준: 월 지급액(원)"), min_value=0, required=False)

    def __init__(self, *args: Any, rates: list[AllowanceRate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rates = rates
        for rate in rates:
            self.fields[f"won_{rate.grade}"] = forms.IntegerField(
                label=_("%(label)s 월 지급액(원)") % {"label": rate.label},
                min_value=0,
                initial=rate.monthly_won,
            )

    def amounts(self) -> dict[int, int]:
        return {r.grade: self.cleaned_data[f"won_{r.grade}"] for r in self.rates}

    def new_row(self) -> tuple[int, str, int] | None:
        grade, label, won = (self.cleaned_data.get(k) for k in ("new_grade", "new_label", "new_won"))
        return (grade, label, won) if grade is not None and label and won is not None else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [data.get(k) not in (None, "") for k in ("new_grade", "new_label", "new_won")]
        if any(given) and not all(given):
            self.add_error("new_label", _("새 기준은 직급, 구분, 월 지급액을 모두 적으세요."))
        return data

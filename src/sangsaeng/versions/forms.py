"""Forms of the revision pages. They parse and check what was typed; versions.services decides the rest."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext

from sangsaeng.committees.models import Decision
from sangsaeng.lib.i18n import lazy_text as _
from sangsaeng.orgs.models import Department
from sangsaeng.plans.models import Area, Plan, Task
from sangsaeng.rounds.forms import KDateField
from sangsaeng.versions.comparison import decision_label
from sangsaeng.versions.models import Change, PlanVersion

MARKS = [(c.value, c.label) for c in Change if c != Change.NEW]


class DecisionField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        text = decision_label(obj)
        return f"{text}: {obj.text[:40]}" if obj.text else text


def decisions_of(*plans: Plan, kind: str | None = None) -> QuerySet[Decision]:
    """Decisions of the committees that steer these plans, newest meeting first."""
    found = Decision.objects.filter(meeting__committee__plan__in=[p.pk for p in plans])
    if kind:
        found = found.filter(kind=kind)
    return found.select_related("meeting").order_by("-meeting__starts_at", "order", "id")


class VersionFieldsForm(forms.Form):
    label = forms.CharField(label=_("판 이름"), max_length=50, help_text=_("예: 2020 개정"))
    revised_on = KDateField(label=_("개정일"))
    note = forms.CharField(label=_("개정 개요"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    decision = DecisionField(
        label=_("승인 의결"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("없음"),
        help_text=_("위원회의 '계획 개정 승인' 의결이 있으면 고르세요."),
    )

    def __init__(self, *args: Any, plans: tuple[Plan, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions_of(*plans, kind=Decision.Kind.APPROVE_VERSION)  # type: ignore[attr-defined]


class StartForm(VersionFieldsForm):
    title = forms.CharField(label=_("새 계획명"), max_length=200)
    term_start_year = forms.IntegerField(label=_("임기 시작 연도"), min_value=2000, max_value=2100)
    term_end_year = forms.IntegerField(label=_("임기 종료 연도"), min_value=2000, max_value=2100)
    last_year_label = forms.CharField(
        label=_("마지막 연도 표기"),
        max_length=20,
        required=False,
        help_text=_("예: 2022.6월 (임기가 연중에 끝날 때)"),
    )
    field_order = ["title", "label", "term_start_year", "term_end_year", "last_year_label", "revised_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("term_start_year"), data.get("term_end_year")
        if start and end and end < start:
            self.add_error("term_end_year", gettext("종료 연도는 시작 연도와 같거나 뒤여야 합니다."))
        return data


class MarkForm(forms.Form):
    change = forms.ChoiceField(label=_("변경 구분"), choices=MARKS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("사유"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("유지가 아닌 변경에는 사유가 필요합니다."),
    )
    decision = DecisionField(
        label=_("근거 의결"), queryset=Decision.objects.none(), required=False, empty_label=_("없음")
    )
    area = forms.ModelChoiceField(
        label=_("이관할 분야"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("고르세요"),
        help_text=_("이관일 때만"),
    )
    merge_into = forms.ModelChoiceField(
        label=_("통합할 과제"),
        queryset=Task.objects.none(),
        required=False,
        empty_label=_("고르세요"),
        help_text=_("통합일 때만: 새 판의 과제"),
    )
    code = forms.CharField(
        label=_("새 관리번호"),
        max_length=20,
        required=False,
        help_text=_("비워 두면 지금 관리번호를 그대로 씁니다."),
    )

    def __init__(self, *args: Any, version: PlanVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions_of(version.previous, version.plan)  # type: ignore[attr-defined]
        self.fields["area"].queryset = version.plan.areas.order_by("number")  # type: ignore[attr-defined]
        tasks = version.plan.tasks.filter(parent__isnull=True).order_by("sort_key")
        self.fields["merge_into"].queryset = tasks  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        change = data.get("change")
        if change and change != Change.KEEP and not (data.get("reason") or "").strip():
            self.add_error("reason", gettext("유지가 아닌 변경에는 사유를 적으세요."))
        if change == Change.MOVE and not data.get("area"):
            self.add_error("area", gettext("이관할 분야를 고르세요."))
        if change == Change.MERGE and not data.get("merge_into"):
            self.add_error("merge_into", gettext("통합할 새 판의 과제를 고르세요."))
        return data


class AddForm(forms.Form):
    code = forms.CharField(label=_("관리번호"), max_length=20)
    title = forms.CharField(label=_("과제명"), max_length=200)
    area = forms.ModelChoiceField(
        label=_("분야"), queryset=Area.objects.none(), required=False, empty_label=_("분야 없음")
    )
    lead_department = forms.ModelChoiceField(
        label=_("주관부서"), queryset=Department.objects.none(), required=False, empty_label=_("나중에 정함")
    )
    reason = forms.CharField(label=_("발굴 사유"), widget=forms.Textarea(attrs={"rows": 3}))
    decision = DecisionField(
        label=_("근거 의결"), queryset=Decision.objects.none(), required=False, empty_label=_("없음")
    )

    def __init__(self, *args: Any, version: PlanVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = version.plan.areas.order_by("number")  # type: ignore[attr-defined]
        self.fields["decision"].queryset = decisions_of(version.previous, version.plan)  # type: ignore[attr-defined]
        departments = Department.objects.filter(organization__in=version.plan.organizations.all())
        self.fields["lead_department"].queryset = departments.select_related("organization").order_by(  # type: ignore[attr-defined]
            "organization__name", "name"
        )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        if not code:
            raise ValidationError(gettext("관리번호를 적으세요."))
        return code


class AddedForm(forms.Form):
    reason = forms.CharField(label=_("발굴 사유"), widget=forms.Textarea(attrs={"rows": 3}))
    decision = DecisionField(
        label=_("근거 의결"), queryset=Decision.objects.none(), required=False, empty_label=_("없음")
    )

    def __init__(self, *args: Any, version: PlanVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions_of(version.previous, version.plan)  # type: ignore[attr-defined]

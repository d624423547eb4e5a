"""Forms of the requests. They parse and validate; requests.services applies them."""

import datetime as dt
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from sangsaeng.committees.models import Meeting
from sangsaeng.lib.i18n import lazy_text as _
from sangsaeng.lib.money import MoneyError, parse_money
from sangsaeng.orgs.models import Department, Organization
from sangsaeng.plans.models import Plan, Task
from sangsaeng.requests.models import ConsultingTopic, Outcome, RequestType

FILL_SALT = "sangsaeng.requests.proposal-form"
MIN_FILL_SECONDS = 5
MAX_FILL_SECONDS = 24 * 60 * 60


# Django's own "- Select an option -" has no Korean yet: our selects say it themselves.
EMPTY_CHOICE = _("- 선택하세요 -")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service (plans.attachments.check_upload)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".hwp,.hwpx,.pdf,.xlsx,.docx,.png,.jpg,.jpeg"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class AmountField(forms.CharField):
    """An amount typed in 천원 or with its unit (200억, 20억원); cleaned to an int of 천원."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "num"})

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        try:
            amount = parse_money(str(value or ""), "cheonwon")
        except MoneyError as exc:
            raise ValidationError(str(exc)) from exc
        if amount is not None and amount < 0:
            raise ValidationError(gettext("금액은 0 이상이어야 합니다."))
        return amount


class TypeChoiceField(forms.ModelChoiceField[RequestType]):
    def label_from_instance(self, obj: RequestType) -> str:
        return gettext("%(name)s (처리기한 %(days)d일)") % {"name": obj.name, "days": obj.days}


class DepartmentChoiceField(forms.ModelChoiceField[Department]):
    def label_from_instance(self, obj: Department) -> str:
        return f"{obj.organization.short_name} {obj.name}"


class MeetingChoiceField(forms.ModelChoiceField[Meeting]):
    def label_from_instance(self, obj: Meeting) -> str:
        when = timezone.localtime(obj.starts_at)
        return f"{obj.title} ({obj.committee.name}, {when.year}. {when.month}. {when.day}.)"


class TaskChoiceField(forms.ModelMultipleChoiceField[Task]):
    def label_from_instance(self, obj: Task) -> str:
        return f"[{obj.plan.title}] {obj.code} {obj.title}"


class RequestForm(forms.Form):
    """What a government's officer (or a coordinator on its behalf) sends."""

    request_type = TypeChoiceField(label=_("유형"), queryset=RequestType.objects.none(), empty_label=None)
    receiving_org = forms.ModelChoiceField(
        label=_("받는 기관"), queryset=Organization.objects.none(), empty_label=EMPTY_CHOICE
    )
    subject = forms.CharField(label=_("제목"), max_length=200)
    body = forms.CharField(label=_("내용"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)
    concerned_department = DepartmentChoiceField(
        label=_("관련 부서"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("- 모름 -"),
        help_text=_("알면 고르세요. 받는 기관의 총괄 담당자가 처리 부서를 배정합니다."),
    )
    related_tasks = TaskChoiceField(
        label=_("관련 과제"),
        queryset=Task.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    is_complex = forms.BooleanField(
        label=_("여러 부서·기관이 관련된 복합 사안 (질의는 처리기한 14일)"), required=False
    )
    consulting_topic = forms.ChoiceField(
        label=_("컨설팅 분야 (컨설팅 요청)"), choices=[("", "-"), *ConsultingTopic.choices], required=False
    )
    total_cost = AmountField(
        label=_("총사업비 (사전타당성 검토)"), help_text=_("천원 단위, 또는 단위를 붙여: 250억원")
    )
    provincial_share = AmountField(label=_("도비 부담 (사전타당성 검토)"), help_text=_("예: 25억원"))
    uploads = MultipleFileField(
        label=_("첨부파일"), help_text=_("HWP, HWPX, PDF, XLSX, DOCX, PNG, JPG (5개까지)")
    )

    def __init__(
        self, *args: Any, tasks: QuerySet[Task], receiving: QuerySet[Organization], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["request_type"].queryset = RequestType.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["receiving_org"].queryset = receiving  # type: ignore[attr-defined]
        departments = Department.objects.filter(organization__in=receiving)
        self.fields["concerned_department"].queryset = (  # type: ignore[attr-defined]
            departments.select_related("organization").order_by("organization__name", "name")
        )
        self.fields["related_tasks"].queryset = tasks.select_related("plan").order_by(  # type: ignore[attr-defined]
            "plan__title", "sort_key"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("request_type")
        if kind is not None and kind.behaviour == RequestType.Behaviour.PREFEASIBILITY:
            for name in ("total_cost", "provincial_share"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, gettext("사전타당성 검토 요청에는 이 금액을 적어야 합니다."))
        if (
            kind is not None
            and kind.behaviour == RequestType.Behaviour.CONSULTING
            and not data.get("consulting_topic")
        ):
            self.add_error("consulting_topic", gettext("컨설팅 분야(법령 해석·절차·기타)를 고르세요."))
        dept, org = data.get("concerned_department"), data.get("receiving_org")
        if dept is not None and org is not None and dept.organization_id != org.pk:
            self.add_error("concerned_department", gettext("관련 부서는 받는 기관의 부서 가운데서 고르세요."))
        return data


class OnBehalfForm(RequestForm):
    """A coordinator enters a request their government received by letter, phone or in a meeting."""

    requester_org = forms.ModelChoiceField(
        label=_("요청 기관"), queryset=Organization.objects.none(), empty_label=EMPTY_CHOICE
    )
    requester_name = forms.CharField(label=_("요청자 (부서·성명)"), max_length=100)
    requester_contact = forms.CharField(label=_("요청자 연락처"), max_length=200, required=False)

    def __init__(self, *args: Any, requesters: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requester_org"].queryset = requesters  # type: ignore[attr-defined]
        self.order_fields(["requester_org", "requester_name", "requester_contact"])


def fill_token(now: dt.datetime | None = None) -> str:
    """When the form was shown, signed: a bot that posts at once (or replays an old form) is refused."""
    moment = now or timezone.now()
    return signing.dumps(int(moment.timestamp()), salt=FILL_SALT)


class ProposalForm(forms.Form):
    """시·도민 제안: a citizen's proposal, without an account. Spam is kept out by a field people leave
    empty (hidden from them), a minimum time to fill the form, and a limit per address (in the view)."""

    receiving_org = forms.ModelChoiceField(
        label=_("제안할 기관"), queryset=Organization.objects.none(), empty_label=EMPTY_CHOICE
    )
    name = forms.CharField(label=_("성명"), max_length=50)
    contact = forms.CharField(
        label=_("연락처 (이메일 또는 전화)"), max_length=200, help_text=_("진행 상황을 알려 드릴 곳입니다.")
    )
    subject = forms.CharField(label=_("제목"), max_length=200)
    body = forms.CharField(label=_("제안 내용"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000)
    consent = forms.BooleanField(
        label=_("제안 처리를 위해 성명과 연락처를 수집·이용하는 데 동의합니다 (처리 종결 후 1년 보관)."),
    )
    # The honeypot: hidden from people (and from screen readers), filled by bots that fill every field.
    website = forms.CharField(label=_("비워 두세요"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receiving_org"].queryset = Organization.objects.exclude(  # type: ignore[attr-defined]
            kind=Organization.Kind.PUBLIC_BODY
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = fill_token()

    def is_spam(self, now: dt.datetime | None = None) -> bool:
        """Filled the honeypot, or sent sooner than a person can type, or with a forged/old token."""
        if (self.data.get("website") or "").strip():
            return True
        try:
            started = float(signing.loads(self.data.get("started") or "", salt=FILL_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return True
        elapsed = (now or timezone.now()).timestamp() - started
        return not MIN_FILL_SECONDS <= elapsed <= MAX_FILL_SECONDS


class AssignForm(forms.Form):
    department = DepartmentChoiceField(
        label=_("처리 부서"), queryset=Department.objects.none(), empty_label=EMPTY_CHOICE
    )
    note = forms.CharField(label=_("배정 메모"), max_length=300, required=False)

    def __init__(self, *args: Any, organization_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            organization_id=organization_id
        ).select_related("organization")


class MoveForm(forms.Form):
    to = forms.ChoiceField(
        choices=[("reviewing", "reviewing"), ("in_progress", "in_progress"), ("closed", "closed")]
    )
    note = forms.CharField(label=_("메모 (회신 없이 종결할 때는 사유)"), max_length=2000, required=False)


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("회신 결과"), choices=Outcome.choices, widget=forms.RadioSelect)
    answer = forms.CharField(label=_("회신 내용"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    reason = forms.CharField(
        label=_("불수용·일부수용 사유"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    uploads = MultipleFileField(label=_("회신 첨부파일"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("outcome") in (Outcome.REJECTED, Outcome.PARTLY)
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", gettext("불수용(일부수용)하는 사유를 적으세요."))
        return data


class ExtendForm(forms.Form):
    new_due = forms.DateField(label=_("연장 기한"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("연장 사유"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    consented = forms.BooleanField(label=_("요청기관이 연장에 동의함"), required=False)
    consent_note = forms.CharField(
        label=_("동의 확인 내용"),
        max_length=300,
        required=False,
        help_text=_("두 번째 연장부터 필요합니다. 예: 포항시 기획예산과 김OO 주무관, 11. 20. 전화로 동의"),
    )


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("만족도"),
        coerce=int,
        choices=[
            (5, _("5 매우 만족")),
            (4, _("4 만족")),
            (3, _("3 보통")),
            (2, _("2 불만족")),
            (1, _("1 매우 불만족")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("의견"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class ReviewForm(forms.Form):
    report = forms.CharField(
        label=_("사전타당성 검토 결과"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=20000,
    )
    committee_on = forms.DateField(
        label=_("검토위원회 회부일"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    committee_result = forms.CharField(label=_("검토위원회 결과"), max_length=300, required=False)
    uploads = MultipleFileField(label=_("검토 보고서 파일"))


class TaskForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("계획"), queryset=Plan.objects.none(), empty_label=EMPTY_CHOICE)
    code = forms.CharField(label=_("관리번호"), max_length=20)
    title = forms.CharField(label=_("과제명"), max_length=200)
    lead_department = DepartmentChoiceField(
        label=_("주관부서"), queryset=Department.objects.none(), required=False, empty_label=EMPTY_CHOICE
    )

    def __init__(self, *args: Any, plans: QuerySet[Plan], organization_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["lead_department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            organization_id=organization_id
        ).select_related("organization")


class AgendaForm(forms.Form):
    meeting = MeetingChoiceField(label=_("회의"), queryset=Meeting.objects.none(), empty_label=EMPTY_CHOICE)
    title = forms.CharField(label=_("안건명"), max_length=200)

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class TypeForm(forms.ModelForm[RequestType]):
    threshold_total = AmountField(
        label=_("검토 대상 총사업비 기준"), help_text=_("예: 200억원 (사전타당성 검토 유형)")
    )
    threshold_share = AmountField(label=_("검토 대상 도비 부담 기준"), help_text=_("예: 20억원"))

    class Meta:
        model = RequestType
        fields = [
            "name",
            "behaviour",
            "description",
            "days",
            "complex_days",
            "threshold_total",
            "threshold_share",
            "order",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A type in use keeps how it behaves; only its wording, days and thresholds change.
            self.fields["behaviour"].disabled = True
        from sangsaeng.lib.money import format_money

        for name in ("threshold_total", "threshold_share"):
            value = getattr(self.instance, name)
            if value is not None and not self.is_bound:
                self.initial[name] = f"{format_money(value, 'eok')}억원"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("behaviour") == RequestType.Behaviour.PREFEASIBILITY:
            for name in ("threshold_total", "threshold_share"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, gettext("사전타당성 검토 유형에는 기준 금액이 있어야 합니다."))
        return data

"""Forms of the committee pages. They parse and check what was typed; the services decide the rest."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sangsaeng.accounts.models import User
from sangsaeng.committees.models import AgendaItem, Attendance, Committee, Decision, Meeting, Membership
from sangsaeng.orgs.models import Department, Organization
from sangsaeng.plans.models import Area, Plan, Status, Task
from sangsaeng.rounds.forms import KDateField

# Django has no Korean for its "- Select an option -".
NONE = _("선택 안 함")
TIME = re.compile(r"^\s*(\d{1,2})\s*[:시]\s*(\d{2})?\s*분?\s*$")


def _queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a choice of objects")
    field.queryset = queryset


class TimeField(forms.CharField):
    """A time of day, typed as 14:00 (or 14시) or picked from a time input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TimeInput(attrs={"type": "time"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        return value

    def to_python(self, value: Any) -> dt.time | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        match = TIME.match(text)
        if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
            raise ValidationError(gettext("시각을 14:00 처럼 적으세요."))
        return dt.time(int(match.group(1)), int(match.group(2) or 0))


class WonField(forms.CharField):
    """An amount in 원, commas allowed (50,000)."""

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = (super().to_python(value) or "").replace(",", "").replace("원", "").strip()
        if not text:
            return None
        if not text.isdigit() or len(text) > 15:
            raise ValidationError(gettext("단가는 원 단위 숫자로 적으세요. 예: 150,000"))
        return int(text)


class RevisionField(forms.IntegerField):
    """The revision of what the form edits, as it was when the form was opened; posted back hidden.

    Rendered as the bare hidden input wherever a page renders the form's fields one by one. Not
    required by the form: a missing one is the view's to judge (see committees.views._int)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("label", "")
        kwargs.setdefault("template_name", "committees/_revision_field.html")
        super().__init__(**kwargs)


def with_revision(data: Any, revision: int) -> Any:
    """A copy of posted form data carrying `revision` as base_revision: the form shown again after a
    conflict then saves over what the other user saved, once the user has seen it."""
    copy = data.copy()
    copy["base_revision"] = str(revision)
    return copy


class TaskChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A task of the committee's plan, shown by its 관리번호 and title."""

    def __init__(self, label: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", NONE)
        super().__init__(queryset=Task.objects.none(), label=label, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}"


class PlanAreaChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """An area of one of several plans: named with its plan, as plans share area names."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.title} · {obj}"


class PlanTaskChoiceField(TaskChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.title} · {obj.code} {obj.title}"


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("위원회명"), max_length=100)
    kind = forms.ChoiceField(label=_("구분"), choices=Committee.Kind.choices)
    plan = forms.ModelChoiceField(
        empty_label=NONE, label=_("계획"), queryset=Plan.objects.none(), required=False
    )
    parent = forms.ModelChoiceField(
        empty_label=NONE,
        label=_("상위 위원회"),
        queryset=Committee.objects.none(),
        required=False,
        help_text=_("분과위원회면 속한 전체위원회를 고르세요."),
    )
    area = PlanAreaChoiceField(
        empty_label=NONE, label=_("분야"), queryset=Area.objects.none(), required=False
    )
    task = PlanTaskChoiceField(_("과제"))
    organizations = forms.ModelMultipleChoiceField(
        label=_("소속 기관"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("이 기관들의 담당자가 위원회와 회의자료를 볼 수 있습니다."),
    )
    cadence_count = forms.IntegerField(
        label=_("최소 개최 횟수"),
        min_value=0,
        max_value=31,
        initial=0,
        help_text=_("예: 분과위원회 월 2회 이상이면 2와 ‘월’. 0이면 주기 없음."),
    )
    cadence_period = forms.ChoiceField(
        label=_("개최 주기"), choices=Committee.Period.choices, initial=Committee.Period.MONTH
    )
    purpose = forms.CharField(label=_("설치 목적"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    order = forms.IntegerField(label=_("순서"), min_value=0, max_value=999, initial=0, required=False)

    def __init__(
        self,
        *args: Any,
        plans: QuerySet[Plan],
        parents: QuerySet[Committee],
        plan_required: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        plan_ids = list(plans.values_list("pk", flat=True))
        _queryset(self, "plan", plans)
        _queryset(self, "parent", parents)
        _queryset(self, "area", Area.objects.filter(plan__in=plan_ids).select_related("plan"))
        _queryset(
            self,
            "task",
            Task.objects.filter(plan__in=plan_ids, parent__isnull=True)
            .select_related("plan")
            .only("pk", "code", "title", "plan__title"),
        )
        orgs = (
            Organization.objects.filter(plans__in=plan_ids).distinct()
            if plan_ids
            else Organization.objects.all()
        )
        _queryset(self, "organizations", orgs)
        # Only system administrators keep committees outside any plan; coordinators manage their plans'.
        self.fields["plan"].required = plan_required

    def clean_order(self) -> int:
        return self.cleaned_data.get("order") or 0


class MembershipForm(forms.Form):
    name = forms.CharField(label=_("성명"), max_length=50)
    side = forms.ChoiceField(
        label=_("구분"), choices=Membership.Side.choices, initial=Membership.Side.OUTSIDE
    )
    role = forms.ChoiceField(label=_("직책"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    affiliation = forms.CharField(label=_("소속"), max_length=100, required=False)
    position = forms.CharField(label=_("직위"), max_length=50, required=False)
    email = forms.EmailField(
        label=_("이메일"), required=False, help_text=_("회의 안내와 일정 파일(.ics)을 받을 주소")
    )
    phone = forms.CharField(label=_("연락처"), max_length=30, required=False)
    username = forms.CharField(
        label=_("사용자 계정(아이디)"),
        max_length=150,
        required=False,
        help_text=_("계정이 있는 위원은 회의자료를 보고 회의록을 검토합니다."),
    )
    appointed_on = KDateField(label=_("위촉일"), required=False)
    term_start = KDateField(label=_("임기 시작"), required=False)
    term_end = KDateField(label=_("임기 종료"), required=False)
    order = forms.IntegerField(label=_("순서"), min_value=0, max_value=999, required=False)

    def clean_username(self) -> User | None:
        username = self.cleaned_data.get("username", "").strip()
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise ValidationError(gettext("‘%(name)s’ 계정을 찾을 수 없습니다.") % {"name": username})
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", gettext("임기 종료일이 시작일보다 빠릅니다."))
        return data

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["user"] = data.pop("username")
        data["order"] = data.get("order") or 0
        return data

    @classmethod
    def initial_for(cls, member: Membership) -> dict[str, Any]:
        values = {f: getattr(member, f) for f in cls.base_fields if f != "username"}
        values["username"] = member.user.username if member.user else ""
        return values


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("회의명"), max_length=200)
    day = KDateField(label=_("날짜"))
    start = TimeField(label=_("시작 시각"))
    end = TimeField(label=_("종료 시각"))
    place = forms.CharField(label=_("장소"), max_length=200, required=False)
    host = forms.ModelChoiceField(
        empty_label=NONE,
        label=_("개최 기관"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("기관을 돌아가며 개최할 때, 이번 회의를 맡은 기관"),
    )
    status = forms.ChoiceField(
        label=_("상태"), choices=Meeting.Status.choices, initial=Meeting.Status.SCHEDULED
    )

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "host", committee.organizations.order_by("name"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            data["starts_at"] = timezone.make_aware(dt.datetime.combine(day, start))
            data["ends_at"] = timezone.make_aware(dt.datetime.combine(day, end))
            if end <= start:
                self.add_error("end", gettext("종료 시각이 시작 시각보다 늦어야 합니다."))
        return data

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        start = timezone.localtime(meeting.starts_at)
        end = timezone.localtime(meeting.ends_at)
        return {
            "title": meeting.title,
            "day": start.date(),
            "start": start.time(),
            "end": end.time(),
            "place": meeting.place,
            "host": meeting.host,
            "status": meeting.status,
        }


def plan_tasks(committee: Committee) -> QuerySet[Task]:
    return (
        Task.objects.filter(plan_id=committee.plan_id or 0)
        .only("pk", "code", "title", "plan_id")
        .order_by("sort_key")
    )


class AgendaItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("안건 구분"), choices=AgendaItem.Kind.choices)
    title = forms.CharField(label=_("안건명"), max_length=200)
    task = TaskChoiceField(_("관련 과제"))
    presenter = forms.CharField(label=_("제안·보고자"), max_length=100, required=False)
    description = forms.CharField(label=_("내용"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    base_revision = RevisionField()

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "task", plan_tasks(committee))

    def values(self) -> dict[str, Any]:
        """What the item is set to: the cleaned fields without the form's revision."""
        return {k: v for k, v in self.cleaned_data.items() if k != "base_revision"}

    @staticmethod
    def initial_for(item: AgendaItem) -> dict[str, Any]:
        values = {f: getattr(item, f) for f in ("kind", "title", "task", "presenter", "description")}
        return values | {"base_revision": item.revision}


class PaperForm(forms.Form):
    file = forms.FileField(label=_("회의자료 파일"), help_text=_("HWP, HWPX, PDF, XLSX, DOCX, PNG, JPG"))


class AttendanceForm(forms.Form):
    """One status (and proxy name) per member of the roster, and the meeting's revision."""

    base_revision = RevisionField()

    def __init__(
        self,
        *args: Any,
        members: list[tuple[Membership, Attendance | None]],
        revision: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        self.fields["base_revision"].initial = revision
        for member, attendance in members:
            self.fields[f"status_{member.pk}"] = forms.ChoiceField(
                label=member.name,
                choices=Attendance.Status.choices,
                initial=attendance.status if attendance else Attendance.Status.PRESENT,
            )
            self.fields[f"proxy_{member.pk}"] = forms.CharField(
                label=gettext("%(name)s 대리인") % {"name": member.name},
                max_length=50,
                required=False,
                initial=attendance.proxy_name if attendance else "",
            )

    def rows(self) -> list[tuple[Membership, forms.BoundField, forms.BoundField]]:
        return [(m, self[f"status_{m.pk}"], self[f"proxy_{m.pk}"]) for m, _a in self.members]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for member, _a in self.members:
            if data.get(f"status_{member.pk}") == Attendance.Status.PROXY and not data.get(
                f"proxy_{member.pk}"
            ):
                self.add_error(f"proxy_{member.pk}", gettext("대리 출석이면 대리인 성명을 적으세요."))
        return data


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("회의록"),
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        max_length=100_000,
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    reviewed = forms.BooleanField(label=_("회의록 내용을 확인했습니다"), required=False)
    comment = forms.CharField(
        label=_("의견"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("의결 구분"), choices=Decision.Kind.choices)
    agenda_item = forms.ModelChoiceField(
        empty_label=NONE, label=_("안건"), queryset=AgendaItem.objects.none(), required=False
    )
    task = TaskChoiceField(_("대상 과제 (제외·변경)"))
    code = forms.CharField(label=_("관리번호 (신규)"), max_length=20, required=False)
    title = forms.CharField(
        label=_("과제명 (신규·변경)"),
        max_length=200,
        required=False,
        help_text=_("변경이면 바꿀 때만 적으세요."),
    )
    area = forms.ModelChoiceField(
        empty_label=NONE, label=_("분야 (신규)"), queryset=Area.objects.none(), required=False
    )
    parent_task = TaskChoiceField(_("상위 과제 (신규 세부과제)"))
    status = forms.ChoiceField(
        label=_("사업이행도 (신규·변경)"), choices=[("", "—"), *Status.choices], required=False
    )
    lead_department = forms.ModelChoiceField(
        empty_label=NONE, label=_("주관부서 (신규·변경)"), queryset=Department.objects.none(), required=False
    )
    text = forms.CharField(label=_("의결 내용"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(
        label=_("사유"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("제외는 사유가 필요합니다."),
    )
    base_revision = RevisionField()

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        committee = meeting.committee
        _queryset(self, "agenda_item", meeting.agenda_items.order_by("order", "id"))
        _queryset(self, "task", plan_tasks(committee))
        _queryset(self, "parent_task", plan_tasks(committee))
        plan_id = committee.plan_id or 0
        _queryset(self, "area", Area.objects.filter(plan_id=plan_id))
        departments = Department.objects.filter(organization__plans=plan_id).select_related("organization")
        _queryset(self, "lead_department", departments)

    @staticmethod
    def initial_for(decision: Decision) -> dict[str, Any]:
        return {
            "kind": decision.kind,
            "agenda_item": decision.agenda_item,
            "task": decision.task,
            "code": decision.code,
            "title": decision.title,
            "area": decision.area,
            "parent_task": decision.parent_task,
            "status": decision.status,
            "lead_department": decision.lead_department,
            "text": decision.text,
            "reason": decision.reason,
            "base_revision": decision.revision,
        }

    def values(self) -> dict[str, Any]:
        """What the decision is set to: the cleaned fields without the form's revision."""
        return {k: v for k, v in self.cleaned_data.items() if k != "base_revision"}


COST_ITEMS = ("자문수당", "다과비", "회의실 대여", "자료 인쇄비", "교통비")


class CostLineForm(forms.Form):
    item = forms.CharField(
        label=_("항목"),
        max_length=100,
        widget=forms.TextInput(attrs={"list": "cost-items"}),
        help_text=_("예: 자문수당, 다과비, 회의실 대여"),
    )
    unit_price = WonField(
        label=_("단가(원)"), widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "num"})
    )
    quantity = forms.CharField(
        label=_("수량"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "num", "size": "5"}),
    )
    unit = forms.CharField(label=_("단위"), max_length=10, required=False, help_text=_("예: 명, 회, 시간"))
    note = forms.CharField(label=_("비고"), max_length=200, required=False)

    def clean_quantity(self) -> Decimal:
        text = self.cleaned_data["quantity"].replace(",", "").strip()
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise ValidationError(gettext("수량은 숫자로 적으세요. 예: 12")) from exc
        if value < 0 or value != value.quantize(Decimal("0.01")) or value >= Decimal(10) ** 8:
            raise ValidationError(gettext("수량은 0 이상, 소수 둘째 자리까지 적으세요."))
        return value

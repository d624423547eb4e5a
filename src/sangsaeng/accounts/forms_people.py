"""Forms for managing people: invitations, accepting them, departments, hand-over."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sangsaeng.accounts.access import managed_organizations
from sangsaeng.accounts.models import InviteRole, User
from sangsaeng.orgs.models import Department, Organization
from sangsaeng.plans.models import Plan


class GroupedDepartmentField(forms.ModelChoiceField[Department]):
    def label_from_instance(self, obj: Department) -> str:
        return f"{obj.organization.short_name} · {obj.name}"


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("이메일"))
    name = forms.CharField(label=_("성명"), max_length=50, required=False)
    organization = forms.ModelChoiceField[Organization](
        label=_("소속 기관"), queryset=Organization.objects.none()
    )
    department = GroupedDepartmentField(
        label=_("소속 부서"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("부서 담당자는 반드시 지정합니다. 기관과 같은 기관의 부서를 고르세요."),
    )
    role = forms.ChoiceField(label=_("역할"), choices=InviteRole.choices, initial=InviteRole.OFFICER)
    plan = forms.ModelChoiceField(
        label=_("계획"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("총괄 담당자와 위원에게만 필요합니다."),
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = managed_organizations(actor)
        self.fields["organization"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["department"].queryset = (  # type: ignore[attr-defined]
            Department.objects.filter(organization__in=orgs)
            .select_related("organization")
            .order_by("organization__name", "name")
        )
        plans = Plan.objects.all() if actor.is_superuser else actor.coordinated_plans.all()
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        if not actor.is_superuser:
            self.fields["role"].choices = [c for c in InviteRole.choices if c[0] != InviteRole.AUDITOR]  # type: ignore[attr-defined]

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class AcceptForm(forms.Form):
    username = forms.RegexField(
        label=_("아이디"),
        max_length=30,
        regex=r"^[a-zA-Z0-9._-]{3,30}$",
        error_messages={"invalid": _("아이디는 영문, 숫자, 점(.), 밑줄(_), 하이픈(-)으로 3~30자입니다.")},
    )
    name = forms.CharField(label=_("성명"), max_length=50)
    phone = forms.CharField(label=_("연락처"), max_length=30, required=False)
    password1 = forms.CharField(
        label=_("비밀번호"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("12자 이상. 긴 문장이 외우기 쉽고 안전합니다. 흔한 비밀번호는 쓸 수 없습니다."),
    )
    password2 = forms.CharField(
        label=_("비밀번호 확인"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("두 비밀번호가 다릅니다."))
        return data


class DepartmentForm(forms.Form):
    organization = forms.ModelChoiceField[Organization](label=_("기관"), queryset=Organization.objects.none())
    parent = GroupedDepartmentField(label=_("상위 부서"), queryset=Department.objects.none(), required=False)
    name = forms.CharField(label=_("부서명"), max_length=100)
    level = forms.ChoiceField(
        label=_("단위"), choices=Department.Level.choices, initial=Department.Level.DIVISION
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = managed_organizations(actor)
        self.fields["organization"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["parent"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            organization__in=orgs
        ).select_related("organization")


class HandoverForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("인계받을 사람"),
        queryset=User.objects.none(),
        help_text=_("같은 기관의 사용자만 고를 수 있습니다."),
    )
    note = forms.CharField(label=_("인계 사유"), max_length=200, required=False)

    def __init__(self, *args: Any, leaving: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(organization=leaving.organization_id, is_active=True)
            .exclude(pk=leaving.pk)
            .select_related("department")
            .order_by("name", "username")
        )

"""Forms of the agreement pages. They parse and validate; agreements.services writes."""

from typing import Any

from django import forms

from sangsaeng.lib.i18n import lazy_text as _
from sangsaeng.orgs.models import Agreement, Organization
from sangsaeng.plans import attachments


def date_field(label: Any, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def lock_hidden_agreement(form: forms.Form, name: str = "agreement") -> None:
    """The record links an agreement its editor may not read, so the form cannot offer it: the choice is
    shown locked, and saving keeps the link (agreements.records.kept_agreement)."""
    field = form.fields[name]
    field.disabled = True
    field.empty_label = _("열람 권한이 없는 협약")  # type: ignore[attr-defined]
    field.help_text = _("열람 권한이 없는 협약이 연결되어 있어 바꿀 수 없습니다. 저장해도 그대로 남습니다.")
    form.initial[name] = None


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("협약명"), max_length=200)
    kind = forms.ChoiceField(label=_("종류"), choices=Agreement.Kind.choices)
    status = forms.ChoiceField(label=_("상태"), choices=Agreement.Status.choices)
    parties = forms.ModelMultipleChoiceField(
        label=_("당사자"),
        queryset=Organization.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "둘 이상 고르세요 (Ctrl 키를 누른 채 여러 기관 선택). 담당하는 기관이 들어 있어야 합니다."
        ),
    )
    signed_on = date_field(_("체결일"))
    term_start = date_field(_("협약기간 시작"))
    term_end = date_field(_("협약기간 종료"))
    indefinite = forms.BooleanField(label=_("기간 정함 없음"), required=False)
    scope = forms.CharField(
        label=_("협력 범위"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    document = forms.FileField(
        label=_("협약서 파일"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": attachments.ACCEPT}),
        help_text=_("HWP, HWPX, PDF, XLSX, DOCX, PNG, JPG. 새 파일을 올리면 이전 파일을 대신합니다."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parties = data.get("parties")
        if parties is not None and len(parties) < 2:
            self.add_error("parties", _("당사자 기관을 둘 이상 고르세요."))
        start, end = data.get("term_start"), data.get("term_end")
        if data.get("indefinite") and end:
            self.add_error("term_end", _("기간을 정하지 않은 협약에는 종료일을 적지 않습니다."))
        elif start and end and end < start:
            self.add_error("term_end", _("협약기간 종료일이 시작일보다 빠릅니다."))
        return data


class AgreementFilters(forms.Form):
    kind = forms.ChoiceField(
        label=_("종류"), choices=[("", _("전체")), *Agreement.Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("상태"), choices=[("", _("전체")), *Agreement.Status.choices], required=False
    )
    party = forms.ModelChoiceField(
        label=_("당사자"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        empty_label=_("전체"),
    )
    q = forms.CharField(label=_("협약명"), required=False, max_length=100)

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The second step of login: a code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("인증 코드"),
        max_length=20,
        help_text=_(
            "인증 앱에 표시된 6자리 숫자를 입력하세요. 휴대전화를 잃어버렸다면 복구 코드를 입력하세요."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("인증 앱의 6자리 숫자"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*", "size": 8}
        ),
    )


class ReauthForm(forms.Form):
    password = forms.CharField(
        label=_("비밀번호"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args: object, with_code: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if with_code:
            self.fields["code"] = forms.CharField(
                label=_("인증 코드"),
                max_length=20,
                help_text=_("인증 앱의 6자리 숫자 또는 복구 코드"),
                widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
            )


class ProfileForm(forms.Form):
    name = forms.CharField(
        label=_("성명"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("연락처"),
        max_length=30,
        required=False,
        help_text=_("예: 054-880-2140. 공개 화면에서는 가려서 보입니다."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("새 이메일"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class PasswordForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One sentence rather than Django's <ul>, which cannot sit in the field's help paragraph.
        self.fields["new_password1"].help_text = " ".join(password_validators_help_texts())

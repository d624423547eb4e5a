from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sangsaeng.security import throttle
from sangsaeng.security.models import FailureKind
from sangsaeng.security.net import client_address


class LoginForm(AuthenticationForm):
    """The password step. Throttled by username and by address (sangsaeng.security.throttle) before
    the password is even checked, so a cool-off holds whatever is typed."""

    error_messages = {
        "invalid_login": _("아이디 또는 비밀번호가 올바르지 않습니다. 대소문자를 확인하세요."),
        "inactive": _("사용이 중지된 계정입니다. 총괄 담당자에게 문의하세요."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if not username or not self.cleaned_data.get("password") or self.request is None:
            return super().clean()
        address = client_address(self.request)
        wait = throttle.wait_seconds(kind=FailureKind.PASSWORD, username=username, address=address)
        if wait:
            raise ValidationError(throttle.message(wait), code="throttled")
        try:
            return super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                wait = throttle.record_failure(kind=FailureKind.PASSWORD, username=username, address=address)
                if wait:
                    raise ValidationError(throttle.message(wait), code="throttled") from error
            raise

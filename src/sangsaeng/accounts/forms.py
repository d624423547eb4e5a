from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "아이디 또는 비밀번호가 올바르지 않습니다. 대소문자를 확인하세요.",
        "inactive": "사용이 중지된 계정입니다. 총괄 담당자에게 문의하세요.",
    }

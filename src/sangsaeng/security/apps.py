from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "sangsaeng.security"
    verbose_name = "보안"

    def ready(self) -> None:
        from sangsaeng.security import receivers  # noqa: F401  (connects the login/logout receivers)

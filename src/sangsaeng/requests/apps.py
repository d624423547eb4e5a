from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "sangsaeng.requests"
    verbose_name = "건의사항"

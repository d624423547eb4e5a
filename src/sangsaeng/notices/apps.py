from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "sangsaeng.notices"
    verbose_name = "알림"

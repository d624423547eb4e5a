from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sangsaeng.web"
    verbose_name = "화면"

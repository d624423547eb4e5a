from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sangsaeng.demo"
    verbose_name = "시연자료"

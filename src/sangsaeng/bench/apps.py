from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "sangsaeng.bench"
    verbose_name = "성능 시험"

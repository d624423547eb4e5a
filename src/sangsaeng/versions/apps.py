from django.apps import AppConfig


class VersionsConfig(AppConfig):
    name = "sangsaeng.versions"
    verbose_name = "계획 개정"

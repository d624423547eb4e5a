from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sangsaeng.audit"
    verbose_name = "변경이력"

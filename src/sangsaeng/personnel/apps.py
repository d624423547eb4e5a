from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "sangsaeng.personnel"
    verbose_name = "인사교류"

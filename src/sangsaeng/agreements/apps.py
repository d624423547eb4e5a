from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "sangsaeng.agreements"
    verbose_name = "협약"

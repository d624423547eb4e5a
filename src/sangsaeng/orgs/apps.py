from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "sangsaeng.orgs"
    verbose_name = "기관"

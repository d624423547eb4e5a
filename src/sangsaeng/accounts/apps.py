from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sangsaeng.accounts"
    verbose_name = "계정"

from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "sangsaeng.committees"
    verbose_name = "위원회·회의"

from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "sangsaeng.budgets"
    verbose_name = "예산"

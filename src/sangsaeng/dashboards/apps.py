from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "sangsaeng.dashboards"
    verbose_name = "현황판"

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "sangsaeng.events"
    verbose_name = "교류행사"

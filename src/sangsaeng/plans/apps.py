from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "sangsaeng.plans"
    verbose_name = "계획·과제"

    def ready(self) -> None:
        # Card parts defined outside parts.py register themselves on import.
        from sangsaeng.plans import parts_finance, parts_legislation  # noqa: F401

from typing import Any

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "sangsaeng.events"
    verbose_name = "교류행사"

    def ready(self) -> None:
        from sangsaeng.events.guards import computed_notes, refuse_typed_actuals
        from sangsaeng.plans.parts import ACTUAL_SOURCES, PART_GUARDS

        # A fed indicator's actuals come from the events: the card shows it and refuses typed ones.
        hooks: list[tuple[list[Any], Any]] = [
            (ACTUAL_SOURCES, computed_notes),
            (PART_GUARDS, refuse_typed_actuals),
        ]
        for registry, hook in hooks:
            if hook not in registry:
                registry.append(hook)

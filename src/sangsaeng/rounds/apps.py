from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "sangsaeng.rounds"
    verbose_name = "실적 보고"

    def ready(self) -> None:
        from sangsaeng.plans.parts import PART_GUARDS
        from sangsaeng.rounds.changes import guard_part_change

        # After a plan is adopted, goal and target edits by officers go through 변경안.
        if guard_part_change not in PART_GUARDS:
            PART_GUARDS.append(guard_part_change)

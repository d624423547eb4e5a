"""`sangsaeng check`: every place where a source document's stated figure disagrees with ours."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import load_states
from sangsaeng.plans.models import Task

BATCH = 200


class Command(BaseCommand):
    help = "모든 계획의 관리카드에서 원문 기재값과 계산값이 다른 곳을 찾습니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", type=int, help="계획 번호로 좁히기")
        parser.add_argument("--quiet", action="store_true", help="요약만 출력")

    def handle(self, *args: Any, plan: int | None, quiet: bool, **options: Any) -> None:
        ids = Task.objects.order_by("plan_id", "sort_key")
        if plan:
            ids = ids.filter(plan_id=plan)
        task_ids = list(ids.values_list("pk", flat=True))
        total_flags = unverified = checked = 0
        for start in range(0, len(task_ids), BATCH):
            batch = task_ids[start : start + BATCH]
            states = load_states(batch)
            for task_id in batch:
                card = compute_card(states[task_id])
                checked += 1
                unverified += len(card.unverified)
                for flag in card.flags:
                    total_flags += 1
                    if not quiet:
                        self.stdout.write(
                            f"[{card.state.plan_title}] {card.state.code} {card.state.title}: {flag.message}"
                        )
            if len(task_ids) > BATCH:
                self.stderr.write(f"  확인 중… {min(start + BATCH, len(task_ids)):,}/{len(task_ids):,}")
        self.stdout.write(
            f"과제 {checked:,}건을 확인했습니다. 원문과 다른 수치 {total_flags:,}건, "
            f"입력값이 없어 검증할 수 없는 원문 기재값 {unverified:,}건."
        )

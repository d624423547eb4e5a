"""`sangsaeng reminders`: send the due-soon and overdue reminders of every open round (safe to run twice)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangsaeng.rounds.reminders import deliver_due_reminders


class Command(BaseCommand):
    help = "진행 중인 보고 회차의 기한 임박·기한 경과 알림을 보냅니다 (두 번 실행해도 한 번만 보냅니다)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="기준일 (YYYY-MM-DD, 시험용)")

    def handle(self, *args: Any, today: str | None = None, **options: Any) -> None:
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"기준일 '{today}'을(를) 읽을 수 없습니다. 예: 2019-07-08") from exc
        counts = deliver_due_reminders(day)
        self.stdout.write(
            f"기한 임박 알림 {counts['due_soon']}건, 기한 경과 알림 {counts['overdue']}건을 보냈습니다."
        )

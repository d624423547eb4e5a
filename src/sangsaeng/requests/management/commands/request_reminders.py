"""`request_reminders`: overdue reminders and 30-day progress notices of requests, and the deletion of
citizens' contacts a year after closing (safe to run twice)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangsaeng.requests.reminders import deliver_request_reminders
from sangsaeng.requests.services import citizen_contacts_purge


class Command(BaseCommand):
    help = "건의사항의 기한 경과 알림과 30일 진행 상황 안내를 보냅니다 (두 번 실행해도 한 번만 보냅니다)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="기준일 (YYYY-MM-DD, 시험용)")

    def handle(self, *args: Any, today: str | None = None, **options: Any) -> None:
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"기준일 '{today}'을(를) 읽을 수 없습니다. 예: 2026-11-30") from exc
        counts = deliver_request_reminders(day)
        self.stdout.write(
            f"기한 경과 알림 {counts['overdue']}건, 진행 상황 안내 {counts['progress']}건을 보냈습니다."
        )
        # The same daily run keeps the public form's promise: contacts deleted a year after closing.
        purged = citizen_contacts_purge(today=day)
        self.stdout.write(f"종결 후 1년이 지난 시·도민 제안 {purged}건의 성명·연락처를 삭제했습니다.")

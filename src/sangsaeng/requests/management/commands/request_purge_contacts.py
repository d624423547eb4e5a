"""`request_purge_contacts`: citizens' names and contacts deleted a year after their proposal was closed,
as the public form promises (safe to run twice; `request_reminders` runs it too)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangsaeng.requests.services import citizen_contacts_purge


class Command(BaseCommand):
    help = "종결 후 1년이 지난 시·도민 제안의 제안자 성명과 연락처를 삭제합니다 (두 번 실행해도 안전합니다)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="기준일 (YYYY-MM-DD, 시험용)")

    def handle(self, *args: Any, today: str | None = None, **options: Any) -> None:
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"기준일 '{today}'을(를) 읽을 수 없습니다. 예: 2026-11-30") from exc
        purged = citizen_contacts_purge(today=day)
        self.stdout.write(f"종결 후 1년이 지난 시·도민 제안 {purged}건의 성명·연락처를 삭제했습니다.")

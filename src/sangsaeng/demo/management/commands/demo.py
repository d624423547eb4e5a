"""manage.py demo [--if-empty]: load the demo data into an empty database and print the demo logins."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangsaeng.demo.loader import USERS, DemoError, database_is_empty, existing_demo_usernames, load_demo


class Command(BaseCommand):
    help = "시연 자료(기관·부서·계정·계획 3건과 관리카드)를 빈 데이터베이스에 불러옵니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="이미 자료가 있으면 아무것도 하지 않고 그 사실만 알립니다(오류로 끝나지 않음).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and not database_is_empty():
            self.stdout.write("이미 자료가 있어 시연 자료를 불러오지 않았습니다.")
            self._print_logins()
            return
        try:
            summary = load_demo(progress=self.stdout.write)
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.count_lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("시연 자료를 불러왔습니다. 시연 계정:"))
        for line in summary.login_lines():
            self.stdout.write(line)

    def _print_logins(self) -> None:
        existing = set(existing_demo_usernames())
        if not existing:
            return
        self.stdout.write("시연 계정(비밀번호를 바꾸지 않았다면):")
        for spec in USERS:
            if spec.username in existing:
                self.stdout.write(f"  {spec.username} / {spec.password}  ({spec.who})")

"""`sangsaeng plan export <plan> --format pdf|hwpx|xlsx -o FILE` (the booklet, or the workbook) and
`sangsaeng plan import <plan> FILE [--dry-run] [--user USERNAME]`, with progress lines."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangsaeng.accounts.models import User
from sangsaeng.exchange import cli
from sangsaeng.lib.money import unit_from
from sangsaeng.plans.access import is_coordinator


class Command(BaseCommand):
    help = "계획 단위 작업: 책자·엑셀 내보내기(export), 엑셀 가져오기(import)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="관리카드 책자(PDF·HWPX) 또는 엑셀(XLSX) 파일로 저장")
        export.add_argument("plan", help="계획 번호 또는 계획명 일부")
        export.add_argument("--format", choices=["pdf", "hwpx", "xlsx"], required=True, dest="fmt")
        export.add_argument("-o", "--output", required=True, help="저장할 파일 경로")
        export.add_argument(
            "--unit", choices=["cheonwon", "eok"], default="cheonwon", help="책자의 금액 단위"
        )
        imp = sub.add_parser("import", help="엑셀 파일을 미리 보고 반영 (전부 또는 전무)")
        imp.add_argument("plan", help="계획 번호 또는 계획명 일부")
        imp.add_argument("file", help="가져올 XLSX 파일")
        imp.add_argument("--dry-run", action="store_true", help="바뀔 내용만 보여 주고 반영하지 않음")
        imp.add_argument("--user", help="감사 기록에 남길 사용자 (계획의 총괄 담당자; 없으면 '시스템')")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            plan = cli.find_plan(options["plan"])
            if action == "export":
                cli.plan_export(
                    plan=plan,
                    fmt=options["fmt"],
                    path=options["output"],
                    unit=unit_from(options["unit"]),
                    say=self.stdout.write,
                )
                return
            user = self._user(options["user"], plan) if options["user"] else None
            cli.plan_import(
                plan=plan, path=options["file"], dry_run=options["dry_run"], user=user, say=self.stdout.write
            )
        except cli.CliError as exc:
            raise CommandError(str(exc)) from exc

    @staticmethod
    def _user(username: str, plan: Any) -> User:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None or not is_coordinator(user, plan):
            raise cli.CliError(f"'{username}'은(는) 이 계획의 총괄 담당자가 아닙니다.")
        return user

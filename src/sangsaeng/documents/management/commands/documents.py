"""sangsaeng documents cleanup: remove generated documents whose keeping time is over."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sangsaeng.documents import services


class Command(BaseCommand):
    help = "생성 문서 관리: 보관 기한이 지난 책자 파일을 지웁니다 (cleanup)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("cleanup", help="보관 기한이 지난 문서를 지웁니다. 여러 번 실행해도 안전합니다.")

    def handle(self, *args: Any, **options: Any) -> None:
        services.documents_cleanup(log=self.stdout.write)

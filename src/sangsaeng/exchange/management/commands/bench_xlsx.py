"""`sangsaeng bench_xlsx`: Excel export of ~100,000 rows (time, peak memory) and import of ~10,000 rows,
in a throwaway test database; writes bench/results/xlsx-<date>.md."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sangsaeng.documents.bench import load_average
from sangsaeng.exchange import bench
from sangsaeng.exchange.bench import ROWS_PER_TASK


class Command(BaseCommand):
    help = "엑셀 내보내기(약 10만 행)와 가져오기(약 1만 행)의 시간·메모리를 잽니다 (일회용 시험 DB)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--export-rows", type=int, default=100_000, help="내보낼 행 수 (대략)")
        parser.add_argument("--import-rows", type=int, default=10_000, help="가져올 행 수 (대략)")
        parser.add_argument("--out", type=Path, default=None, help="결과 폴더 (기본: bench/results)")

    def handle(self, *args: Any, **options: Any) -> None:
        load = load_average()
        result = bench.run_in_test_database(
            export_tasks=max(1, options["export_rows"] // ROWS_PER_TASK),
            import_tasks=max(1, options["import_rows"] // ROWS_PER_TASK),
            say=self.stdout.write,
        )
        text = bench.report(result, load=load)
        out = options["out"] or Path(settings.PROJECT_DIR) / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"xlsx-{timezone.localdate().isoformat()}.md"
        path.write_text(text, encoding="utf-8")
        self.stdout.write(text)
        self.stdout.write(self.style.SUCCESS(f"결과를 {path} 에 썼습니다."))

"""sangsaeng bench seed|load|queries|booklet: national-scale data, the load benchmark (bench/README.md)
and the booklet typesetting benchmark."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangsaeng.bench import load, measure, seed
from sangsaeng.plans.models import Plan


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


class Command(BaseCommand):
    help = "성능 시험: 전국 규모 자료 생성(seed), 부하 측정(load), 페이지별 SQL 수(queries)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("seed", help="현재 DATABASE_URL 에 성능 시험 자료를 만듭니다.")
        p.add_argument("--scale", choices=sorted(seed.SCALES), default="national")
        p.add_argument("--force", action="store_true", help="계획이 이미 있어도 자료를 추가합니다.")
        p.add_argument("--seed", type=int, default=2026, help="난수 씨앗 (같은 값이면 같은 자료)")

        p = sub.add_parser("load", help="gunicorn(운영 설정)과 wrk 로 주요 페이지의 부하를 측정합니다.")
        p.add_argument("--database-url", default=load.DEFAULT_DATABASE_URL)
        p.add_argument(
            "--demo-database-url",
            default=load.DEFAULT_DEMO_DATABASE_URL,
            help="시연 자료만 넣은 데이터베이스 (SQL 수 비교용); 'none' 이면 건너뜁니다.",
        )
        p.add_argument(
            "--scale", choices=sorted(seed.SCALES), default="national", help="빈 DB 일 때 만들 규모"
        )
        p.add_argument("--duration", type=int, default=10, help="페이지·연결 수마다 측정 시간(초)")
        p.add_argument("--warmup", type=int, default=2, help="페이지마다 예열 시간(초)")
        p.add_argument("--connections", type=_ints, default=[1, 8], help="예: 1,8")
        p.add_argument("--workers", type=int, default=2)
        p.add_argument("--threads", type=int, default=1, help="작업자당 스레드 (1 이면 sync 작업자)")
        p.add_argument("--pages", default=",".join(k for k, _ in measure.PAGES))
        p.add_argument("--out", type=Path, default=None, help="결과 폴더 (기본: bench/results)")
        p.add_argument("--password", default=None, help="대상 사용자의 비밀번호 (생성·시연 계정이 아니면)")
        p.add_argument(
            "--quiet-wait",
            type=int,
            default=180,
            help="측정 전, 다른 프로세스의 CPU 사용이 줄기를 기다리는 최대 시간(초); 0 이면 기다리지 않음",
        )

        p.add_argument("--retries", type=int, default=2, help="다른 프로세스가 방해한 측정을 다시 잴 횟수")

        p = sub.add_parser("queries", help="대상 페이지와 페이지별 SQL 수를 JSON 한 줄로 출력합니다.")
        p.add_argument("--if-data", action="store_true", help="계획이 없으면 아무것도 출력하지 않습니다.")

        p = sub.add_parser("booklet", help="합성 카드로 관리카드 책자(PDF)의 조판 시간을 잽니다.")
        p.add_argument("--cards", type=int, default=112, help="카드 수 (기본 112장, 약 220쪽)")
        p.add_argument("--repeat", type=int, default=3, help="조판을 되풀이할 횟수 (중앙값을 보고)")
        p.add_argument("--unit", choices=["cheonwon", "eok"], default="cheonwon")
        p.add_argument("--hwpx", action="store_true", help="HWPX 책자를 쓰는 시간도 잽니다 (참고)")
        p.add_argument("--pdf", type=Path, default=None, help="만든 PDF를 이 경로에 저장")
        p.add_argument("--out", type=Path, default=None, help="결과 폴더 (기본: bench/results)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "seed":
            self.seed(options)
        elif action == "load":
            self.load(options)
        elif action == "booklet":
            self.booklet(options)
        else:
            if options["if_data"] and not Plan.objects.exists():
                return
            try:
                self.stdout.write(json.dumps(measure.snapshot(), ensure_ascii=False, default=str))
            except measure.MeasureError as exc:
                raise CommandError(str(exc)) from exc

    def seed(self, options: dict[str, Any]) -> None:
        try:
            summary = seed.seed(
                options["scale"],
                force=options["force"],
                seed_value=options["seed"],
                progress=self.stdout.write,
            )
        except seed.SeedError as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"성능 시험 자료({summary.scale})를 만들었습니다."))

    def load(self, options: dict[str, Any]) -> None:
        demo_url = options["demo_database_url"]
        pages = [p for p in options["pages"].split(",") if p]
        unknown = set(pages) - {k for k, _ in measure.PAGES}
        if unknown:
            raise CommandError(f"알 수 없는 페이지: {', '.join(sorted(unknown))}")
        opts = load.Options(
            database_url=options["database_url"],
            demo_database_url=None if demo_url in ("", "none") else demo_url,
            scale=options["scale"],
            duration=options["duration"],
            warmup=options["warmup"],
            connections=options["connections"],
            workers=options["workers"],
            threads=options["threads"],
            pages=pages,
            password=options["password"],
            quiet_wait=options["quiet_wait"],
            retries=options["retries"],
        )
        if options["out"] is not None:
            opts.out = options["out"]
        try:
            load.main(opts, say=self.stdout.write)
        except load.LoadError as exc:
            raise CommandError(str(exc)) from exc

    def booklet(self, options: dict[str, Any]) -> None:
        from django.conf import settings
        from django.utils import timezone

        from sangsaeng.documents import bench as booklet_bench

        load_before = booklet_bench.load_average()
        result = booklet_bench.run(
            cards=options["cards"],
            repeat=max(1, options["repeat"]),
            unit=options["unit"],
            hwpx=options["hwpx"],
            out_pdf=options["pdf"],
            log=self.stdout.write,
        )
        text = booklet_bench.report(result, load=load_before)
        out = options["out"] or Path(settings.PROJECT_DIR) / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"booklet-{timezone.localdate().isoformat()}.md"
        path.write_text(text, encoding="utf-8")
        self.stdout.write(text)
        self.stdout.write(self.style.SUCCESS(f"결과를 {path} 에 썼습니다."))

"""`sangsaeng bench_xlsx`: how the Excel export and import scale.

Runs in a throwaway test database (created, migrated and dropped here; the configured database is never
touched). Two generated plans: a large one whose export has about 100,000 rows (time, and peak Python
memory through tracemalloc), and one of about 10,000 rows that is exported, edited and imported
(preview with every check, then apply through editing_card, audited).
"""

import datetime as dt
import io
import os
import platform
import random
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from openpyxl import load_workbook

from sangsaeng.budgets.models import BudgetEntry, FundingSource
from sangsaeng.exchange import services
from sangsaeng.exchange.models import ImportPreview
from sangsaeng.plans.models import Activity, Indicator, IndicatorValue, Plan, Status, Task
from sangsaeng.plans.services import sort_key

TERM = list(range(2022, 2027))
ROWS_PER_TASK = 25  # 1 task + 2 indicators × 5 years + 4 budget rows + 10 activities
IMPORT_TARGET_SECONDS = 10.0

type Say = Callable[[str], None]


@dataclass
class Result:
    export_rows: int = 0
    export_seconds: float = 0.0
    export_peak_mb: float = 0.0
    small_export_rows: int = 0
    small_export_peak_mb: float = 0.0
    export_size_mb: float = 0.0
    import_rows: int = 0
    untouched_seconds: float = 0.0
    edited_cells: int = 0
    preview_seconds: float = 0.0
    apply_seconds: float = 0.0
    applied_cards: int = 0
    notes: list[str] = field(default_factory=list)


def make_plan(title: str, tasks: int, rng: random.Random) -> Plan:
    """A plan of `tasks` cards, each giving ROWS_PER_TASK rows, written with bulk_create."""
    plan = Plan.objects.create(title=title, term_start_year=TERM[0], term_end_year=TERM[-1])
    sources = [
        FundingSource.objects.create(plan=plan, name=name, order=i, is_national=i == 0)
        for i, name in enumerate(("국비", "도비"))
    ]
    Task.objects.bulk_create(
        Task(
            plan=plan,
            code=f"{i // 50 + 1}-{i % 50 + 1}",
            sort_key=sort_key(f"{i // 50 + 1}-{i % 50 + 1}"),
            title=f"상생협력 과제 {i + 1}",
            status=rng.choice(Status.values),
            progress=Decimal(rng.randint(0, 100)),
            goal="대구·경북 상생발전 기반 마련",
            revision=1,
        )
        for i in range(tasks)
    )
    ids = list(Task.objects.filter(plan=plan).values_list("pk", flat=True))
    Indicator.objects.bulk_create(
        Indicator(task_id=pk, name=name, unit="건", order=n)
        for pk in ids
        for n, name in enumerate(("협력사업 발굴", "공동 행사 개최"))
    )
    indicators = Indicator.objects.filter(task__plan=plan).values_list("pk", flat=True)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator_id=ind, year=y, target=rng.randint(1, 20), actual=rng.randint(0, 30))
        for ind in indicators
        for y in TERM
    )
    BudgetEntry.objects.bulk_create(
        BudgetEntry(task_id=pk, source=s, kind=k, bucket="year", year=y, amount=rng.randint(1, 900) * 1000)
        for pk in ids
        for s in sources
        for k in ("planned", "secured")
        for y in TERM
    )
    Activity.objects.bulk_create(
        Activity(
            task_id=pk,
            start=dt.date(rng.choice(TERM[:3]), rng.randint(1, 12), rng.randint(1, 28)),
            text=f"실무협의회 개최 ({n + 1}차)",
            details=[{"text": "참석: 대구·경북 담당 공무원", "children": []}],
            participants=rng.randint(5, 200),
        )
        for pk in ids
        for n in range(10)
    )
    return plan


def _export(plan: Plan) -> tuple[bytes, int, float]:
    start = time.perf_counter()
    exported = services.plan_export_xlsx(user=None, plan=plan)
    with exported.file:
        data = exported.file.read()
    return data, exported.rows, time.perf_counter() - start


def _peak_mb(plan: Plan) -> float:
    tracemalloc.start()
    try:
        exported = services.plan_export_xlsx(user=None, plan=plan)
        exported.file.close()
        return tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


def _edit(data: bytes) -> tuple[bytes, int]:
    """One actual changed on every card (its first indicator's last year)."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb["확인지표"]
    edited, seen = 0, set()
    for row in ws.iter_rows(min_row=2):
        code, year = row[0].value, row[5].value
        if year == TERM[-1] and code not in seen:
            seen.add(code)
            actual = row[7].value
            row[7].value = (int(actual) if isinstance(actual, int | float) else 0) + 1
            edited += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), edited


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("bench.xlsx", data)


def run(*, export_tasks: int, import_tasks: int, say: Say) -> Result:
    rng = random.Random(2026)  # noqa: S311  # nosec B311: test data, not secrets
    result = Result()
    say(f"자료 생성: 내보내기용 과제 {export_tasks:,}건, 가져오기용 과제 {import_tasks:,}건…")
    big = make_plan("내보내기 성능 시험 계획", export_tasks, rng)
    small = make_plan("가져오기 성능 시험 계획", import_tasks, rng)

    data, result.export_rows, result.export_seconds = _export(big)
    result.export_size_mb = len(data) / 1024 / 1024
    say(f"내보내기 {result.export_rows:,}행: {result.export_seconds:.1f}초, {result.export_size_mb:.1f} MB")
    result.export_peak_mb = _peak_mb(big)
    small_data, result.small_export_rows, _ = _export(small)
    result.small_export_peak_mb = _peak_mb(small)
    say(
        f"최대 메모리(tracemalloc): {result.export_rows:,}행 {result.export_peak_mb:.1f} MB, "
        f"{result.small_export_rows:,}행 {result.small_export_peak_mb:.1f} MB"
    )

    start = time.perf_counter()
    untouched = services.plan_import_compare(plan=small, upload=_upload(small_data))
    result.untouched_seconds = time.perf_counter() - start
    result.import_rows = untouched.rows
    if untouched.changes:
        result.notes.append(f"손대지 않은 파일에서 변경 {len(untouched.changes)}건이 나왔습니다 (오류).")
    say(f"가져오기 미리보기(그대로인 파일) {untouched.rows:,}행: {result.untouched_seconds:.2f}초")

    edited, result.edited_cells = _edit(small_data)
    start = time.perf_counter()
    preview = services.plan_import_preview(
        actor=None, plan=small, upload=_upload(edited), file_name="bench.xlsx"
    )
    result.preview_seconds = time.perf_counter() - start
    start = time.perf_counter()
    applied = services.plan_import_apply(preview=preview, actor=None)
    result.apply_seconds = time.perf_counter() - start
    result.applied_cards = applied.cards
    say(
        f"가져오기(고친 칸 {result.edited_cells:,}개): 미리보기 {result.preview_seconds:.2f}초, "
        f"반영 {result.apply_seconds:.2f}초 (카드 {applied.cards:,}장)"
    )
    ImportPreview.objects.all().delete()
    return result


def run_in_test_database(**kwargs: Any) -> Result:
    """`run` against a fresh test database, dropped afterwards whatever happens."""
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        return run(**kwargs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def report(r: Result, *, load: str) -> str:
    import_total = r.preview_seconds + r.apply_seconds
    verdict = (
        "충족"
        if r.untouched_seconds <= IMPORT_TARGET_SECONDS and import_total <= IMPORT_TARGET_SECONDS
        else "미달"
    )
    lines = [
        f"# 엑셀 내보내기·가져오기 성능 ({timezone.localdate().isoformat()})",
        "",
        "`sangsaeng bench_xlsx` 결과. 일회용 시험 데이터베이스("
        + connection.vendor
        + ")에 만든 계획으로 잽니다.",
        "카드마다 25행(과제 1, 확인지표 2개 × 5년, 예산 4행, 추진실적 10건).",
        "",
        "| 항목 | 값 |",
        "| --- | --- |",
        f"| 내보내기 | {r.export_rows:,}행, {r.export_seconds:.1f}초 "
        f"({r.export_rows / r.export_seconds:,.0f}행/초), {r.export_size_mb:.1f} MB |",
        f"| 내보내기 최대 메모리 (tracemalloc, Python 할당) | {r.export_rows:,}행 "
        f"{r.export_peak_mb:.1f} MB · {r.small_export_rows:,}행 {r.small_export_peak_mb:.1f} MB |",
        f"| 가져오기 미리보기, 그대로인 파일 (검사·읽기·비교) | {r.import_rows:,}행, "
        f"{r.untouched_seconds:.2f}초 |",
        f"| 가져오기, 고친 파일 (카드마다 실적 1칸, {r.edited_cells:,}칸) | "
        f"미리보기 {r.preview_seconds:.2f}초 + 반영 {r.apply_seconds:.2f}초 = {import_total:.2f}초 "
        f"(카드 {r.applied_cards:,}장, 카드마다 감사 기록) |",
        f"| 목표 (10,000행 가져오기 ≤ {IMPORT_TARGET_SECONDS:.0f}초, 검사 포함) | {verdict} |",
        "",
        "메모리는 카드를 400장씩 읽어 계산하고 openpyxl의 write-only 모드로 행을 바로 임시 파일에 쓰므로 "
        "행 수와 무관하게 거의 일정해야 합니다 (위 두 값의 비교).",
        *(f"- {note}" for note in r.notes),
        "",
        "## 측정 환경",
        "",
        f"- {platform.platform()}, Python {platform.python_version()}, CPU {os.cpu_count()}개",
        f"- 측정 시작 때 부하 (1·5·15분 평균): {load}",
    ]
    return "\n".join(lines) + "\n"

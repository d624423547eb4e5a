"""The command line's exports and imports (`sangsaeng card export`, `sangsaeng plan export|import`), with
progress lines. Documents go through documents.services, workbooks through exchange.services: the same
code the pages use."""

import shutil
from collections.abc import Callable
from pathlib import Path

from django.core.files import File
from django.db.models import Value
from django.db.models.functions import Coalesce

from sangsaeng.accounts.models import User
from sangsaeng.documents import hwpx_doc, pdf
from sangsaeng.documents import services as documents
from sangsaeng.exchange import services
from sangsaeng.exchange.compare import OPS, Comparison
from sangsaeng.exchange.models import ImportPreview
from sangsaeng.exchange.reading import ImportInvalid
from sangsaeng.lib.money import Unit
from sangsaeng.plans.models import Plan, Task

type Say = Callable[[str], None]
SHOWN_CHANGES = 200
SHEET_NAMES = {"tasks": "과제", "indicators": "확인지표", "budget": "예산", "activities": "추진실적"}


class CliError(Exception):
    """Shown as is (Korean) by the command."""


def _write(path: str, data: bytes) -> None:
    Path(path).write_bytes(data)


def card_export(*, task: Task, fmt: str, path: str, unit: Unit, say: Say) -> None:
    say(f"{task.code} {task.title}: {fmt.upper()} 만드는 중…")
    if fmt == "xlsx":
        exported = services.plan_export_xlsx(user=None, plan=task.plan, codes=[task.code])
        with exported.file, open(path, "wb") as out:
            shutil.copyfileobj(exported.file, out)
        say(f"{exported.rows:,}행을 {path} 에 저장했습니다.")
        return
    rendered = documents.card_document(task=task, unit=unit, fmt=fmt)
    _write(path, rendered.data)
    say(f"{len(rendered.data):,}바이트를 {path} 에 저장했습니다.")


def find_plan(text: str) -> Plan:
    plans = (
        Plan.objects.filter(pk=int(text)) if text.isdigit() else Plan.objects.filter(title__icontains=text)
    )
    found = list(plans[:10])
    if not found:
        raise CliError(f"계획 '{text}'을(를) 찾을 수 없습니다. 계획 번호나 계획명 일부를 적으세요.")
    if len(found) > 1:
        names = ", ".join(f"{p.pk}:{p.title}" for p in found)
        raise CliError(f"'{text}'에 맞는 계획이 여럿입니다. 번호로 고르세요: {names}")
    return found[0]


def booklet_ids(plan: Plan) -> list[int]:
    """Every card of the plan in the booklet's order (분야, then 관리번호), as documents.services orders
    the cards a user may read."""
    tasks = Task.objects.filter(plan=plan).order_by(Coalesce("area__number", Value(10_000)), "sort_key", "pk")
    return list(tasks.values_list("pk", flat=True))


def plan_export(*, plan: Plan, fmt: str, path: str, unit: Unit, say: Say) -> None:
    if fmt == "xlsx":

        def step(done: int, total: int) -> None:
            say(f"  카드 {done:,}/{total:,}")

        say(f"{plan.title}: 엑셀 파일을 쓰는 중…")
        exported = services.plan_export_xlsx(user=None, plan=plan, progress=step)
        with exported.file, open(path, "wb") as out:
            shutil.copyfileobj(exported.file, out)
        say(f"{exported.rows:,}행을 {path} 에 저장했습니다.")
        return
    ids = booklet_ids(plan)
    say(f"{plan.title}: 관리카드 {len(ids):,}장을 읽고 계산하는 중…")
    docs = documents.booklet_docs(ids, unit)
    info = documents.booklet_info(plan, unit)
    if fmt == "hwpx":

        def card_step(done: int, total: int) -> None:
            if done % 10 == 0 or done == total:
                say(f"  한글 문서 {done:,}/{total:,}")

        data = hwpx_doc.booklet_hwpx(info, docs, progress=card_step)
    else:
        say("  책자를 조판하는 중…")
        data = pdf.booklet_pdf(info, docs)
        say(f"  {pdf.page_count(data):,}쪽")
    _write(path, data)
    say(f"{len(data):,}바이트를 {path} 에 저장했습니다.")


def describe(result: Comparison, say: Say) -> None:
    counts = services.counts([c.to_json() for c in result.changes])
    say(f"읽은 행 {result.rows:,}, 대상 과제 {result.tasks:,}건")
    for key, name in SHEET_NAMES.items():
        c = counts.get(key, {"add": 0, "change": 0, "remove": 0})
        say(f"  {name}: 추가 {c['add']:,} · 변경 {c['change']:,} · 삭제 {c['remove']:,}")
    for warning in result.warnings:
        say(f"  주의: {warning}")
    for note in result.notes:
        say(f"  참고: {note}")
    for change in result.changes[:SHOWN_CHANGES]:
        where = f"{SHEET_NAMES[change.sheet]} {change.row}행" if change.row else SHEET_NAMES[change.sheet]
        fields = "; ".join(f"{f['header']} '{f['before']}' → '{f['after']}'" for f in change.fields)
        say(f"  [{OPS[change.op]}] {where} {change.label}: {fields}")
    if len(result.changes) > SHOWN_CHANGES:
        say(f"  … 그 밖에 {len(result.changes) - SHOWN_CHANGES:,}건")


def plan_import(*, plan: Plan, path: str, dry_run: bool, user: User | None, say: Say) -> int:
    """Preview the file's changes and, unless dry_run, apply them; the number of changes."""
    source = Path(path)
    if not source.is_file():
        raise CliError(f"파일 {path} 이(가) 없습니다.")
    say(f"{source.name}: 검사하고 읽는 중…")
    with source.open("rb") as handle:
        upload = File(handle, name=source.name)
        try:
            if dry_run:
                result = services.plan_import_compare(plan=plan, upload=upload)
            else:
                preview = services.plan_import_preview(
                    actor=user, plan=plan, upload=upload, file_name=source.name
                )
        except ImportInvalid as exc:
            lines = [str(p) for p in exc.problems]
            if exc.total > len(lines):
                lines.append(f"그 밖에 {exc.total - len(lines):,}건")
            raise CliError("가져올 수 없습니다. 아무것도 바뀌지 않았습니다.\n" + "\n".join(lines)) from exc
    if dry_run:
        describe(result, say)
        say("시험 실행(--dry-run): 아무것도 바꾸지 않았습니다.")
        return len(result.changes)
    describe(_comparison(preview), say)
    if not preview.changes:
        say("바뀌는 것이 없습니다.")
        return 0

    def step(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            say(f"  반영 {done:,}/{total:,} 카드")

    try:
        applied = services.plan_import_apply(preview=preview, actor=user, progress=step)
    except services.ImportRefused as exc:
        raise CliError(str(exc)) from exc
    say(f"반영했습니다: 과제 {applied.cards:,}건, 변경 {applied.changes:,}건.")
    return applied.changes


def _comparison(preview: ImportPreview) -> Comparison:
    from sangsaeng.exchange.compare import Change

    result = Comparison(
        rows=preview.rows, tasks=preview.tasks, warnings=preview.warnings, notes=preview.notes
    )
    result.changes = [Change(**c) for c in preview.changes]
    return result

"""Excel export and import of a plan.

- `plan_export_xlsx`: the cards the user may read, written to a temporary file (streamed, constant memory).
- `plan_template_xlsx`: the same workbook without rows.
- `plan_import_preview`: check and read an uploaded workbook, compare it with the cards, keep the changes
  (nothing is written to the cards).
- `plan_import_apply`: write a preview's changes, all or nothing, each card through `editing_card`
  (locked, rolled up, audited, as `editing_card` does, batched in exchange.batch); refused when any card
  it touches changed since the preview.
"""

import datetime as dt
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.audit.services import log_event
from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.exchange import sheets as layout
from sangsaeng.exchange.batch import editing_cards
from sangsaeng.exchange.compare import Comparison, compare
from sangsaeng.exchange.models import ImportPreview
from sangsaeng.exchange.reading import read_upload
from sangsaeng.exchange.writing import Progress, write_workbook
from sangsaeng.plans.access import visible_tasks
from sangsaeng.plans.models import Activity, Indicator, IndicatorValue, Plan, Task
from sangsaeng.plans.parts import retire_stated_figures
from sangsaeng.plans.services import CardChange, in_record_language

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACTION = "xlsx_import"


class ImportRefused(Exception):
    """The preview cannot be applied (expired, already applied, or its cards changed); Korean message."""


@dataclass(frozen=True)
class Exported:
    file: IO[bytes]  # a temporary file, removed when closed
    filename: str
    rows: int


def _export_name(plan: Plan, suffix: str) -> str:
    return f"{plan.title} {suffix} {timezone.localdate():%Y%m%d}.xlsx"


def export_task_ids(*, user: User | None, plan: Plan, codes: list[str] | None = None) -> list[int]:
    """The cards of the plan (those `user` may read; all of them for the command line) by 관리번호."""
    tasks = visible_tasks(user, plan) if user is not None else Task.objects.filter(plan=plan)
    if codes is not None:
        tasks = tasks.filter(code__in=codes)
    return list(tasks.order_by("sort_key", "pk").values_list("pk", flat=True))


def export_rows(task_ids: list[int]) -> int:
    """The rows a workbook of these cards will have (all four sheets), without building it."""
    return (
        len(task_ids)
        + IndicatorValue.objects.filter(indicator__task__in=task_ids).count()
        + BudgetEntry.objects.filter(task__in=task_ids).count()
        + Activity.objects.filter(task__in=task_ids).count()
    )


def plan_export_xlsx(
    *, user: User | None, plan: Plan, codes: list[str] | None = None, progress: Progress | None = None
) -> Exported:
    ids = export_task_ids(user=user, plan=plan, codes=codes)
    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115  # closed by the response that sends it
    try:
        rows = write_workbook(
            out, plan=plan, task_ids=ids, exported_by=user.display_name if user else "", progress=progress
        )
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return Exported(out, _export_name(plan, "관리카드 자료"), rows)


def plan_template_xlsx(*, plan: Plan) -> Exported:
    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115  # closed by the response that sends it
    try:
        write_workbook(out, plan=plan, task_ids=[])
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return Exported(out, _export_name(plan, "빈 서식"), 0)


# ---------------------------------------------------------------- import: preview


def plan_import_compare(*, plan: Plan, upload: Any) -> Comparison:
    """Check, read and compare an uploaded workbook; nothing is written. ImportInvalid in Korean."""
    parsed = read_upload(upload)
    return compare(plan, parsed)


@transaction.atomic
def plan_import_preview(*, actor: User | None, plan: Plan, upload: Any, file_name: str) -> ImportPreview:
    """Keep what the file would change, for the user to look at before applying it."""
    now = timezone.now()
    ImportPreview.objects.filter(expires_at__lte=now).delete()
    result = plan_import_compare(plan=plan, upload=upload)
    preview = ImportPreview(
        plan=plan,
        created_by=actor,
        file_name=file_name[:255],
        changes=[c.to_json() for c in result.changes],
        revisions={str(k): r for k, r in result.revisions.items()},
        warnings=result.warnings,
        notes=result.notes,
        rows=result.rows,
        tasks=result.tasks,
        expires_at=now + dt.timedelta(hours=settings.DOCUMENTS_KEEP_HOURS),
    )
    preview.full_clean()
    preview.save()
    return preview


def counts(changes: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per sheet: how many rows are added, changed and removed."""
    out: dict[str, dict[str, int]] = {}
    for c in changes:
        out.setdefault(c["sheet"], {"add": 0, "change": 0, "remove": 0})[c["op"]] += 1
    return out


# ---------------------------------------------------------------- import: apply


@dataclass(frozen=True)
class Applied:
    cards: int
    changes: int


def plan_import_apply(
    *, preview: ImportPreview, actor: User | None, progress: Callable[[int, int], None] | None = None
) -> Applied:
    """Write the preview's changes: all of them or, on any failure or conflict, none."""
    if preview.status != ImportPreview.Status.PENDING:
        raise ImportRefused("이미 반영했거나 취소한 미리보기입니다. 파일을 다시 올리세요.")
    if preview.expires_at <= timezone.now():
        raise ImportRefused("미리보기의 보관 기한이 지났습니다. 파일을 다시 올리세요.")
    try:
        return _apply(preview, actor, progress)
    except ImportRefused as exc:
        ImportPreview.objects.filter(pk=preview.pk, status=ImportPreview.Status.PENDING).update(
            status=ImportPreview.Status.STALE, message=str(exc)[:500]
        )
        raise
    except (IntegrityError, DatabaseError, ValueError, KeyError, TypeError) as exc:
        raise ImportRefused(
            "반영하는 중 문제가 생겨 아무것도 바꾸지 않았습니다. 파일을 다시 올려 미리보기를 확인하세요."
        ) from exc


@transaction.atomic
def _apply(
    preview: ImportPreview, actor: User | None, progress: Callable[[int, int], None] | None
) -> Applied:
    claimed = ImportPreview.objects.filter(pk=preview.pk, status=ImportPreview.Status.PENDING).update(
        status=ImportPreview.Status.APPLIED, applied_at=timezone.now()
    )
    if not claimed:
        raise ImportRefused("이미 반영했거나 취소한 미리보기입니다. 파일을 다시 올리세요.")
    revisions = {int(k): r for k, r in preview.revisions.items()}
    now = dict(
        Task.objects.select_for_update()
        .filter(pk__in=list(revisions), plan=preview.plan)
        .values_list("pk", "revision")
    )
    stale = sorted(pk for pk, r in revisions.items() if now.get(pk) != r)
    if stale:
        codes = dict(Task.objects.filter(pk__in=stale).values_list("pk", "code"))
        names = ", ".join(codes.get(pk, "(삭제된 과제)") for pk in stale[:20])
        raise ImportRefused(
            f"미리보기 뒤에 다른 사람이 고친 카드가 있어 반영하지 않았습니다: {names}. "
            "파일을 다시 올려 바뀐 내용을 확인하세요. 아무것도 바뀌지 않았습니다."
        )
    by_task: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for change in preview.changes:
        by_task[change["task_id"]].append(change)
    summary = f"엑셀 가져오기: {preview.file_name}"[:300]
    with layout.korean():
        specs = {s.key: s for s in layout.sheets([])}
    with editing_cards(task_ids=list(by_task), actor=actor, action=ACTION, summary=summary) as cards:
        for done, (task_id, changes) in enumerate(by_task.items(), start=1):
            _apply_card(cards[task_id], changes, specs)
            if progress:
                progress(done, len(by_task))
    with in_record_language():
        log_event(
            actor=actor,
            action=ACTION,
            summary=f"엑셀 가져오기: 과제 {len(by_task)}건, 변경 {len(preview.changes)}건 "
            f"({preview.file_name})"[:300],
            plan=preview.plan,
        )
    return Applied(len(by_task), len(preview.changes))


def _load(sheet: layout.Sheet, data: dict[str, Any]) -> dict[str, Any]:
    return {name: sheet.column(name).kind.load(value) for name, value in data.items()}


def _apply_card(card: CardChange, changes: list[dict[str, Any]], specs: dict[str, layout.Sheet]) -> None:
    task = card.task
    created: dict[str, Indicator] = {}
    order = {"task": 0, "indicator": 1, "value": 2, "budget": 3, "activity": 4}
    retire: set[tuple[str, str]] = set()
    for change in sorted(changes, key=lambda c: order[c["entity"]]):
        entity, op, ref = change["entity"], change["op"], change["ref"]
        spec = specs[change["sheet"]] if change["sheet"] != "budget" else None
        data = _load(spec, change["data"]) if spec is not None else change["data"]
        if entity == "task":
            _apply_task(task, data)
        elif entity == "indicator":
            _apply_indicator(task, op, ref, data, created)
            retire.add(("indicator", str(ref.get("indicator", ""))))
        elif entity == "value":
            indicator = _indicator(task, ref, created)
            _apply_value(indicator, op, ref["year"], data)
            retire.add(("indicator", str(indicator.pk)))
        elif entity == "budget":
            _apply_budget(task, op, ref, data)
            retire.add(("budget", ""))
        elif entity == "activity":
            _apply_activity(task, op, ref, data)
    for kind, key in retire:
        retire_stated_figures(task=task, kind=kind, key=key)


def _apply_task(task: Task, data: dict[str, Any]) -> None:
    for name, value in data.items():
        if name == "progress" and task.children.exists():
            continue  # computed from the sub-tasks (the preview said so)
        setattr(task, name, value if value is not None or name == "progress" else "")
    task.full_clean()
    task.save(update_fields=[*data, "updated_at"])


def _indicator(task: Task, ref: dict[str, Any], created: dict[str, Indicator]) -> Indicator:
    if "new" in ref:
        return created[ref["new"]]
    return Indicator.objects.get(pk=ref["indicator"], task=task)


def _apply_indicator(
    task: Task, op: str, ref: dict[str, Any], data: dict[str, Any], created: dict[str, Indicator]
) -> None:
    if op == "add":
        indicator = Indicator(task=task, order=task.indicators.count(), **data)
        indicator.full_clean()
        indicator.save()
        created[ref["new"]] = indicator
        return
    indicator = Indicator.objects.get(pk=ref["indicator"], task=task)
    if op == "remove":
        indicator.delete()
        return
    for name, value in data.items():
        setattr(indicator, name, value if value is not None else "")
    indicator.full_clean()
    indicator.save(update_fields=list(data))


def _apply_value(indicator: Indicator, op: str, year: int, data: dict[str, Any]) -> None:
    if op == "remove":
        indicator.values.filter(year=year).delete()
        return
    values = {k: ("" if v is None and k in ("plan_text", "actual_text") else v) for k, v in data.items()}
    if "achieved" in values:
        values["achieved"] = bool(values["achieved"])
    IndicatorValue.objects.update_or_create(indicator=indicator, year=year, defaults=values)


def _apply_budget(task: Task, op: str, ref: dict[str, Any], data: dict[str, Any]) -> None:
    entries = BudgetEntry.objects.filter(task=task, source_id=ref["source"], kind=ref["kind"])
    if op == "remove":
        entries.delete()
        return
    for name, amount in data.items():
        bucket, year = layout.field_bucket(name)
        cell = entries.filter(bucket=bucket, year=year)
        if amount is None:
            cell.delete()
        elif not cell.update(amount=amount):
            BudgetEntry.objects.create(
                task=task, source_id=ref["source"], kind=ref["kind"], bucket=bucket, year=year, amount=amount
            )


def _apply_activity(task: Task, op: str, ref: dict[str, Any], data: dict[str, Any]) -> None:
    if op == "remove":
        Activity.objects.filter(pk=ref["activity"], task=task).delete()
        return
    values: dict[str, Any] = {}
    if "when" in data:
        start, sp, end, ep, open_ended = data.pop("when")
        values |= {"start": start, "start_precision": sp, "end": end, "end_precision": ep}
        values["open_ended"] = open_ended
    values |= data
    if op == "add":
        activity = Activity(task=task, **values)
        activity.full_clean()
        activity.save()
        return
    Activity.objects.filter(pk=ref["activity"], task=task).update(**values)

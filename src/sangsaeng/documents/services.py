"""Documents of cards and plans: rendered on request (one card) or by the worker (booklets).

Every figure comes from `plans.card.compute_card`; this module only gathers cards, hands them to
the writers (documents.pdf, documents.hwpx_doc) and keeps the generated files.
"""

import datetime as dt
import logging
import secrets
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from sangsaeng.accounts.models import User
from sangsaeng.documents import hwpx_doc, pdf
from sangsaeng.documents.card_doc import CardDoc, card_doc
from sangsaeng.documents.models import GeneratedDocument
from sangsaeng.lib.money import UNIT_LABELS, Unit, unit_from
from sangsaeng.plans.access import visible_tasks
from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import load_state, load_states
from sangsaeng.plans.models import Plan, Task

logger = logging.getLogger(__name__)

# A job still "running" this long after it was asked for lost its worker.
STALE_AFTER = dt.timedelta(hours=1)


# ---------------------------------------------------------------- one card, on request


@dataclass(frozen=True)
class Rendered:
    data: bytes
    filename: str
    content_type: str


def card_document(*, task: Task, unit: Unit, fmt: str) -> Rendered:
    """The card as PDF or HWPX, from the same computed card the page shows."""
    doc = card_doc(compute_card(load_state(task.pk)), unit)
    name = f"{doc.code} {doc.title} 관리카드"
    if fmt == "hwpx":
        return Rendered(hwpx_doc.card_hwpx(doc), f"{name}.hwpx", "application/hwp+zip")
    return Rendered(pdf.card_pdf(doc), f"{name}.pdf", "application/pdf")


# ---------------------------------------------------------------- booklets, in the background


def booklet_task_ids(*, user: User, plan: Plan) -> list[int]:
    """The cards of the plan this user may read, by 분야 then 관리번호 (tasks without 분야 last)."""
    tasks = visible_tasks(user, plan).order_by(Coalesce("area__number", Value(10_000)), "sort_key", "pk")
    return list(tasks.values_list("pk", flat=True))


@transaction.atomic
def booklet_request(*, actor: User, plan: Plan, kind: str, unit: Unit) -> GeneratedDocument:
    """Queue a booklet of the cards `actor` can see; the worker builds it (build_booklet task)."""
    from sangsaeng.documents.tasks import build_booklet

    # A second click while the same booklet is still being made gets that job, not another one.
    pending = GeneratedDocument.objects.filter(
        plan=plan,
        requested_by=actor,
        kind=kind,
        unit=unit,
        status__in=(GeneratedDocument.Status.QUEUED, GeneratedDocument.Status.RUNNING),
    ).first()
    if pending is not None:
        return pending
    document = GeneratedDocument(
        kind=kind,
        plan=plan,
        requested_by=actor,
        unit=unit,
        task_ids=_task_ids(actor=actor, plan=plan, kind=kind),
        token=secrets.token_urlsafe(24),
        expires_at=timezone.now() + dt.timedelta(hours=settings.DOCUMENTS_KEEP_HOURS),
    )
    document.full_clean()
    document.save()
    transaction.on_commit(lambda: build_booklet.enqueue(document.pk))
    return document


def _task_ids(*, actor: User, plan: Plan, kind: str) -> list[int]:
    if kind == GeneratedDocument.Kind.PLAN_XLSX:
        from sangsaeng.exchange.services import export_task_ids

        return export_task_ids(user=actor, plan=plan)
    return booklet_task_ids(user=actor, plan=plan)


def _progress(document_id: int, value: int, message: str = "") -> None:
    GeneratedDocument.objects.filter(pk=document_id).update(progress=value, message=message)


def booklet_build(*, document_id: int) -> bool:
    """Build a queued booklet. Safe to run twice: only the run that claims the row builds it."""
    claimed = GeneratedDocument.objects.filter(pk=document_id, status=GeneratedDocument.Status.QUEUED).update(
        status=GeneratedDocument.Status.RUNNING, progress=5, message=gettext("관리카드를 읽는 중입니다.")
    )
    if not claimed:
        return False
    document = GeneratedDocument.objects.select_related("plan").get(pk=document_id)
    try:
        data, pages = _build(document)
        document.file.save(document.download_name, ContentFile(data), save=False)
    except Exception as exc:
        logger.exception("booklet %s failed", document_id)
        GeneratedDocument.objects.filter(pk=document_id).update(
            status=GeneratedDocument.Status.FAILED,
            finished_at=timezone.now(),
            message=gettext("문서를 만들지 못했습니다: %(error)s") % {"error": str(exc)[:200]},
        )
        return False
    GeneratedDocument.objects.filter(pk=document_id).update(
        status=GeneratedDocument.Status.DONE,
        progress=100,
        file=document.file.name,
        size=len(data),
        pages=pages,
        finished_at=timezone.now(),
        message="",
    )
    _schedule_cleanup(document.expires_at)
    return True


def _build(document: GeneratedDocument) -> tuple[bytes, int | None]:
    plan = document.plan
    if document.kind == GeneratedDocument.Kind.PLAN_XLSX:
        return _build_xlsx(document), None
    unit = unit_from(document.unit)
    docs = booklet_docs(document.task_ids, unit)
    _progress(document.pk, 25, gettext("수치를 계산했습니다."))
    info = booklet_info(plan, unit)
    if document.kind == GeneratedDocument.Kind.BOOKLET_HWPX:
        _progress(document.pk, 30, gettext("한글 문서를 쓰는 중입니다."))

        def step(done: int, total: int) -> None:
            # Every tenth card, so the bar moves without a write per card.
            if done % 10 == 0 or done == total:
                _progress(document.pk, 30 + 60 * done // max(total, 1), gettext("한글 문서를 쓰는 중입니다."))

        return hwpx_doc.booklet_hwpx(info, docs, progress=step), None
    _progress(document.pk, 40, gettext("책자를 조판하는 중입니다 (카드 %(n)s장).") % {"n": len(docs)})
    data = pdf.booklet_pdf(info, docs)
    return data, pdf.page_count(data)


def _build_xlsx(document: GeneratedDocument) -> bytes:
    from sangsaeng.exchange.writing import write_workbook

    def step(done: int, total: int) -> None:
        _progress(document.pk, 5 + 90 * done // max(total, 1), gettext("엑셀 파일을 쓰는 중입니다."))

    with tempfile.TemporaryFile(suffix=".xlsx") as out:
        write_workbook(
            out,
            plan=document.plan,
            task_ids=document.task_ids,
            exported_by=document.requested_by.display_name,
            progress=step,
        )
        out.seek(0)
        return out.read()


def booklet_info(plan: Plan, unit: Unit, day: dt.date | None = None) -> pdf.BookletInfo:
    organizations = " · ".join(sorted(o.name for o in plan.organizations.all()))
    return pdf.BookletInfo(
        plan_title=plan.title,
        term=f"{plan.term_start_year} ~ {plan.term_end_year}",
        organizations=organizations,
        unit_label=str(UNIT_LABELS[unit]),
        day=day or timezone.localdate(),
    )


def booklet_docs(task_ids: Sequence[int], unit: Unit) -> list[CardDoc]:
    """The cards in the order given; cards deleted since the request are left out."""
    states = load_states(task_ids)
    return [card_doc(compute_card(states[pk]), unit) for pk in task_ids if pk in states]


def _schedule_cleanup(when: dt.datetime) -> None:
    """Ask the worker to remove the file once it expires, where the task backend can defer."""
    from sangsaeng.documents.tasks import cleanup_documents

    if cleanup_documents.get_backend().supports_defer:
        cleanup_documents.using(run_after=when + dt.timedelta(minutes=1)).enqueue()


# ---------------------------------------------------------------- cleanup


def documents_cleanup(*, now: dt.datetime | None = None, log: Callable[[str], None] | None = None) -> int:
    """Remove expired documents and their files; mark jobs whose worker died as failed.

    Safe to run twice at once: each row is deleted by exactly one run, and only that run deletes
    its file."""
    now = now or timezone.now()
    GeneratedDocument.objects.filter(
        status__in=(GeneratedDocument.Status.QUEUED, GeneratedDocument.Status.RUNNING),
        created__lt=now - STALE_AFTER,
    ).update(
        status=GeneratedDocument.Status.FAILED,
        finished_at=now,
        message=gettext("작업 처리기가 응답하지 않아 중단했습니다. 다시 요청하세요."),
    )
    removed = 0
    for pk, name in GeneratedDocument.objects.filter(expires_at__lte=now).values_list("pk", "file"):
        deleted, _ = GeneratedDocument.objects.filter(pk=pk).delete()
        if deleted:
            removed += 1
            if name:
                GeneratedDocument.file.field.storage.delete(name)
    if log:
        log(gettext("만료된 문서 %(n)s건을 지웠습니다.") % {"n": removed})
    return removed

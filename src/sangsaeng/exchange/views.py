"""The plan's Excel page: export, blank template, upload → preview → apply. Thin: fetch through the
access getters, work through exchange.services."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from sangsaeng.documents.models import GeneratedDocument
from sangsaeng.documents.services import booklet_request
from sangsaeng.exchange import services
from sangsaeng.exchange import sheets as layout
from sangsaeng.exchange.access import access_preview
from sangsaeng.exchange.models import ImportPreview
from sangsaeng.exchange.reading import ImportInvalid
from sangsaeng.lib.http import AuthedRequest
from sangsaeng.plans.access import access_plan, is_coordinator
from sangsaeng.plans.attachments import clean_name, max_size_label
from sangsaeng.plans.models import Plan

# The preview page lists at most this many rows per sheet (the counts are always complete).
SHOWN_PER_SHEET = 500
SHEET_ORDER = ("tasks", "indicators", "budget", "activities")


def _download(exported: services.Exported) -> FileResponse:
    response = FileResponse(
        exported.file, as_attachment=True, filename=exported.filename, content_type=services.CONTENT_TYPE
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _page(request: AuthedRequest, plan: Plan, *, problems: Any = None, status: int = 200) -> HttpResponse:
    coordinator = is_coordinator(request.user, plan)
    previews = (
        ImportPreview.objects.filter(plan=plan, created_by=request.user, expires_at__gt=timezone.now())[:10]
        if coordinator
        else []
    )
    context = {
        "plan": plan,
        "coordinator": coordinator,
        "previews": previews,
        "problems": problems,
        "max_size": max_size_label(),
        "nav": "plans",
    }
    return render(request, "exchange/plan_xlsx.html", context, status=status)


@require_GET
def plan_page(request: AuthedRequest, plan_id: int) -> HttpResponse:
    return _page(request, access_plan(request.user, plan_id))


@require_GET
def export(request: AuthedRequest, plan_id: int) -> HttpResponse | FileResponse:
    plan = access_plan(request.user, plan_id)
    rows = services.export_rows(services.export_task_ids(user=request.user, plan=plan))
    if rows > settings.EXCHANGE_DIRECT_EXPORT_ROWS:
        # Written in the request, a national plan's workbook would outlast the server's timeout.
        booklet_request(actor=request.user, plan=plan, kind=GeneratedDocument.Kind.PLAN_XLSX, unit="cheonwon")
        text = gettext(
            "자료가 많아(약 %(rows)s행) 엑셀 파일을 따로 만듭니다. 다 되면 이 쪽에서 내려받으세요."
        )
        messages.info(request, text % {"rows": f"{rows:,}"})
        return redirect(reverse("documents:plan", args=[plan.pk]))
    return _download(services.plan_export_xlsx(user=request.user, plan=plan))


@require_GET
def template(request: AuthedRequest, plan_id: int) -> FileResponse:
    plan = access_plan(request.user, plan_id)
    return _download(services.plan_template_xlsx(plan=plan))


@require_POST
def upload(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    if not is_coordinator(request.user, plan):
        raise PermissionDenied(gettext("계획의 총괄 담당자만 엑셀 파일을 가져올 수 있습니다."))
    upload = request.FILES.get("file")
    if upload is None:
        return _page(
            request, plan, problems={"items": [gettext("올릴 파일을 고르세요.")], "more": 0}, status=422
        )
    try:
        preview = services.plan_import_preview(
            actor=request.user, plan=plan, upload=upload, file_name=clean_name(upload.name or "")
        )
    except ImportInvalid as exc:
        problems = {"items": [str(p) for p in exc.problems], "more": exc.total - len(exc.problems)}
        return _page(request, plan, problems=problems, status=422)
    return redirect(reverse("exchange:preview", args=[preview.pk]))


def _sections(preview: ImportPreview) -> list[dict[str, Any]]:
    with layout.korean():
        names = {s.key: s.name for s in layout.sheets([])}
    counts = services.counts(preview.changes)
    sections = []
    for key in SHEET_ORDER:
        changes = [c for c in preview.changes if c["sheet"] == key]
        if not changes:
            continue
        sections.append(
            {
                "key": key,
                "name": names[key],
                "counts": counts[key],
                "changes": changes[:SHOWN_PER_SHEET],
                "hidden": max(0, len(changes) - SHOWN_PER_SHEET),
            }
        )
    return sections


@require_GET
def preview_page(request: AuthedRequest, preview_id: int) -> HttpResponse:
    preview = access_preview(request.user, preview_id)
    context = {
        "plan": preview.plan,
        "preview": preview,
        "sections": _sections(preview),
        "pending": preview.status == ImportPreview.Status.PENDING and preview.expires_at > timezone.now(),
        "nav": "plans",
    }
    return render(request, "exchange/preview.html", context)


@require_POST
def apply(request: AuthedRequest, preview_id: int) -> HttpResponse:
    preview = access_preview(request.user, preview_id)
    try:
        applied = services.plan_import_apply(preview=preview, actor=request.user)
    except services.ImportRefused as exc:
        messages.error(request, str(exc))
        return redirect(reverse("exchange:preview", args=[preview.pk]))
    messages.success(
        request,
        gettext("엑셀 파일을 반영했습니다: 과제 %(cards)s건, 변경 %(changes)s건.")
        % {"cards": applied.cards, "changes": applied.changes},
    )
    return redirect(reverse("plans:detail", args=[preview.plan_id]))


@require_POST
def discard(request: AuthedRequest, preview_id: int) -> HttpResponse:
    preview = access_preview(request.user, preview_id)
    ImportPreview.objects.filter(pk=preview.pk, status=ImportPreview.Status.PENDING).update(
        status=ImportPreview.Status.DISCARDED
    )
    messages.info(request, gettext("가져오기를 취소했습니다. 아무것도 바뀌지 않았습니다."))
    return redirect(reverse("exchange:plan", args=[preview.plan_id]))

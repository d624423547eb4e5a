"""Document downloads and the booklet page. Thin: fetch through the access getters, render through
documents.services."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from sangsaeng.documents import services
from sangsaeng.documents.access import access_document, plan_documents
from sangsaeng.documents.models import GeneratedDocument
from sangsaeng.documents.pdf import PdfError
from sangsaeng.lib.http import AuthedRequest
from sangsaeng.lib.money import Unit, unit_from
from sangsaeng.plans.access import access_plan, access_task

# How often the page asks for a running job's progress.
POLL_SECONDS = 1


def _unit(request: AuthedRequest) -> Unit:
    """?unit=eok or ?unit=cheonwon; otherwise the unit the user last chose on the card page."""
    chosen = request.GET.get("unit") or request.POST.get("unit")
    return unit_from(chosen if chosen in ("cheonwon", "eok") else request.session.get("unit"))


def _attachment(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def card_pdf(request: AuthedRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id)
    try:
        rendered = services.card_document(task=task, unit=_unit(request), fmt="pdf")
    except PdfError as exc:
        messages.error(request, gettext("PDF를 만들지 못했습니다: %(error)s") % {"error": exc})
        return redirect(reverse("plans:task", args=[task.pk]))
    return _attachment(rendered.data, rendered.filename, rendered.content_type)


@require_GET
def card_hwpx(request: AuthedRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id)
    rendered = services.card_document(task=task, unit=_unit(request), fmt="hwpx")
    return _attachment(rendered.data, rendered.filename, rendered.content_type)


@require_GET
def plan_page(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    documents = plan_documents(request.user, plan).filter(expires_at__gt=timezone.now())[:20]
    context = {
        "plan": plan,
        "documents": documents,
        "kinds": GeneratedDocument.Kind.choices,
        "unit": _unit(request),
        "poll": POLL_SECONDS,
        "nav": "plans",
    }
    return render(request, "documents/plan_documents.html", context)


@require_POST
def booklet_request(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    kind = request.POST.get("kind", GeneratedDocument.Kind.BOOKLET_PDF)
    if kind not in GeneratedDocument.Kind.values:
        raise Http404("문서 종류가 없습니다.")
    document = services.booklet_request(actor=request.user, plan=plan, kind=kind, unit=_unit(request))
    if request.htmx:
        return render(request, "documents/_job.html", {"doc": document, "poll": POLL_SECONDS, "fresh": True})
    messages.success(request, gettext("책자를 만들기 시작했습니다. 이 쪽에서 진행 상황을 볼 수 있습니다."))
    return redirect(reverse("documents:plan", args=[plan.pk]))


@require_GET
def document_status(request: AuthedRequest, document_id: int) -> HttpResponse:
    """The job's row, for htmx to poll until it is done."""
    document = access_document(request.user, document_id)
    return render(request, "documents/_job.html", {"doc": document, "poll": POLL_SECONDS})


@require_GET
def document_download(request: AuthedRequest, document_id: int) -> FileResponse:
    document = access_document(request.user, document_id)
    if document.status != GeneratedDocument.Status.DONE or not document.file:
        raise Http404("아직 내려받을 수 없는 문서입니다.")
    if document.expires_at <= timezone.now():
        raise Http404("보관 기한이 지난 문서입니다.")
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response

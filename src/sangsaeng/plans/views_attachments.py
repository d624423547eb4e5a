"""Attachments of a card: upload (type and size checked), download, delete. Thin: access through
plans.access, writes through plans.attachments."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sangsaeng.lib.http import AuthedRequest, stored_file_response
from sangsaeng.plans import attachments
from sangsaeng.plans.access import access_attachment, access_task
from sangsaeng.plans.card_state import load_state
from sangsaeng.plans.views import _card_context, _saved

UNREADABLE_NAME = gettext_lazy(
    "파일을 받지 못했습니다. 파일 이름에 읽을 수 없는 글자가 있을 수 있으니, 이름을 바꿔 다시 올리세요."
)


def _form_context(request: AuthedRequest, task: Any, **extra: Any) -> dict[str, Any]:
    context = _card_context(request, task, load_state(task.pk), tab="card")
    return context | {
        "attachment_max": attachments.max_size_label(),
        "attachment_accept": attachments.ACCEPT,
        **extra,
    }


def _missing_file_message(request: AuthedRequest) -> str:
    """Django drops a file part whose headers are not UTF-8 (a name in cp949 from an old client): when
    the body was much larger than its fields, a file was sent but could not be read."""
    fields = sum(len(k.encode()) + len(v.encode()) + 200 for k, vs in request.POST.lists() for v in vs)
    try:
        sent = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        sent = 0
    if sent > fields + 1024:
        return str(UNREADABLE_NAME)
    return gettext("올릴 파일을 고르세요.")


@require_POST
def upload(request: AuthedRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id, write=True)
    description = request.POST.get("description", "")
    upload_file = request.FILES.get("file")
    try:
        if upload_file is None:
            raise ValidationError(_missing_file_message(request))
        attachment = attachments.attachment_add(
            actor=request.user, task_id=task.pk, upload=upload_file, description=description
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
        context = _form_context(
            request,
            task,
            attachment_error=error,
            attachment_refused_name=attachments.clean_name(upload_file.name or "") if upload_file else "",
            attachment_description=attachments.clean_description(description)[: attachments.DESCRIPTION_MAX],
        )
        if request.htmx:
            return render(request, "plans/card/_attachments.html", context, status=422)
        messages.error(request, gettext("첨부파일을 올리지 못했습니다. %(error)s") % {"error": error})
        return render(request, "plans/card.html", context, status=422)
    saved = gettext("첨부파일 「%(name)s」을(를) 올렸습니다.") % {"name": attachment.original_name}
    return _saved(request, task, "attachments", saved)


@require_GET
def download(request: AuthedRequest, attachment_id: int) -> FileResponse:
    attachment = access_attachment(request.user, attachment_id)
    return stored_file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


@require_POST
def delete(request: AuthedRequest, attachment_id: int) -> HttpResponse:
    attachment = access_attachment(request.user, attachment_id, write=True)
    task = attachment.task
    attachments.attachment_delete(actor=request.user, attachment=attachment)
    message = gettext("첨부파일 「%(name)s」을(를) 삭제했습니다.") % {"name": attachment.original_name}
    if request.htmx:
        return _saved(request, task, "attachments", message)
    messages.success(request, message)
    return redirect(reverse("plans:task", args=[task.pk]) + "#part-attachments")

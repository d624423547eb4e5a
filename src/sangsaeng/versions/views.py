"""Revision pages. Thin: fetch through versions.access, read through versions.comparison, write through
versions.services."""

from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sangsaeng.documents.pdf import PdfError
from sangsaeng.lib.http import AuthedRequest
from sangsaeng.plans.models import Task
from sangsaeng.versions import documents, services
from sangsaeng.versions.access import (
    access_old_task,
    access_plan_to_revise,
    access_task_revision,
    access_version,
    can_revise,
)
from sangsaeng.versions.comparison import compare, decision_label
from sangsaeng.versions.forms import AddedForm, AddForm, MarkForm, StartForm, VersionFieldsForm
from sangsaeng.versions.models import Change, PlanVersion, TaskRevision


def _base_revision(request: AuthedRequest) -> int:
    try:
        return int(request.POST.get("base_revision", ""))
    except ValueError:
        return -1


def _refused(form: Any, exc: services.RevisionError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _detail_url(version: PlanVersion, anchor: str = "") -> str:
    return reverse("versions:detail", args=[version.pk]) + (f"#{anchor}" if anchor else "")


# ---------------------------------------------------------------- starting and the version itself


@require_http_methods(["GET", "POST"])
def start(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_to_revise(request.user, plan_id)
    existing = PlanVersion.objects.filter(previous=plan).first()
    if existing is not None:
        messages.info(request, gettext("이 계획에는 이미 다음 판이 있습니다."))
        return redirect(_detail_url(existing))
    year = timezone.localdate().year
    initial = {
        "title": plan.title,
        "label": gettext("%(year)s 개정") % {"year": year},
        "term_start_year": max(plan.term_start_year, min(year, plan.term_end_year)),
        "term_end_year": plan.term_end_year,
        "last_year_label": plan.last_year_label,
        "revised_on": timezone.localdate(),
    }
    form = StartForm(request.POST or None, initial=initial, plans=(plan,))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.version_create(
                actor=request.user,
                previous=plan,
                title=data["title"],
                label=data["label"],
                term_start_year=data["term_start_year"],
                term_end_year=data["term_end_year"],
                last_year_label=data["last_year_label"],
                revised_on=data["revised_on"],
                note=data["note"],
                decision=data["decision"],
            )
        except services.RevisionError as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                gettext(
                    "새 판을 만들었습니다. 과제 %(n)d건을 이어받았습니다(모두 유지). "
                    "과제마다 변경을 표시하세요."
                )
                % {"n": version.revisions.count()},
            )
            return redirect(_detail_url(version))
    return render(
        request,
        "versions/start.html",
        {
            "plan": plan,
            "form": form,
            "task_count": plan.tasks.filter(parent__isnull=True).count(),
            "nav": "plans",
        },
        status=422 if form.errors else 200,
    )


@require_GET
def detail(request: AuthedRequest, version_id: int) -> HttpResponse:
    """The revision page: every change, and for the coordinators the controls to mark them."""
    version = access_version(request.user, version_id)
    comparison = compare(version, user=request.user)
    context = {
        "version": version,
        "plan": version.plan,
        "comparison": comparison,
        "decision": decision_label(version.decision),
        "can_revise": can_revise(request.user, version.previous),
        "nav": "plans",
    }
    return render(request, "versions/detail.html", context)


@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, version_id: int) -> HttpResponse:
    version = access_version(request.user, version_id, write=True)
    plans = (version.previous, version.plan)
    initial = {
        "label": version.label,
        "revised_on": version.revised_on,
        "note": version.note,
        "decision": version.decision,
    }
    form = VersionFieldsForm(request.POST or None, initial=initial, plans=plans)
    base_revision = _base_revision(request) if request.method == "POST" else version.revision
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(
                actor=request.user,
                version=version,
                fields=services.VersionFields(**form.cleaned_data),
                base_revision=base_revision,
            )
        except services.RevisionError as exc:
            _refused(form, exc)
            version.refresh_from_db()
            base_revision = version.revision
        else:
            messages.success(request, gettext("개정판 정보를 저장했습니다."))
            return redirect(_detail_url(version))
    return render(
        request,
        "versions/edit.html",
        {
            "version": version,
            "plan": version.plan,
            "form": form,
            "base_revision": base_revision,
            "nav": "plans",
        },
        status=422 if form.errors else 200,
    )


# ---------------------------------------------------------------- marking old tasks


@require_http_methods(["GET", "POST"])
def mark(request: AuthedRequest, version_id: int, task_id: int) -> HttpResponse:
    version, old = access_old_task(request.user, version_id, task_id)
    row = (
        TaskRevision.objects.select_related("new_task", "decision")
        .filter(version=version, sources__task=old)
        .first()
    )
    initial: dict[str, Any] = {}
    if row is not None:
        initial = {
            "change": row.change if row.change != Change.NEW else Change.KEEP,
            "reason": row.reason,
            "decision": row.decision,
            "merge_into": row.new_task if row.change == Change.MERGE else None,
            "area": row.new_task.area if row.change == Change.MOVE and row.new_task else None,
        }
    form = MarkForm(request.POST or None, initial=initial, version=version)
    base_revision = _base_revision(request) if request.method == "POST" else (row.revision if row else 0)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mark_ = services.Mark(
            change=data["change"],
            reason=data["reason"],
            decision=data["decision"],
            area=data["area"] if data["change"] == Change.MOVE else None,
            merge_into=data["merge_into"] if data["change"] == Change.MERGE else None,
            code=data["code"].strip(),
        )
        try:
            services.task_mark(
                actor=request.user, version=version, old=old, mark=mark_, base_revision=base_revision
            )
        except services.RevisionError as exc:
            _refused(form, exc)
            if exc.message == services.stale_message():
                conflict = True
                row = (
                    TaskRevision.objects.select_related("new_task")
                    .filter(version=version, sources__task=old)
                    .first()
                )
                base_revision = row.revision if row else 0
        else:
            messages.success(
                request,
                gettext("%(code)s %(title)s: %(change)s(으)로 표시했습니다.")
                % {"code": old.code, "title": old.title, "change": Change(data["change"]).label},
            )
            return redirect(_detail_url(version, f"old-{old.pk}"))
    context = {
        "version": version,
        "plan": version.plan,
        "old": old,
        "row": row,
        "form": form,
        "base_revision": base_revision,
        "conflict": conflict,
        "nav": "plans",
    }
    return render(
        request, "versions/mark.html", context, status=(409 if conflict else 422) if form.errors else 200
    )


# ---------------------------------------------------------------- newly found tasks (추가 발굴)


@require_http_methods(["GET", "POST"])
def add(request: AuthedRequest, version_id: int) -> HttpResponse:
    version = access_version(request.user, version_id, write=True)
    form = AddForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = services.task_add(actor=request.user, version=version, new=services.NewTask(**data))
        except services.RevisionError as exc:
            _refused(form, exc)
        else:
            new_task = cast(Task, row.new_task)  # task_add always makes one
            messages.success(
                request,
                gettext("%(code)s %(title)s을(를) 추가 발굴 과제로 넣었습니다. 관리카드에서 내용을 채우세요.")
                % {"code": new_task.code, "title": new_task.title},
            )
            return redirect(_detail_url(version, f"row-{row.pk}"))
    return render(
        request,
        "versions/add.html",
        {"version": version, "plan": version.plan, "form": form, "nav": "plans"},
        status=422 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def added_edit(request: AuthedRequest, task_revision_id: int) -> HttpResponse:
    row = access_task_revision(request.user, task_revision_id, write=True)
    if row.change != Change.NEW:
        # Carried tasks are marked through their old task (versions:mark).
        raise Http404(gettext("추가 발굴한 과제가 아닙니다."))
    version = row.version
    form = AddedForm(
        request.POST or None, initial={"reason": row.reason, "decision": row.decision}, version=version
    )
    base_revision = _base_revision(request) if request.method == "POST" else row.revision
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.added_update(
                actor=request.user,
                row=row,
                reason=form.cleaned_data["reason"],
                decision=form.cleaned_data["decision"],
                base_revision=base_revision,
            )
        except services.RevisionError as exc:
            _refused(form, exc)
            row.refresh_from_db()
            conflict, base_revision = True, row.revision
        else:
            messages.success(request, gettext("추가 발굴 사유를 저장했습니다."))
            return redirect(_detail_url(version, f"row-{row.pk}"))
    return render(
        request,
        "versions/added.html",
        {
            "version": version,
            "plan": version.plan,
            "row": row,
            "form": form,
            "base_revision": base_revision,
            "conflict": conflict,
            "nav": "plans",
        },
        status=(409 if conflict else 422) if form.errors else 200,
    )


@require_POST
def added_remove(request: AuthedRequest, task_revision_id: int) -> HttpResponse:
    row = access_task_revision(request.user, task_revision_id, write=True)
    try:
        services.added_remove(actor=request.user, row=row)
    except services.RevisionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("추가 발굴 과제를 뺐습니다."))
    return redirect(_detail_url(row.version))


# ---------------------------------------------------------------- the comparison and its documents


@require_GET
def comparison(request: AuthedRequest, version_id: int) -> HttpResponse:
    version = access_version(request.user, version_id)
    context = {
        "version": version,
        "plan": version.plan,
        "comparison": compare(version, user=request.user),
        "decision": decision_label(version.decision),
        "nav": "plans",
    }
    return render(request, "versions/comparison.html", context)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def comparison_pdf(request: AuthedRequest, version_id: int) -> HttpResponse:
    version = access_version(request.user, version_id)
    c = compare(version, user=request.user)
    try:
        data = documents.comparison_pdf(c, decision=decision_label(version.decision))
    except PdfError as exc:
        messages.error(request, gettext("PDF를 만들지 못했습니다: %(error)s") % {"error": exc})
        return redirect(reverse("versions:compare", args=[version.pk]))
    return _download(data, documents.filename(c, "pdf"), "application/pdf")


@require_GET
def comparison_hwpx(request: AuthedRequest, version_id: int) -> HttpResponse:
    version = access_version(request.user, version_id)
    c = compare(version, user=request.user)
    data = documents.comparison_hwpx(c, decision=decision_label(version.decision))
    return _download(data, documents.filename(c, "hwpx"), "application/hwp+zip")


@require_GET
def comparison_xlsx(request: AuthedRequest, version_id: int) -> HttpResponse:
    version = access_version(request.user, version_id)
    c = compare(version, user=request.user)
    data = documents.comparison_xlsx(c, decision=decision_label(version.decision))
    return _download(data, documents.filename(c, "xlsx"), XLSX)

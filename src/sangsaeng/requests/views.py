"""Pages of the requests. Thin: fetch through requests.access, write through requests.services, figures
from requests.report. A refused action shows the request again with the form as the user filled it."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sangsaeng.lib import kdate
from sangsaeng.lib.http import AuthedRequest, stored_file_response
from sangsaeng.orgs.models import Organization
from sangsaeng.plans.access import readable_tasks
from sangsaeng.plans.models import Plan
from sangsaeng.requests import figures, forms, lifecycle, selectors, services
from sangsaeng.requests.access import (
    access_attachment,
    access_request,
    access_type,
    can_edit_types,
    can_handle,
    can_manage,
    can_rate,
    can_submit,
    is_coordinator_of,
    require,
    visible_requests,
)
from sangsaeng.requests.models import Outcome, PartnerRequest, RequestAttachment, RequestType, State
from sangsaeng.requests.report import headers, period_report, report_pdf, report_xlsx, sections

NAV = "requests"
TYPES_REFUSED = gettext_noop("건의 유형은 모든 기관이 함께 쓰는 설정이라 시스템 관리자만 고칩니다.")
MANAGE_REFUSED = "이 건의사항을 관리할 권한이 없습니다. 받는 기관의 총괄 담당자에게 요청하세요."
HANDLE_REFUSED = "이 건의사항을 처리할 권한이 없습니다. 배정된 처리 부서나 총괄 담당자에게 요청하세요."


def _revision(request: AuthedRequest) -> int:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return -1


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# ---------------------------------------------------------------- lists


@require_GET
def request_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    filters = selectors.ListFilters.from_query(request.GET.dict())
    rows = selectors.request_list(user, visible_requests(user), filters)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "states": State.choices,
        "types": RequestType.objects.all(),
        "today": timezone.localdate(),
        "can_submit": can_submit(user),
        "is_coordinator": is_coordinator_of(user, user.organization_id),
        "nav": NAV,
    }
    return render(request, "requests/list.html", context)


@require_GET
def request_queue(request: AuthedRequest) -> HttpResponse:
    rows = selectors.queue(request.user, visible_requests(request.user))
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "requests/queue.html",
        {"page": page, "today": timezone.localdate(), "nav": NAV},
    )


# ---------------------------------------------------------------- intake


def _receivers(user: Any) -> QuerySet[Organization]:
    return Organization.objects.exclude(pk=user.organization_id).order_by("kind", "name")


def _intake_form(request: AuthedRequest, *, on_behalf: bool) -> Any:
    user = request.user
    data = (request.POST, request.FILES) if request.method == "POST" else ()
    tasks = readable_tasks(user)
    if on_behalf:
        own = Organization.objects.filter(pk=user.organization_id or 0)
        return forms.OnBehalfForm(
            *data,
            tasks=tasks,
            receiving=own,
            requesters=_receivers(user),
            initial={"receiving_org": user.organization_id},
        )
    return forms.RequestForm(*data, tasks=tasks, receiving=_receivers(user))


@require_http_methods(["GET", "POST"])
def request_create(request: AuthedRequest) -> HttpResponse:
    require(can_submit(request.user), gettext("기관의 담당자만 건의사항을 보낼 수 있습니다."))
    return _intake(request, on_behalf=False)


@require_http_methods(["GET", "POST"])
def request_create_on_behalf(request: AuthedRequest) -> HttpResponse:
    require(
        is_coordinator_of(request.user, request.user.organization_id),
        gettext("총괄 담당자만 다른 기관의 건의사항을 대리 접수할 수 있습니다."),
    )
    return _intake(request, on_behalf=True)


def _intake(request: AuthedRequest, *, on_behalf: bool) -> HttpResponse:
    form = _intake_form(request, on_behalf=on_behalf)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        errors = services.check_uploads(data["uploads"])
        if errors:
            form.add_error("uploads", errors)
        else:
            try:
                req = services.request_submit(
                    actor=request.user,
                    request_type=data["request_type"],
                    subject=data["subject"],
                    body=data["body"],
                    receiving_org=data["receiving_org"],
                    channel="on_behalf" if on_behalf else "partner",
                    requester_org=data["requester_org"] if on_behalf else request.user.organization,
                    requester_name=data.get("requester_name", ""),
                    requester_contact=data.get("requester_contact", ""),
                    concerned_department=data["concerned_department"],
                    related_tasks=list(data["related_tasks"]),
                    is_complex=data["is_complex"],
                    consulting_topic=data["consulting_topic"],
                    total_cost=data["total_cost"],
                    provincial_share=data["provincial_share"],
                    uploads=data["uploads"],
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("건의사항을 접수했습니다 (접수번호 %(number)s, 처리기한 %(due)s).")
                    % {"number": req.number, "due": kdate.official(req.due_on)},
                )
                return redirect("requests:detail", req.pk)
    context = {
        "form": form,
        "on_behalf": on_behalf,
        "types": RequestType.objects.filter(is_active=True),
        "nav": NAV,
    }
    return render(request, "requests/form.html", context, status=422 if form.errors else 200)


# ---------------------------------------------------------------- one request


def _meetings(user: Any) -> QuerySet[Any]:
    """Upcoming meetings whose agenda this user may add to (committees they manage; minutes not final)."""
    from sangsaeng.committees.access import visible_meetings
    from sangsaeng.committees.models import Meeting

    meetings = (
        visible_meetings(user)
        .filter(status=Meeting.Status.SCHEDULED, minutes_finalized_at__isnull=True)
        .select_related("committee")
    )
    if not user.is_superuser:
        meetings = meetings.filter(committee__plan__coordinators=user)
    return meetings.order_by("starts_at")


def _detail_context(request: AuthedRequest, req: PartnerRequest, **bound: Any) -> dict[str, Any]:
    user = request.user
    manage, handle = can_manage(user, req), can_handle(user, req)
    today = timezone.localdate()
    related = list(req.related_tasks.select_related("plan").order_by("plan__title", "sort_key"))
    readable = set(readable_tasks(user).filter(pk__in=[t.pk for t in related]).values_list("pk", flat=True))
    task_readable = req.task_id is not None and readable_tasks(user).filter(pk=req.task_id).exists()
    review_type = req.request_type.behaviour == RequestType.Behaviour.PREFEASIBILITY
    context: dict[str, Any] = {
        "req": req,
        "today": today,
        "d_day": figures.d_day(req.due_on, today),
        "overdue": figures.is_overdue(
            due_on=req.due_on, today=today, answered_on=req.answered_on, is_open=req.is_open
        ),
        "review_type": review_type,
        "review_required": review_type
        and figures.requires_review(
            req.total_cost,
            req.provincial_share,
            req.request_type.threshold_total,
            req.request_type.threshold_share,
        ),
        "related_readable": [t for t in related if t.pk in readable],
        "related_hidden": len(related) - len(readable),
        "task_readable": task_readable,
        "attachments": list(req.attachments.all()),
        "transitions": list(req.transitions.select_related("actor")),
        "extensions": list(req.extensions.select_related("by")),
        "late_days": -figures.d_day(req.due_on, today),
        "steps": _steps(req),
        "can_manage": manage,
        "can_handle": handle,
        "can_rate": can_rate(user, req) and req.rating is None and req.answered_on is not None,
        "nav": NAV,
    }
    if req.agenda_item_id:
        context["agenda_item"] = _agenda_item(req)
    if manage and req.state in (State.RECEIVED, State.ASSIGNED, State.REVIEWING):
        context["assign_form"] = bound.get("assign_form") or forms.AssignForm(
            organization_id=req.receiving_org_id,
            initial={"department": req.assigned_department_id or req.concerned_department_id},
        )
    if handle and req.is_open:
        context["move_form"] = bound.get("move_form") or forms.MoveForm()
        context["extend_form"] = bound.get("extend_form") or forms.ExtendForm(
            initial={"new_due": req.due_on + dt.timedelta(days=7)}
        )
    if handle and req.state in (State.REVIEWING, State.ON_AGENDA, State.IN_PROGRESS):
        context["answer_form"] = bound.get("answer_form") or forms.AnswerForm()
    if handle and review_type and req.is_open:
        context["review_form"] = bound.get("review_form") or forms.ReviewForm(
            initial={
                "report": req.review_report,
                "committee_on": req.committee_on,
                "committee_result": req.committee_result,
            }
        )
    if manage and req.state in (State.REVIEWING, State.IN_PROGRESS):
        context["agenda_form"] = bound.get("agenda_form") or forms.AgendaForm(
            meetings=_meetings(user), initial={"title": req.subject}
        )
    if (
        manage
        and req.task_id is None
        and lifecycle.may_make_task(req.state, answered=req.answered_on is not None)
    ):
        plans = Plan.objects.filter(coordinators=user) if not user.is_superuser else Plan.objects.all()
        context["task_form"] = bound.get("task_form") or forms.TaskForm(
            plans=plans,
            organization_id=req.receiving_org_id,
            initial={"title": req.subject, "lead_department": req.assigned_department_id},
        )
    if context["can_rate"]:
        context["rate_form"] = bound.get("rate_form") or forms.RateForm()
    # A refused form comes back as filled, even where the request's state no longer offers it.
    context |= {name: form for name, form in bound.items() if name.endswith("_form") and form is not None}
    context["error"] = bound.get("error")
    return context


def _steps(req: PartnerRequest) -> list[tuple[str, str, bool]]:
    """The life cycle's steps as (value, label, passed); 의제화 shows only when the request went there."""
    reached = set(req.transitions.values_list("to_state", flat=True)) | {req.state}
    return [
        (s.value, str(s.label), s in reached and s != req.state)
        for s in State
        if s != State.ON_AGENDA or s in reached
    ]


def _agenda_item(req: PartnerRequest) -> Any:
    from sangsaeng.committees.models import AgendaItem

    return AgendaItem.objects.select_related("meeting__committee").filter(pk=req.agenda_item_id or 0).first()


@require_GET
def request_detail(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    req = access_request(request.user, partner_request_id)
    return render(request, "requests/detail.html", _detail_context(request, req))


def _refused(request: AuthedRequest, req: PartnerRequest, exc: ValidationError, **bound: Any) -> HttpResponse:
    """The request again with the form as filled and the reason; 409 when someone acted meanwhile."""
    conflict = isinstance(exc, services.ConflictError)
    req = access_request(request.user, req.pk)
    form = next(iter(bound.values()), None)
    if form is not None and not conflict:
        _add_errors(form, exc)
    error = " ".join(exc.messages) if conflict or form is None or not hasattr(exc, "error_dict") else None
    context = _detail_context(request, req, error=error, **bound)
    return render(request, "requests/detail.html", context, status=409 if conflict else 422)


def _done(request: AuthedRequest, req: PartnerRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("requests:detail", req.pk)


@require_POST
def request_assign(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    req = access_request(request.user, partner_request_id)
    require(can_manage(request.user, req), MANAGE_REFUSED)
    form = forms.AssignForm(request.POST, organization_id=req.receiving_org_id)
    if not form.is_valid():
        return _refused(request, req, ValidationError(gettext("처리 부서를 고르세요.")), assign_form=form)
    try:
        services.request_assign(
            actor=request.user,
            req=req,
            department=form.cleaned_data["department"],
            revision=_revision(request),
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        return _refused(request, req, exc, assign_form=form)
    return _done(
        request, req, gettext("%(dept)s에 배정했습니다.") % {"dept": form.cleaned_data["department"].name}
    )


@require_POST
def request_move(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    req = access_request(request.user, partner_request_id)
    form = forms.MoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, req, ValidationError(gettext("다음 단계를 고르세요.")), move_form=form)
    to = form.cleaned_data["to"]
    # Closing is the coordinators' (a screened-out proposal, or after the answer); the rest is the desk's.
    require(
        can_manage(request.user, req) if to == State.CLOSED else can_handle(request.user, req), HANDLE_REFUSED
    )
    try:
        services.request_move(
            actor=request.user, req=req, to=to, revision=_revision(request), note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        return _refused(request, req, exc, move_form=form)
    return _done(request, req, gettext("%(state)s 단계로 넘겼습니다.") % {"state": State(to).label})


@require_POST
def request_close(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    """종결 after the answer (the move form lives only while the request is open): the coordinators'."""
    req = access_request(request.user, partner_request_id)
    require(can_manage(request.user, req), MANAGE_REFUSED)
    try:
        services.request_move(
            actor=request.user,
            req=req,
            to=State.CLOSED,
            revision=_revision(request),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        return _refused(request, req, exc)
    return _done(request, req, gettext("종결했습니다."))


@require_POST
def request_answer(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    req = access_request(request.user, partner_request_id)
    require(can_handle(request.user, req), HANDLE_REFUSED)
    form = forms.AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(
            request,
            req,
            ValidationError(gettext("회신하지 못했습니다. 표시된 항목을 확인하세요.")),
            answer_form=form,
        )
    data = form.cleaned_data
    errors = services.check_uploads(data["uploads"])
    if errors:
        return _refused(request, req, ValidationError({"uploads": errors}), answer_form=form)
    try:
        services.request_answer(
            actor=request.user,
            req=req,
            outcome=data["outcome"],
            answer=data["answer"],
            reason=data["reason"],
            revision=_revision(request),
            uploads=data["uploads"],
        )
    except ValidationError as exc:
        return _refused(request, req, exc, answer_form=form)
    return _done(
        request, req, gettext("회신했습니다 (%(outcome)s).") % {"outcome": Outcome(data["outcome"]).label}
    )


@require_POST
def request_extend(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    req = access_request(request.user, partner_request_id)
    require(can_handle(request.user, req), HANDLE_REFUSED)
    form = forms.ExtendForm(request.POST)
    if not form.is_valid():
        return _refused(
            request, req, ValidationError(gettext("기한을 연장하지 못했습니다.")), extend_form=form
        )
    data = form.cleaned_data
    try:
        services.request_extend(
            actor=request.user,
            req=req,
            new_due=data["new_due"],
            reason=data["reason"],
            consented=data["consented"],
            consent_note=data["consent_note"],
            revision=_revision(request),
        )
    except ValidationError as exc:
        return _refused(request, req, exc, extend_form=form)
    return _done(
        request,
        req,
        gettext("처리기한을 %(due)s(으)로 연장했습니다.") % {"due": kdate.official(data["new_due"])},
    )


@require_POST
def request_rate(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    req = access_request(request.user, partner_request_id)
    require(can_rate(request.user, req), gettext("요청한 기관의 담당자만 만족도를 평가할 수 있습니다."))
    form = forms.RateForm(request.POST)
    if not form.is_valid():
        return _refused(request, req, ValidationError(gettext("만족도를 고르세요.")), rate_form=form)
    try:
        services.request_rate(
            actor=request.user,
            req=req,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        return _refused(request, req, exc, rate_form=form)
    return _done(request, req, gettext("만족도 평가를 저장했습니다. 고맙습니다."))


@require_POST
def request_review(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    req = access_request(request.user, partner_request_id)
    require(can_handle(request.user, req), HANDLE_REFUSED)
    form = forms.ReviewForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(
            request, req, ValidationError(gettext("검토 결과를 저장하지 못했습니다.")), review_form=form
        )
    data = form.cleaned_data
    errors = services.check_uploads(data["uploads"])
    if errors:
        return _refused(request, req, ValidationError({"uploads": errors}), review_form=form)
    try:
        services.request_record_review(
            actor=request.user,
            req=req,
            report=data["report"],
            committee_on=data["committee_on"],
            committee_result=data["committee_result"],
            revision=_revision(request),
            uploads=data["uploads"],
        )
    except ValidationError as exc:
        return _refused(request, req, exc, review_form=form)
    return _done(request, req, gettext("사전타당성 검토 결과를 저장했습니다."))


@require_POST
def request_agenda(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    req = access_request(request.user, partner_request_id)
    require(can_manage(request.user, req), MANAGE_REFUSED)
    form = forms.AgendaForm(request.POST, meetings=_meetings(request.user))
    if not form.is_valid():
        return _refused(request, req, ValidationError(gettext("회의와 안건명을 고르세요.")), agenda_form=form)
    try:
        services.request_put_on_agenda(
            actor=request.user,
            req=req,
            meeting=form.cleaned_data["meeting"],
            title=form.cleaned_data["title"],
            revision=_revision(request),
        )
    except ValidationError as exc:
        return _refused(request, req, exc, agenda_form=form)
    return _done(
        request,
        req,
        gettext("「%(meeting)s」의 안건으로 올렸습니다.") % {"meeting": form.cleaned_data["meeting"].title},
    )


@require_POST
def request_make_task(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    req = access_request(request.user, partner_request_id)
    require(can_manage(request.user, req), MANAGE_REFUSED)
    plans = (
        Plan.objects.filter(coordinators=request.user)
        if not request.user.is_superuser
        else Plan.objects.all()
    )
    form = forms.TaskForm(request.POST, plans=plans, organization_id=req.receiving_org_id)
    if not form.is_valid():
        return _refused(request, req, ValidationError(gettext("과제를 만들지 못했습니다.")), task_form=form)
    data = form.cleaned_data
    try:
        task = services.request_make_task(
            actor=request.user,
            req=req,
            plan=data["plan"],
            code=data["code"],
            title=data["title"],
            lead_department=data["lead_department"],
            revision=_revision(request),
        )
    except ValidationError as exc:
        return _refused(request, req, exc, task_form=form)
    return _done(request, req, gettext("과제 %(code)s(으)로 만들었습니다.") % {"code": task.code})


@require_POST
def request_attach(request: AuthedRequest, partner_request_id: int) -> HttpResponse:
    """More files on the request: by its sender, or by those who handle it."""
    req = access_request(request.user, partner_request_id)
    sender = req.requester_user_id == request.user.pk
    require(sender or can_handle(request.user, req), HANDLE_REFUSED)
    uploads = request.FILES.getlist("uploads")
    errors = services.check_uploads(uploads) if uploads else [gettext("올릴 파일을 고르세요.")]
    if errors:
        messages.error(request, " ".join(errors))
        return redirect("requests:detail", req.pk)
    role = (
        RequestAttachment.Role.REQUEST
        if sender and not can_handle(request.user, req)
        else RequestAttachment.Role.ANSWER
    )
    services.request_attach(actor=request.user, req=req, uploads=uploads, role=role)
    return _done(request, req, gettext("첨부파일 %(n)d개를 올렸습니다.") % {"n": len(uploads)})


@require_GET
def attachment_download(request: AuthedRequest, request_attachment_id: int) -> FileResponse:
    attachment = access_attachment(request.user, request_attachment_id)
    return stored_file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


# ---------------------------------------------------------------- types


@require_GET
def type_list(request: AuthedRequest) -> HttpResponse:
    require(
        can_edit_types(request.user),
        gettext("건의 유형은 모든 기관이 함께 쓰는 설정이라 시스템 관리자만 고칩니다."),
    )
    return render(request, "requests/types.html", {"types": RequestType.objects.all(), "nav": NAV})


@require_http_methods(["GET", "POST"])
def type_edit(request: AuthedRequest, request_type_id: int | None = None) -> HttpResponse:
    if request_type_id is None:
        require(
            can_edit_types(request.user),
            gettext("건의 유형은 모든 기관이 함께 쓰는 설정이라 시스템 관리자만 고칩니다."),
        )
        instance = RequestType()
    else:
        instance = access_type(request.user, request_type_id)
    form = forms.TypeForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.type_save(actor=request.user, instance=form.save(commit=False))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, gettext("건의 유형 「%(name)s」을(를) 저장했습니다.") % {"name": saved.name}
            )
            return redirect("requests:types")
    return render(
        request,
        "requests/type_form.html",
        {"form": form, "instance": instance, "nav": NAV},
        status=422 if form.errors else 200,
    )


# ---------------------------------------------------------------- report


def _period(request: AuthedRequest) -> tuple[dt.date, dt.date, list[str]]:
    today = timezone.localdate()
    start, end = dt.date(today.year, 1, 1), today
    errors = []
    for name, default in (("from", start), ("to", end)):
        raw = request.GET.get(name, "")
        value = default
        if raw:
            try:
                value = dt.date.fromisoformat(raw)
            except ValueError:
                try:
                    value, _precision = kdate.parse(raw)
                except kdate.DateError as exc:
                    errors.append(str(exc))
        if name == "from":
            start = value
        else:
            end = value
    if end < start:
        errors.append(gettext("끝 날짜가 시작 날짜보다 앞섭니다."))
        start, end = end, start
    return start, end, errors


def _report_scope(request: AuthedRequest) -> str:
    user = request.user
    if user.is_superuser or user.is_auditor:
        return gettext("전체 기관")
    return user.organization.name if user.organization else ""


@require_GET
def report_page(request: AuthedRequest) -> HttpResponse:
    start, end, errors = _period(request)
    report = period_report(visible_requests(request.user), start=start, end=end)
    context = {
        "report": report,
        "sections": sections(report),
        "headers": headers(),
        "errors": errors,
        "scope": _report_scope(request),
        "query": f"from={start.isoformat()}&to={end.isoformat()}",
        "nav": NAV,
    }
    return render(request, "requests/report.html", context)


def _download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # Korean names travel as RFC 5987 (filename*=utf-8''...), with an ASCII fallback.
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def report_xlsx_view(request: AuthedRequest) -> HttpResponse:
    start, end, _errors = _period(request)
    report = period_report(visible_requests(request.user), start=start, end=end)
    return _download(
        report_xlsx(report),
        filename=f"건의사항_처리현황_{start:%Y%m%d}-{end:%Y%m%d}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@require_GET
def report_pdf_view(request: AuthedRequest) -> HttpResponse:
    start, end, _errors = _period(request)
    report = period_report(visible_requests(request.user), start=start, end=end)
    return _download(
        report_pdf(report, organization=_report_scope(request)),
        filename=f"건의사항_처리현황_{start:%Y%m%d}-{end:%Y%m%d}.pdf",
        content_type="application/pdf",
    )

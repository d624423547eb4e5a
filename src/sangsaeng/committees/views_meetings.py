"""Meeting pages: schedule, invite, agenda and papers, attendance, minutes (review, finalize),
decisions (record, apply) and budget. Thin: access.py fetches, services.py / decisions.py write."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sangsaeng.committees import access, decisions, ics, invitations, selectors, services
from sangsaeng.committees.forms import (
    COST_ITEMS,
    AgendaItemForm,
    AttendanceForm,
    CostLineForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
    PaperForm,
    ReviewForm,
    with_revision,
)
from sangsaeng.committees.models import Decision, Meeting, MinutesReview
from sangsaeng.committees.views import _int, show_errors
from sangsaeng.lib.http import AuthedRequest, stored_file_response


def _meeting_url(meeting: Meeting, anchor: str = "") -> str:
    return reverse("committees:meeting", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def _meeting_input(data: dict[str, Any]) -> services.MeetingInput:
    return services.MeetingInput(
        title=data["title"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        place=data.get("place", ""),
        host=data.get("host"),
        status=data["status"],
    )


def _revision(form: Any) -> int:
    """The revision a valid form was opened at; -1 (never current) when it posted none."""
    value = form.cleaned_data.get("base_revision")
    return -1 if value is None else value


def _refuse_locked(request: AuthedRequest, meeting: Meeting, anchor: str) -> HttpResponse | None:
    """Back to the meeting, saying why, when its minutes are finalized (locked)."""
    if not meeting.minutes_locked:
        return None
    messages.error(request, " ".join(services.locked_minutes().messages))
    return redirect(_meeting_url(meeting, anchor))


def _form_page(
    request: AuthedRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context.setdefault("nav", "committees")
    return render(request, template, context, status=status)


# ---------------------------------------------------------------- meeting


@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthedRequest, committee_id: int) -> HttpResponse:
    committee = access.access_committee(request.user, committee_id, write=True)
    if request.method == "GET":
        count = committee.meetings.count()
        form = MeetingForm(
            committee=committee,
            initial={
                "title": gettext("제%(n)s차 %(name)s") % {"n": count + 1, "name": committee.name},
                "start": "14:00",
                "end": "16:00",
            },
        )
        return _form_page(request, "committees/meeting_form.html", {"form": form, "committee": committee})
    form = MeetingForm(request.POST, committee=committee)
    if form.is_valid():
        try:
            meeting = services.meeting_schedule(
                actor=request.user, committee=committee, data=_meeting_input(form.cleaned_data)
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            if request.POST.get("invite"):
                sent = invitations.meeting_invite(actor=request.user, meeting=meeting)
                messages.success(
                    request, gettext("회의를 등록하고 위원 %(n)s명에게 안내했습니다.") % {"n": sent}
                )
            else:
                messages.success(request, gettext("회의를 등록했습니다."))
            return redirect("committees:meeting", meeting.pk)
    return _form_page(request, "committees/meeting_form.html", {"form": form, "committee": committee}, 422)


@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, write=True)
    committee = meeting.committee
    context: dict[str, Any] = {"committee": committee, "meeting": meeting}
    if request.method == "GET":
        context |= {
            "form": MeetingForm(committee=committee, initial=MeetingForm.initial_for(meeting)),
            "base_revision": meeting.revision,
        }
        return _form_page(request, "committees/meeting_form.html", context)
    form = MeetingForm(request.POST, committee=committee)
    base_revision = _int(request.POST.get("base_revision"))
    context |= {"form": form, "base_revision": base_revision}
    if form.is_valid():
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                data=_meeting_input(form.cleaned_data),
                base_revision=base_revision,
            )
        except services.StaleError as exc:
            form.add_error(None, exc.message)
            meeting.refresh_from_db()
            context["base_revision"] = meeting.revision
            return _form_page(request, "committees/meeting_form.html", context, 409)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(
                request,
                gettext("회의 정보를 고쳤습니다. 바뀐 일정을 알리려면 ‘안내 다시 보내기’를 누르세요."),
            )
            return redirect("committees:meeting", meeting.pk)
    return _form_page(request, "committees/meeting_form.html", context, 422)


@require_GET
def meeting_detail(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id)
    committee = meeting.committee
    can_manage = access.can_manage(request.user, committee)
    page = selectors.meeting_page(meeting)
    review = MinutesReview.objects.filter(meeting=meeting, user=request.user).first()
    can_review = access.can_review_minutes(request.user, meeting)
    context = {
        "meeting": meeting,
        "committee": committee,
        "page": page,
        "can_manage": can_manage,
        "can_review": can_review,
        "review_form": ReviewForm(
            initial={
                "reviewed": bool(review and review.reviewed_at),
                "comment": review.comment if review else "",
            }
        )
        if can_review
        else None,
        "minutes_form": MinutesForm(initial={"minutes": meeting.minutes, "base_revision": meeting.revision})
        if can_manage and not meeting.minutes_locked
        else None,
        "unapplied": [d for d in page.decisions if not d.is_applied],
        "decision_kinds": Decision.Kind,
        "nav": "committees",
    }
    return render(request, "committees/meeting_detail.html", context)


@require_POST
def meeting_invite(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, write=True)
    sent = invitations.meeting_invite(actor=request.user, meeting=meeting)
    if sent:
        messages.success(
            request, gettext("위원 %(n)s명에게 회의 안내와 일정 파일(.ics)을 보냈습니다.") % {"n": sent}
        )
    else:
        messages.warning(
            request, gettext("안내를 받을 위원이 없습니다. 위원의 이메일이나 계정을 먼저 등록하세요.")
        )
    return redirect("committees:meeting", meeting.pk)


@require_GET
def meeting_ics(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id)
    found, agendas = selectors.feed_meetings(Meeting.objects.filter(pk=meeting.pk))
    text = ics.calendar(found, name=meeting.committee.name, agendas=agendas)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


# ---------------------------------------------------------------- agenda and papers


@require_http_methods(["GET", "POST"])
def agenda_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, write=True)
    if refused := _refuse_locked(request, meeting, "agenda"):
        return refused
    committee = meeting.committee
    form = AgendaItemForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_agenda_item(actor=request.user, meeting=meeting, **form.values())
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, gettext("안건을 올렸습니다."))
            return redirect(_meeting_url(meeting, "agenda"))
    context = {"form": form, "meeting": meeting, "committee": committee}
    return _form_page(
        request, "committees/agenda_form.html", context, 422 if request.method == "POST" else 200
    )


@require_http_methods(["GET", "POST"])
def agenda_edit(request: AuthedRequest, item_id: int) -> HttpResponse:
    item = access.access_agenda_item(request.user, item_id, write=True)
    meeting = item.meeting
    if refused := _refuse_locked(request, meeting, "agenda"):
        return refused
    status = 200
    if request.method == "GET":
        form = AgendaItemForm(initial=AgendaItemForm.initial_for(item), committee=meeting.committee)
    else:
        form = AgendaItemForm(request.POST, committee=meeting.committee)
        status = 422
        if form.is_valid():
            try:
                services.agenda_item_update(
                    actor=request.user, item=item, values=form.values(), base_revision=_revision(form)
                )
            except services.StaleError as exc:
                # Shown again as typed, now over the current revision: saving again overwrites.
                item.refresh_from_db()
                form = AgendaItemForm(with_revision(request.POST, item.revision), committee=meeting.committee)
                form.is_valid()
                form.add_error(None, exc.message)
                status = 409
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, gettext("안건을 고쳤습니다."))
                return redirect(_meeting_url(meeting, "agenda"))
    context = {
        "form": form,
        "meeting": meeting,
        "committee": meeting.committee,
        "item": item,
        "paper_form": PaperForm(),
    }
    return _form_page(request, "committees/agenda_form.html", context, status)


@require_POST
def agenda_delete(request: AuthedRequest, item_id: int) -> HttpResponse:
    item = access.access_agenda_item(request.user, item_id, write=True)
    try:
        services.agenda_item_delete(actor=request.user, item=item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("안건을 삭제했습니다."))
    return redirect(_meeting_url(item.meeting, "agenda"))


@require_POST
def paper_upload(request: AuthedRequest, item_id: int) -> HttpResponse:
    item = access.access_agenda_item(request.user, item_id, write=True)
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.paper_add(actor=request.user, item=item, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, gettext("회의자료를 올렸습니다."))
    else:
        messages.error(request, gettext("올릴 파일을 고르세요."))
    return redirect(_meeting_url(item.meeting, f"agenda-{item.pk}"))


@require_GET
def paper_download(request: AuthedRequest, paper_id: int) -> FileResponse:
    paper = access.access_paper(request.user, paper_id)
    return stored_file_response(paper.file, filename=paper.original_name, content_type=paper.content_type)


@require_POST
def paper_delete(request: AuthedRequest, paper_id: int) -> HttpResponse:
    paper = access.access_paper(request.user, paper_id, write=True)
    try:
        services.paper_delete(actor=request.user, paper=paper)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("회의자료를 삭제했습니다."))
    return redirect(_meeting_url(paper.agenda_item.meeting, "agenda"))


# ---------------------------------------------------------------- attendance and minutes


@require_http_methods(["GET", "POST"])
def attendance(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, write=True)
    members = [(r.member, r.attendance) for r in selectors.attendance_rows(meeting)]
    form = AttendanceForm(request.POST or None, members=members, revision=meeting.revision)
    status = 422 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        rows = [
            services.AttendanceInput(
                membership=m,
                status=form.cleaned_data[f"status_{m.pk}"],
                proxy_name=form.cleaned_data[f"proxy_{m.pk}"],
            )
            for m, _ in members
        ]
        try:
            services.attendance_record(
                actor=request.user,
                meeting=meeting,
                rows=rows,
                # Checked when the form posts one (the revision of the meeting it was opened at).
                base_revision=form.cleaned_data.get("base_revision"),
            )
        except services.StaleError as exc:
            meeting.refresh_from_db()
            members = [(r.member, r.attendance) for r in selectors.attendance_rows(meeting)]
            form = AttendanceForm(
                with_revision(request.POST, meeting.revision), members=members, revision=meeting.revision
            )
            form.is_valid()
            form.add_error(None, exc.message)
            status = 409
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, gettext("출석을 기록했습니다."))
            return redirect(_meeting_url(meeting, "attendance"))
    context = {"form": form, "meeting": meeting, "committee": meeting.committee}
    return _form_page(request, "committees/attendance_form.html", context, status)


@require_POST
def minutes_save(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, write=True)
    form = MinutesForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            services.minutes_save(
                actor=request.user,
                meeting=meeting,
                text=form.cleaned_data["minutes"],
                base_revision=form.cleaned_data["base_revision"],
            )
        except services.StaleError as exc:
            form.add_error(None, exc.message)
            meeting.refresh_from_db()
            status = 409
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, gettext("회의록을 저장했습니다. 출석한 위원이 검토할 수 있습니다."))
            return redirect(_meeting_url(meeting, "minutes"))
    context = {
        "form": form,
        "meeting": meeting,
        "committee": meeting.committee,
        "current_revision": meeting.revision,
    }
    return _form_page(request, "committees/minutes_form.html", context, status)


@require_POST
def minutes_review(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id)
    if meeting.minutes_locked:
        messages.error(
            request, gettext("회의록이 확정되어 더 이상 고칠 수 없습니다. 확정된 회의록은 잠겨 있습니다.")
        )
        return redirect(_meeting_url(meeting, "minutes"))
    if not access.can_review_minutes(request.user, meeting):
        messages.error(request, gettext("회의에 출석한 위원만 회의록을 검토할 수 있습니다."))
        return redirect(_meeting_url(meeting, "minutes"))
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_review(
                actor=request.user,
                meeting=meeting,
                reviewed=form.cleaned_data["reviewed"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, gettext("검토 결과를 남겼습니다."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(_meeting_url(meeting, "minutes"))


@require_POST
def minutes_finalize(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, write=True)
    try:
        services.minutes_finalize(
            actor=request.user, meeting=meeting, base_revision=_int(request.POST.get("base_revision"))
        )
    except services.StaleError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("회의록을 확정했습니다. 이제 고칠 수 없습니다."))
    return redirect(_meeting_url(meeting, "minutes"))


# ---------------------------------------------------------------- decisions


@require_http_methods(["GET", "POST"])
def decision_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, write=True)
    return _decision_form(request, meeting, None)


@require_http_methods(["GET", "POST"])
def decision_edit(request: AuthedRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, write=True)
    return _decision_form(request, decision.meeting, decision)


def _decision_form(request: AuthedRequest, meeting: Meeting, decision: Decision | None) -> HttpResponse:
    if request.method == "GET":
        initial: dict[str, Any] = DecisionForm.initial_for(decision) if decision else {}
        item_id = request.GET.get("agenda_item", "")
        if not decision and item_id.isdigit():
            item = meeting.agenda_items.filter(pk=int(item_id)).select_related("task").first()
            if item is not None:
                initial = {"agenda_item": item, "task": item.task}
        form = DecisionForm(initial=initial, meeting=meeting)
        status = 200
    else:
        form = DecisionForm(request.POST, meeting=meeting)
        status = 422
        if form.is_valid():
            try:
                decisions.decision_save(
                    actor=request.user,
                    meeting=meeting,
                    values=form.values(),
                    decision=decision,
                    base_revision=_revision(form) if decision else None,
                )
            except services.StaleError as exc:  # only a correction is checked: decision is set
                current = Decision.objects.get(pk=decision.pk if decision else 0)
                form = DecisionForm(with_revision(request.POST, current.revision), meeting=meeting)
                form.is_valid()
                form.add_error(None, exc.message)
                status = 409
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(
                    request, gettext("의결을 기록했습니다. ‘계획에 반영’을 눌러야 계획이 바뀝니다.")
                )
                return redirect(_meeting_url(meeting, "decisions"))
    context = {"form": form, "meeting": meeting, "committee": meeting.committee, "decision": decision}
    return _form_page(request, "committees/decision_form.html", context, status)


@require_GET
def decision_detail(request: AuthedRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id)
    decision = Decision.objects.select_related(
        "task", "agenda_item", "applied_by", "area", "lead_department__organization", "parent_task"
    ).get(pk=decision.pk)
    meeting = access.access_meeting(request.user, decision.meeting_id)
    context = {
        "decision": decision,
        "meeting": meeting,
        "committee": meeting.committee,
        "history_line": decisions.history_summary(decision) if decision.meeting_id else "",
        "can_manage": access.can_manage(request.user, meeting.committee),
        "nav": "committees",
    }
    return render(request, "committees/decision_detail.html", context)


@require_POST
def decision_delete(request: AuthedRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, write=True)
    try:
        decisions.decision_delete(actor=request.user, decision=decision)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("의결을 삭제했습니다."))
    return redirect(_meeting_url(decision.meeting, "decisions"))


@require_POST
def decision_apply(request: AuthedRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, write=True)
    try:
        applied = decisions.decision_apply(actor=request.user, decision=decision)
    except ValidationError as exc:
        messages.error(request, gettext("계획에 반영하지 못했습니다: %(e)s") % {"e": " ".join(exc.messages)})
    else:
        if applied:
            messages.success(request, gettext("의결을 계획에 반영했습니다."))
        else:
            messages.info(request, gettext("이미 계획에 반영된 의결입니다."))
    return redirect(_meeting_url(decision.meeting, "decisions"))


@require_POST
def decisions_apply(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, write=True)
    try:
        count = decisions.decisions_apply(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, gettext("계획에 반영하지 못했습니다: %(e)s") % {"e": " ".join(exc.messages)})
    else:
        messages.success(request, gettext("의결 %(n)s건을 계획에 반영했습니다.") % {"n": count})
    return redirect(_meeting_url(meeting, "decisions"))


# ---------------------------------------------------------------- budget


@require_http_methods(["GET", "POST"])
def cost_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, write=True)
    form = CostLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cost_line_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, gettext("경비 항목을 추가했습니다."))
            return redirect(_meeting_url(meeting, "budget"))
    context = {"form": form, "meeting": meeting, "committee": meeting.committee, "cost_items": COST_ITEMS}
    return _form_page(request, "committees/cost_form.html", context, 422 if request.method == "POST" else 200)


@require_POST
def cost_delete(request: AuthedRequest, line_id: int) -> HttpResponse:
    line = access.access_cost_line(request.user, line_id, write=True)
    services.cost_line_delete(actor=request.user, line=line)
    messages.success(request, gettext("경비 항목을 삭제했습니다."))
    return redirect(_meeting_url(line.meeting, "budget"))

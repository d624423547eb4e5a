"""Round pages. Thin: fetch through rounds.access, read through rounds.selectors, write through
rounds.services / rounds.changes, compute the card through plans.card."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from sangsaeng.audit.diff import diff
from sangsaeng.lib.http import AuthedRequest, stored_file_response
from sangsaeng.lib.money import Unit, unit_from
from sangsaeng.plans import attachments as card_attachments
from sangsaeng.plans.access import access_task, can_edit_task, is_coordinator
from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import CardState, load_state
from sangsaeng.plans.models import Status
from sangsaeng.rounds import changes, forms, selectors, services
from sangsaeng.rounds.access import (
    access_change_request,
    access_plan_rounds,
    access_round,
    access_update,
    access_update_attachment,
)
from sangsaeng.rounds.models import OPEN_STATES, ChangeRequest, Update, UpdateState
from sangsaeng.rounds.payload import UpdatePayload, apply_payload, initial_payload, touched_paths
from sangsaeng.rounds.review import side_by_side


def money_unit(request: AuthedRequest) -> Unit:
    """천원 or 억원, as on the card (the choice lives in the session)."""
    chosen = request.GET.get("unit")
    if chosen in ("cheonwon", "eok"):
        request.session["unit"] = chosen
    return unit_from(request.session.get("unit"))


# ---------------------------------------------------------------- home and lists


@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    """My updates across rounds, and the rounds of the plans I coordinate."""
    page = Paginator(selectors.my_updates(request.user), 100).get_page(request.GET.get("page"))
    rows = selectors.with_due(list(page.object_list))
    coordinated = list(selectors.coordinated_rounds(request.user)[:50])
    return render(
        request,
        "rounds/home.html",
        {"rows": rows, "page": page, "coordinated": coordinated, "nav": "rounds"},
    )


@require_GET
def plan_rounds(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_rounds(request.user, plan_id)
    coordinator = is_coordinator(request.user, plan)
    context = {
        "plan": plan,
        "rounds": selectors.plan_rounds(plan),
        "coordinator": coordinator,
        "adoption": changes.adoption_of(plan),
        "adopt_form": forms.AdoptForm(),
        "pending_changes": selectors.pending_change_count(plan) if coordinator else 0,
        "nav": "rounds",
    }
    return render(request, "rounds/plan_rounds.html", context)


@require_http_methods(["GET", "POST"])
def round_open(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_rounds(request.user, plan_id, manage=True)
    tasks = services.scope_tasks(plan)
    departments = sorted(
        {t.lead_department for t in tasks if t.lead_department},
        key=lambda d: (d.organization.name, d.name),
    )
    form = forms.RoundForm(request.POST or None, plan=plan, departments=departments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rnd = services.round_open(
                actor=request.user,
                plan=plan,
                year=data["year"],
                period_kind=data["period_kind"],
                period_number=data["period_number"],
                due_date=data["due_date"],
                name=data["name"],
                deadlines=form.deadlines(),
                remind_days_before=data["remind_days_before"],
            )
        except services.RoundError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("%(name)s 회차를 시작했습니다. 과제 %(n)d건의 담당 부서에 알림을 보냅니다.")
                % {"name": rnd.name, "n": rnd.updates.count()},
            )
            return redirect("rounds:board", rnd.pk)
    return render(
        request,
        "rounds/round_form.html",
        {"plan": plan, "form": form, "task_count": len(tasks), "nav": "rounds"},
        status=422 if form.errors else 200,
    )


@require_POST
def plan_adopt(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_rounds(request.user, plan_id, manage=True)
    form = forms.AdoptForm(request.POST)
    if form.is_valid():
        changes.plan_adopt(actor=request.user, plan=plan, adopted_on=form.cleaned_data["adopted_on"])
        messages.success(
            request, _("계획 확정일을 기록했습니다. 이제 목표·계획값은 변경안으로만 바꿀 수 있습니다.")
        )
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("rounds:plan_rounds", plan.pk)


# ---------------------------------------------------------------- a round


@require_GET
def round_view(request: AuthedRequest, round_id: int) -> HttpResponse:
    """The board for coordinators; for an officer, their own updates in the round."""
    rnd = access_round(request.user, round_id)
    if not is_coordinator(request.user, rnd.plan):
        rows = selectors.with_due(list(selectors.my_updates(request.user, round=rnd)))
        for row in rows:
            row.update.round = rnd
        return render(
            request, "rounds/round_mine.html", {"round": rnd, "plan": rnd.plan, "rows": rows, "nav": "rounds"}
        )
    raw_dept = request.GET.get("department", "")
    state = request.GET.get("state", "")
    if state not in (*selectors.STATE_ORDER, "overdue"):
        state = ""
    board = selectors.board(rnd, department_id=int(raw_dept) if raw_dept.isdigit() else None, state=state)
    context = {
        "round": rnd,
        "plan": rnd.plan,
        "board": board,
        "states": list(UpdateState.choices),
        "nav": "rounds",
    }
    if request.htmx and request.htmx.target == "board-table":
        return render(request, "rounds/_board_table.html", context)
    return render(request, "rounds/board.html", context)


@require_POST
def round_close(request: AuthedRequest, round_id: int) -> HttpResponse:
    rnd = access_round(request.user, round_id, manage=True)
    try:
        services.round_close(actor=request.user, round=rnd)
    except services.RoundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("%(name)s 회차를 마감했습니다. 더 이상 제출할 수 없습니다.") % {"name": rnd.name}
        )
    return redirect("rounds:board", rnd.pk)


# ---------------------------------------------------------------- an update (officer)


def _payload_of(update: Update, state: CardState) -> UpdatePayload:
    if update.payload:
        return UpdatePayload.from_json(update.payload)
    return initial_payload(state, update.round.year)


def _update_context(
    request: AuthedRequest, update: Update, state: CardState, form: forms.UpdateForm, **extra: Any
) -> dict[str, Any]:
    rnd = update.round
    deadlines = selectors.deadlines_of(rnd)
    due = deadlines.get(update.department_id, rnd.due_date)
    editable = update.state in OPEN_STATES and rnd.is_open
    since: list[dict[str, Any]] = []
    if update.payload and update.base_revision is not None:
        payload = UpdatePayload.from_json(update.payload)
        since, _by = services.card_changes_since(
            task_id=update.task_id,
            base_revision=update.base_revision,
            current=state,
            proposed=apply_payload(state, payload, rnd.year),
            paths=touched_paths(payload, rnd.year),
        )
    return {
        "update": update,
        "round": rnd,
        "plan": rnd.plan,
        "task": update.task,
        "state": state,
        "form": form,
        "due": due,
        "overdue_days": selectors.overdue_days(update, due, timezone.localdate()),
        "editable": editable,
        "coordinator": is_coordinator(request.user, rnd.plan),
        "attachments": list(update.attachments.all()),
        "attachment_accept": card_attachments.ACCEPT,
        "attachment_max": card_attachments.max_size_label(),
        "confirmation": selectors.confirmation_for(update.task_id),
        "card_changed": since,
        "unit": money_unit(request),
        "statuses": Status.choices,
        "nav": "rounds",
        **extra,
    }


def _render_update(
    request: AuthedRequest,
    update: Update,
    state: CardState,
    form: forms.UpdateForm,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    context = _update_context(request, update, state, form, **extra)
    if "issues" not in context and update.payload:
        context["issues"] = services.issues_for(update, state=state)
    template = "rounds/_update_form.html" if request.htmx else "rounds/update.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def update_view(request: AuthedRequest, update_id: int) -> HttpResponse:
    update = access_update(request.user, update_id, write=True)
    state = load_state(update.task_id)
    unit = money_unit(request)
    payload = _payload_of(update, state)
    if request.method == "GET":
        form = forms.UpdateForm(
            initial={"version": update.version, "card_revision": state.revision},
            state=state,
            year=update.round.year,
            unit=unit,
            payload=payload,
        )
        return _render_update(request, update, state, form)
    form = forms.UpdateForm(request.POST, state=state, year=update.round.year, unit=unit, payload=payload)
    if not form.is_valid():
        return _render_update(
            request,
            update,
            state,
            form,
            status=422,
            error=_("저장하지 못했습니다. 표시된 항목을 확인하세요."),
        )
    typed = form.payload()
    try:
        update = services.update_save(
            actor=request.user,
            update=update,
            payload=typed,
            version=form.cleaned_data["version"],
            card_revision=form.cleaned_data["card_revision"],
        )
    except services.DraftConflict as conflict:
        return _draft_conflict(request, update, state, typed, conflict)
    except services.RoundError as exc:
        update.refresh_from_db()
        return _render_update(request, update, state, form, status=409, error=exc.message)
    if request.POST.get("action") != "submit":
        saved = _("임시저장했습니다. 제출하기 전까지는 총괄 담당자에게 보이지 않습니다.")
        return _after_save(request, update, state, unit, saved)
    try:
        update = services.update_submit(actor=request.user, update=update, version=update.version)
    except services.SubmitRefused as refused:
        fresh = _fresh_form(update, state, unit, typed)
        return _render_update(
            request,
            update,
            state,
            fresh,
            status=422,
            error=refused.message,
            issues=refused.issues,
            saved_draft=True,
        )
    except services.RoundError as exc:
        return _render_update(
            request, update, state, _fresh_form(update, state, unit, typed), status=409, error=exc.message
        )
    messages.success(request, _("제출했습니다. 총괄 담당자가 검토한 뒤 확정하거나 반려합니다."))
    url = reverse("rounds:update", args=[update.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _fresh_form(update: Update, state: CardState, unit: Unit, payload: UpdatePayload) -> forms.UpdateForm:
    return forms.UpdateForm(
        initial={"version": update.version, "card_revision": state.revision},
        state=state,
        year=update.round.year,
        unit=unit,
        payload=payload,
    )


def _after_save(
    request: AuthedRequest, update: Update, state: CardState, unit: Unit, message: str
) -> HttpResponse:
    if request.htmx:
        form = _fresh_form(update, state, unit, UpdatePayload.from_json(update.payload))
        return _render_update(request, update, state, form, saved_message=message)
    messages.success(request, message)
    return redirect("rounds:update", update.pk)


def _draft_conflict(
    request: AuthedRequest,
    update: Update,
    state: CardState,
    typed: UpdatePayload,
    conflict: services.DraftConflict,
) -> HttpResponse:
    """409: keep what was typed, show what the other person saved, and let a second save win."""
    update.refresh_from_db()
    theirs = (
        apply_payload(state, UpdatePayload.from_json(update.payload), update.round.year)
        if update.payload
        else state
    )
    mine = apply_payload(state, typed, update.round.year)
    differences = diff(theirs.to_json(), mine.to_json())
    data = request.POST.copy()
    data["version"] = str(conflict.version)
    data["card_revision"] = str(state.revision)
    form = forms.UpdateForm(
        data, state=state, year=update.round.year, unit=money_unit(request), payload=typed
    )
    form.is_valid()
    return _render_update(
        request, update, state, form, status=409, conflict=conflict, conflict_changes=differences
    )


# ---------------------------------------------------------------- files of an update


@require_POST
def attachment_upload(request: AuthedRequest, update_id: int) -> HttpResponse:
    update = access_update(request.user, update_id, write=True)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise services.RoundError(_("올릴 파일을 고르세요."))
        ua = services.update_attachment_add(
            actor=request.user, update=update, upload=upload, description=request.POST.get("description", "")
        )
    except services.RoundError as exc:
        messages.error(request, _("첨부파일을 올리지 못했습니다. %(error)s") % {"error": exc.message})
    else:
        messages.success(
            request,
            _("첨부파일 「%(name)s」을(를) 올렸습니다. 확정되면 관리카드에 붙습니다.")
            % {"name": ua.original_name},
        )
    return redirect(reverse("rounds:update", args=[update.pk]) + "#attachments")


@require_GET
def attachment_download(request: AuthedRequest, file_id: int) -> FileResponse:
    attachment = access_update_attachment(request.user, file_id)
    return stored_file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


@require_POST
def attachment_delete(request: AuthedRequest, file_id: int) -> HttpResponse:
    attachment = access_update_attachment(request.user, file_id, write=True)
    try:
        services.update_attachment_delete(actor=request.user, attachment=attachment)
    except services.RoundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("첨부파일 「%(name)s」을(를) 삭제했습니다.") % {"name": attachment.original_name}
        )
    return redirect(reverse("rounds:update", args=[attachment.update_id]) + "#attachments")


# ---------------------------------------------------------------- review (coordinator)


def _review_context(request: AuthedRequest, update: Update, **extra: Any) -> dict[str, Any]:
    unit = money_unit(request)
    confirmed, proposed, conflicts, by = services.confirm_preview(update)
    before_card, after_card = compute_card(confirmed), compute_card(proposed)
    deadlines = selectors.deadlines_of(update.round)
    rows = side_by_side(before_card, after_card, year=update.round.year, unit=unit)
    return {
        "update": update,
        "round": update.round,
        "plan": update.round.plan,
        "task": update.task,
        "rows": rows,
        "changed_count": sum(r.changed for r in rows),
        "changes": diff(confirmed.to_json(), proposed.to_json()),
        "conflicts": conflicts,
        "conflict_by": sorted(set(by)),
        "issues": services.issues_for(update, state=confirmed) if update.payload else [],
        "confirmation": selectors.confirmation_for(update.task_id),
        "due": deadlines.get(update.department_id, update.round.due_date),
        "return_form": extra.pop("return_form", None) or forms.ReturnForm(),
        "unit": unit,
        "nav": "rounds",
        **extra,
    }


@require_GET
def review(request: AuthedRequest, update_id: int) -> HttpResponse:
    update = access_update(request.user, update_id, review=True)
    return render(request, "rounds/review.html", _review_context(request, update))


@require_POST
def confirm(request: AuthedRequest, update_id: int) -> HttpResponse:
    update = access_update(request.user, update_id, review=True)
    try:
        services.update_confirm(actor=request.user, update=update)
    except services.CardChangedConflict as conflict:
        update.refresh_from_db()
        context = _review_context(request, update, error=conflict.message)
        return render(request, "rounds/review.html", context, status=409)
    except services.RoundError as exc:
        update.refresh_from_db()
        return render(
            request, "rounds/review.html", _review_context(request, update, error=exc.message), status=409
        )
    messages.success(
        request,
        _("%(code)s %(title)s: %(round)s 실적을 확정했습니다. 관리카드에 반영되었습니다.")
        % {"code": update.task.code, "title": update.task.title, "round": update.round.name},
    )
    return redirect(_next_for_review(update))


def _next_for_review(update: Update) -> str:
    """The next submitted update of the round, or the board."""
    nxt = (
        Update.objects.filter(round_id=update.round_id, state=UpdateState.SUBMITTED)
        .exclude(pk=update.pk)
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return reverse("rounds:review", args=[nxt]) if nxt else reverse("rounds:board", args=[update.round_id])


@require_POST
def return_update(request: AuthedRequest, update_id: int) -> HttpResponse:
    update = access_update(request.user, update_id, review=True)
    form = forms.ReturnForm(request.POST)
    if not form.is_valid():
        context = _review_context(
            request, update, return_form=form, error=_("반려하지 않았습니다. 반려 사유를 적어 주세요.")
        )
        return render(request, "rounds/review.html", context, status=422)
    try:
        services.update_return(actor=request.user, update=update, comment=form.cleaned_data["comment"])
    except services.RoundError as exc:
        update.refresh_from_db()
        context = _review_context(request, update, return_form=form, error=exc.message)
        return render(request, "rounds/review.html", context, status=409)
    messages.success(
        request,
        _("%(code)s %(title)s 보고를 반려했습니다. 담당 부서에 알립니다.")
        % {"code": update.task.code, "title": update.task.title},
    )
    return redirect(_next_for_review(update))


# ---------------------------------------------------------------- change requests (변경안)


@require_GET
def plan_changes(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan_rounds(request.user, plan_id)
    coordinator = is_coordinator(request.user, plan)
    requests = selectors.change_requests(plan, request.user, coordinator=coordinator)
    page = Paginator(requests, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "rounds/change_list.html",
        {
            "plan": plan,
            "page": page,
            "coordinator": coordinator,
            "adoption": changes.adoption_of(plan),
            "nav": "rounds",
        },
    )


@require_GET
def task_changes(request: AuthedRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id)
    requests = ChangeRequest.objects.filter(task=task).select_related("requested_by", "decided_by")
    return render(
        request,
        "rounds/task_changes.html",
        {
            "task": task,
            "plan": task.plan,
            "requests": requests,
            "history": changes.target_history(task),
            "adoption": changes.adoption_of(task.plan),
            "can_request": can_edit_task(request.user, task),
            "nav": "rounds",
        },
    )


@require_http_methods(["GET", "POST"])
def change_new(request: AuthedRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id, write=True)
    part = request.POST.get("part") or request.GET.get("part") or "goal"
    state = load_state(task.pk)
    kind, _sep, key = part.partition(":")
    ind = next((i for i in state.indicators if str(i.id) == key), None)
    if kind not in ("goal", "indicator") or (kind == "indicator" and key != "new" and ind is None):
        raise Http404(_("바꿀 수 있는 항목이 아닙니다."))
    data = request.POST if request.method == "POST" else None
    form: forms.GoalChangeForm | forms.IndicatorChangeForm
    if kind == "goal":
        form = forms.GoalChangeForm(
            data, initial={"goal": state.goal, "term_indicator": state.term_indicator}
        )
    else:
        years = sorted(set(state.term_years) | ({v.year for v in ind.values} if ind else set()))
        form = forms.IndicatorChangeForm(
            data, initial=forms.indicator_change_initial(ind), years=years, is_new=ind is None
        )
    if data is not None and form.is_valid():
        proposed = (
            changes.GoalChange(
                goal=form.cleaned_data["goal"], term_indicator=form.cleaned_data["term_indicator"]
            )
            if isinstance(form, forms.GoalChangeForm)
            else form.change()
        )
        try:
            cr = changes.change_request_file(
                actor=request.user,
                task=task,
                part=part,
                proposed=proposed,
                reason=form.cleaned_data["reason"],
            )
        except services.RoundError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("변경안을 냈습니다. 총괄 담당자가 승인하면 관리카드에 반영됩니다."))
            return redirect("rounds:change", cr.pk)
    return render(
        request,
        "rounds/change_form.html",
        {
            "task": task,
            "plan": task.plan,
            "form": form,
            "part": part,
            "label": changes.part_label(state, part),
            "is_goal": kind == "goal",
            "nav": "rounds",
        },
        status=422 if form.errors else 200,
    )


def _change_rows(cr: ChangeRequest) -> list[tuple[str, Any, Any]]:
    labels = {
        "goal": _("목표"),
        "term_indicator": _("이행 확인지표"),
        "name": _("지표명"),
        "kind": _("유형"),
        "unit": _("단위"),
        "aggregation": _("임기 합산 방식"),
        "term_plan_text": _("종합 계획(서술)"),
        "remove": _("폐지"),
    }
    rows = []
    for key, label in labels.items():
        if key in cr.before or key in cr.proposed:
            rows.append((label, cr.before.get(key), cr.proposed.get(key)))
    before = {v["year"]: v for v in cr.before.get("values", [])}
    after = {v["year"]: v for v in cr.proposed.get("values", [])}
    for year in sorted(set(before) | set(after)):
        b, a = before.get(year, {}), after.get(year, {})
        rows.append((_("%(year)d년 계획") % {"year": year}, b.get("target"), a.get("target")))
        rows.append((_("%(year)d년 계획(서술)") % {"year": year}, b.get("plan_text"), a.get("plan_text")))
    return [(label, b, a) for label, b, a in rows if not (b in (None, "", False) and a in (None, "", False))]


def _change_context(request: AuthedRequest, cr: ChangeRequest, **extra: Any) -> dict[str, Any]:
    return {
        "change": cr,
        "task": cr.task,
        "plan": cr.task.plan,
        "rows": _change_rows(cr),
        "coordinator": is_coordinator(request.user, cr.task.plan),
        "decision_form": extra.pop("decision_form", None) or forms.DecisionForm(),
        "nav": "rounds",
        **extra,
    }


@require_GET
def change_detail(request: AuthedRequest, change_id: int) -> HttpResponse:
    cr = access_change_request(request.user, change_id)
    return render(request, "rounds/change_detail.html", _change_context(request, cr))


def _decide(request: AuthedRequest, change_id: int, decision: str) -> HttpResponse:
    cr = access_change_request(request.user, change_id, decide=True)
    form = forms.DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        if decision == "approve":
            changes.change_request_approve(actor=request.user, change_request=cr, comment=comment)
            messages.success(
                request, _("변경안을 승인했습니다. 관리카드에 반영되었고 변경 이력에 남았습니다.")
            )
        else:
            changes.change_request_reject(actor=request.user, change_request=cr, comment=comment)
            messages.success(request, _("변경안을 반려했습니다."))
    except services.RoundError as exc:
        cr.refresh_from_db()
        context = _change_context(request, cr, error=exc.message, decision_form=form)
        if isinstance(exc, services.CardChangedConflict):
            context["conflicts"] = exc.changes
        conflict = isinstance(exc, services.CardChangedConflict | services.TransitionError)
        return render(request, "rounds/change_detail.html", context, status=409 if conflict else 422)
    return redirect("rounds:change", cr.pk)


@require_POST
def change_approve(request: AuthedRequest, change_id: int) -> HttpResponse:
    return _decide(request, change_id, "approve")


@require_POST
def change_reject(request: AuthedRequest, change_id: int) -> HttpResponse:
    return _decide(request, change_id, "reject")


@require_POST
def change_withdraw(request: AuthedRequest, change_id: int) -> HttpResponse:
    cr = access_change_request(request.user, change_id)
    if cr.requested_by_id != request.user.pk and not is_coordinator(request.user, cr.task.plan):
        raise PermissionDenied(_("변경안을 낸 사람만 철회할 수 있습니다."))
    try:
        changes.change_request_withdraw(actor=request.user, change_request=cr)
    except services.RoundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("변경안을 철회했습니다."))
    return redirect("rounds:change", cr.pk)

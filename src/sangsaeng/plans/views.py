"""Plan and card pages. Thin: fetch through plans.access, compute through plans.card, write through
plans.services / plans.parts."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sangsaeng.audit.models import AuditLog
from sangsaeng.lib import kdate
from sangsaeng.lib.http import AuthedRequest
from sangsaeng.lib.money import Unit, unit_from
from sangsaeng.plans import selectors
from sangsaeng.plans.access import access_plan, access_task, can_edit_task, visible_plans, visible_tasks
from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import CardState, load_state
from sangsaeng.plans.forms import SubtaskCreateForm
from sangsaeng.plans.models import Status, TextKind
from sangsaeng.plans.parts import PARTS, resolve, retire_stated_figures
from sangsaeng.plans.services import ConflictError, editing_card, task_create, task_delete
from sangsaeng.rounds.selectors import confirmation_for

SECTION_TEMPLATES = {
    "header": "plans/card/_header.html",
    "goal": "plans/card/_goal.html",
    "indicators": "plans/card/_indicators.html",
    "budget": "plans/card/_budget.html",
    "finance": "plans/card/_finance.html",
    "activities": "plans/card/_activities.html",
    "legislation": "plans/card/_legislation.html",
    "subtasks": "plans/card/_subtasks.html",
    "attachments": "plans/card/_attachments.html",
}
# The bullet-list parts shown before the budget table, and those the paper card puts at the end.
TEXTS_BEFORE = ("outline", "purpose", "basis", "content", "focus", "procedure", "effect")
TEXTS_AFTER = ("problems", "next_steps")
ALWAYS_SHOWN = ("outline", "problems", "next_steps")


def money_unit(request: AuthedRequest) -> Unit:
    """천원 or 억원, as the user last chose (kept in the session)."""
    chosen = request.GET.get("unit")
    if chosen in ("cheonwon", "eok"):
        request.session["unit"] = chosen
    return unit_from(request.session.get("unit"))


def _task_prefix() -> str:
    """The card URL without its id ("/tasks/"), reversed once with a placeholder id."""
    return reverse("plans:task", args=[0]).removesuffix("0/")


@require_GET
def plan_list(request: AuthedRequest) -> HttpResponse:
    plans = selectors.plan_list(visible_plans(request.user))
    return render(request, "plans/plan_list.html", {"plans": plans, "nav": "plans"})


@require_GET
def plan_detail(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    filters = selectors.TaskFilters.from_query(request.GET)
    visible = visible_tasks(request.user, plan)
    page = Paginator(selectors.plan_tasks(visible, filters), 100).get_page(request.GET.get("page"))
    page.object_list = selectors.with_partner_names(page.object_list)
    context = {
        "plan": plan,
        "page": page,
        # One reverse() for the list's links; the template appends each task's id.
        "task_prefix": _task_prefix(),
        "filters": filters,
        "areas": plan.areas.all(),
        "organizations": plan.organizations.order_by("name"),
        "statuses": Status.choices,
        "summary": selectors.plan_summary(visible),
        "nav": "plans",
    }
    return render(request, "plans/plan_detail.html", context)


def _state_as_of(task_id: int, day: dt.date) -> CardState | None:
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    log = (
        AuditLog.objects.filter(task_id=task_id, at__lt=end)
        .filter(state__isnull=False)
        .order_by("-at", "-id")
        .first()
    )
    return CardState.from_json(log.state) if log and log.state else None


def _card_context(request: AuthedRequest, task: Any, state: CardState, **extra: Any) -> dict[str, Any]:
    card = compute_card(state)
    year = request.GET.get("year", "")
    activities = card.activities
    if year.isdigit():
        activities = [a for a in activities if a.year == int(year)]
    labels = dict(TextKind.choices)

    def sections(kinds: tuple[str, ...]) -> list[tuple[str, str, list[Any]]]:
        return [(k, labels[k], card.texts.get(k, [])) for k in kinds if k in card.texts or k in ALWAYS_SHOWN]

    return {
        "task": task,
        "plan": task.plan,
        "card": card,
        # Reversed once: the templates append the part ("activity:12/") instead of a {% url %} per row.
        "part_prefix": reverse("plans:part", args=[task.pk, "x"]).removesuffix("x/"),
        "task_prefix": _task_prefix(),
        "text_sections": sections(TEXTS_BEFORE),
        "text_sections_after": sections(TEXTS_AFTER),
        "empty_text_kinds": [
            (k, labels[k]) for k in TEXTS_BEFORE if k not in card.texts and k not in ALWAYS_SHOWN
        ],
        "parts_available": {
            kind: kind in PARTS for kind in ("legislation", "items", "settlement", "schedule")
        },
        "attachment_urls": True,
        "activities": activities,
        "activity_year": int(year) if year.isdigit() else None,
        "can_edit": can_edit_task(request.user, task) and not extra.get("as_of"),
        "unit": money_unit(request),
        "confirmation": confirmation_for(task.pk, as_of=extra.get("as_of")),
        "nav": "plans",
        **extra,
    }


@require_GET
def task_card(request: AuthedRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id)
    as_of = None
    raw = request.GET.get("as_of", "")
    state: CardState | None = None
    if raw:
        try:
            as_of, _ = kdate.parse(raw)
        except kdate.DateError as exc:
            messages.error(request, gettext("조회 날짜: %(error)s") % {"error": exc})
    if as_of:
        state = _state_as_of(task.pk, as_of)
        if state is None:
            messages.warning(
                request,
                gettext("%(date)s 이전에는 이 카드의 기록이 없습니다. 현재 카드를 보여 드립니다.")
                % {"date": kdate.official(as_of)},
            )
            as_of = None
    context = _card_context(request, task, state or load_state(task.pk), as_of=as_of, tab="card")
    section = request.GET.get("section", "")
    if request.htmx and section in SECTION_TEMPLATES:
        return render(request, SECTION_TEMPLATES[section], context)
    return render(request, "plans/card.html", context)


@require_GET
def task_history(request: AuthedRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id)
    # A row written by applying a committee decision links to it (one join, not a query per row).
    logs = (
        AuditLog.objects.filter(task=task)
        .select_related("actor", "decision__meeting")
        .defer("state")
        .order_by("-at", "-id")
    )
    page = Paginator(logs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/history.html",
        {"task": task, "plan": task.plan, "page": page, "tab": "history", "nav": "plans"},
    )


@require_http_methods(["GET", "POST"])
def task_part(request: AuthedRequest, task_id: int, part: str) -> HttpResponse:
    """Show and save the edit form of one part of the card (htmx fragment, or a page without JS)."""
    task = access_task(request.user, task_id, write=True)
    spec, key = resolve(part)
    unit = money_unit(request)
    state = load_state(task.pk)
    title = spec.title(state, key)
    if request.method == "GET":
        form = spec.form(None, task=task, state=state, key=key, unit=unit)
        return _render_form(request, task, spec, part, title, form, base_revision=task.revision)
    form = spec.form(request.POST, task=task, state=state, key=key, unit=unit)
    try:
        base_revision = int(request.POST.get("base_revision", ""))
    except ValueError:
        base_revision = -1
    if not form.is_valid():
        return _render_form(request, task, spec, part, title, form, base_revision=base_revision, status=422)
    conflict_part = None if key == "new" else part
    try:
        with editing_card(
            task_id=task.pk,
            actor=request.user,
            action=f"edit:{spec.kind}",
            summary=title,
            part=conflict_part,
            base_revision=base_revision,
        ) as change:
            change.summary = spec.apply(change, form.cleaned_data, key)
            retire_stated_figures(task=change.task, kind=spec.kind, key=key)
    except ConflictError as conflict:
        task.refresh_from_db()
        return _render_form(
            request, task, spec, part, title, form, base_revision=task.revision, conflict=conflict, status=409
        )
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _render_form(request, task, spec, part, title, form, base_revision=base_revision, status=422)
    return _saved(
        request, task, spec.section.format(key=key), gettext("%(title)s: 저장했습니다.") % {"title": title}
    )


@require_POST
def task_part_delete(request: AuthedRequest, task_id: int, part: str) -> HttpResponse:
    task = access_task(request.user, task_id, write=True)
    spec, key = resolve(part)
    if spec.delete is None or key in ("", "new"):
        raise Http404(gettext("삭제할 수 없는 항목입니다."))
    try:
        base_revision = int(request.POST.get("base_revision", ""))
    except ValueError:
        base_revision = -1
    try:
        with editing_card(
            task_id=task.pk,
            actor=request.user,
            action=f"delete:{spec.kind}",
            summary="삭제",
            part=part,
            base_revision=base_revision,
        ) as change:
            change.summary = spec.delete(change, key)
    except ConflictError as conflict:
        messages.error(request, gettext("삭제하지 않았습니다. %(reason)s") % {"reason": conflict.message})
        return redirect(reverse("plans:task", args=[task.pk]))
    return _saved(request, task, spec.section.format(key=key), gettext("삭제했습니다."))


def _render_form(
    request: AuthedRequest,
    task: Any,
    spec: Any,
    part: str,
    title: str,
    form: Any,
    *,
    base_revision: int,
    conflict: ConflictError | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "task": task,
        "plan": task.plan,
        "spec": spec,
        "part": part,
        "title": title,
        "form": form,
        "base_revision": base_revision,
        "conflict": conflict,
        "unit": money_unit(request),
        "section_id": f"part-{spec.section.format(key=part.partition(':')[2])}",
        "nav": "plans",
    }
    template = "plans/card/_edit.html" if request.htmx else "plans/edit_page.html"
    return render(request, template, context, status=status)


def _saved(request: AuthedRequest, task: Any, section: str, message: str) -> HttpResponse:
    """After a save: the htmx fragment of the saved section (and the header, whose figures may move),
    or a redirect back to the card."""
    if request.htmx:
        task.refresh_from_db()
        context = _card_context(request, task, load_state(task.pk), saved_message=message)
        if section.startswith("text-"):
            kind = section.removeprefix("text-")
            context |= {
                "kind": kind,
                "label": TextKind(kind).label,
                "tree": context["card"].texts.get(kind, []),
            }
            template = "plans/card/_text_section.html"
        else:
            template = SECTION_TEMPLATES.get(section, "plans/card/_header.html")
        context |= {"section_template": template, "section_name": section}
        return render(request, "plans/card/_saved_response.html", context)
    messages.success(request, message)
    return redirect(reverse("plans:task", args=[task.pk]) + f"#part-{section}")


@require_http_methods(["GET", "POST"])
def subtask_create(request: AuthedRequest, task_id: int) -> HttpResponse:
    parent = access_task(request.user, task_id, write=True)
    form = SubtaskCreateForm(
        request.POST or None, initial={"code": f"{parent.code}-{parent.children.count() + 1}"}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            child = task_create(
                actor=request.user,
                plan=parent.plan,
                parent=parent,
                code=data["code"],
                title=data["title"],
                progress=data["progress"],
                weight=data["weight"],
                lead_department=parent.lead_department,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, gettext("세부과제 %(code)s을(를) 추가했습니다.") % {"code": child.code})
            return redirect(reverse("plans:task", args=[parent.pk]) + "#part-subtasks")
    return render(
        request,
        "plans/subtask_form.html",
        {"task": parent, "plan": parent.plan, "form": form, "nav": "plans"},
        status=422 if form.errors else 200,
    )


@require_POST
def subtask_delete(request: AuthedRequest, task_id: int) -> HttpResponse:
    task = access_task(request.user, task_id, write=True)
    if task.parent_id is None:
        raise Http404(gettext("세부과제만 여기서 삭제할 수 있습니다."))
    parent_id = task.parent_id
    task_delete(actor=request.user, task=task)
    messages.success(
        request,
        gettext("세부과제 %(code)s을(를) 삭제했습니다. 상위 과제의 진도율을 다시 계산했습니다.")
        % {"code": task.code},
    )
    return redirect(reverse("plans:task", args=[parent_id]) + "#part-subtasks")

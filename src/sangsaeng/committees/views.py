"""Committee pages: the list (tree with cadence), a committee with its roster and meetings, and the forms
for committees and members. Thin: fetch through committees.access, write through committees.services."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sangsaeng.committees import access, selectors, services
from sangsaeng.committees.forms import CommitteeForm, MembershipForm
from sangsaeng.committees.models import Committee
from sangsaeng.lib.http import AuthedRequest


def show_errors(form: Any, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_GET
def committee_list(request: AuthedRequest) -> HttpResponse:
    rows = selectors.committee_rows(access.visible_committees(request.user))
    context = {
        "rows": rows,
        "behind": selectors.behind_rows(rows),
        "can_create": access.can_create_committee(request.user),
        "nav": "committees",
    }
    return render(request, "committees/committee_list.html", context)


def _committee_form(request: AuthedRequest, data: Any = None, **kwargs: Any) -> CommitteeForm:
    user = request.user
    plans = access.managed_plans(user)
    parents = (
        access.visible_committees(user).filter(plan__in=plans)
        if not user.is_superuser
        else Committee.objects.all()
    )
    return CommitteeForm(data, plans=plans, parents=parents, plan_required=not user.is_superuser, **kwargs)


def _committee_input(data: dict[str, Any]) -> services.CommitteeInput:
    return services.CommitteeInput(
        name=data["name"],
        kind=data["kind"],
        plan=data.get("plan"),
        parent=data.get("parent"),
        area=data.get("area"),
        task=data.get("task"),
        organizations=list(data.get("organizations") or []),
        purpose=data.get("purpose", ""),
        cadence_count=data.get("cadence_count") or 0,
        cadence_period=data["cadence_period"],
        order=data.get("order") or 0,
    )


@require_http_methods(["GET", "POST"])
def committee_create(request: AuthedRequest) -> HttpResponse:
    if not access.can_create_committee(request.user):
        raise PermissionDenied(access.WRITE_REFUSED)
    initial: dict[str, Any] = {}
    parent_id = request.GET.get("parent", "")
    if parent_id.isdigit():
        parent = access.access_committee(request.user, int(parent_id), write=True)
        initial = {
            "parent": parent,
            "plan": parent.plan,
            "kind": Committee.Kind.SUBCOMMITTEE,
            "organizations": list(parent.organizations.all()),
            "cadence_count": 2,
            "cadence_period": Committee.Period.MONTH,
        }
    if request.method == "GET":
        form = _committee_form(request, initial=initial)
        return _render_committee_form(request, form, None)
    form = _committee_form(request, request.POST)
    if form.is_valid():
        chosen = form.cleaned_data.get("parent")
        if chosen is not None and form.cleaned_data.get("plan") is None:
            form.cleaned_data["plan"] = chosen.plan
        try:
            committee = services.committee_create(
                actor=request.user, data=_committee_input(form.cleaned_data)
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, gettext("위원회를 등록했습니다."))
            return redirect("committees:detail", committee.pk)
    return _render_committee_form(request, form, None, status=422)


@require_http_methods(["GET", "POST"])
def committee_edit(request: AuthedRequest, committee_id: int) -> HttpResponse:
    committee = access.access_committee(request.user, committee_id, write=True)
    if request.method == "GET":
        initial = {
            f: getattr(committee, f)
            for f in (
                "name",
                "kind",
                "plan",
                "parent",
                "area",
                "task",
                "purpose",
                "cadence_count",
                "cadence_period",
                "order",
            )
        }
        initial["organizations"] = list(committee.organizations.all())
        form = _committee_form(request, initial=initial)
        return _render_committee_form(request, form, committee, base_revision=committee.revision)
    form = _committee_form(request, request.POST)
    base_revision = _int(request.POST.get("base_revision"))
    if form.is_valid():
        try:
            services.committee_update(
                actor=request.user,
                committee=committee,
                data=_committee_input(form.cleaned_data),
                base_revision=base_revision,
            )
        except services.StaleError as exc:
            form.add_error(None, exc.message)
            committee.refresh_from_db()
            return _render_committee_form(
                request, form, committee, base_revision=committee.revision, status=409
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, gettext("위원회 정보를 고쳤습니다."))
            return redirect("committees:detail", committee.pk)
    return _render_committee_form(request, form, committee, base_revision=base_revision, status=422)


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1


def _render_committee_form(
    request: AuthedRequest,
    form: CommitteeForm,
    committee: Committee | None,
    *,
    base_revision: int | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "committee": committee, "base_revision": base_revision, "nav": "committees"}
    return render(request, "committees/committee_form.html", context, status=status)


@require_GET
def committee_detail(request: AuthedRequest, committee_id: int) -> HttpResponse:
    committee = access.access_committee(request.user, committee_id)
    visible = access.visible_committees(request.user)
    rows = selectors.committee_rows(visible.filter(pk=committee.pk))
    context = {
        "committee": committee,
        "row": rows[0],
        "organizations": committee.organizations.order_by("name"),
        "members": selectors.roster(committee),
        "subcommittees": selectors.committee_rows(visible.filter(parent=committee)),
        "meetings": selectors.committee_meetings(committee),
        "can_manage": access.can_manage(request.user, committee),
        "nav": "committees",
    }
    return render(request, "committees/committee_detail.html", context)


@require_http_methods(["GET", "POST"])
def member_add(request: AuthedRequest, committee_id: int) -> HttpResponse:
    committee = access.access_committee(request.user, committee_id, write=True)
    return _member_form(request, committee, None)


@require_http_methods(["GET", "POST"])
def member_edit(request: AuthedRequest, member_id: int) -> HttpResponse:
    member = access.access_membership(request.user, member_id, write=True)
    return _member_form(request, member.committee, member)


def _member_form(request: AuthedRequest, committee: Committee, member: Any) -> HttpResponse:
    if request.method == "GET":
        form = MembershipForm(initial=MembershipForm.initial_for(member) if member else None)
        status = 200
    else:
        form = MembershipForm(request.POST)
        if form.is_valid():
            try:
                services.membership_save(
                    actor=request.user, committee=committee, values=form.values(), membership=member
                )
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, gettext("위원 명단을 저장했습니다."))
                if "another" in request.POST and member is None:
                    return redirect("committees:member_add", committee.pk)
                return redirect("committees:detail", committee.pk)
        status = 422
    context = {"form": form, "committee": committee, "member": member, "nav": "committees"}
    return render(request, "committees/member_form.html", context, status=status)


@require_POST
def member_delete(request: AuthedRequest, member_id: int) -> HttpResponse:
    member = access.access_membership(request.user, member_id, write=True)
    try:
        services.membership_remove(actor=request.user, membership=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("%(name)s 위원을 명단에서 뺐습니다.") % {"name": member.name})
    return redirect("committees:detail", member.committee_id)

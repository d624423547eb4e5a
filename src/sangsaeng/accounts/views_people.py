"""사용자 관리: people, departments and invitations of the governments a user manages."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sangsaeng.accounts import services
from sangsaeng.accounts.access import (
    access_invitation,
    access_person,
    can_manage_people,
    managed_organizations,
)
from sangsaeng.accounts.forms_people import AcceptForm, DepartmentForm, HandoverForm, InviteForm
from sangsaeng.accounts.models import Invitation, User
from sangsaeng.lib.http import AuthedRequest
from sangsaeng.orgs.models import Department


def _require_manager(request: AuthedRequest) -> None:
    if not can_manage_people(request.user):
        raise PermissionDenied(_("사용자 관리는 시스템 관리자와 총괄 담당자만 할 수 있습니다."))


def _apply_errors(
    form: InviteForm | DepartmentForm | AcceptForm | HandoverForm, exc: ValidationError
) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_GET
def people(request: AuthedRequest) -> HttpResponse:
    _require_manager(request)
    orgs = list(managed_organizations(request.user).order_by("name"))
    departments = list(
        Department.objects.filter(organization__in=orgs).order_by("organization__name", "name")
    )
    users = list(
        User.objects.filter(organization__in=orgs)
        .select_related("department")
        .prefetch_related("coordinated_plans")
        .order_by("-is_active", "name", "username")
    )
    invitations = list(
        Invitation.objects.filter(organization__in=orgs, accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("organization", "department", "plan", "invited_by")
        .order_by("-created_at")
    )
    by_dept: dict[int | None, list[User]] = defaultdict(list)
    for u in users:
        by_dept[u.department_id].append(u)
    children: dict[int | None, list[Department]] = defaultdict(list)
    for d in departments:
        children[d.parent_id].append(d)

    def tree(org_id: int) -> list[tuple[int, Department, list[User]]]:
        rows: list[tuple[int, Department, list[User]]] = []

        def walk(parent: int | None, depth: int) -> None:
            for d in children[parent]:
                if d.organization_id == org_id:
                    rows.append((depth, d, by_dept[d.pk]))
                    walk(d.pk, depth + 1)

        walk(None, 0)
        return rows

    sections = [
        {
            "org": org,
            "rows": (rows := tree(org.pk)),
            "staffed": [r for r in rows if r[2]],
            "unassigned": [u for u in users if u.organization_id == org.pk and u.department_id is None],
        }
        for org in orgs
    ]
    return render(
        request,
        "accounts/people.html",
        {"nav": "people", "sections": sections, "invitations": invitations, "user_count": len(users)},
    )


@require_http_methods(["GET", "POST"])
def invite_new(request: AuthedRequest) -> HttpResponse:
    _require_manager(request)
    form = InviteForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        accept = request.build_absolute_uri(reverse("accounts:accept", args=["TOKEN"]))
        try:
            services.invite(
                actor=request.user,
                accept_url=accept.replace("TOKEN", "{token}"),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request, _("%(email)s 으로 초대 메일을 보냈습니다.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("accounts:people")
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/invite_form.html", {"nav": "people", "form": form}, status=status)


@require_POST
def invite_revoke(request: AuthedRequest, invitation_id: int) -> HttpResponse:
    _require_manager(request)
    invitation = access_invitation(request.user, invitation_id)
    try:
        services.revoke_invitation(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(email)s 초대를 취소했습니다.") % {"email": invitation.email})
    return redirect("accounts:people")


@login_not_required
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.usable_invitation(token)
    except ValidationError as exc:
        return render(request, "accounts/accept_invalid.html", {"reason": " ".join(exc.messages)}, status=410)
    form = AcceptForm(request.POST or None, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.accept_invitation(
                token=token,
                username=data["username"],
                name=data["name"],
                phone=data["phone"],
                password=data["password1"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                _apply_errors(form, exc)
            else:
                form.add_error("password1", exc)
        else:
            login(request, user, backend="sangsaeng.accounts.backends.AccountBackend")
            messages.success(request, _("가입을 마쳤습니다. 환영합니다."))
            return redirect("web:home")
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/accept.html", {"form": form, "invitation": invitation}, status=status)


@require_http_methods(["GET", "POST"])
def department_new(request: AuthedRequest) -> HttpResponse:
    _require_manager(request)
    form = DepartmentForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dept = services.create_department(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("%(dept)s 부서를 만들었습니다.") % {"dept": dept.name})
            return redirect("accounts:people")
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/department_form.html", {"nav": "people", "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def handover(request: AuthedRequest, person_id: int) -> HttpResponse:
    _require_manager(request)
    leaving = access_person(request.user, person_id)
    form = HandoverForm(request.POST or None, leaving=leaving)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.hand_over(
                actor=request.user,
                leaving=leaving,
                successor=form.cleaned_data["successor"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(leaving)s님의 업무를 %(successor)s님에게 인계하고 계정을 중지했습니다 (%(summary)s).")
                % {
                    "leaving": leaving.display_name,
                    "successor": form.cleaned_data["successor"].display_name,
                    "summary": result,
                },
            )
            return redirect("accounts:people")
    preview = services.handover_preview(leaving=leaving)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "accounts/handover.html",
        {"nav": "people", "form": form, "leaving": leaving, "preview": preview},
        status=status,
    )

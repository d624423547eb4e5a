"""Agreement pages and a government's partners page. Thin: fetch through agreements.access, read
through agreements.selectors, write through agreements.services."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from sangsaeng.agreements import selectors, services
from sangsaeng.agreements.access import (
    access_agreement,
    access_organization,
    can_write_agreement,
    org_scope,
    require_writer,
    visible_agreements,
)
from sangsaeng.agreements.forms import AgreementFilters, AgreementForm
from sangsaeng.agreements.records import EditConflict
from sangsaeng.lib.http import AuthedRequest, stored_file_response
from sangsaeng.orgs.models import Agreement

NAV = "cooperation"


def form_errors(form: Any, exc: ValidationError) -> None:
    """A service's ValidationError shown on the form's fields (or above it)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def base_revision(request: AuthedRequest) -> int:
    try:
        return int(request.POST.get("base_revision", ""))
    except ValueError:
        return -1


@require_GET
def agreement_list(request: AuthedRequest) -> HttpResponse:
    filters = AgreementFilters(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.agreement_list(visible_agreements(request.user), chosen)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    scope = org_scope(request.user)
    context = {
        "page": page,
        "filters": filters,
        "filtered": bool(chosen and any(chosen.values())),
        "can_create": scope.write_all or bool(scope.write),
        "nav": NAV,
        "tab": "agreements",
    }
    return render(request, "agreements/list.html", context)


@require_GET
def agreement_detail(request: AuthedRequest, agreement_id: int) -> HttpResponse:
    agreement = access_agreement(request.user, agreement_id)
    context = {
        "agreement": agreement,
        "parties": agreement.parties.order_by("name"),
        "tasks": selectors.agreement_tasks(request.user, agreement),
        "events": selectors.agreement_events(request.user, agreement)[:100],
        "exchanges": selectors.agreement_exchanges(request.user, agreement)[:100],
        "can_edit": can_write_agreement(request.user, agreement),
        "today": timezone.localdate(),
        "nav": NAV,
        "tab": "agreements",
    }
    return render(request, "agreements/detail.html", context)


def _initial(agreement: Agreement) -> dict[str, Any]:
    fields = {name: getattr(agreement, name) for name in services.FIELDS}
    return fields | {"parties": list(agreement.parties.all())}


@require_http_methods(["GET", "POST"])
def agreement_create(request: AuthedRequest) -> HttpResponse:
    require_writer(request.user)
    return _edit(request, None)


@require_http_methods(["GET", "POST"])
def agreement_edit(request: AuthedRequest, agreement_id: int) -> HttpResponse:
    return _edit(request, access_agreement(request.user, agreement_id, write=True))


def _edit(request: AuthedRequest, agreement: Agreement | None) -> HttpResponse:
    initial = _initial(agreement) if agreement else {"status": Agreement.Status.ACTIVE}
    form = AgreementForm(request.POST or None, request.FILES or None, initial=initial)
    revision = agreement.revision if agreement else 0
    conflict = None
    if request.method == "POST":
        revision = base_revision(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.agreement_save(
                    actor=request.user,
                    agreement=agreement,
                    fields={name: data[name] for name in services.FIELDS},
                    parties=list(data["parties"]),
                    base_revision=revision if agreement else None,
                    document=data.get("document") or None,
                )
            except EditConflict as exc:
                conflict, revision = exc, Agreement.objects.get(pk=agreement.pk).revision if agreement else 0
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(
                    request, gettext("협약 「%(title)s」을(를) 저장했습니다.") % {"title": saved.title}
                )
                return redirect("agreements:detail", saved.pk)
    context = {
        "form": form,
        "agreement": agreement,
        "base_revision": revision,
        "conflict": conflict,
        "title": gettext("협약 수정") if agreement else gettext("협약 등록"),
        "cancel_url": agreement_url(agreement),
        "multipart": True,
        "nav": NAV,
        "tab": "agreements",
    }
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "agreements/form.html", context, status=status)


def agreement_url(agreement: Agreement | None) -> str:
    return reverse("agreements:detail", args=[agreement.pk]) if agreement else reverse("agreements:list")


@require_GET
def agreement_document(request: AuthedRequest, agreement_id: int) -> FileResponse:
    agreement = access_agreement(request.user, agreement_id)
    if not agreement.document:
        raise Http404(gettext("협약서 파일이 없습니다."))
    return stored_file_response(
        agreement.document, filename=agreement.document_name, content_type=agreement.document_type
    )


@require_GET
def my_organization(request: AuthedRequest) -> HttpResponse:
    if request.user.organization_id is None:
        raise Http404(gettext("소속 기관이 없습니다."))
    return redirect("agreements:organization", request.user.organization_id)


@require_GET
def organization_page(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = access_organization(request.user, org_id)
    context = {
        "org": org,
        "partners": selectors.partners_of(request.user, org, timezone.localdate()),
        "nav": NAV,
        "tab": "partners",
    }
    return render(request, "agreements/organization.html", context)

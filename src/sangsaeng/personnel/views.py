"""Personnel exchange pages. Thin: fetch through personnel.access, read through personnel.selectors
(costs from personnel.allowance), write through personnel.services."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from sangsaeng.agreements.access import org_scope, readable_agreement, require_writer, visible_agreements
from sangsaeng.agreements.records import EditConflict, agreement_hidden
from sangsaeng.agreements.views import NAV, base_revision, form_errors
from sangsaeng.lib.http import AuthedRequest
from sangsaeng.lib.i18n import lazy_text as _
from sangsaeng.orgs.models import Organization
from sangsaeng.personnel import selectors, services
from sangsaeng.personnel.access import access_exchange, can_write_exchange, visible_exchanges
from sangsaeng.personnel.allowance import DISPATCH_MAX_YEARS
from sangsaeng.personnel.forms import ExchangeForm, RatesForm
from sangsaeng.personnel.models import AllowanceRate, Exchange


class ExchangeFilters(forms.Form):
    when = forms.ChoiceField(
        choices=[("current", _("진행 중·예정")), ("past", _("지난 교류"))], required=False
    )
    kind = forms.ChoiceField(
        label=_("교류 유형"), choices=[("", _("전체")), *Exchange.Kind.choices], required=False
    )
    org = forms.ModelChoiceField(
        label=_("기관"), queryset=Organization.objects.order_by("name"), required=False, empty_label=_("전체")
    )
    year = forms.IntegerField(label=_("연도"), min_value=1990, max_value=2100, required=False)


@require_GET
def exchange_list(request: AuthedRequest) -> HttpResponse:
    filters = ExchangeFilters(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    today = timezone.localdate()
    rows = selectors.exchange_list(visible_exchanges(request.user), chosen, today)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    scope = org_scope(request.user)
    context = {
        "page": page,
        "rows": selectors.rows_with_cost(page.object_list, selectors.rates(), today),
        "filters": filters,
        "when": chosen.get("when") or "current",
        "can_create": scope.write_all or bool(scope.write),
        "nav": NAV,
        "tab": "personnel",
    }
    return render(request, "personnel/list.html", context)


@require_GET
def exchange_costs(request: AuthedRequest) -> HttpResponse:
    table = selectors.rates()
    context = {
        "years": selectors.costs_by_year(visible_exchanges(request.user), table),
        "rates": AllowanceRate.objects.all(),
        "max_years": DISPATCH_MAX_YEARS,
        "nav": NAV,
        "tab": "costs",
    }
    return render(request, "personnel/costs.html", context)


@require_GET
def exchange_detail(request: AuthedRequest, exchange_id: int) -> HttpResponse:
    exchange = access_exchange(request.user, exchange_id)
    table = selectors.rates()
    today = timezone.localdate()
    row = selectors.rows_with_cost([exchange], table, today)[0]
    context = {
        "exchange": exchange,
        "row": row,
        "months": selectors.months_of(exchange, table),
        # Only an agreement this user may read is named.
        "agreement": readable_agreement(request.user, exchange.agreement_id),
        "status_label": selectors.STATUS_LABELS[row.status],
        "can_edit": can_write_exchange(request.user, exchange),
        "nav": NAV,
        "tab": "personnel",
    }
    return render(request, "personnel/detail.html", context)


@require_http_methods(["GET", "POST"])
def exchange_create(request: AuthedRequest) -> HttpResponse:
    require_writer(request.user)
    return _edit(request, None)


@require_http_methods(["GET", "POST"])
def exchange_edit(request: AuthedRequest, exchange_id: int) -> HttpResponse:
    return _edit(request, access_exchange(request.user, exchange_id, write=True))


def _edit(request: AuthedRequest, exchange: Exchange | None) -> HttpResponse:
    initial: dict[str, Any] = (
        {name: getattr(exchange, name) for name in services.FIELDS}
        if exchange
        else {"kind": Exchange.Kind.SWAP}
    )
    form = ExchangeForm(
        request.POST or None,
        initial=initial,
        agreements=visible_agreements(request.user),
        hidden_agreement=exchange is not None and agreement_hidden(request.user, exchange.agreement_id),
    )
    revision = exchange.revision if exchange else 0
    conflict = None
    if request.method == "POST":
        revision = base_revision(request)
        if form.is_valid():
            try:
                saved = services.exchange_save(
                    actor=request.user,
                    exchange=exchange,
                    data={name: form.cleaned_data[name] for name in services.FIELDS},
                    base_revision=revision if exchange else None,
                )
            except EditConflict as exc:
                conflict = exc
                revision = Exchange.objects.get(pk=exchange.pk).revision if exchange else 0
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, gettext("인사교류 기록을 저장했습니다."))
                return redirect("personnel:detail", saved.pk)
    context = {
        "form": form,
        "base_revision": revision,
        "conflict": conflict,
        "title": gettext("인사교류 수정") if exchange else gettext("인사교류 등록"),
        "cancel_url": reverse("personnel:detail", args=[exchange.pk])
        if exchange
        else reverse("personnel:list"),
        "nav": NAV,
        "tab": "personnel",
    }
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "agreements/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def rates_edit(request: AuthedRequest) -> HttpResponse:
    """The allowance table, for administrators; every change is audited and costs follow at once."""
    if not request.user.is_superuser:
        raise PermissionDenied(gettext("교류수당 기준은 시스템 관리자만 바꿀 수 있습니다."))
    rates = list(AllowanceRate.objects.all())
    form = RatesForm(request.POST or None, rates=rates)
    revision = services.table_revision(rates)
    conflict = None
    if request.method == "POST":
        revision = base_revision(request)
        if form.is_valid():
            try:
                services.rates_save(
                    actor=request.user, amounts=form.amounts(), new=form.new_row(), base_revision=revision
                )
            except EditConflict as exc:
                conflict, revision = exc, services.table_revision(AllowanceRate.objects.all())
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, gettext("교류수당 기준을 저장했습니다."))
                return redirect("personnel:costs")
    context = {
        "form": form,
        "base_revision": revision,
        "conflict": conflict,
        "title": gettext("교류수당 기준 변경"),
        "cancel_url": reverse("personnel:costs"),
        "nav": NAV,
        "tab": "costs",
    }
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "agreements/form.html", context, status=status)

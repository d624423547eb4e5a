"""Event pages and an indicator's event feed. Thin: fetch through events.access, read through
events.selectors, write through events.services (which recomputes the fed indicators)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sangsaeng.agreements.access import org_scope, readable_agreement, require_writer, visible_agreements
from sangsaeng.agreements.records import EditConflict, agreement_hidden
from sangsaeng.agreements.views import NAV, base_revision, form_errors
from sangsaeng.events import selectors, services
from sangsaeng.events.access import access_event, access_indicator, can_write_event, visible_events
from sangsaeng.events.feeds import feed_events, feed_values
from sangsaeng.events.forms import EventForm, FeedForm
from sangsaeng.events.models import Event, IndicatorFeed
from sangsaeng.lib.http import AuthedRequest
from sangsaeng.lib.i18n import lazy_text as _
from sangsaeng.orgs.models import Agreement, Organization


class EventFilters(forms.Form):
    kind = forms.ChoiceField(
        label=_("행사 유형"), choices=[("", _("전체")), *Event.Kind.choices], required=False
    )
    year = forms.IntegerField(label=_("연도"), min_value=1990, max_value=2100, required=False)
    org = forms.ModelChoiceField(
        label=_("주최 기관"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        empty_label=_("전체"),
    )
    agreement = forms.ModelChoiceField(
        label=_("협약"), queryset=Agreement.objects.none(), required=False, empty_label=_("전체")
    )

    def __init__(self, *args: Any, agreements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the agreements the user may read: their titles are not everyone's to see.
        self.fields["agreement"].queryset = agreements  # type: ignore[attr-defined]


@require_GET
def event_list(request: AuthedRequest) -> HttpResponse:
    filters = EventFilters(request.GET or None, agreements=visible_agreements(request.user))
    chosen = filters.cleaned_data if filters.is_valid() else {}
    events = selectors.event_list(
        visible_events(request.user), chosen, agreements=visible_agreements(request.user)
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    scope = org_scope(request.user)
    context = {
        "page": page,
        "filters": filters,
        "totals": selectors.totals(events),
        "can_create": scope.write_all or bool(scope.write),
        "nav": NAV,
        "tab": "events",
    }
    return render(request, "events/list.html", context)


@require_GET
def event_detail(request: AuthedRequest, event_id: int) -> HttpResponse:
    event = access_event(request.user, event_id)
    context = {
        "event": event,
        "organizers": event.organizers.order_by("name"),
        # Only an agreement this user may read is named; the event's tasks likewise.
        "agreement": readable_agreement(request.user, event.agreement_id),
        "tasks": selectors.event_tasks(request.user, event),
        "can_edit": can_write_event(request.user, event),
        "nav": NAV,
        "tab": "events",
    }
    return render(request, "events/detail.html", context)


@require_http_methods(["GET", "POST"])
def event_create(request: AuthedRequest) -> HttpResponse:
    require_writer(request.user)
    return _edit(request, None)


@require_http_methods(["GET", "POST"])
def event_edit(request: AuthedRequest, event_id: int) -> HttpResponse:
    return _edit(request, access_event(request.user, event_id, write=True))


def _edit(request: AuthedRequest, event: Event | None) -> HttpResponse:
    initial: dict[str, Any] = {"kind": Event.Kind.VISIT, "participants": 0}
    if event:
        initial = {name: getattr(event, name) for name in services.FIELDS} | {
            "organizers": list(event.organizers.all()),
            "tasks": list(event.tasks.all()),
        }
    else:
        # Opened from an agreement or a card: start with it linked.
        if request.GET.get("task", "").isdigit():
            initial["tasks"] = [int(request.GET["task"])]
        if request.GET.get("agreement", "").isdigit():
            initial["agreement"] = int(request.GET["agreement"])
    form = EventForm(
        request.POST or None,
        initial=initial,
        agreements=visible_agreements(request.user),
        tasks=selectors.task_choices(request.user),
        hidden_agreement=event is not None and agreement_hidden(request.user, event.agreement_id),
    )
    revision = event.revision if event else 0
    conflict = None
    if request.method == "POST":
        revision = base_revision(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.event_save(
                    actor=request.user,
                    event=event,
                    data={name: data[name] for name in services.FIELDS},
                    organizers=list(data["organizers"]),
                    tasks=list(data["tasks"]),
                    base_revision=revision if event else None,
                )
            except EditConflict as exc:
                conflict = exc
                revision = Event.objects.get(pk=event.pk).revision if event else 0
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(
                    request, gettext("교류행사 「%(title)s」을(를) 저장했습니다.") % {"title": saved.title}
                )
                return redirect("events:detail", saved.pk)
    context = {
        "form": form,
        "base_revision": revision,
        "conflict": conflict,
        "title": gettext("교류행사 수정") if event else gettext("교류행사 등록"),
        "cancel_url": reverse("events:detail", args=[event.pk]) if event else reverse("events:list"),
        "nav": NAV,
        "tab": "events",
    }
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "agreements/form.html", context, status=status)


@require_POST
def event_delete(request: AuthedRequest, event_id: int) -> HttpResponse:
    event = access_event(request.user, event_id, write=True)
    services.event_delete(actor=request.user, event=event)
    messages.success(request, gettext("교류행사 「%(title)s」을(를) 삭제했습니다.") % {"title": event.title})
    return redirect("events:list")


@require_http_methods(["GET", "POST"])
def feed(request: AuthedRequest, indicator_id: int) -> HttpResponse:
    """Set how an indicator is fed by events; its actuals are recomputed at once."""
    indicator = access_indicator(request.user, indicator_id)
    current = IndicatorFeed.objects.filter(indicator=indicator).first()
    initial = (
        {"measure": current.measure, "kinds": current.kinds, "agreement": current.agreement_id}
        if current
        else {
            "measure": IndicatorFeed.Measure.COUNT,
            "kinds": [Event.Kind.VISIT],
            "agreement": None,
        }
    )
    form = FeedForm(
        request.POST or None,
        initial=initial,
        agreements=visible_agreements(request.user),
        hidden_agreement=current is not None and agreement_hidden(request.user, current.agreement_id),
    )
    revision = current.revision if current else 0
    conflict = None
    if request.method == "POST":
        revision = base_revision(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.feed_save(
                    actor=request.user,
                    indicator=indicator,
                    measure=data["measure"],
                    kinds=list(data["kinds"]),
                    agreement=data["agreement"],
                    base_revision=revision,
                )
            except EditConflict as exc:
                conflict = exc
                current = IndicatorFeed.objects.filter(indicator=indicator).first()
                revision = current.revision if current else 0
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("「%(name)s」의 실적을 교류행사에서 집계합니다.") % {"name": indicator.name},
                )
                return redirect(reverse("plans:task", args=[indicator.task_id]) + "#part-indicators")
    # The count takes every event; the list shows only those this user may read.
    shown = feed_events(current).filter(pk__in=visible_events(request.user).values("pk")) if current else None
    counted = list(shown.order_by("-start")[:50]) if shown is not None else []
    context = {
        "indicator": indicator,
        "task": indicator.task,
        "plan": indicator.task.plan,
        "feed": current,
        "form": form,
        "values": sorted(feed_values(current).items()) if current else [],
        "counted": counted,
        "base_revision": revision,
        "conflict": conflict,
        "nav": "plans",
    }
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "events/feed.html", context, status=status)


@require_POST
def feed_delete(request: AuthedRequest, indicator_id: int) -> HttpResponse:
    indicator = access_indicator(request.user, indicator_id)
    current = IndicatorFeed.objects.filter(indicator=indicator).first()
    if current is not None:
        services.feed_delete(actor=request.user, feed=current)
        messages.success(
            request, gettext("교류행사 연동을 해제했습니다. 실적을 다시 직접 입력할 수 있습니다.")
        )
    return redirect(reverse("plans:task", args=[indicator.task_id]) + "#part-indicators")

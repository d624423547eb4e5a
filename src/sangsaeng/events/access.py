"""The only way views fetch events and indicator feeds. Events are read by users of an organising
government (and those who coordinate a plan of one), auditors and administrators; written by those
coordinators and administrators (the rule of sangsaeng.agreements.access). Anyone else gets 404.
An indicator's feed belongs to its card: whoever may edit the card sets it."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext

from sangsaeng.accounts.models import User
from sangsaeng.agreements.access import org_scope
from sangsaeng.events.models import Event
from sangsaeng.plans.access import access_task
from sangsaeng.plans.models import Indicator


def visible_events(user: User) -> QuerySet[Event]:
    scope = org_scope(user)
    if scope.read_all:
        return Event.objects.all()
    organisers = Event.organizers.through.objects.filter(organization_id__in=scope.read)
    return Event.objects.filter(pk__in=organisers.values("event_id"))


def organizer_ids(event: Event) -> set[int]:
    return set(event.organizers.values_list("pk", flat=True))


def can_write_event(user: User, event: Event) -> bool:
    return org_scope(user).writes(organizer_ids(event))


def access_event(user: User, event_id: int, *, write: bool = False) -> Event:
    event = visible_events(user).select_related("agreement").filter(pk=event_id).first()
    if event is None:
        raise Http404(gettext("교류행사를 찾을 수 없습니다."))
    if write and not can_write_event(user, event):
        raise PermissionDenied(
            gettext("이 교류행사를 수정할 권한이 없습니다. 주최 기관의 총괄 담당자에게 요청하세요.")
        )
    return event


def access_indicator(user: User, indicator_id: int) -> Indicator:
    """An indicator whose feed the user may set: they may edit its card."""
    indicator = Indicator.objects.filter(pk=indicator_id).only("pk", "task_id").first()
    if indicator is None:
        raise Http404(gettext("확인지표를 찾을 수 없습니다."))
    access_task(user, indicator.task_id, write=True)
    return Indicator.objects.select_related("task__plan").get(pk=indicator.pk)

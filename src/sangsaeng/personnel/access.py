"""The only way views fetch personnel exchanges. Read by users of the home or host government (and
those who coordinate a plan of either), auditors and administrators; written by those coordinators
and administrators (the rule of sangsaeng.agreements.access). Anyone else gets 404."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from sangsaeng.accounts.models import User
from sangsaeng.agreements.access import org_scope
from sangsaeng.personnel.models import Exchange


def visible_exchanges(user: User) -> QuerySet[Exchange]:
    scope = org_scope(user)
    if scope.read_all:
        return Exchange.objects.all()
    return Exchange.objects.filter(Q(home_org__in=scope.read) | Q(host_org__in=scope.read))


def can_write_exchange(user: User, exchange: Exchange) -> bool:
    return org_scope(user).writes({exchange.home_org_id, exchange.host_org_id})


def access_exchange(user: User, exchange_id: int, *, write: bool = False) -> Exchange:
    exchange = (
        visible_exchanges(user)
        .select_related("home_org", "host_org", "home_department", "host_department", "agreement")
        .filter(pk=exchange_id)
        .first()
    )
    if exchange is None:
        raise Http404(gettext("인사교류 기록을 찾을 수 없습니다."))
    if write and not can_write_exchange(user, exchange):
        raise PermissionDenied(gettext("이 인사교류 기록을 수정할 권한이 없습니다."))
    return exchange

"""The authentication backend: Django's, with what every page's header needs read with the user.

The header shows the user's department, the notices bell and (for coordinators) the people menu; read
separately they cost three queries on every page. Here they come with the session's user, in one.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from sangsaeng.accounts.models import User


def users_with_header() -> QuerySet[User]:
    from sangsaeng.notices.models import Notice
    from sangsaeng.plans.models import Plan

    unread = (
        Notice.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    coordinates = Plan.coordinators.through.objects.filter(user=OuterRef("pk"))
    return User.objects.select_related("department", "organization").annotate(
        header_unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
        header_coordinates=Exists(coordinates),
    )


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = users_with_header().filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

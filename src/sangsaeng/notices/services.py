"""Writing notices. Callers run these inside the transaction of the event they announce."""

from django.db import transaction
from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.audit.services import log_event
from sangsaeng.notices.models import Notice


def notice_create(*, user: User, kind: str, title: str, url: str = "", body: str = "") -> Notice:
    if url and not url.startswith("/"):
        # Notices only ever point inside the app; an absolute URL here is a bug, not a feature.
        raise ValueError("notice urls are paths inside the app")
    return Notice.objects.create(user=user, kind=kind, title=title[:200], url=url, body=body)


def notice_mark_read(*, notice: Notice) -> None:
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])


def notices_mark_all_read(*, user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


@transaction.atomic
def notice_settings_update(*, user: User, email_notices: bool) -> None:
    if user.email_notices == email_notices:
        return
    user.email_notices = email_notices
    user.save(update_fields=["email_notices"])
    log_event(
        actor=user,
        action="user.notice_settings",
        summary="알림 메일 받기" if email_notices else "알림 메일 받지 않기",
    )

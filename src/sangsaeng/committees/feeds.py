"""Calendar-feed addresses: calendar clients subscribe without logging in, so the address carries a
secret. The secret is an HMAC of a per-user nonce (CalendarFeedKey): the database alone does not yield
usable addresses, and resetting the nonce retires every address the user gave out."""

import secrets

from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from sangsaeng.accounts.models import User
from sangsaeng.audit.services import log_event
from sangsaeng.committees.models import CalendarFeedKey

_SALT = "sangsaeng.committees.feeds"


def _digest(user_id: int, nonce: str) -> str:
    return salted_hmac(_SALT, f"{user_id}:{nonce}", algorithm="sha256").hexdigest()[:40]


def feed_token(user: User) -> str:
    """The user's feed secret, created on first use."""
    key, _ = CalendarFeedKey.objects.get_or_create(user=user, defaults={"nonce": secrets.token_hex(16)})
    return f"{user.pk}-{_digest(user.pk, key.nonce)}"


def user_for_token(token: str) -> User | None:
    """The active user whose feed secret this is; None for anything else (the view answers 404)."""
    user_id, _, digest = token.partition("-")
    if not user_id.isdigit() or not digest:
        return None
    key = CalendarFeedKey.objects.select_related("user").filter(user_id=int(user_id)).first()
    if key is None or not key.user.is_active:
        return None
    if not constant_time_compare(digest, _digest(key.user_id, key.nonce)):
        return None
    return key.user


def feed_token_reset(*, user: User) -> str:
    with transaction.atomic():
        CalendarFeedKey.objects.update_or_create(user=user, defaults={"nonce": secrets.token_hex(16)})
        log_event(actor=user, action="committee.feed_reset", summary="일정 구독 주소 재발급")
    return feed_token(user)

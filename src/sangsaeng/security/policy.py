"""Who must use a second factor, and until when they may postpone enrolling.

Required: system administrators (is_superuser) and plan coordinators (총괄 담당자), who can change
every card of a plan. Optional for everyone else.

Grace: a required coordinator without a device may postpone for SECURITY_2FA_GRACE_DAYS from the
first login at which the requirement was found (reminded on each login); after that every page but
enrolment is closed to them. Administrators get no grace. An explicit SecondFactorGrace row (the demo
loader gives the demo accounts one) sets another date.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.security.models import SecondFactorGrace, TotpDevice


def second_factor_required(user: User) -> bool:
    return bool(user.is_superuser) or user.coordinated_plans.exists()


def has_device(user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def enrolment_deadline(user: User) -> dt.datetime | None:
    """Until when `user` (required, without a device) may postpone; None: not at all. Starts the
    grace period on first call."""
    if user.is_superuser:
        return None
    grace = SecondFactorGrace.objects.filter(user=user).first()
    if grace is not None:
        return grace.until
    days: int = settings.SECURITY_2FA_GRACE_DAYS
    if days <= 0:
        return None
    grace, _ = SecondFactorGrace.objects.get_or_create(
        user=user, defaults={"until": timezone.now() + dt.timedelta(days=days)}
    )
    return grace.until

"""Every change to how a user signs in, each in one transaction with its audit row (actor and address).

Audit summaries are a record, written in Korean whatever language the screen speaks.
"""

import datetime as dt
import hashlib
import secrets
from importlib import import_module

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sangsaeng.accounts.models import User
from sangsaeng.audit.services import log_event
from sangsaeng.security import totp
from sangsaeng.security.models import LoginFailure, RecoveryCode, SecondFactorGrace, TotpDevice, UserSession
from sangsaeng.security.net import describe_user_agent
from sangsaeng.security.policy import second_factor_required
from sangsaeng.security.throttle import KEEP

RECOVERY_CODES = 10
# No 0/O, 1/I: the codes are read from paper. 32 symbols, 12 of them: 60 random bits per code.
RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RECOVERY_LENGTH = 12
# An enrolment page left open this long starts again with a new secret.
PENDING_DEVICE_LIFETIME = dt.timedelta(hours=1)


# ---------------------------------------------------------------- sessions


def _store_delete(session_key: str) -> None:
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore(session_key=session_key).delete()


def _active_since() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.SECURITY_IDLE_TIMEOUT + 60)


@transaction.atomic
def session_started(
    *, user: User, session_key: str, address: str | None, user_agent: str, method: str
) -> UserSession:
    # Sessions that can no longer be used are forgotten here, so the list never grows without bound.
    stale = UserSession.objects.filter(user=user, last_seen__lt=_active_since())
    for key in stale.values_list("session_key", flat=True):
        _store_delete(key)
    stale.delete()
    row, _created = UserSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "address": address,
            "user_agent": user_agent[:300],
            "created_at": timezone.now(),
            "last_seen": timezone.now(),
        },
    )
    log_event(
        actor=user,
        action="login",
        summary=f"로그인 ({method}, {describe_user_agent(user_agent) or '알 수 없는 브라우저'})",
        address=address,
    )
    return row


@transaction.atomic
def session_ended(*, user: User, session_key: str | None, address: str | None, reason: str) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()
    log_event(actor=user, action="logout", summary=f"로그아웃 ({reason})", address=address)


def session_seen(*, user: User, session_key: str, address: str | None, user_agent: str) -> None:
    """Called at most once a minute per session; recreates a row that a key change left behind."""
    updated = UserSession.objects.filter(session_key=session_key, user=user).update(
        last_seen=timezone.now(), address=address
    )
    if not updated:
        UserSession.objects.get_or_create(
            session_key=session_key,
            defaults={"user": user, "address": address, "user_agent": user_agent[:300]},
        )


def session_key_changed(*, user: User, old_key: str | None, new_key: str) -> None:
    if old_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key, user=user).update(session_key=new_key)


def active_sessions(user: User) -> list[UserSession]:
    return list(UserSession.objects.filter(user=user, last_seen__gte=_active_since()).order_by("-last_seen"))


@transaction.atomic
def end_session(*, user: User, session_id: int, current_key: str | None, address: str | None) -> UserSession:
    """Sign out one other session of `user`; raises UserSession.DoesNotExist for anyone else's."""
    row = (
        UserSession.objects.select_for_update()
        .exclude(session_key=current_key or "")
        .get(pk=session_id, user=user)
    )
    _store_delete(row.session_key)
    row.delete()
    log_event(
        actor=user,
        action="session_end",
        summary=f"다른 세션 로그아웃: {describe_user_agent(row.user_agent) or '알 수 없는 브라우저'}, "
        f"{row.address or '주소 없음'}",
        address=address,
    )
    return row


@transaction.atomic
def end_other_sessions(*, user: User, current_key: str | None, address: str | None, reason: str) -> int:
    others = UserSession.objects.filter(user=user).exclude(session_key=current_key or "")
    keys = list(others.values_list("session_key", flat=True))
    for key in keys:
        _store_delete(key)
    others.delete()
    if keys:
        log_event(
            actor=user,
            action="session_end_others",
            summary=f"다른 세션 {len(keys)}개 로그아웃 ({reason})",
            address=address,
        )
    return len(keys)


# ---------------------------------------------------------------- account


@transaction.atomic
def update_profile(*, user: User, name: str, phone: str, address: str | None) -> None:
    changes = [
        {"field": field, "before": getattr(user, field), "after": value}
        for field, value in (("name", name), ("phone", phone))
        if getattr(user, field) != value
    ]
    if not changes:
        return
    user.name, user.phone = name, phone
    user.full_clean(validate_unique=False)
    user.save(update_fields=["name", "phone"])
    log_event(actor=user, action="profile_change", summary="내 정보 변경", changes=changes, address=address)


@transaction.atomic
def change_email(*, user: User, email: str, address: str | None) -> None:
    email = email.strip()
    if User.objects.filter(email__iexact=email, is_active=True).exclude(pk=user.pk).exists():
        raise ValidationError({"email": _("이 이메일을 쓰는 다른 사용자가 있습니다.")})
    before = user.email
    user.email = email
    user.full_clean(validate_unique=False)
    user.save(update_fields=["email"])
    log_event(
        actor=user,
        action="email_change",
        summary=f"이메일 변경: {before or '(없음)'} → {email}",
        changes=[{"field": "email", "before": before, "after": email}],
        address=address,
    )


@transaction.atomic
def password_changed(*, user: User, current_key: str | None, address: str | None) -> int:
    """After a password change every other session ends: someone may have known the old one."""
    log_event(actor=user, action="password_change", summary="비밀번호 변경", address=address)
    return end_other_sessions(user=user, current_key=current_key, address=address, reason="비밀번호 변경")


# ---------------------------------------------------------------- second factor


def confirmed_device(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


@transaction.atomic
def pending_device(*, user: User) -> TotpDevice:
    """The device being enrolled: the same secret while the page is reloaded, a new one after an hour."""
    fresh_since = timezone.now() - PENDING_DEVICE_LIFETIME
    TotpDevice.objects.filter(user=user, confirmed_at__isnull=True, created_at__lt=fresh_since).delete()
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=True).order_by("-created_at").first()
    if device is None:
        device = TotpDevice.objects.create(user=user, secret=totp.new_secret())
    return device


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def format_recovery_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _new_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODES)
    ]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash_code(c)) for c in codes)
    return [format_recovery_code(c) for c in codes]


@transaction.atomic
def confirm_device(*, user: User, code: str, address: str | None) -> list[str]:
    """Confirm the pending device with a code from it; it replaces any earlier device. Returns the new
    recovery codes (shown once). Raises ValidationError for a wrong code."""
    device = (
        TotpDevice.objects.select_for_update()
        .filter(user=user, confirmed_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if device is None:
        raise ValidationError(_("설정이 만료되었습니다. 처음부터 다시 설정하세요."))
    step = totp.verify(device.secret, code)
    if step is None:
        raise ValidationError(
            {"code": _("인증 코드가 맞지 않습니다. 앱에 지금 표시된 6자리 숫자를 입력하세요.")}
        )
    replaced = TotpDevice.objects.filter(user=user).exclude(pk=device.pk)
    had_device = replaced.filter(confirmed_at__isnull=False).exists()
    replaced.delete()
    device.confirmed_at = timezone.now()
    device.last_step = step
    device.save(update_fields=["confirmed_at", "last_step"])
    SecondFactorGrace.objects.filter(user=user).delete()
    codes = _new_recovery_codes(user)
    log_event(
        actor=user,
        action="2fa_enrol",
        summary="2단계 인증 재설정 (새 인증 앱)" if had_device else "2단계 인증 설정",
        address=address,
    )
    return codes


@transaction.atomic
def regenerate_recovery_codes(*, user: User, address: str | None) -> list[str]:
    if confirmed_device(user) is None:
        raise ValidationError(_("2단계 인증을 먼저 설정하세요."))
    codes = _new_recovery_codes(user)
    log_event(actor=user, action="2fa_recovery_codes", summary="복구 코드 다시 만들기", address=address)
    return codes


@transaction.atomic
def disable_second_factor(*, user: User, actor: User | None, address: str | None) -> None:
    """Remove the user's device and recovery codes. The user may not do it to themselves when a second
    factor is required of them (an administrator may, with the management command, for a lost phone)."""
    if actor == user and second_factor_required(user):
        raise ValidationError(
            _("총괄 담당자와 시스템 관리자는 2단계 인증을 끌 수 없습니다. 재설정만 할 수 있습니다.")
        )
    TotpDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    who = "" if actor == user else f" ({user.username}, 관리자 초기화)"
    log_event(actor=actor, action="2fa_disable", summary=f"2단계 인증 해제{who}", address=address)


def unused_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


@transaction.atomic
def check_second_factor(*, user: User, code: str, address: str | None) -> str | None:
    """'totp' or 'recovery' when `code` passes (a recovery code is used up), None otherwise."""
    device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return None
    digits = totp.normalise(code)
    if len(digits) == totp.DIGITS and digits.isdigit():
        step = totp.verify(device.secret, digits, after_step=device.last_step)
        if step is None:
            return None
        device.last_step = step
        device.save(update_fields=["last_step"])
        return "totp"
    normalised = normalise_recovery_code(code)
    if len(normalised) != RECOVERY_LENGTH:
        return None
    used = RecoveryCode.objects.filter(
        user=user, code_hash=_hash_code(normalised), used_at__isnull=True
    ).update(used_at=timezone.now())
    if not used:
        return None
    left = unused_recovery_codes(user)
    log_event(
        actor=user, action="2fa_recovery_use", summary=f"복구 코드 사용 (남은 코드 {left}개)", address=address
    )
    return "recovery"


def cleanup() -> dict[str, int]:
    """Old throttle rows, sessions that can no longer be used, enrolments never finished."""
    failures, _ = LoginFailure.objects.filter(at__lt=timezone.now() - KEEP).delete()
    stale = UserSession.objects.filter(last_seen__lt=_active_since())
    keys = list(stale.values_list("session_key", flat=True))
    for key in keys:
        _store_delete(key)
    stale.delete()
    devices, _ = TotpDevice.objects.filter(
        confirmed_at__isnull=True, created_at__lt=timezone.now() - PENDING_DEVICE_LIFETIME
    ).delete()
    return {"failures": failures, "sessions": len(keys), "devices": devices}


@transaction.atomic
def grant_grace(*, user: User, until: dt.datetime, actor: User | None) -> None:
    """Let a required user postpone enrolling until `until` (the demo accounts; a rollout)."""
    SecondFactorGrace.objects.update_or_create(user=user, defaults={"until": until})
    log_event(
        actor=actor,
        action="2fa_grace",
        summary=f"2단계 인증 설정 유예: {user.username}, {timezone.localtime(until):%Y-%m-%d}까지",
    )

"""What authentication needs to remember between requests and across app processes.

Everything lives in the database (not in a process's memory), so several gunicorn workers agree on
throttles, devices and sessions.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FailureKind(models.TextChoices):
    PASSWORD = "password", _("비밀번호")
    CODE = "code", _("인증 코드")


class LoginFailure(models.Model):
    """One failed attempt: a wrong password (login or re-authentication) or a wrong second-factor code.

    Throttles are computed from these rows (sangsaeng.security.throttle); rows older than a day are
    deleted as new ones arrive.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=10, choices=FailureKind.choices)
    # Normalised as typed, whether or not such an account exists (so unknown names are throttled too).
    username = models.CharField(max_length=150, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    address = models.GenericIPAddressField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["username", "at"]),
            models.Index(fields=["address", "at"]),
            models.Index(fields=["user", "kind", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.kind} {self.username} {self.address}"


class TotpDevice(models.Model):
    """An authenticator app (RFC 6238). Unconfirmed until the user has typed one code from it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_devices")
    secret = models.CharField(max_length=64)  # base32, as the authenticator app holds it
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The newest time step accepted: a code is good once, so an overheard code cannot be replayed.
    last_step = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(confirmed_at__isnull=False), name="one_confirmed_device"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({'confirmed' if self.confirmed_at else 'pending'})"


class RecoveryCode(models.Model):
    """A one-time code for when the authenticator is lost. Only its SHA-256 is stored: the codes are
    random with 60 bits each, so a slow password hash would add nothing but a slow login."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "code_hash"])]

    def __str__(self) -> str:
        return f"{self.user} {'used' if self.used_at else 'unused'}"


class SecondFactorGrace(models.Model):
    """Until when a user who must use a second factor may still postpone enrolling."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user} until {self.until:%Y-%m-%d}"


class UserSession(models.Model):
    """A logged-in browser, so a user can see where they are logged in and end those sessions."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)
    address = models.GenericIPAddressField(null=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "last_seen"])]

    def __str__(self) -> str:
        return f"{self.user} {self.address} {self.last_seen:%Y-%m-%d %H:%M}"

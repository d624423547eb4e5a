import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a user is, across plans. Coordinating a plan is granted per plan (Plan.coordinators);
    system administrators are `is_superuser`."""

    OFFICER = "officer", _("부서 담당자")
    PARTNER = "partner", _("협력기관 열람자")
    COMMITTEE = "committee", _("위원")
    AUDITOR = "auditor", _("감사 담당자")


class User(AbstractUser):
    """An official: belongs to a government and, usually, a department."""

    name = models.CharField(_("성명"), max_length=50, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("소속 기관"), null=True, blank=True, on_delete=models.PROTECT
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name=_("소속 부서"), null=True, blank=True, on_delete=models.PROTECT
    )
    phone = models.CharField(_("연락처"), max_length=30, blank=True)
    kind = models.CharField(_("역할"), max_length=12, choices=Kind.choices, default=Kind.OFFICER)
    # In-app notices always arrive; this chooses whether they are also e-mailed.
    email_notices = models.BooleanField(_("알림을 메일로도 받기"), default=True)
    # Committee members read the plans (and later the meeting papers) of their committees.
    committee_plans = models.ManyToManyField(
        "plans.Plan", verbose_name=_("위원으로 참여하는 계획"), related_name="committee_members", blank=True
    )

    def __str__(self) -> str:
        return self.name or self.username

    @property
    def display_name(self) -> str:
        return self.name or self.username

    @cached_property
    def manages_people(self) -> bool:
        """Administrators and coordinators invite officers and manage departments (menu 사용자 관리)."""
        if self.is_superuser:
            return True
        # Read with the session's user by accounts.backends, when it was.
        known = getattr(self, "header_coordinates", None)
        return bool(known) if known is not None else self.coordinated_plans.exists()

    @property
    def is_auditor(self) -> bool:
        return self.kind == Kind.AUDITOR

    @property
    def reads_only(self) -> bool:
        """Auditors, committee members and partner viewers write nothing (unless granted a plan)."""
        return self.kind != Kind.OFFICER


class InviteRole(models.TextChoices):
    OFFICER = "officer", _("부서 담당자")
    COORDINATOR = "coordinator", _("총괄 담당자")
    PARTNER = "partner", _("협력기관 열람자")
    COMMITTEE = "committee", _("위원")
    AUDITOR = "auditor", _("감사 담당자")


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A one-time link, sent by e-mail, that lets a new official create their account."""

    email = models.EmailField(_("이메일"))
    name = models.CharField(_("성명"), max_length=50, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("소속 기관"), on_delete=models.PROTECT
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name=_("소속 부서"), null=True, blank=True, on_delete=models.PROTECT
    )
    role = models.CharField(_("역할"), max_length=12, choices=InviteRole.choices, default=InviteRole.OFFICER)
    # The plan a coordinator will coordinate, or a committee member will read.
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("계획"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Only the hash is stored: a leaked database does not yield usable links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("만료"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("초대")

    def __str__(self) -> str:
        return self.email

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, _hash_token(token)

    @classmethod
    def by_token(cls, token: str) -> "Invitation | None":
        return cls.objects.filter(token_hash=_hash_token(token)).first()

    @staticmethod
    def lifetime() -> timedelta:
        return timedelta(days=getattr(settings, "INVITATION_DAYS", 7))

    @property
    def state(self) -> str:
        if self.accepted_at:
            return str(_("가입 완료"))
        if self.revoked_at:
            return str(_("취소"))
        if self.expires_at <= timezone.now():
            return str(_("만료"))
        return str(_("대기"))

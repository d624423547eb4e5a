from django.db import models
from django.utils.translation import pgettext_lazy

from sangsaeng.lib.i18n import lazy_text as _


class Organization(models.Model):
    """A government (광역/기초 지자체) or a public body."""

    class Kind(models.TextChoices):
        METROPOLITAN = "metro", _("광역자치단체")
        LOCAL = "local", _("기초자치단체")
        PUBLIC_BODY = "public", _("공공기관")

    name = models.CharField(_("기관명"), max_length=100, unique=True)
    short_name = models.CharField(_("약칭"), max_length=20)
    kind = models.CharField(_("구분"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 기관"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("기관")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """실·국 → 과 → 팀, nested inside one organization."""

    class Level(models.TextChoices):
        BUREAU = "bureau", _("실·국")
        DIVISION = "division", _("과")
        TEAM = "team", _("팀")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="departments")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("부서명"), max_length=100)
    level = models.CharField(
        pgettext_lazy("department level", "단위"),
        max_length=10,
        choices=Level.choices,
        default=Level.DIVISION,
    )

    class Meta:
        ordering = ["organization__name", "name"]
        verbose_name = _("부서")
        constraints = [
            models.UniqueConstraint(fields=["organization", "parent", "name"], name="department_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.organization.short_name} {self.name}"


def agreement_document_path(instance: "Agreement", filename: str) -> str:
    # The stored name is random; the user's file name is kept in document_name.
    return f"agreements/{instance.document_token}"


class Agreement(models.Model):
    """협약: an agreement between two or more governments that tasks, events and exchanges are carried
    out under. Written through sangsaeng.agreements.services; `revision` detects concurrent edits."""

    class Kind(models.TextChoices):
        MOU = "mou", _("업무협약")
        FRIENDSHIP = "friendship", _("우호교류협약")
        SISTER = "sister", _("자매결연")
        ALLIANCE = "alliance", _("동맹")

    class Status(models.TextChoices):
        PLANNED = "planned", _("체결 예정")
        ACTIVE = "active", _("유효")
        SUSPENDED = "suspended", _("중단")
        ENDED = "ended", _("종료")

    title = models.CharField(_("협약명"), max_length=200)
    kind = models.CharField(_("종류"), max_length=20, choices=Kind.choices)
    parties = models.ManyToManyField(Organization, verbose_name=_("당사자"), related_name="agreements")
    signed_on = models.DateField(_("체결일"), null=True, blank=True)
    scope = models.TextField(_("협력 범위"), blank=True)
    status = models.CharField(_("상태"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    term_start = models.DateField(_("협약기간 시작"), null=True, blank=True)
    term_end = models.DateField(_("협약기간 종료"), null=True, blank=True)
    indefinite = models.BooleanField(_("기간 정함 없음"), default=False)
    # The signed document, checked like a card's attachment (plans.attachments.check_upload).
    document = models.FileField(_("협약서"), upload_to=agreement_document_path, blank=True)
    document_token = models.CharField(max_length=64, blank=True, editable=False)
    document_name = models.CharField(_("협약서 파일명"), max_length=255, blank=True)
    document_type = models.CharField(max_length=100, blank=True, editable=False)
    document_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    revision = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("협약")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="agreement_term_order",
            ),
            models.CheckConstraint(
                condition=models.Q(indefinite=False) | models.Q(term_end__isnull=True),
                name="agreement_indefinite_has_no_end",
            ),
        ]

    def __str__(self) -> str:
        return self.title

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


class Agreement(models.Model):
    """협약: an agreement between two or more governments that tasks are carried out under."""

    class Kind(models.TextChoices):
        MOU = "mou", _("업무협약")
        FRIENDSHIP = "friendship", _("우호교류협약")
        SISTER = "sister", _("자매결연")
        ALLIANCE = "alliance", _("동맹")

    class Status(models.TextChoices):
        ACTIVE = "active", _("유효")
        ENDED = "ended", _("종료")

    title = models.CharField(_("협약명"), max_length=200)
    kind = models.CharField(_("종류"), max_length=20, choices=Kind.choices)
    parties = models.ManyToManyField(Organization, verbose_name=_("당사자"), related_name="agreements")
    signed_on = models.DateField(_("체결일"), null=True, blank=True)
    scope = models.TextField(_("협력 범위"), blank=True)
    status = models.CharField(_("상태"), max_length=10, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("협약")

    def __str__(self) -> str:
        return self.title

"""인사교류: personnel exchanges between governments, and the allowance table they are costed with.

Only inputs are stored; the allowance of each month and the cost by year come from
sangsaeng.personnel.allowance (one function), in 원 as integers.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sangsaeng.lib.i18n import lazy_text as _

GRADE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(9)]


class AllowanceRate(models.Model):
    """교류수당 기준: the monthly allowance from `grade` down to the next row's grade (5 = 5급 이하)."""

    grade = models.PositiveSmallIntegerField(_("적용 직급(급)"), unique=True, validators=GRADE_VALIDATORS)
    label = models.CharField(_("구분"), max_length=30)
    monthly_won = models.PositiveIntegerField(_("월 지급액(원)"))
    # Bumped by every change of the row (a new row starts at 1); the table's edit form carries their sum
    # (personnel.services.table_revision) to detect concurrent edits.
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["grade"]
        verbose_name = _("교류수당 기준")

    def __str__(self) -> str:
        return f"{self.label} {self.monthly_won:,}원"


class Exchange(models.Model):
    """One exchange: a person from a home government to a host one for a period. A 1:1 swap and a
    one-day exchange of heads or directors are mirrored: the counterpart goes the other way."""

    class Kind(models.TextChoices):
        SWAP = "swap", _("1:1 맞교환")
        DISPATCH = "dispatch", _("파견")
        TRANSFER = "transfer", _("전출입")
        REGIONAL = "regional", _("지역 파견")
        ONE_DAY = "one_day", _("1일 교환근무")

    class Rating(models.TextChoices):
        EXCELLENT = "excellent", _("우수")
        GOOD = "good", _("보통")
        POOR = "poor", _("미흡")

    kind = models.CharField(_("교류 유형"), max_length=10, choices=Kind.choices)
    person_name = models.CharField(_("성명"), max_length=50)
    person_title = models.CharField(_("직위"), max_length=50, blank=True)
    person_grade = models.PositiveSmallIntegerField(
        _("직급(급)"), null=True, blank=True, validators=GRADE_VALIDATORS
    )
    home_org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("원소속 기관"), on_delete=models.PROTECT, related_name="+"
    )
    home_department = models.ForeignKey(
        "orgs.Department",
        verbose_name=_("원소속 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    host_org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("근무 기관"), on_delete=models.PROTECT, related_name="+"
    )
    host_department = models.ForeignKey(
        "orgs.Department",
        verbose_name=_("근무 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    counterpart_name = models.CharField(_("상대 교류자 성명"), max_length=50, blank=True)
    counterpart_title = models.CharField(_("상대 교류자 직위"), max_length=50, blank=True)
    counterpart_grade = models.PositiveSmallIntegerField(
        _("상대 교류자 직급(급)"), null=True, blank=True, validators=GRADE_VALIDATORS
    )
    start = models.DateField(_("시작일"))
    end = models.DateField(_("종료일"), null=True, blank=True)
    purpose = models.TextField(_("교류 목적"), blank=True)
    agreement = models.ForeignKey(
        "orgs.Agreement",
        verbose_name=_("관련 협약"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exchanges",
    )
    return_guaranteed = models.BooleanField(_("원소속 복귀 보장"), default=False)
    evaluation_rating = models.CharField(_("종료 평가"), max_length=10, choices=Rating.choices, blank=True)
    evaluation = models.TextField(_("평가 의견"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("인사교류")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="exchange_period_order",
            )
        ]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.person_name}"

    @property
    def mirrored(self) -> bool:
        return self.kind in MIRRORED


MIRRORED = (Exchange.Kind.SWAP, Exchange.Kind.ONE_DAY)
# Kinds paid the monthly exchange allowance: a transfer changes employer, a one-day exchange is a day.
PAID = (Exchange.Kind.SWAP, Exchange.Kind.DISPATCH, Exchange.Kind.REGIONAL)
# Dispatches last at most two years (지방공무원 임용령의 파견 기간).
LIMITED = (Exchange.Kind.DISPATCH, Exchange.Kind.REGIONAL)

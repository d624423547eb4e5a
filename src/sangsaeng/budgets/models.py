"""Money of a task, all in 천원 (thousand won) as integers. Totals are computed in lib.figures."""

from django.db import models

from sangsaeng.lib.i18n import lazy_text as _


class FundingSource(models.Model):
    """재원: 국비 / 도비·시비 / 시군비·구비 / 민자등, configured per plan."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="funding_sources")
    name = models.CharField(_("재원명"), max_length=30)
    is_national = models.BooleanField(_("국비 여부"), default=False, help_text=_("보조율 계산에 쓰입니다."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("재원")
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="fundingsource_unique_name")]

    def __str__(self) -> str:
        return self.name


class BudgetKind(models.TextChoices):
    PLANNED = "planned", _("투자계획")
    SECURED = "secured", _("확보")
    EXECUTED = "executed", _("집행")


class Bucket(models.TextChoices):
    BEFORE = "before", _("기투자")
    YEAR = "year", _("연도")
    AFTER = "after", _("임기후")


class BudgetEntry(models.Model):
    """One cell of the 예산투입 table: task × source × kind × (기투자 | year | 임기후)."""

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="budget_entries")
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=BudgetKind.choices)
    bucket = models.CharField(max_length=10, choices=Bucket.choices, default=Bucket.YEAR)
    # 0 for 기투자 and 임기후, so one unique constraint holds on every database.
    year = models.PositiveSmallIntegerField(default=0)
    amount = models.BigIntegerField(_("금액(천원)"))

    class Meta:
        verbose_name = _("예산 항목")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "source", "kind", "bucket", "year"],
                name="budgetentry_unique_cell",
            ),
            models.CheckConstraint(
                condition=(models.Q(bucket="year") & models.Q(year__gt=0))
                | (~models.Q(bucket="year") & models.Q(year=0)),
                name="budgetentry_year_iff_bucket",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.bucket} {self.year}: {self.amount:,}천원"


class BudgetItem(models.Model):
    """예산과목 of one fiscal year, e.g. 201-01 사무관리비, with its 산출근거 lines.

    A year without cost lines (an earlier year of the 예산 총괄) keeps the amount as stated.
    """

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="budget_items")
    year = models.PositiveSmallIntegerField(_("회계연도"))
    code = models.CharField(_("과목코드"), max_length=10)
    name = models.CharField(_("과목명"), max_length=50)
    stated_amount = models.BigIntegerField(_("예산액(천원, 산출근거 없을 때)"), null=True, blank=True)

    class Meta:
        ordering = ["task", "year", "code"]
        verbose_name = _("예산과목")
        constraints = [
            models.UniqueConstraint(fields=["task", "year", "code"], name="budgetitem_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.code} {self.name}"


class CostLine(models.Model):
    """산출근거 line. A leaf has an amount in 천원, or a unit price in 원 × a quantity.

    A line with children is their sum; an amount typed on it is kept as the stated figure.
    """

    item = models.ForeignKey(BudgetItem, on_delete=models.CASCADE, related_name="lines")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    label = models.CharField(_("내역"), max_length=300)
    amount = models.BigIntegerField(_("금액(천원)"), null=True, blank=True)
    unit_price = models.BigIntegerField(_("단가(원)"), null=True, blank=True)
    quantity = models.DecimalField(_("수량"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("단위"), max_length=10, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["item", "order", "id"]
        verbose_name = _("산출근거")

    def __str__(self) -> str:
        return self.label


class Settlement(models.Model):
    """결산 of one year. 예산현액, 집행잔액 and 집행률 are computed."""

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="settlements")
    year = models.PositiveSmallIntegerField(_("연도"))
    original = models.BigIntegerField(_("당초예산"), default=0)
    carried_in = models.BigIntegerField(_("전년이월"), default=0)
    change = models.BigIntegerField(_("예산변경"), default=0)
    executed = models.BigIntegerField(_("집행액"), default=0)
    carried_out = models.BigIntegerField(_("차년이월"), default=0)

    class Meta:
        ordering = ["task", "year"]
        verbose_name = _("결산")
        constraints = [models.UniqueConstraint(fields=["task", "year"], name="settlement_unique_year")]

    def __str__(self) -> str:
        return _("%(year)s년 결산") % {"year": self.year}


class ScheduleLine(models.Model):
    """추진일정: a step of the year's execution with its planned spending."""

    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="schedule_lines")
    year = models.PositiveSmallIntegerField(_("연도"))
    label = models.CharField(_("사업추진절차"), max_length=200)
    period = models.CharField(_("추진기간"), max_length=50, blank=True)
    amount = models.BigIntegerField(_("예산집행금액(천원)"), null=True, blank=True)
    detail = models.CharField(_("추진세부내용"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task", "year", "order", "id"]
        verbose_name = _("추진일정")

    def __str__(self) -> str:
        return self.label

"""Plans, their tasks and everything the management card (관리카드) shows.

Only inputs are stored. Derived figures (rates, totals, roll-ups) come from sangsaeng.lib.figures;
Task.progress is the one cached value: typed for a leaf task, recomputed for a parent in the same
transaction as every change to its children (see plans.services.recompute_rollups).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import pgettext_lazy

from sangsaeng.lib.i18n import lazy_text as _


class Plan(models.Model):
    """계획: a named set of tasks agreed between governments, over a term (임기)."""

    title = models.CharField(_("계획명"), max_length=200)
    description = models.TextField(_("설명"), blank=True)
    organizations = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("참여 기관"), related_name="plans"
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("총괄 담당자"), related_name="coordinated_plans", blank=True
    )
    term_start_year = models.PositiveSmallIntegerField(_("임기 시작 연도"))
    term_end_year = models.PositiveSmallIntegerField(_("임기 종료 연도"))
    last_year_label = models.CharField(
        _("마지막 연도 표기"), max_length=20, blank=True, help_text=_("예: 2022.6월 (임기가 연중에 끝날 때)")
    )
    is_published = models.BooleanField(_("공개"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-term_start_year", "title"]
        verbose_name = _("계획")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end_year__gte=models.F("term_start_year")), name="plan_term_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def term_years(self) -> list[int]:
        return list(range(self.term_start_year, self.term_end_year + 1))


class Area(models.Model):
    """분야: a policy area inside a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("번호"))
    name = models.CharField(_("분야명"), max_length=100)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("분야")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="area_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Status(models.TextChoices):
    """사업이행도, in the order the paper card lists them."""

    COMPLETED = "completed", _("완료")
    CONTINUING = "continuing", _("이행후계속추진")
    ON_TRACK = "on_track", _("정상추진")
    PARTIAL = "partial", _("일부추진")
    ON_HOLD = "on_hold", _("보류")
    DROPPED = "dropped", _("폐기")


class Task(models.Model):
    """과제 / 세부과제: one management card. Sub-tasks hang under a parent task."""

    class TermClass(models.TextChoices):
        IN_TERM = "in_term", _("임기내")
        AFTER_TERM = "after_term", _("임기후")

    class Novelty(models.TextChoices):
        NEW = "new", _("신규")
        CONTINUING = "continuing", _("계속")
        BOTH = "both", _("신규+계속")

    class BudgetClass(models.TextChoices):
        BUDGET = "budget", _("예산")
        NON_BUDGET = "non_budget", _("비예산")

    class Rollup(models.TextChoices):
        AVERAGE = "average", _("단순평균")
        WEIGHTED = "weighted", _("가중평균")

    class PeriodKind(models.TextChoices):
        RECURRING = "recurring", _("연례반복")
        FIXED = "fixed", _("한시")

    class ExecutionType(models.TextChoices):
        DIRECT = "direct", _("직접수행")
        SUBSIDY = "subsidy", _("자치단체 보조")
        PRIVATE_TRANSFER = "private_transfer", _("민간이전")
        CONTRIBUTION = "contribution", _("출연출자")
        OUTSOURCED = "outsourced", _("민간위탁")
        OTHER = "other", _("기타")

    class ExpenseType(models.TextChoices):
        CURRENT = "current", _("경상")
        INVESTMENT = "investment", _("투자")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    area = models.ForeignKey(Area, verbose_name=_("분야"), null=True, blank=True, on_delete=models.SET_NULL)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 과제"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("관리번호"), max_length=20)
    sort_key = models.CharField(max_length=60, editable=False, db_index=True)
    title = models.CharField(_("과제명"), max_length=200)
    slogan = models.CharField(_("표어"), max_length=200, blank=True)
    status = models.CharField(_("사업이행도"), max_length=20, choices=Status.choices, default=Status.ON_TRACK)
    progress = models.DecimalField(
        _("종합 진도율"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    rollup = models.CharField(
        _("진도율 산정 방식"), max_length=10, choices=Rollup.choices, default=Rollup.AVERAGE
    )
    weight = models.DecimalField(
        _("가중치"),
        max_digits=7,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    implementer = models.CharField(_("사업주체"), max_length=100, blank=True)
    term_class = models.CharField(
        _("임기구분"), max_length=12, choices=TermClass.choices, default=TermClass.IN_TERM
    )
    novelty = models.CharField(_("신규여부"), max_length=12, choices=Novelty.choices, default=Novelty.NEW)
    budget_class = models.CharField(
        _("예산구분"), max_length=12, choices=BudgetClass.choices, default=BudgetClass.BUDGET
    )
    lead_department = models.ForeignKey(
        "orgs.Department",
        verbose_name=_("주관부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Joint tasks are led by departments of more than one government; their officers edit the card too.
    co_departments = models.ManyToManyField(
        "orgs.Department", verbose_name=_("공동주관부서"), related_name="co_led_tasks", blank=True
    )
    central_coop = models.CharField(_("중앙협조"), max_length=200, blank=True)
    partners = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("협력 기관"), blank=True, related_name="+"
    )
    agreement = models.ForeignKey(
        "orgs.Agreement",
        verbose_name=_("관련 협약"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    goal = models.TextField(_("목표"), blank=True)
    term_indicator = models.TextField(_("이행 확인지표(임기내 목표)"), blank=True)
    # Budget-sheet header fields (예산 사업설명서).
    period_kind = models.CharField(_("사업기간"), max_length=12, choices=PeriodKind.choices, blank=True)
    period_text = models.CharField(_("사업기간(기재)"), max_length=100, blank=True)
    location = models.CharField(_("사업위치"), max_length=200, blank=True)
    execution_type = models.CharField(_("사업형태"), max_length=20, choices=ExecutionType.choices, blank=True)
    expense_type = models.CharField(_("경상·투자"), max_length=12, choices=ExpenseType.choices, blank=True)
    prior_procedures = models.JSONField(_("사전절차 대상"), default=list, blank=True)
    # Bumped by every change to the card; forms carry it to detect concurrent edits.
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "sort_key"]
        verbose_name = _("과제")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="task_unique_code")]
        indexes = [models.Index(fields=["plan", "parent", "sort_key"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Contact(models.Model):
    """담당자 line on the card (role, name, phone)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(_("직위"), max_length=20, default="담당자")
    name = models.CharField(_("성명"), max_length=50)
    phone = models.CharField(_("연락처"), max_length=30, blank=True)
    # The account behind the line, when there is one: hand-overs move these lines to a successor.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task", "order", "id"]
        verbose_name = _("담당자")

    def __str__(self) -> str:
        return f"{self.role} {self.name}"


class TextKind(models.TextChoices):
    """Structured bullet lists of the card, each edited as one part."""

    OUTLINE = "outline", _("개요")
    PURPOSE = "purpose", _("사업목적")
    BASIS = "basis", _("사업근거")
    CONTENT = "content", _("사업내용")
    FOCUS = "focus", _("중점추진사항")
    PROCEDURE = "procedure", _("사업추진절차")
    EFFECT = "effect", _("기대효과")
    PROBLEMS = "problems", _("문제점 및 대책")
    NEXT_STEPS = "next_steps", _("향후계획")


class TaskText(models.Model):
    """A bullet tree: [{"text": "...", "children": [...]}, ...]."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="texts")
    kind = models.CharField(max_length=20, choices=TextKind.choices)
    items = models.JSONField(default=list)

    class Meta:
        verbose_name = _("서술 항목")
        constraints = [models.UniqueConstraint(fields=["task", "kind"], name="tasktext_unique_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class Indicator(models.Model):
    """이행 확인지표: numeric (target/actual per year) or a milestone (deliverable per year)."""

    class Kind(models.TextChoices):
        NUMERIC = "numeric", _("수치")
        MILESTONE = "milestone", _("완료형")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("누적(합계)")
        LAST = "last", _("최종연도 값")
        MAX = "max", _("최댓값")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("지표명"), max_length=200)
    kind = models.CharField(_("유형"), max_length=10, choices=Kind.choices, default=Kind.NUMERIC)
    unit = models.CharField(_("단위"), max_length=20, blank=True)
    aggregation = models.CharField(
        _("임기 합산 방식"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    term_plan_text = models.CharField(_("종합 계획(서술)"), max_length=300, blank=True)
    term_actual_text = models.CharField(_("종합 실적(서술)"), max_length=300, blank=True)
    note = models.CharField(_("비고"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task", "order", "id"]
        verbose_name = _("확인지표")

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """One year of an indicator: target and actual (numeric) or plan, result and date (milestone)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("연도"))
    target = models.DecimalField(
        pgettext_lazy("indicator", "계획"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual = models.DecimalField(_("실적"), max_digits=16, decimal_places=2, null=True, blank=True)
    plan_text = models.CharField(_("계획(서술)"), max_length=300, blank=True)
    actual_text = models.CharField(_("실적(서술)"), max_length=300, blank=True)
    achieved_on = models.DateField(_("달성일"), null=True, blank=True)
    achieved = models.BooleanField(_("달성"), default=False)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("지표 연도값")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicatorvalue_unique_year")
        ]

    def __str__(self) -> str:
        return _("%(year)s년") % {"year": self.year}


class DatePrecision(models.TextChoices):
    YEAR = "year", _("연")
    MONTH = "month", _("월")
    DAY = "day", _("일")


class Activity(models.Model):
    """세부추진실적: a dated entry. Dates may be a year, a month or a day, and may be a range."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="activities")
    start = models.DateField(_("시작일"))
    start_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    end = models.DateField(_("종료일"), null=True, blank=True)
    end_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    open_ended = models.BooleanField(
        _("계속"), default=False, help_text=_("'18. 10. 2~ 처럼 끝나지 않은 활동")
    )
    text = models.CharField(_("내용"), max_length=500)
    details = models.JSONField(_("세부 내용"), default=list, blank=True)
    participants = models.PositiveIntegerField(_("참여 인원"), null=True, blank=True)

    class Meta:
        ordering = ["task", "-start", "-id"]
        verbose_name = _("추진실적")
        indexes = [models.Index(fields=["task", "start"])]

    def __str__(self) -> str:
        return self.text


class Legislation(models.Model):
    """조례 입법 추진현황: one ordinance through 발의 → 위원회 심사 → 본회의 의결 → 공포."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="legislation")
    name = models.CharField(_("조례명"), max_length=200)
    bill_kind = models.CharField(_("안건 구분"), max_length=50, blank=True, help_text=_("예: 일부개정조례안"))
    proposed_on = models.DateField(_("발의"), null=True, blank=True)
    committee_on = models.DateField(_("위원회 심사"), null=True, blank=True)
    plenary_on = models.DateField(_("본회의 의결"), null=True, blank=True)
    promulgated_on = models.DateField(_("공포"), null=True, blank=True)
    note = models.CharField(_("비고"), max_length=200, blank=True)

    class Meta:
        ordering = ["task", "id"]
        verbose_name = _("조례")

    def __str__(self) -> str:
        return self.name


class StatedFigure(models.Model):
    """A derived number as a source document stated it, kept to flag disagreement with the computed one."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="stated_figures")
    key = models.CharField(_("항목 키"), max_length=100)
    value = models.DecimalField(_("원문 기재값"), max_digits=18, decimal_places=2)
    source = models.CharField(_("출처"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("원문 기재값")
        constraints = [models.UniqueConstraint(fields=["task", "key"], name="statedfigure_unique_key")]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random; the user's file name is kept in original_name.
    return f"attachments/{instance.task_id}/{instance.token}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        HWP = "hwp", _("한글(HWP)")
        HWPX = "hwpx", _("한글(HWPX)")
        PDF = "pdf", _("PDF")
        XLSX = "xlsx", _("엑셀(XLSX)")
        DOCX = "docx", _("워드(DOCX)")
        IMAGE = "image", _("이미지")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=40, unique=True)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("파일명"), max_length=255)
    kind = models.CharField(_("형식"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("크기"))
    description = models.CharField(_("설명"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["task", "-uploaded_at"]
        verbose_name = _("첨부파일")

    def __str__(self) -> str:
        return self.original_name

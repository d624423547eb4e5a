"""Plans, their tasks and everything the management card (관리카드) shows.

Only inputs are stored. Derived figures (rates, totals, roll-ups) come from sangsaeng.lib.figures;
Task.progress is the one cached value: typed for a leaf task, recomputed for a parent in the same
transaction as every change to its children (see plans.services.recompute_rollups).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Plan(models.Model):
    """계획: a named set of tasks agreed between governments, over a term (임기)."""

    title = models.CharField("계획명", max_length=200)
    description = models.TextField("설명", blank=True)
    organizations = models.ManyToManyField(
        "orgs.Organization", verbose_name="참여 기관", related_name="plans"
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="총괄 담당자", related_name="coordinated_plans", blank=True
    )
    term_start_year = models.PositiveSmallIntegerField("임기 시작 연도")
    term_end_year = models.PositiveSmallIntegerField("임기 종료 연도")
    last_year_label = models.CharField(
        "마지막 연도 표기", max_length=20, blank=True, help_text="예: 2022.6월 (임기가 연중에 끝날 때)"
    )
    is_published = models.BooleanField("공개", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-term_start_year", "title"]
        verbose_name = "계획"
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
    number = models.PositiveSmallIntegerField("번호")
    name = models.CharField("분야명", max_length=100)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = "분야"
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="area_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Status(models.TextChoices):
    """사업이행도, in the order the paper card lists them."""

    COMPLETED = "completed", "완료"
    CONTINUING = "continuing", "이행후계속추진"
    ON_TRACK = "on_track", "정상추진"
    PARTIAL = "partial", "일부추진"
    ON_HOLD = "on_hold", "보류"
    DROPPED = "dropped", "폐기"


class Task(models.Model):
    """과제 / 세부과제: one management card. Sub-tasks hang under a parent task."""

    class TermClass(models.TextChoices):
        IN_TERM = "in_term", "임기내"
        AFTER_TERM = "after_term", "임기후"

    class Novelty(models.TextChoices):
        NEW = "new", "신규"
        CONTINUING = "continuing", "계속"
        BOTH = "both", "신규+계속"

    class BudgetClass(models.TextChoices):
        BUDGET = "budget", "예산"
        NON_BUDGET = "non_budget", "비예산"

    class Rollup(models.TextChoices):
        AVERAGE = "average", "단순평균"
        WEIGHTED = "weighted", "가중평균"

    class PeriodKind(models.TextChoices):
        RECURRING = "recurring", "연례반복"
        FIXED = "fixed", "한시"

    class ExecutionType(models.TextChoices):
        DIRECT = "direct", "직접수행"
        SUBSIDY = "subsidy", "자치단체 보조"
        PRIVATE_TRANSFER = "private_transfer", "민간이전"
        CONTRIBUTION = "contribution", "출연출자"
        OUTSOURCED = "outsourced", "민간위탁"
        OTHER = "other", "기타"

    class ExpenseType(models.TextChoices):
        CURRENT = "current", "경상"
        INVESTMENT = "investment", "투자"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    area = models.ForeignKey(Area, verbose_name="분야", null=True, blank=True, on_delete=models.SET_NULL)
    parent = models.ForeignKey(
        "self",
        verbose_name="상위 과제",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField("관리번호", max_length=20)
    sort_key = models.CharField(max_length=60, editable=False, db_index=True)
    title = models.CharField("과제명", max_length=200)
    slogan = models.CharField("표어", max_length=200, blank=True)
    status = models.CharField("사업이행도", max_length=20, choices=Status.choices, default=Status.ON_TRACK)
    progress = models.DecimalField(
        "종합 진도율",
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    rollup = models.CharField(
        "진도율 산정 방식", max_length=10, choices=Rollup.choices, default=Rollup.AVERAGE
    )
    weight = models.DecimalField(
        "가중치",
        max_digits=7,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    implementer = models.CharField("사업주체", max_length=100, blank=True)
    term_class = models.CharField(
        "임기구분", max_length=12, choices=TermClass.choices, default=TermClass.IN_TERM
    )
    novelty = models.CharField("신규여부", max_length=12, choices=Novelty.choices, default=Novelty.NEW)
    budget_class = models.CharField(
        "예산구분", max_length=12, choices=BudgetClass.choices, default=BudgetClass.BUDGET
    )
    lead_department = models.ForeignKey(
        "orgs.Department",
        verbose_name="주관부서",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    central_coop = models.CharField("중앙협조", max_length=200, blank=True)
    partners = models.ManyToManyField(
        "orgs.Organization", verbose_name="협력 기관", blank=True, related_name="+"
    )
    agreement = models.ForeignKey(
        "orgs.Agreement",
        verbose_name="관련 협약",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    goal = models.TextField("목표", blank=True)
    term_indicator = models.TextField("이행 확인지표(임기내 목표)", blank=True)
    # Budget-sheet header fields (예산 사업설명서).
    period_kind = models.CharField("사업기간", max_length=12, choices=PeriodKind.choices, blank=True)
    period_text = models.CharField("사업기간(기재)", max_length=100, blank=True)
    location = models.CharField("사업위치", max_length=200, blank=True)
    execution_type = models.CharField("사업형태", max_length=20, choices=ExecutionType.choices, blank=True)
    expense_type = models.CharField("경상·투자", max_length=12, choices=ExpenseType.choices, blank=True)
    prior_procedures = models.JSONField("사전절차 대상", default=list, blank=True)
    # Bumped by every change to the card; forms carry it to detect concurrent edits.
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "sort_key"]
        verbose_name = "과제"
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="task_unique_code")]
        indexes = [models.Index(fields=["plan", "parent", "sort_key"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Contact(models.Model):
    """담당자 line on the card (role, name, phone)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField("직위", max_length=20, default="담당자")
    name = models.CharField("성명", max_length=50)
    phone = models.CharField("연락처", max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task", "order", "id"]
        verbose_name = "담당자"

    def __str__(self) -> str:
        return f"{self.role} {self.name}"


class TextKind(models.TextChoices):
    """Structured bullet lists of the card, each edited as one part."""

    OUTLINE = "outline", "개요"
    PURPOSE = "purpose", "사업목적"
    BASIS = "basis", "사업근거"
    CONTENT = "content", "사업내용"
    FOCUS = "focus", "중점추진사항"
    PROCEDURE = "procedure", "사업추진절차"
    EFFECT = "effect", "기대효과"
    PROBLEMS = "problems", "문제점 및 대책"
    NEXT_STEPS = "next_steps", "향후계획"


class TaskText(models.Model):
    """A bullet tree: [{"text": "...", "children": [...]}, ...]."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="texts")
    kind = models.CharField(max_length=20, choices=TextKind.choices)
    items = models.JSONField(default=list)

    class Meta:
        verbose_name = "서술 항목"
        constraints = [models.UniqueConstraint(fields=["task", "kind"], name="tasktext_unique_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class Indicator(models.Model):
    """이행 확인지표: numeric (target/actual per year) or a milestone (deliverable per year)."""

    class Kind(models.TextChoices):
        NUMERIC = "numeric", "수치"
        MILESTONE = "milestone", "완료형"

    class Aggregation(models.TextChoices):
        SUM = "sum", "누적(합계)"
        LAST = "last", "최종연도 값"
        MAX = "max", "최댓값"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField("지표명", max_length=200)
    kind = models.CharField("유형", max_length=10, choices=Kind.choices, default=Kind.NUMERIC)
    unit = models.CharField("단위", max_length=20, blank=True)
    aggregation = models.CharField(
        "임기 합산 방식", max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    term_plan_text = models.CharField("종합 계획(서술)", max_length=300, blank=True)
    term_actual_text = models.CharField("종합 실적(서술)", max_length=300, blank=True)
    note = models.CharField("비고", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task", "order", "id"]
        verbose_name = "확인지표"

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """One year of an indicator: target and actual (numeric) or plan, result and date (milestone)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField("연도")
    target = models.DecimalField("계획", max_digits=16, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField("실적", max_digits=16, decimal_places=2, null=True, blank=True)
    plan_text = models.CharField("계획(서술)", max_length=300, blank=True)
    actual_text = models.CharField("실적(서술)", max_length=300, blank=True)
    achieved_on = models.DateField("달성일", null=True, blank=True)
    achieved = models.BooleanField("달성", default=False)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = "지표 연도값"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicatorvalue_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}년"


class DatePrecision(models.TextChoices):
    YEAR = "year", "연"
    MONTH = "month", "월"
    DAY = "day", "일"


class Activity(models.Model):
    """세부추진실적: a dated entry. Dates may be a year, a month or a day, and may be a range."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="activities")
    start = models.DateField("시작일")
    start_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    end = models.DateField("종료일", null=True, blank=True)
    end_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    open_ended = models.BooleanField("계속", default=False, help_text="'18. 10. 2~ 처럼 끝나지 않은 활동")
    text = models.CharField("내용", max_length=500)
    details = models.JSONField("세부 내용", default=list, blank=True)
    participants = models.PositiveIntegerField("참여 인원", null=True, blank=True)

    class Meta:
        ordering = ["task", "-start", "-id"]
        verbose_name = "추진실적"
        indexes = [models.Index(fields=["task", "start"])]

    def __str__(self) -> str:
        return self.text


class Legislation(models.Model):
    """조례 입법 추진현황: one ordinance through 발의 → 위원회 심사 → 본회의 의결 → 공포."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="legislation")
    name = models.CharField("조례명", max_length=200)
    bill_kind = models.CharField("안건 구분", max_length=50, blank=True, help_text="예: 일부개정조례안")
    proposed_on = models.DateField("발의", null=True, blank=True)
    committee_on = models.DateField("위원회 심사", null=True, blank=True)
    plenary_on = models.DateField("본회의 의결", null=True, blank=True)
    promulgated_on = models.DateField("공포", null=True, blank=True)
    note = models.CharField("비고", max_length=200, blank=True)

    class Meta:
        ordering = ["task", "id"]
        verbose_name = "조례"

    def __str__(self) -> str:
        return self.name


class StatedFigure(models.Model):
    """A derived number as a source document stated it, kept to flag disagreement with the computed one."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="stated_figures")
    key = models.CharField("항목 키", max_length=100)
    value = models.DecimalField("원문 기재값", max_digits=18, decimal_places=2)
    source = models.CharField("출처", max_length=200, blank=True)

    class Meta:
        verbose_name = "원문 기재값"
        constraints = [models.UniqueConstraint(fields=["task", "key"], name="statedfigure_unique_key")]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random; the user's file name is kept in original_name.
    return f"attachments/{instance.task_id}/{instance.token}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        HWP = "hwp", "한글(HWP)"
        HWPX = "hwpx", "한글(HWPX)"
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "엑셀(XLSX)"
        DOCX = "docx", "워드(DOCX)"
        IMAGE = "image", "이미지"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=40, unique=True)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField("파일명", max_length=255)
    kind = models.CharField("형식", max_length=10, choices=Kind.choices)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField("크기")
    description = models.CharField("설명", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["task", "-uploaded_at"]
        verbose_name = "첨부파일"

    def __str__(self) -> str:
        return self.original_name

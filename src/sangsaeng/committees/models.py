"""Committees that steer cooperation, their meetings, and the decisions that change plans.

A committee tree: a joint or plenary committee (전체위원회) with its subcommittees (분과위원회). Each
committee meets on a cadence ("at least N meetings per month/quarter/half/year"), takes agenda items
(often about a task), and decides (의결): adopt, drop or change tasks, approve a plan version. Applying a
decision changes the plan through plans.services and records the decision on the task's history.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from sangsaeng.lib.i18n import lazy_text as _


class Committee(models.Model):
    """위원회: a joint or plenary committee, or a subcommittee (분과위원회) under one."""

    class Kind(models.TextChoices):
        JOINT = "joint", _("공동위원회")
        PLENARY = "plenary", _("전체위원회")
        SUBCOMMITTEE = "sub", _("분과위원회")

    class Period(models.TextChoices):
        MONTH = "month", _("월")
        QUARTER = "quarter", _("분기")
        HALF = "half", _("반기")
        YEAR = "year", _("연")

    name = models.CharField(_("위원회명"), max_length=100)
    kind = models.CharField(_("구분"), max_length=10, choices=Kind.choices, default=Kind.PLENARY)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 위원회"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("계획"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
    )
    area = models.ForeignKey(
        "plans.Area",
        verbose_name=_("분야"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("과제"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organizations = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("소속 기관"), related_name="committees"
    )
    purpose = models.TextField(_("설치 목적"), blank=True)
    # Cadence: at least `cadence_count` meetings in every `cadence_period`; 0 means no cadence.
    cadence_count = models.PositiveSmallIntegerField(_("최소 개최 횟수"), default=0)
    cadence_period = models.CharField(
        _("개최 주기"), max_length=10, choices=Period.choices, default=Period.MONTH
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name", "id"]
        verbose_name = _("위원회")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """위원: an inside member (department head, team leader) or an outside one (expert, civic group)."""

    class Side(models.TextChoices):
        INSIDE = "inside", _("내부")
        OUTSIDE = "outside", _("외부")

    class Role(models.TextChoices):
        CHAIR = "chair", _("위원장")
        CO_CHAIR = "co_chair", _("공동위원장")
        SUB_CHAIR = "sub_chair", _("분과장")
        SECRETARY = "secretary", _("간사")
        MEMBER = "member", _("위원")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    name = models.CharField(_("성명"), max_length=50)
    side = models.CharField(_("구분"), max_length=10, choices=Side.choices, default=Side.OUTSIDE)
    role = models.CharField(_("직책"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    affiliation = models.CharField(_("소속"), max_length=100, blank=True)
    position = models.CharField(_("직위"), max_length=50, blank=True)
    email = models.EmailField(_("이메일"), blank=True)
    phone = models.CharField(_("연락처"), max_length=30, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("사용자 계정"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_memberships",
    )
    appointed_on = models.DateField(_("위촉일"), null=True, blank=True)
    term_start = models.DateField(_("임기 시작"), null=True, blank=True)
    term_end = models.DateField(_("임기 종료"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        ordering = ["committee", "order", "id"]
        verbose_name = _("위원")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="membership_term_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def serves_on(self, day: dt.date) -> bool:
        """Whether the member's term covers `day` (an unset start or end is open)."""
        return (self.term_start is None or self.term_start <= day) and (
            self.term_end is None or day <= self.term_end
        )


class Meeting(models.Model):
    """회의: a scheduled meeting, with its minutes (회의록) reviewed by attendees and then finalized."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("예정")
        HELD = "held", _("개최")
        CANCELLED = "cancelled", _("취소")

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("회의명"), max_length=200)
    starts_at = models.DateTimeField(_("시작 일시"))
    ends_at = models.DateTimeField(_("종료 일시"))
    place = models.CharField(_("장소"), max_length=200, blank=True)
    # Meetings held in rotation at partner sites: the organisation hosting this one.
    host = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("개최 기관"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("상태"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    invited_at = models.DateTimeField(_("안내 발송 일시"), null=True, blank=True)
    minutes = models.TextField(_("회의록"), blank=True)
    minutes_finalized_at = models.DateTimeField(_("회의록 확정 일시"), null=True, blank=True)
    minutes_finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped by every change; forms carry it to detect concurrent edits. Also the iCalendar SEQUENCE.
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("회의")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="meeting_time_order"
            )
        ]
        indexes = [models.Index(fields=["committee", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def minutes_locked(self) -> bool:
        return self.minutes_finalized_at is not None

    @property
    def day(self) -> dt.date:
        """The local day the meeting is held on."""
        return timezone.localtime(self.starts_at).date()


class AgendaItem(models.Model):
    """안건: an item on a meeting's agenda, often about one task."""

    class Kind(models.TextChoices):
        DELIBERATION = "deliberation", _("심의안건")
        REPORT = "report", _("보고안건")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    kind = models.CharField(_("안건 구분"), max_length=14, choices=Kind.choices, default=Kind.DELIBERATION)
    title = models.CharField(_("안건명"), max_length=200)
    task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("관련 과제"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    description = models.TextField(_("내용"), blank=True)
    presenter = models.CharField(_("제안·보고자"), max_length=100, blank=True)
    # Bumped by every change of the item; its form carries it to detect concurrent edits.
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("안건")

    def __str__(self) -> str:
        return self.title


def paper_path(instance: "AgendaPaper", filename: str) -> str:
    # The stored name is random; the user's file name is kept in original_name.
    return f"committee-papers/{instance.agenda_item.meeting_id}/{instance.token}"


class AgendaPaper(models.Model):
    """회의자료: a file attached to an agenda item, checked like task attachments."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    token = models.CharField(max_length=40, unique=True)
    file = models.FileField(upload_to=paper_path, max_length=200)
    original_name = models.CharField(_("파일명"), max_length=255)
    kind = models.CharField(_("형식"), max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("크기"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item", "uploaded_at", "id"]
        verbose_name = _("회의자료")

    def __str__(self) -> str:
        return self.original_name


class Attendance(models.Model):
    """출석: one member at one meeting: present, absent, or represented by a proxy (대리 출석)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("출석")
        ABSENT = "absent", _("불참")
        PROXY = "proxy", _("대리출석")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("출석 여부"), max_length=10, choices=Status.choices, default=Status.PRESENT)
    proxy_name = models.CharField(_("대리인"), max_length=50, blank=True)
    note = models.CharField(_("비고"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "membership__order", "membership_id"]
        verbose_name = _("출석")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_unique_member"),
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.get_status_display()}"


class MinutesReview(models.Model):
    """An attendee's check of the draft minutes: reviewed, and/or a comment."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_reviews")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reviewed_at = models.DateTimeField(_("검토 일시"), null=True, blank=True)
    comment = models.TextField(_("의견"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "updated_at", "id"]
        verbose_name = _("회의록 검토")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="minutesreview_unique_user")]

    def __str__(self) -> str:
        return f"{self.meeting} {self.user}"


class Decision(models.Model):
    """의결: what a meeting decided. Applying it changes the plan, once."""

    class Kind(models.TextChoices):
        ADOPT_TASK = "adopt_task", _("신규 채택")
        DROP_TASK = "drop_task", _("제외")
        CHANGE_TASK = "change_task", _("변경")
        APPROVE_VERSION = "approve_version", _("계획 개정 승인")
        OTHER = "other", _("기타")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("안건"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    kind = models.CharField(_("의결 구분"), max_length=20, choices=Kind.choices)
    # The task dropped or changed; for an adoption, the task it created once applied.
    task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("과제"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    # What the decision sets: the new task's code, title, area and lead department (adoption), or the
    # task's new title, status and lead department (change). Blank means "unchanged".
    code = models.CharField(_("관리번호"), max_length=20, blank=True)
    title = models.CharField(_("과제명"), max_length=200, blank=True)
    area = models.ForeignKey(
        "plans.Area",
        verbose_name=_("분야"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    parent_task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("상위 과제"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(pgettext_lazy("decision", "사업이행도"), max_length=20, blank=True)
    lead_department = models.ForeignKey(
        "orgs.Department",
        verbose_name=_("주관부서"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("의결 내용"), blank=True)
    reason = models.TextField(_("사유"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Bumped by every change of the decision; its form carries it to detect concurrent edits.
    revision = models.PositiveIntegerField(default=0, editable=False)
    applied_at = models.DateTimeField(_("반영 일시"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The task-history row that applying it wrote: the history page links back to the decision.
    audit_log = models.OneToOneField(
        "audit.AuditLog", null=True, blank=True, on_delete=models.SET_NULL, related_name="decision"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("의결")

    def __str__(self) -> str:
        return f"{self.meeting} {self.get_kind_display()}"

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None

    @property
    def status_label(self) -> str:
        from sangsaeng.plans.models import Status

        return str(Status(self.status).label) if self.status in Status.values else ""


class CostLine(models.Model):
    """회의 경비: one line (자문수당, 다과비, 회의실 대여 …): unit price in 원 × quantity."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="cost_lines")
    item = models.CharField(_("항목"), max_length=100)
    unit_price = models.PositiveBigIntegerField(_("단가(원)"))
    quantity = models.DecimalField(
        _("수량"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    unit = models.CharField(_("단위"), max_length=10, blank=True)
    note = models.CharField(_("비고"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("회의 경비")

    def __str__(self) -> str:
        return self.item


class CalendarFeedKey(models.Model):
    """The secret behind a user's calendar-feed addresses (calendar clients do not log in).

    The address carries an HMAC of this nonce, not the nonce itself; resetting the nonce retires every
    address the user handed to a calendar client."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("일정 구독 주소")

    def __str__(self) -> str:
        return str(self.user)

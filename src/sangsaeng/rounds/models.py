"""Reporting rounds (실적 보고 → 검토 → 확정) and change requests (변경안).

A round asks every task in scope for an update. The update is a draft of the card's changing parts
(rounds.payload.UpdatePayload, stored as validated JSON); it reaches the card only when the
coordinator confirms it, through plans.services.editing_card. States move only through
rounds.services; change requests only through rounds.changes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("분기")
    HALF = "half", _("반기")
    YEAR = "year", _("연간")


class Round(models.Model):
    """One reporting round of a plan, e.g. 2019년 2분기."""

    class Status(models.TextChoices):
        OPEN = "open", _("진행 중")
        CLOSED = "closed", _("마감")

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("계획"), on_delete=models.CASCADE, related_name="rounds"
    )
    name = models.CharField(_("회차명"), max_length=50)
    year = models.PositiveSmallIntegerField(_("연도"))
    period_kind = models.CharField(_("주기"), max_length=10, choices=PeriodKind.choices)
    period_number = models.PositiveSmallIntegerField(_("차수"))
    period_start = models.DateField(_("보고 기간 시작"))
    period_end = models.DateField(_("보고 기간 끝"))
    due_date = models.DateField(_("제출 기한"))
    remind_days_before = models.PositiveSmallIntegerField(_("기한 전 알림(일)"), default=3)
    status = models.CharField(_("상태"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("시작한 때"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("마감한 때"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "-year", "-period_start", "-id"]
        verbose_name = _("보고 회차")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "period_kind", "period_number"], name="round_unique_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="round_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class RoundDeadline(models.Model):
    """A department's own due date in a round (earlier or later than the round's)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="deadlines")
    department = models.ForeignKey(
        "orgs.Department", verbose_name=_("부서"), on_delete=models.CASCADE, related_name="+"
    )
    due_date = models.DateField(_("제출 기한"))

    class Meta:
        verbose_name = _("부서별 기한")
        constraints = [
            models.UniqueConstraint(fields=["round", "department"], name="rounddeadline_unique_department")
        ]

    def __str__(self) -> str:
        return f"{self.department_id}: {self.due_date}"


class UpdateState(models.TextChoices):
    NOT_STARTED = "not_started", _("미작성")
    DRAFT = "draft", _("작성 중")
    SUBMITTED = "submitted", _("제출")
    RETURNED = "returned", _("반려")
    CONFIRMED = "confirmed", _("확정")


# States in which the officer still has the pen; the due date matters only for these.
OPEN_STATES = (UpdateState.NOT_STARTED, UpdateState.DRAFT, UpdateState.RETURNED)


class Update(models.Model):
    """One task's report in one round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="updates")
    task = models.ForeignKey(
        "plans.Task", verbose_name=_("과제"), on_delete=models.CASCADE, related_name="round_updates"
    )
    # The lead department when the round opened: the board groups by it, reminders go to it.
    department = models.ForeignKey(
        "orgs.Department", verbose_name=_("주관부서"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("상태"), max_length=12, choices=UpdateState.choices, default=UpdateState.NOT_STARTED
    )
    payload = models.JSONField(_("보고 내용"), default=dict, blank=True)
    # Bumped by every save of the draft; the form carries it, so two editors never overwrite silently.
    version = models.PositiveIntegerField(default=0)
    # The card revision the draft's figures started from; confirming checks the card against it.
    base_revision = models.PositiveIntegerField(null=True, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField(_("반려 사유"), blank=True)
    return_count = models.PositiveSmallIntegerField(default=0)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The card revision the confirmation produced (its audit row carries the round's name).
    confirmed_revision = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["round", "task__sort_key"]
        verbose_name = _("실적 보고")
        constraints = [models.UniqueConstraint(fields=["round", "task"], name="update_unique_task")]
        indexes = [
            models.Index(fields=["round", "department"]),
            models.Index(fields=["task", "state", "confirmed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.task_id}"


def update_attachment_path(instance: "UpdateAttachment", filename: str) -> str:
    return f"round-attachments/{instance.update_id}/{instance.token}"


class UpdateAttachment(models.Model):
    """A file sent with an update; it becomes a card attachment when the update is confirmed."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=40, unique=True)
    file = models.FileField(upload_to=update_attachment_path, max_length=200)
    original_name = models.CharField(_("파일명"), max_length=255)
    kind = models.CharField(_("형식"), max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("크기"))
    description = models.CharField(_("설명"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    card_attachment = models.ForeignKey(
        "plans.Attachment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["update", "uploaded_at", "id"]
        verbose_name = _("보고 첨부파일")

    def __str__(self) -> str:
        return self.original_name


class ReminderSent(models.Model):
    """One reminder delivered (in-app notice, and e-mail when the user has an address).

    The unique key is claimed before anything is sent, in the same transaction: a job that runs twice,
    or two workers at once, deliver each reminder once.
    """

    class Event(models.TextChoices):
        OPENED = "opened", _("회차 시작")
        DUE_SOON = "due_soon", _("기한 임박")
        OVERDUE = "overdue", _("기한 경과")
        RETURNED = "returned", _("반려")

    key = models.CharField(max_length=200, unique=True)
    event = models.CharField(max_length=12, choices=Event.choices)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reminders")
    update = models.ForeignKey(Update, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    threshold = models.CharField(max_length=30, blank=True)
    mailed = models.BooleanField(default=False)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("보낸 알림")

    def __str__(self) -> str:
        return self.key


class PlanAdoption(models.Model):
    """계획 확정: from this date on, a task's goal, indicators and targets change only by 변경안."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="adoption")
    adopted_on = models.DateField(_("확정일"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("계획 확정")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.adopted_on}"


class ChangeRequest(models.Model):
    """변경안: a proposed change of a task's goal or an indicator (its targets), with the reason."""

    class State(models.TextChoices):
        PENDING = "pending", _("검토 중")
        APPROVED = "approved", _("승인")
        REJECTED = "rejected", _("반려")
        WITHDRAWN = "withdrawn", _("철회")

    task = models.ForeignKey(
        "plans.Task", verbose_name=_("과제"), on_delete=models.CASCADE, related_name="change_requests"
    )
    # "goal", "indicator:<id>" or "indicator:new".
    part = models.CharField(_("변경 항목"), max_length=30)
    label = models.CharField(_("항목명"), max_length=250)
    before = models.JSONField(_("변경 전"), default=dict)
    proposed = models.JSONField(_("변경안"), default=dict)
    reason = models.TextField(_("변경 사유"))
    state = models.CharField(_("상태"), max_length=10, choices=State.choices, default=State.PENDING)
    base_revision = models.PositiveIntegerField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(_("검토 의견"), blank=True)
    applied_revision = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("변경안")
        indexes = [models.Index(fields=["task", "state"])]

    def __str__(self) -> str:
        return f"{self.task_id} {self.part}"

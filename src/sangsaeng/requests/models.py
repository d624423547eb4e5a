"""건의사항: requests between governments (and citizens' proposals), tracked from intake to an answer.

A request moves only through requests.services (the life cycle in requests.lifecycle), each move
logged in Transition. Derived values (D-day, overdue, whether a pre-feasibility review is required,
the report's figures) are computed in requests.figures, never stored.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sangsaeng.lib.i18n import lazy_text as _


class RequestType(models.Model):
    """A kind of request with its default deadline; the administrator edits names, days and thresholds.

    `behaviour` decides which extra fields the request asks for; it is fixed for the seeded types."""

    class Behaviour(models.TextChoices):
        GENERAL = "general", _("일반")
        CONSULTING = "consulting", _("컨설팅")
        PREFEASIBILITY = "prefeasibility", _("사전타당성 검토")

    name = models.CharField(_("유형명"), max_length=50, unique=True)
    behaviour = models.CharField(
        _("처리 방식"), max_length=20, choices=Behaviour.choices, default=Behaviour.GENERAL
    )
    description = models.CharField(_("설명"), max_length=300, blank=True)
    days = models.PositiveSmallIntegerField(
        _("처리기한(일)"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    complex_days = models.PositiveSmallIntegerField(
        _("복합 사안 처리기한(일)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("비워 두면 복합 사안도 기본 처리기한을 따릅니다."),
    )
    # 사전타당성 검토: required from these amounts up (천원), both at once.
    threshold_total = models.PositiveBigIntegerField(
        _("검토 대상 총사업비 기준(천원)"), null=True, blank=True
    )
    threshold_share = models.PositiveBigIntegerField(
        _("검토 대상 도비 부담 기준(천원)"), null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    is_active = models.BooleanField(_("사용"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("건의 유형")

    def __str__(self) -> str:
        return self.name


class State(models.TextChoices):
    RECEIVED = "received", _("접수")
    ASSIGNED = "assigned", _("배정")
    REVIEWING = "reviewing", _("검토")
    ON_AGENDA = "on_agenda", _("의제화")
    IN_PROGRESS = "in_progress", _("처리중")
    ANSWERED = "answered", _("회신")
    CLOSED = "closed", _("종결")


OPEN_STATES = (State.RECEIVED, State.ASSIGNED, State.REVIEWING, State.ON_AGENDA, State.IN_PROGRESS)


class Channel(models.TextChoices):
    PARTNER = "partner", _("기관 담당자 제출")
    ON_BEHALF = "on_behalf", _("총괄 담당자 대리 접수")
    CITIZEN = "citizen", _("시·도민 제안")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("수용")
    PARTLY = "partly", _("일부수용")
    REJECTED = "rejected", _("불수용")


class ConsultingTopic(models.TextChoices):
    LEGAL = "legal", _("법령 해석")
    PROCEDURE = "procedure", _("절차")
    OTHER = "other", _("기타")


class PartnerRequest(models.Model):
    """One request (건의·질의·컨설팅 요청·사전타당성 검토) from a government (or a citizen) to another."""

    request_type = models.ForeignKey(
        RequestType, verbose_name=_("유형"), on_delete=models.PROTECT, related_name="requests"
    )
    subject = models.CharField(_("제목"), max_length=200)
    body = models.TextField(_("내용"))
    channel = models.CharField(
        _("접수 경로"), max_length=12, choices=Channel.choices, default=Channel.PARTNER
    )
    # None for a citizen's proposal.
    requester_org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("요청 기관"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sent_requests",
    )
    requester_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("요청자 계정"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sent_requests",
    )
    requester_name = models.CharField(_("요청자"), max_length=100, blank=True)
    requester_contact = models.CharField(_("요청자 연락처"), max_length=200, blank=True)
    receiving_org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("받는 기관"),
        on_delete=models.PROTECT,
        related_name="received_requests",
    )
    concerned_department = models.ForeignKey(
        "orgs.Department",
        verbose_name=_("관련 부서"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_department = models.ForeignKey(
        "orgs.Department",
        verbose_name=_("처리 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_requests",
    )
    related_tasks = models.ManyToManyField(
        "plans.Task", verbose_name=_("관련 과제"), blank=True, related_name="related_requests"
    )
    state = models.CharField(_("상태"), max_length=12, choices=State.choices, default=State.RECEIVED)
    received_on = models.DateField(_("접수일"))
    due_on = models.DateField(_("처리기한"))
    is_complex = models.BooleanField(_("복합 사안"), default=False)
    consulting_topic = models.CharField(
        _("컨설팅 분야"), max_length=12, choices=ConsultingTopic.choices, blank=True
    )
    total_cost = models.PositiveBigIntegerField(_("총사업비(천원)"), null=True, blank=True)
    provincial_share = models.PositiveBigIntegerField(_("도비 부담(천원)"), null=True, blank=True)
    review_report = models.TextField(_("사전타당성 검토 결과"), blank=True)
    committee_on = models.DateField(_("검토위원회 회부일"), null=True, blank=True)
    committee_result = models.CharField(_("검토위원회 결과"), max_length=300, blank=True)
    agenda_item = models.ForeignKey(
        "committees.AgendaItem",
        verbose_name=_("회의 안건"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_requests",
    )
    task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("과제화"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="origin_requests",
    )
    outcome = models.CharField(_("회신 결과"), max_length=10, choices=Outcome.choices, blank=True)
    answer = models.TextField(_("회신 내용"), blank=True)
    reason = models.TextField(_("불수용 사유"), blank=True)
    answered_on = models.DateField(_("회신일"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_on = models.DateField(_("종결일"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("만족도"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(_("만족도 의견"), blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped by every change; forms carry it so two people acting at once do not overwrite each other.
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("건의사항")
        indexes = [
            models.Index(fields=["receiving_org", "state", "due_on"]),
            models.Index(fields=["requester_org", "received_on"]),
            models.Index(fields=["assigned_department", "state", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("received_on")), name="request_due_order"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="request_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def number(self) -> str:
        """접수번호 as shown: 2026-0012."""
        return f"{self.received_on.year}-{self.pk:04d}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def requester_label(self) -> str:
        if self.requester_org_id is None:
            return str(_("시·도민 제안"))
        return self.requester_org.short_name if self.requester_org else ""


ACTION_LABELS = {
    "submit": _("접수"),
    "assign": _("재배정"),
    "extend": _("기한 연장"),
    "rate": _("만족도 평가"),
    "review_report": _("검토 결과 기록"),
    "make_task": _("과제화"),
    "purge_contact": _("개인정보 삭제"),
}


class Transition(models.Model):
    """The life cycle's log: every state change (and assignment, extension, rating) with date and actor."""

    request = models.ForeignKey(PartnerRequest, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=12, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=State.choices)
    action = models.CharField(max_length=30)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("처리 이력")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_state} → {self.to_state}"

    @property
    def step_label(self) -> str:
        """What happened, as the log shows it: the move, or the act that kept the state."""
        if self.from_state and self.from_state != self.to_state:
            return f"{State(self.from_state).label} → {State(self.to_state).label}"
        return str(ACTION_LABELS.get(self.action, State(self.to_state).label))


class Extension(models.Model):
    """처리기한 연장. One without the requester's consent; every further one records the consent."""

    request = models.ForeignKey(PartnerRequest, on_delete=models.CASCADE, related_name="extensions")
    old_due = models.DateField(_("종전 기한"))
    new_due = models.DateField(_("연장 기한"))
    reason = models.TextField(_("연장 사유"))
    consented = models.BooleanField(_("요청기관 동의"), default=False)
    consent_note = models.CharField(_("동의 확인 내용"), max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("기한 연장")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(new_due__gt=models.F("old_due")), name="extension_later"
            )
        ]

    def __str__(self) -> str:
        return f"{self.old_due} → {self.new_due}"


def request_file_path(instance: "RequestAttachment", filename: str) -> str:
    # The stored name is random; the user's file name is kept in original_name.
    return f"requests/{instance.request_id}/{instance.token}"


class RequestAttachment(models.Model):
    class Role(models.TextChoices):
        REQUEST = "request", _("요청 첨부")
        REPORT = "report", _("검토 보고서")
        ANSWER = "answer", _("회신 첨부")

    request = models.ForeignKey(PartnerRequest, on_delete=models.CASCADE, related_name="attachments")
    role = models.CharField(_("구분"), max_length=10, choices=Role.choices, default=Role.REQUEST)
    token = models.CharField(max_length=40, unique=True)
    file = models.FileField(upload_to=request_file_path, max_length=200)
    original_name = models.CharField(_("파일명"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("크기"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "uploaded_at", "id"]
        verbose_name = _("건의 첨부파일")

    def __str__(self) -> str:
        return self.original_name


class ReminderSent(models.Model):
    """One reminder delivered for a request. The unique (request, event, episode) is claimed before
    anything is sent, in the same transaction: a job run twice sends it once.

    Episode: for an overdue reminder, the due date that was missed (an extension starts a new episode);
    for a progress notice, the 30-day step (30, 60, ...)."""

    class Event(models.TextChoices):
        OVERDUE = "overdue", _("기한 경과")
        PROGRESS = "progress", _("진행 상황 안내")

    request = models.ForeignKey(PartnerRequest, on_delete=models.CASCADE, related_name="reminders")
    event = models.CharField(max_length=10, choices=Event.choices)
    episode = models.CharField(max_length=20)
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("보낸 건의 알림")
        constraints = [
            models.UniqueConstraint(fields=["request", "event", "episode"], name="request_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.event}:{self.request_id}:{self.episode}"


class ProposalAttempt(models.Model):
    """A citizen's proposal form sent from a place (an IPv4 address or an IPv6 /64, kept as a keyed hash),
    for the rate limit."""

    address_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.address_hash[:8]} {self.at}"


class ProposalSender(models.Model):
    """One row per address key (an IPv4 address, an IPv6 /64), locked while its proposal is counted, so
    that proposals sent at once from one place are counted one after another."""

    address_hash = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.address_hash[:8]} {self.seen_at}"

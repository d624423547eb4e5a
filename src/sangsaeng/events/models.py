"""교류행사: cooperation events, and the indicators whose yearly actuals they feed."""

from django.conf import settings
from django.db import models

from sangsaeng.lib.i18n import lazy_text as _


class Event(models.Model):
    class Kind(models.TextChoices):
        VISIT = "visit", _("상호방문")
        FORUM = "forum", _("포럼")
        SEMINAR = "seminar", _("세미나")
        DEBATE = "debate", _("토론회")
        FAIR = "fair", _("박람회")
        WORKSHOP = "workshop", _("워크숍")
        COURSE = "course", _("교육과정")

    kind = models.CharField(_("행사 유형"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("행사명"), max_length=200)
    start = models.DateField(_("시작일"))
    end = models.DateField(_("종료일"), null=True, blank=True)
    place = models.CharField(_("장소"), max_length=200, blank=True)
    organizers = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("주최 기관"), related_name="cooperation_events"
    )
    participants = models.PositiveIntegerField(_("참여 인원(명)"), default=0)
    participant_groups = models.CharField(_("참여 대상"), max_length=300, blank=True)
    budget_used = models.PositiveBigIntegerField(_("집행 예산(천원)"), null=True, blank=True)
    tasks = models.ManyToManyField(
        "plans.Task", verbose_name=_("관련 과제"), related_name="cooperation_events", blank=True
    )
    agreement = models.ForeignKey(
        "orgs.Agreement",
        verbose_name=_("관련 협약"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    description = models.TextField(_("주요 내용"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("교류행사")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="event_period_order",
            )
        ]
        indexes = [models.Index(fields=["start"])]

    def __str__(self) -> str:
        return self.title


class IndicatorFeed(models.Model):
    """An indicator whose yearly actual is counted from events, not typed (events.feeds recomputes it).

    The events counted: of the chosen kinds (none chosen: every kind), held under `agreement` when one
    is set, otherwise linked to the indicator's task; each counts in the year it starts."""

    class Measure(models.TextChoices):
        COUNT = "count", _("행사 횟수")
        PARTICIPANTS = "participants", _("참여 인원 합계")

    indicator = models.OneToOneField(
        "plans.Indicator", verbose_name=_("확인지표"), on_delete=models.CASCADE, related_name="event_feed"
    )
    measure = models.CharField(_("집계 방식"), max_length=15, choices=Measure.choices)
    kinds = models.JSONField(_("행사 유형"), default=list, blank=True)
    agreement = models.ForeignKey(
        "orgs.Agreement",
        verbose_name=_("협약 기준 집계"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Bumped by every save; the feed form carries it to detect concurrent edits.
    revision = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("교류행사 연동 지표")

    def __str__(self) -> str:
        return f"{self.indicator} ← {self.get_measure_display()}"

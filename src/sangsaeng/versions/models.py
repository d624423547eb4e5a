"""Plan versions (계획 개정): a plan revised into a new plan, and what happened to each task.

A revision makes a new Plan from the old one (plans.Plan stays the unit everything else works on: cards,
rounds, dashboards, documents). PlanVersion links the new plan to the one it revises; each TaskRevision
row says what became of one task: carried over unchanged (유지) or supplemented (보완), moved to another
area (이관), dropped (삭제), several old tasks merged into one (통합), or newly found (추가 발굴).

Every top-level task of the old plan sits in exactly one row of a version (RevisionSource's unique
constraint); every top-level task of the new plan in at most one (TaskRevision.new_task is one-to-one).
Sub-tasks travel with their parent and carry no mark of their own.
"""

from django.conf import settings
from django.db import models

from sangsaeng.lib.i18n import lazy_text as _


class Change(models.TextChoices):
    """The marks of a revision plan, in the order its tables count them."""

    KEEP = "keep", _("유지")
    SUPPLEMENT = "supplement", _("보완")
    NEW = "new", _("추가 발굴")
    DROP = "drop", _("삭제")
    MERGE = "merge", _("통합")
    MOVE = "move", _("이관")


class PlanVersion(models.Model):
    """판: `plan` is the revised plan, `previous` the plan it revises (one next version per plan)."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="version")
    previous = models.OneToOneField(
        "plans.Plan", verbose_name=_("이전 판"), on_delete=models.CASCADE, related_name="next_version"
    )
    label = models.CharField(_("판 이름"), max_length=50, help_text=_("예: 2020 개정"))
    revised_on = models.DateField(_("개정일"))
    note = models.TextField(_("개정 개요"), blank=True)
    decision = models.ForeignKey(
        "committees.Decision",
        verbose_name=_("승인 의결"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_versions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped by every change to the version or its rows; forms carry it to detect concurrent edits.
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("계획 개정판")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(plan=models.F("previous")), name="planversion_not_self"
            )
        ]

    def __str__(self) -> str:
        return self.label


class TaskRevision(models.Model):
    """One change of a revision: old task(s) → new task, with its mark, reason and decision."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="revisions")
    change = models.CharField(_("변경 구분"), max_length=12, choices=Change.choices, default=Change.KEEP)
    old_tasks = models.ManyToManyField(
        "plans.Task", through="RevisionSource", verbose_name=_("이전 과제"), related_name="+"
    )
    new_task = models.OneToOneField(
        "plans.Task",
        verbose_name=_("새 과제"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="revision_origin",
    )
    reason = models.TextField(_("사유"), blank=True)
    decision = models.ForeignKey(
        "committees.Decision",
        verbose_name=_("근거 의결"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="task_revisions",
    )
    revision = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["version", "id"]
        verbose_name = _("과제 변경")

    def __str__(self) -> str:
        return self.get_change_display()


class RevisionSource(models.Model):
    """An old task behind a revision row; unique per version, so no old task is counted twice."""

    revision = models.ForeignKey(TaskRevision, on_delete=models.CASCADE, related_name="sources")
    # Repeated from the row so the database itself holds the one-row-per-old-task rule.
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["revision", "id"]
        verbose_name = _("이전 과제")
        constraints = [
            models.UniqueConstraint(fields=["version", "task"], name="revisionsource_unique_old_task")
        ]

    def __str__(self) -> str:
        return str(self.task_id)

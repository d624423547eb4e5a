"""An uploaded workbook's preview: what applying it would change, kept until it is applied or expires.

The file itself is not kept; the preview holds the changes as read (typed values) and the revision of
every card they touch, so applying refuses when any of those cards changed since the preview.
"""

from django.conf import settings
from django.db import models

from sangsaeng.lib.i18n import lazy_text as _


class ImportPreview(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("반영 대기")
        APPLIED = "applied", _("반영함")
        DISCARDED = "discarded", _("취소함")
        STALE = "stale", _("다른 수정과 겹쳐 반영하지 못함")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="import_previews")
    # None for an import from the command line (`sangsaeng plan import` without --user).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("파일명"), max_length=255)
    status = models.CharField(_("상태"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # [{sheet, op, entity, task_id, code, row, label, ref, fields: [{field, header, before, after}], data}]
    changes = models.JSONField(default=list, blank=True)
    # {task id: revision when previewed}: the cards the changes touch
    revisions = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    rows = models.PositiveIntegerField(_("읽은 행"), default=0)
    tasks = models.PositiveIntegerField(_("대상 과제"), default=0)
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("보관 기한"), db_index=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("엑셀 가져오기 미리보기")

    def __str__(self) -> str:
        return f"{self.file_name} #{self.pk}"

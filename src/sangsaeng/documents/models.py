"""Documents generated in the background (booklets), kept under MEDIA_ROOT until they expire."""

from django.conf import settings
from django.db import models

from sangsaeng.lib.i18n import lazy_text as _


def document_path(instance: "GeneratedDocument", filename: str) -> str:
    # The stored name is random; the download name is made from the plan when it is served.
    return f"documents/{instance.token}/{filename}"


class GeneratedDocument(models.Model):
    class Kind(models.TextChoices):
        BOOKLET_PDF = "booklet_pdf", _("관리카드 책자 (PDF)")
        BOOKLET_HWPX = "booklet_hwpx", _("관리카드 책자 (한글 HWPX)")
        # Large plans' Excel export runs here, not in the request (exchange.views.export).
        PLAN_XLSX = "plan_xlsx", _("계획 자료 (엑셀 XLSX)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("대기 중")
        RUNNING = "running", _("만드는 중")
        DONE = "done", _("완료")
        FAILED = "failed", _("실패")

    kind = models.CharField(_("종류"), max_length=20, choices=Kind.choices)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="documents")
    # Set for a single card's document; a booklet covers the whole plan.
    task = models.ForeignKey(
        "plans.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="generated_documents"
    )
    unit = models.CharField(_("금액 단위"), max_length=10, default="cheonwon")
    # The cards the requester could see when asking; the worker prints exactly these.
    task_ids = models.JSONField(default=list)
    token = models.CharField(max_length=40, unique=True)
    status = models.CharField(_("상태"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("진행률"), default=0)
    message = models.CharField(_("안내"), max_length=300, blank=True)
    file = models.FileField(upload_to=document_path, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    pages = models.PositiveIntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("보관 기한"), db_index=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("생성 문서")
        indexes = [models.Index(fields=["plan", "-created"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def extension(self) -> str:
        extensions: dict[str, str] = {self.Kind.BOOKLET_HWPX: "hwpx", self.Kind.PLAN_XLSX: "xlsx"}
        return extensions.get(self.kind, "pdf")

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]

    @property
    def download_name(self) -> str:
        what = "계획 자료" if self.kind == self.Kind.PLAN_XLSX else "관리카드"
        return f"{self.plan.title} {what}.{self.extension}"


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "hwpx": "application/hwp+zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

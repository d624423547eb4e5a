"""In-app notices: what the header bell counts and the notices page lists."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("받는 사람"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("종류"), max_length=30)
    title = models.CharField(_("제목"), max_length=200)
    body = models.TextField(_("내용"), blank=True)
    # A path inside the app (never another site): opening the notice goes there.
    url = models.CharField(_("주소"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("받은 때"), auto_now_add=True)
    read_at = models.DateTimeField(_("읽은 때"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("알림")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title

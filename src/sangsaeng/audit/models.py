from django.conf import settings
from django.db import models


class AuditLog(models.Model):
    """Every change: who, when, what, before and after.

    A change to a card also stores the card's whole input state after the change (`state`), so the
    card can be shown as of any past date and concurrent edits can be compared part by part.
    """

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=60)
    summary = models.CharField(max_length=300)
    task = models.ForeignKey("plans.Task", null=True, on_delete=models.CASCADE, related_name="audit_logs")
    plan = models.ForeignKey("plans.Plan", null=True, on_delete=models.CASCADE, related_name="+")
    revision = models.PositiveIntegerField(null=True)
    changes = models.JSONField(default=list)
    state = models.JSONField(null=True)
    # The client address of sign-ins, sign-outs and account changes (sangsaeng.security.net).
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["task", "revision"]), models.Index(fields=["task", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """An official: belongs to a government and, usually, a department."""

    name = models.CharField("성명", max_length=50, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name="소속 기관", null=True, blank=True, on_delete=models.PROTECT
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="소속 부서", null=True, blank=True, on_delete=models.PROTECT
    )
    phone = models.CharField("연락처", max_length=30, blank=True)

    def __str__(self) -> str:
        return self.name or self.username

    @property
    def display_name(self) -> str:
        return self.name or self.username

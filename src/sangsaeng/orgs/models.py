from django.db import models


class Organization(models.Model):
    """A government (광역/기초 지자체) or a public body."""

    class Kind(models.TextChoices):
        METROPOLITAN = "metro", "광역자치단체"
        LOCAL = "local", "기초자치단체"
        PUBLIC_BODY = "public", "공공기관"

    name = models.CharField("기관명", max_length=100, unique=True)
    short_name = models.CharField("약칭", max_length=20)
    kind = models.CharField("구분", max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="상위 기관",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "기관"

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """실·국 → 과 → 팀, nested inside one organization."""

    class Level(models.TextChoices):
        BUREAU = "bureau", "실·국"
        DIVISION = "division", "과"
        TEAM = "team", "팀"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="departments")
    parent = models.ForeignKey(
        "self",
        verbose_name="상위 부서",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField("부서명", max_length=100)
    level = models.CharField("단위", max_length=10, choices=Level.choices, default=Level.DIVISION)

    class Meta:
        ordering = ["organization__name", "name"]
        verbose_name = "부서"
        constraints = [
            models.UniqueConstraint(fields=["organization", "parent", "name"], name="department_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.organization.short_name} {self.name}"


class Agreement(models.Model):
    """협약: an agreement between two or more governments that tasks are carried out under."""

    class Kind(models.TextChoices):
        MOU = "mou", "업무협약"
        FRIENDSHIP = "friendship", "우호교류협약"
        SISTER = "sister", "자매결연"
        ALLIANCE = "alliance", "동맹"

    class Status(models.TextChoices):
        ACTIVE = "active", "유효"
        ENDED = "ended", "종료"

    title = models.CharField("협약명", max_length=200)
    kind = models.CharField("종류", max_length=20, choices=Kind.choices)
    parties = models.ManyToManyField(Organization, verbose_name="당사자", related_name="agreements")
    signed_on = models.DateField("체결일", null=True, blank=True)
    scope = models.TextField("협력 범위", blank=True)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = "협약"

    def __str__(self) -> str:
        return self.title

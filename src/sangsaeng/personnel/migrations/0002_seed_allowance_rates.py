"""교류수당 기준 (월): 3급 70만원, 4급 60만원, 5급 이하 55만원. Editable afterwards in the admin table."""

from typing import Any

from django.db import migrations

RATES = ((3, "3급", 700_000), (4, "4급", 600_000), (5, "5급 이하", 550_000))


def seed(apps: Any, schema_editor: Any) -> None:
    rate = apps.get_model("personnel", "AllowanceRate")
    for grade, label, won in RATES:
        rate.objects.get_or_create(grade=grade, defaults={"label": label, "monthly_won": won})


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("personnel", "AllowanceRate").objects.filter(grade__in=[g for g, _, _ in RATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("personnel", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

"""Rows for 1급 and 2급, which the seeded table (3급, 4급, 5급 이하) left without an allowance: they are
paid the 3급 amount, 70만원, unless the table already has a row for them. Each row also gets the
revision its edit form checks."""

from typing import Any

from django.db import migrations, models

RATES = ((1, "1급", 700_000), (2, "2급", 700_000))


def seed(apps: Any, schema_editor: Any) -> None:
    rate = apps.get_model("personnel", "AllowanceRate")
    for grade, label, won in RATES:
        rate.objects.get_or_create(grade=grade, defaults={"label": label, "monthly_won": won})


def unseed(apps: Any, schema_editor: Any) -> None:
    rate = apps.get_model("personnel", "AllowanceRate")
    for grade, label, won in RATES:
        # Only the rows this migration made and nobody changed since.
        rate.objects.filter(grade=grade, label=label, monthly_won=won, revision=0).delete()


class Migration(migrations.Migration):
    dependencies = [("personnel", "0002_seed_allowance_rates")]

    operations = [
        migrations.AddField(
            model_name="allowancerate",
            name="revision",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(seed, unseed),
    ]

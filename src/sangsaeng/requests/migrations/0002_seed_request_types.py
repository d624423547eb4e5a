"""The four request types with their default deadlines; the administrator edits them afterwards."""

from django.db import migrations

from sangsaeng.requests.defaults import TYPES, ensure_types


def seed(apps, schema_editor):
    ensure_types(apps.get_model("requests", "RequestType"))


def unseed(apps, schema_editor):
    RequestType = apps.get_model("requests", "RequestType")
    RequestType.objects.filter(name__in=[t[0] for t in TYPES], requests__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("requests", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

"""Sample objects for the project-wide URL test (web/tests/test_every_url_refuses_outsiders.py)."""

import datetime as dt
from typing import Any

from django.utils import timezone

from sangsaeng.conftest import World
from sangsaeng.exchange.models import ImportPreview


def exchange_samples(world: World) -> dict[str, Any]:
    preview = ImportPreview.objects.create(
        plan=world.plan,
        created_by=world.coordinator,
        file_name="계획.xlsx",
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    return {"preview_id": preview.pk}

"""Sample objects for the project-wide URL test (web/tests/test_every_url_refuses_outsiders.py): one of
each kind a rounds or notices URL takes, belonging to the world's 경북 task."""

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile

from sangsaeng.conftest import World
from sangsaeng.notices.models import Notice
from sangsaeng.rounds import changes, services
from sangsaeng.rounds.models import UpdateAttachment


def round_samples(world: World) -> dict[str, Any]:
    rnd = services.round_open(
        actor=world.coordinator,
        plan=world.plan,
        year=2019,
        period_kind="quarter",
        period_number=2,
        due_date=dt.date(2019, 7, 10),
    )
    update = rnd.updates.get(task=world.task)
    attachment = UpdateAttachment.objects.create(
        update=update,
        token="r" * 20,
        original_name="증빙.pdf",
        kind="pdf",
        content_type="application/pdf",
        size=5,
        file=ContentFile(b"%PDF-", name="r"),
    )
    changes.plan_adopt(actor=world.coordinator, plan=world.plan, adopted_on=dt.date(2018, 9, 1))
    change = changes.change_request_file(
        actor=world.coordinator,
        task=world.task,
        part="goal",
        proposed=changes.GoalChange(goal="새 목표"),
        reason="시험",
    )
    notice = Notice.objects.create(user=world.officer, kind="round_opened", title="알림", url="/rounds/")
    return {
        "round_id": rnd.pk,
        "update_id": update.pk,
        "file_id": attachment.pk,
        "change_id": change.pk,
        "notice_id": notice.pk,
    }

"""Sample objects for the project-wide URL test (web/tests/test_every_url_refuses_outsiders.py).

`samples(world)` gives a value for every URL parameter of this app; PUBLIC_URLS and OWN_LISTS name the
URLs that are open to anyone, and the lists that answer an outsider with nothing.
"""

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile

from sangsaeng.conftest import World
from sangsaeng.requests import services
from sangsaeng.requests.models import RequestAttachment, RequestType

# The citizens' proposal form and its thank-you page (no account, spam-protected).
PUBLIC_URLS: set[str] = {"requests:propose", "requests:propose_done"}
# Lists and the report answer each user with the requests of their government (an outsider: none;
# tests/test_access.py checks it). The intake form is every officer's, and offers only the tasks the
# user may read (none for an outsider).
OWN_LISTS: set[str] = {
    "requests:list",
    "requests:queue",
    "requests:report",
    "requests:report_xlsx",
    "requests:report_pdf",
    "requests:create",
}


def samples(world: World) -> dict[str, Any]:
    req = services.request_submit(
        actor=world.partner_viewer,
        request_type=RequestType.objects.get(name="건의"),
        subject=f"{world.task.title} 관련 건의",
        body="시험 건의",
        receiving_org=world.gyeongbuk,
        requester_org=world.daegu,
        related_tasks=[world.task],
        received_on=dt.date(2026, 11, 2),
    )
    attachment = RequestAttachment.objects.create(
        request=req,
        token="q" * 20,
        original_name="건의.pdf",
        content_type="application/pdf",
        size=5,
        file=ContentFile(b"%PDF-", name="q"),
    )
    return {
        "partner_request_id": req.pk,
        "request_attachment_id": attachment.pk,
        "request_type_id": RequestType.objects.get(name="건의").pk,
    }

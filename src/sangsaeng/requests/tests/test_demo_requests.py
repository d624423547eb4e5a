"""The demo's requests: a dozen between 경북 and its cities and between 대구·경북, in every state."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.demo.loader import DemoSummary, load_demo
from sangsaeng.requests import figures
from sangsaeng.requests.models import PartnerRequest, State
from sangsaeng.security.testing import mark_signed_in_fully

pytestmark = pytest.mark.django_db
MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5), transaction.atomic():
        summary = load_demo(progress=lambda _message: None)
        yield summary
        transaction.set_rollback(True)


def client(username: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=username))
    return mark_signed_in_fully(c)


def test_the_demo_has_requests_in_every_state(demo: DemoSummary) -> None:
    requests = list(PartnerRequest.objects.select_related("request_type", "requester_org", "receiving_org"))
    assert len(requests) == 12
    assert {r.state for r in requests} == {s.value for s in State}
    today = timezone.localdate()
    overdue = [
        r
        for r in requests
        if figures.is_overdue(due_on=r.due_on, today=today, answered_on=r.answered_on, is_open=r.is_open)
    ]
    assert [r.subject for r in overdue] == ["포항 영일대 해수욕장 야간경관 도비 지원 확대"]
    review = [
        r
        for r in requests
        if figures.requires_review(
            r.total_cost, r.provincial_share, r.request_type.threshold_total, r.request_type.threshold_share
        )
    ]
    assert [r.requester_org.short_name for r in review if r.requester_org] == ["경주"]
    assert sum(1 for r in requests if r.task_id) == 1
    assert sum(1 for r in requests if r.rating) == 3
    assert {r.requester_label for r in requests} >= {
        "포항",
        "경주",
        "안동",
        "고령",
        "대구",
        "경북",
        "시·도민 제안",
    }


def test_the_demo_pages_open_for_each_side(demo: DemoSummary) -> None:
    for username in ("demo", "officer", "daegu", "pohang", "auditor"):
        c = client(username)
        for url in ("/requests/", "/requests/queue/", "/requests/report/"):
            assert c.get(url).status_code == 200, (username, url)
    outsider = client("outsider")
    assert "영일만" not in outsider.get("/requests/").content.decode()
    for req in PartnerRequest.objects.all():
        assert client("demo").get(f"/requests/{req.pk}/").status_code in (200, 404)
        assert outsider.get(f"/requests/{req.pk}/").status_code == 404

"""The demo's rounds: a confirmed past round and a living current one, for the board on first run."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings

from sangsaeng.accounts.models import User
from sangsaeng.demo.loader import DemoSummary, load_demo
from sangsaeng.plans.access import can_edit_task
from sangsaeng.plans.models import Plan, Task
from sangsaeng.rounds.models import Round, UpdateState
from sangsaeng.rounds.selectors import confirmation_for
from sangsaeng.security.testing import mark_signed_in_fully

pytestmark = pytest.mark.django_db
MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5), transaction.atomic():
        summary = load_demo(progress=lambda _message: None)
        yield summary
        transaction.set_rollback(True)


def hanppuri() -> Plan:
    return Plan.objects.get(title="대구·경북 한뿌리 상생협력")


def test_the_past_round_is_confirmed_and_stamps_the_cards(demo: DemoSummary) -> None:
    past = Round.objects.get(plan=hanppuri(), name="2019년 2분기")
    assert past.status == Round.Status.CLOSED
    assert set(past.updates.values_list("state", flat=True)) == {UpdateState.CONFIRMED}
    task = Task.objects.get(plan=hanppuri(), code="10-4")
    stamp = confirmation_for(task.pk)
    assert stamp is not None and stamp.label == "확정: 2019. 7. 5. (2019년 2분기)"


def test_the_current_round_has_drafts_submitted_returned_and_an_overdue_department(demo: DemoSummary) -> None:
    current = Round.objects.get(plan=hanppuri(), name="2019년 3분기")
    states = dict(current.updates.values_list("task__code", "state"))
    assert states["3-2"] == UpdateState.DRAFT
    assert states["3-8"] == UpdateState.RETURNED
    assert states["3-5"] == UpdateState.SUBMITTED
    assert states["3-1-2"] == UpdateState.DRAFT
    assert states["10-4"] == UpdateState.NOT_STARTED
    from sangsaeng.rounds.selectors import board

    b = board(current)
    assert b.overdue >= 1  # 대구 관광과's earlier deadline has passed for 3-1-2


def test_two_officers_of_two_governments_have_tasks_to_report(demo: DemoSummary) -> None:
    officer, daegu = User.objects.get(username="officer"), User.objects.get(username="daegu")
    assert officer.organization is not None and daegu.organization is not None
    assert (officer.organization.short_name, daegu.organization.short_name) == ("경북", "대구")
    plan = hanppuri()
    assert can_edit_task(daegu, Task.objects.get(plan=plan, code="3-5"))
    assert not can_edit_task(daegu, Task.objects.get(plan=plan, code="3-2"))
    assert can_edit_task(officer, Task.objects.get(plan=plan, code="3-2"))


def test_the_demo_round_pages_render(demo: DemoSummary) -> None:
    current = Round.objects.get(plan=hanppuri(), name="2019년 3분기")
    client = mark_signed_in_fully(_client("demo"))
    assert client.get(f"/rounds/{current.pk}/").status_code == 200
    for update in current.updates.all():
        assert client.get(f"/rounds/updates/{update.pk}/").status_code == 200
        assert client.get(f"/rounds/updates/{update.pk}/review/").status_code == 200
    assert client.get("/rounds/").status_code == 200
    daegu = mark_signed_in_fully(_client("daegu"))
    assert "의료관광" in daegu.get("/rounds/").content.decode()


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_card_page_shows_when_and_in_which_round_it_was_confirmed(demo: DemoSummary) -> None:
    task = Task.objects.get(plan=hanppuri(), code="10-4")
    page = mark_signed_in_fully(_client("demo")).get(f"/tasks/{task.pk}/").content.decode()
    assert '<span id="confirmation">확정: 2019. 7. 5. (2019년 2분기)</span>' in page

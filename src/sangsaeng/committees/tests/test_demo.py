"""The committees' part of the demo: the joint committee, its 2019 meetings and applied decisions."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from sangsaeng.accounts.models import User
from sangsaeng.audit.models import AuditLog
from sangsaeng.committees.models import Committee, Decision, Meeting
from sangsaeng.demo.loader import load_demo
from sangsaeng.plans.models import Status, Task
from sangsaeng.security.testing import mark_signed_in_fully

HANPPURI = "대구·경북 한뿌리 상생협력"


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Loaded once for the module inside a transaction that is rolled back after it."""
    md5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=md5), transaction.atomic():
        load_demo(progress=lambda _message: None)
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_joint_committee_has_subcommittees_meetings_and_applied_decisions(demo: None) -> None:
    joint = Committee.objects.get(name="대구경북한뿌리상생위원회")
    assert joint.children.count() == 4 and joint.memberships.filter(role="co_chair").count() == 2
    meetings = list(joint.meetings.order_by("starts_at"))
    assert [m.minutes_locked for m in meetings] == [True, True]
    assert not Decision.objects.filter(meeting__committee=joint, applied_at__isnull=True).exists()
    assert Meeting.objects.filter(committee__parent=joint, status="scheduled").exists()
    adopted = Task.objects.get(plan__title=HANPPURI, code="4-10")
    first = AuditLog.objects.filter(task=adopted).order_by("id").first()
    assert first is not None and first.summary == "2019. 3. 28. 대구경북한뿌리상생위원회 의결: 신규 채택"
    assert Task.objects.get(plan__title=HANPPURI, code="4-4").status == Status.DROPPED
    assert Decision.objects.filter(meeting__committee=joint, kind="approve_version").count() == 1


@pytest.mark.django_db
def test_the_demo_member_reviews_the_subcommittee_minutes(demo: None) -> None:
    client = mark_signed_in_fully(Client())
    client.force_login(User.objects.get(username="daegu"))
    draft = Meeting.objects.get(title="경제산업분과 6월 정례회의")
    page = client.get(reverse("committees:meeting", args=[draft.pk])).content.decode()
    assert "회의록 검토" in page and "로봇산업 협력벨트" in page

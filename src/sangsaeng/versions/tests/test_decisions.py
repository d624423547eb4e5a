"""Committee decisions behind a version (계획 개정 승인) and behind each change."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from sangsaeng.committees.models import Committee, Decision, Meeting
from sangsaeng.versions.models import Change
from sangsaeng.versions.tests.conftest import Revision

pytestmark = pytest.mark.django_db


def decision(revision: Revision, kind: str) -> Decision:
    committee = Committee.objects.create(name="대구경북한뿌리상생위원회", plan=revision.world.plan)
    # 08:30 in Seoul is the evening before in UTC: the label must still say 2019. 11. 13.
    starts = dt.datetime(2019, 11, 13, 8, 30, tzinfo=ZoneInfo("Asia/Seoul"))
    meeting = Meeting.objects.create(
        committee=committee, title="2019년 하반기 상생위원회", starts_at=starts, ends_at=starts
    )
    return Decision.objects.create(meeting=meeting, kind=kind, text="2020 개정안 원안 의결")


def test_an_approval_is_linked_to_the_version_and_printed_with_it(revision: Revision) -> None:
    approval = decision(revision, Decision.Kind.APPROVE_VERSION)
    client = revision.world.client_for(revision.world.coordinator)
    url = reverse("versions:edit", args=[revision.version.pk])
    form = client.get(url)
    assert "2019년 하반기 상생위원회 (2019. 11. 13.) 계획 개정 승인" in form.content.decode()
    data = {"label": "2020 개정", "revised_on": "2020. 1. 20.", "decision": approval.pk, "base_revision": "0"}
    assert client.post(url, data).status_code == 302
    revision.version.refresh_from_db()
    assert revision.version.decision == approval
    page = client.get(reverse("versions:compare", args=[revision.version.pk])).content.decode()
    assert "2019년 하반기 상생위원회 (2019. 11. 13.) 계획 개정 승인" in page


def test_only_approvals_are_offered_for_the_version_but_any_decision_for_a_change(revision: Revision) -> None:
    drop = decision(revision, Decision.Kind.DROP_TASK)
    client = revision.world.client_for(revision.world.coordinator)
    edit = client.get(reverse("versions:edit", args=[revision.version.pk])).content.decode()
    assert f'value="{drop.pk}"' not in edit
    url = reverse("versions:mark", args=[revision.version.pk, revision.old("2-2").pk])
    response = client.post(
        url, {"change": "drop", "reason": "위원회 제외 의결", "decision": drop.pk, "base_revision": "0"}
    )
    assert response.status_code == 302
    row = revision.row("2-2")
    assert (row.change, row.decision) == (Change.DROP, drop)
    page = client.get(reverse("versions:compare", args=[revision.version.pk])).content.decode()
    assert "2019년 하반기 상생위원회 (2019. 11. 13.) 제외" in page

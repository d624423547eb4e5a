"""The committee list, a committee and a meeting keep a constant number of queries as data grows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sangsaeng.committees import decisions, services
from sangsaeng.committees.models import AgendaPaper, Committee, Meeting, Membership
from sangsaeng.committees.tests.factory import make_committee, make_meeting, setup
from sangsaeng.conftest import World


def grow(world: World, committee: Committee, meeting: Meeting, n: int) -> None:
    """n more of everything: committees with meetings, members with attendance, agenda items with
    papers, applied decisions (each a row on the task's history) and cost lines."""
    for i in range(n):
        other = make_committee(world, f"분과 {Committee.objects.count()}", kind="sub", parent=committee)
        make_meeting(world, other, dt.date(2019, 1 + i % 12, 1 + i))
        member = services.membership_save(
            actor=world.coordinator,
            committee=committee,
            values={"name": f"위원 {Membership.objects.count()}"},
        )
        services.attendance_record(
            actor=world.coordinator, meeting=meeting, rows=[services.AttendanceInput(member, "present")]
        )
        item = services.add_agenda_item(
            actor=world.coordinator, meeting=meeting, title=f"안건 {i}", task=world.task
        )
        AgendaPaper.objects.create(
            agenda_item=item, token=f"q{item.pk}", original_name="a.pdf", kind="pdf", content_type="x", size=1
        )
        decision = decisions.decision_save(
            actor=world.coordinator,
            meeting=meeting,
            values={"kind": "change_task", "task": world.task, "agenda_item": item, "title": f"새 이름 {i}"},
        )
        decisions.decision_apply(actor=world.coordinator, decision=decision)
        services.cost_line_add(
            actor=world.coordinator, meeting=meeting, item="다과비", unit_price=8000, quantity=Decimal(i + 1)
        )


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["list", "committee", "meeting", "feed", "history"])
def test_the_page_query_count_does_not_grow_with_data(world: World, page: str) -> None:
    s = setup(world)
    from sangsaeng.committees.feeds import feed_token

    url = {
        "list": "/committees/",
        "committee": f"/committees/{s.committee.pk}/",
        "meeting": f"/committees/meetings/{s.meeting.pk}/",
        "feed": f"/committees/feeds/{feed_token(world.coordinator)}/meetings.ics",
        # The task's history, its rows linking to the decisions that wrote them.
        "history": f"/tasks/{world.task.pk}/history/",
    }[page]
    client = world.client_for(world.coordinator)
    grow(world, s.committee, s.meeting, 2)
    client.get(url)  # warm the session and caches
    small = count(client, url)
    grow(world, s.committee, s.meeting, 8)
    large = count(client, url)
    assert small == large, f"{url}: {small} queries with little data, {large} with more"

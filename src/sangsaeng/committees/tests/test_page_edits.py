"""The remaining forms and buttons: meeting, agenda, member, paper and cost edits, the decision page,
the .ics download and the calendar page."""

import pytest
from django.urls import reverse

from sangsaeng.committees.models import AgendaItem, AgendaPaper, CostLine, Meeting, Membership
from sangsaeng.committees.tests.factory import setup
from sangsaeng.committees.tests.test_ics import parse
from sangsaeng.conftest import World


@pytest.mark.django_db
def test_a_meeting_edited_meanwhile_is_refused_and_the_input_kept(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    url = reverse("committees:meeting_edit", args=[s.meeting.pk])
    form = client.get(url).content.decode()
    assert 'value="2019-03-28"' in form and 'value="14:00"' in form
    data = {
        "title": "바뀐 회의",
        "day": "2019. 4. 2.",
        "start": "10:00",
        "end": "12:00",
        "status": "scheduled",
    }
    assert client.post(url, {**data, "base_revision": 0}).status_code == 302
    stale = client.post(url, {**data, "title": "늦은 수정", "base_revision": 0})
    assert stale.status_code == 409 and 'value="늦은 수정"' in stale.content.decode()
    meeting = Meeting.objects.get(pk=s.meeting.pk)
    assert meeting.title == "바뀐 회의" and meeting.starts_at.hour == 1  # 10:00 KST in UTC


@pytest.mark.django_db
def test_agenda_members_papers_and_costs_are_edited_and_removed(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    client.post(
        reverse("committees:agenda_edit", args=[s.item.pk]),
        {"kind": "report", "title": "점검 결과 보고", "base_revision": 0},
    )
    assert AgendaItem.objects.get(pk=s.item.pk).title == "점검 결과 보고"
    # An item with a decision stays; its paper and the cost line go.
    followed = client.post(reverse("committees:agenda_delete", args=[s.item.pk]), follow=True)
    assert "의결이 기록된 안건은 삭제할 수 없습니다" in followed.content.decode()
    client.post(reverse("committees:paper_delete", args=[s.paper.pk]))
    assert not AgendaPaper.objects.filter(pk=s.paper.pk).exists()
    line = CostLine.objects.get(meeting=s.meeting)
    client.post(reverse("committees:cost_delete", args=[line.pk]))
    assert not CostLine.objects.filter(pk=line.pk).exists()

    edit = client.get(reverse("committees:member_edit", args=[s.member.pk])).content.decode()
    assert 'value="partner"' in edit  # the linked account's username
    client.post(
        reverse("committees:member_edit", args=[s.member.pk]),
        {"name": "박위원", "side": "outside", "role": "sub_chair"},
    )
    member = Membership.objects.get(pk=s.member.pk)
    assert member.role == "sub_chair" and member.user is None
    client.post(reverse("committees:member_delete", args=[s.member.pk]))
    assert not Membership.objects.filter(pk=s.member.pk).exists()


@pytest.mark.django_db
def test_the_decision_page_and_the_ics_download(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.officer)
    page = client.get(reverse("committees:decision", args=[s.decision.pk])).content.decode()
    assert (
        "2019. 3. 28. 한뿌리상생위원회 의결: 제외" in page
        and "목적 달성" in page
        and "아직 반영하지 않았습니다" in page
    )
    response = client.get(reverse("committees:meeting_ics", args=[s.meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    [event] = parse(response.content.decode())
    assert event["DTSTART"][1] == "20190328T140000"


@pytest.mark.django_db
def test_the_calendar_page_lists_only_the_users_committees(world: World) -> None:
    s = setup(world)
    mine = world.client_for(world.officer).get(reverse("committees:calendar")).content.decode()
    assert s.committee.name in mine and "/committees/feeds/" in mine
    outsider = world.client_for(world.outsider).get(reverse("committees:calendar")).content.decode()
    assert s.committee.name not in outsider and world.plan.title not in outsider

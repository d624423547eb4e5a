"""The committee pages through HTTP: who sees what, forms that keep what was typed, outsiders refused."""

from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sangsaeng.accounts.models import Kind
from sangsaeng.committees.models import AgendaItem, AgendaPaper, Committee, Meeting, Membership
from sangsaeng.committees.tests.factory import PDF, setup
from sangsaeng.conftest import World, make_user
from sangsaeng.notices.models import Notice


@pytest.mark.django_db
def test_the_list_shows_the_tree_with_cadence_and_an_outsider_sees_nothing(world: World) -> None:
    s = setup(world)
    body = world.client_for(world.officer).get(reverse("committees:list")).content.decode()
    assert s.committee.name in body and s.sub.name in body and "indent-1" in body
    assert "개최 주기를 지키지 못하고 있는 위원회" in body  # no meeting this half
    outsider = world.client_for(world.outsider).get(reverse("committees:list")).content.decode()
    assert s.committee.name not in outsider and "볼 수 있는 위원회가 없습니다" in outsider


@pytest.mark.django_db
def test_an_outsider_cannot_see_a_committee_or_its_papers(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.outsider)
    for url in (
        reverse("committees:detail", args=[s.committee.pk]),
        reverse("committees:meeting", args=[s.meeting.pk]),
        reverse("committees:paper", args=[s.paper.pk]),
        reverse("committees:agenda_print", args=[s.meeting.pk, "pdf"]),
        reverse("committees:minutes_print", args=[s.meeting.pk, "hwpx"]),
        reverse("committees:roster_print", args=[s.committee.pk, "pdf"]),
        reverse("committees:decision", args=[s.decision.pk]),
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_who_reads_a_committee(world: World) -> None:
    s = setup(world)
    url = reverse("committees:meeting", args=[s.meeting.pk])
    auditor = make_user("auditor", world.jeonnam)
    auditor.kind = Kind.AUDITOR
    auditor.save()
    expert = make_user("expert", world.jeonnam)
    expert.kind = Kind.COMMITTEE
    expert.save()
    assert world.client_for(auditor).get(url).status_code == 200
    assert world.client_for(expert).get(url).status_code == 404
    Membership.objects.filter(pk=s.chair.pk).update(user=expert)  # a member with an account reads
    assert world.client_for(expert).get(url).status_code == 200
    # Officers of the governments it belongs to read it; writing is the coordinators'.
    officer = world.client_for(world.officer)
    assert officer.get(url).status_code == 200
    assert officer.get(reverse("committees:meeting_edit", args=[s.meeting.pk])).status_code == 403
    assert officer.post(reverse("committees:decision_apply", args=[s.decision.pk])).status_code == 403


@pytest.mark.django_db
def test_a_coordinator_creates_a_committee_and_a_subcommittee_keeping_input_on_errors(world: World) -> None:
    client = world.client_for(world.coordinator)
    url = reverse("committees:create")
    bad = client.post(
        url,
        {
            "name": "전체위원회",
            "kind": "plenary",
            "plan": world.plan.pk,
            "cadence_count": 1,
            "cadence_period": "month",
        },
    )
    assert bad.status_code == 422
    assert 'value="전체위원회"' in bad.content.decode() and "필수 항목" in bad.content.decode()
    response = client.post(
        url,
        {
            "name": "전체위원회",
            "kind": "plenary",
            "plan": world.plan.pk,
            "organizations": [world.daegu.pk, world.gyeongbuk.pk],
            "cadence_count": 1,
            "cadence_period": "month",
        },
    )
    plenary = Committee.objects.get(name="전체위원회")
    assert response.status_code == 302 and plenary.plan == world.plan
    form = client.get(url + f"?parent={plenary.pk}").content.decode()
    assert "분과위원회" in form and f'value="{plenary.pk}" selected' in form
    client.post(
        url,
        {
            "name": "기반분과",
            "kind": "sub",
            "parent": plenary.pk,
            "plan": world.plan.pk,
            "area": world.area.pk,
            "organizations": [world.gyeongbuk.pk],
            "cadence_count": 2,
            "cadence_period": "month",
        },
    )
    assert Committee.objects.get(name="기반분과").parent == plenary
    assert world.client_for(world.officer).get(url).status_code == 403


@pytest.mark.django_db
def test_editing_a_committee_changed_meanwhile_is_refused_with_the_input_kept(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    url = reverse("committees:edit", args=[s.committee.pk])
    data = {
        "name": "새 이름",
        "kind": "joint",
        "plan": world.plan.pk,
        "organizations": [world.daegu.pk],
        "cadence_count": 2,
        "cadence_period": "half",
    }
    assert client.post(url, {**data, "base_revision": 0}).status_code == 302
    stale = client.post(url, {**data, "name": "늦은 이름", "base_revision": 0})
    assert stale.status_code == 409 and 'value="늦은 이름"' in stale.content.decode()
    assert Committee.objects.get(pk=s.committee.pk).name == "새 이름"


@pytest.mark.django_db
def test_members_are_appointed_with_roles_and_terms(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    url = reverse("committees:member_add", args=[s.committee.pk])
    bad = client.post(
        url,
        {
            "name": "최전문",
            "side": "outside",
            "role": "sub_chair",
            "username": "nobody",
            "term_start": "2019. 3. 1.",
            "term_end": "2019. 1. 1.",
        },
    )
    body = bad.content.decode()
    assert (
        bad.status_code == 422
        and "‘nobody’ 계정을 찾을 수 없습니다." in body
        and "임기 종료일이 시작일보다 빠릅니다." in body
    )
    assert 'value="최전문"' in body
    client.post(
        url,
        {
            "name": "최전문",
            "side": "outside",
            "role": "sub_chair",
            "affiliation": "경북대",
            "term_start": "2019. 3. 1.",
            "term_end": "2021. 2. 28.",
        },
    )
    page = client.get(reverse("committees:detail", args=[s.committee.pk])).content.decode()
    assert "최전문" in page and "분과장" in page and "2019. 3. 1. ~ 2021. 2. 28." in page


@pytest.mark.django_db
def test_scheduling_a_meeting_invites_members_with_an_ics(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    url = reverse("committees:meeting_create", args=[s.committee.pk])
    bad = client.post(
        url,
        {
            "title": "제2차 회의",
            "day": "2019. 11. 13.",
            "start": "16:00",
            "end": "14:00",
            "status": "scheduled",
        },
    )
    assert bad.status_code == 422 and "종료 시각이 시작 시각보다 늦어야 합니다." in bad.content.decode()
    assert 'value="제2차 회의"' in bad.content.decode()
    mail.outbox.clear()
    with_invite = {
        "title": "제2차 회의",
        "day": "2019. 11. 13.",
        "start": "14:00",
        "end": "16:00",
        "place": "대구시청",
        "host": world.daegu.pk,
        "status": "scheduled",
        "invite": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, with_invite)
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="제2차 회의")
    assert meeting.host == world.daegu and meeting.invited_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == ["chair@example.go.kr", "park@example.kr"]
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert (
        name == "meeting.ics"
        and mimetype.startswith("text/calendar")
        and "DTSTART;TZID=Asia/Seoul:20191113T140000" in content
    )
    assert Notice.objects.filter(user=world.partner_viewer, kind="committee_meeting").exists()


@pytest.mark.django_db
def test_agenda_items_link_tasks_and_take_checked_papers(
    world: World, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    s = setup(world)
    client = world.client_for(world.coordinator)
    bad = client.post(
        reverse("committees:agenda_add", args=[s.meeting.pk]),
        {"kind": "deliberation", "title": "", "presenter": "정책기획관"},
    )
    assert bad.status_code == 422 and 'value="정책기획관"' in bad.content.decode()
    client.post(
        reverse("committees:agenda_add", args=[s.meeting.pk]),
        {"kind": "report", "title": "추진상황 보고", "task": world.task.pk},
    )
    item = AgendaItem.objects.get(title="추진상황 보고")
    assert item.task == world.task and item.order == 2
    fake = SimpleUploadedFile("자료.pdf", b"MZ not a pdf", content_type="application/pdf")
    followed = client.post(reverse("committees:paper_upload", args=[item.pk]), {"file": fake}, follow=True)
    assert not item.papers.exists() and "PDF" in followed.content.decode()
    client.post(
        reverse("committees:paper_upload", args=[item.pk]), {"file": SimpleUploadedFile("자료.pdf", PDF)}
    )
    paper = AgendaPaper.objects.get(agenda_item=item)
    download = world.client_for(world.officer).get(reverse("committees:paper", args=[paper.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    page = client.get(reverse("committees:meeting", args=[s.meeting.pk])).content.decode()
    assert "자료.pdf" in page and world.task.title in page


@pytest.mark.django_db
def test_the_meeting_page_counts_decisions_and_applies_them_from_the_button(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    page = client.get(reverse("committees:meeting", args=[s.meeting.pk])).content.decode()
    assert "제외 1건 의결" in page and "계획에 반영" in page
    bad = client.post(
        reverse("committees:decision_add", args=[s.meeting.pk]), {"kind": "adopt_task", "title": "새 과제"}
    )
    assert (
        bad.status_code == 422
        and "관리번호를 적으세요" in bad.content.decode()
        and 'value="새 과제"' in bad.content.decode()
    )
    client.post(reverse("committees:decisions_apply", args=[s.meeting.pk]))
    world.task.refresh_from_db()
    assert world.task.status == "dropped"
    page = client.get(reverse("committees:meeting", args=[s.meeting.pk])).content.decode()
    assert "✓ 반영" in page

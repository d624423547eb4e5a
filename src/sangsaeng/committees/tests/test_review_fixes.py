"""Concurrent edits and locks around a meeting: attendance moves the meeting's revision on, agenda items
and decisions carry their own, a finalized meeting takes no agenda changes; invitations and the
attendance roster follow the members' terms."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sangsaeng.audit.models import AuditLog
from sangsaeng.committees import decisions, invitations, selectors, services
from sangsaeng.committees.models import AgendaItem, AgendaPaper, Attendance, Decision, Meeting
from sangsaeng.committees.tests.factory import PDF, Setup, setup
from sangsaeng.conftest import World

LOCKED = "회의록이 확정되어 더 이상 고칠 수 없습니다."
MEETING_EDIT = {
    "title": "바뀐 회의",
    "day": "2019. 3. 28.",
    "start": "14:00",
    "end": "16:00",
    "status": "held",
}


def attendance_post(s: Setup, **extra: Any) -> dict[str, Any]:
    return {
        f"status_{s.chair.pk}": "proxy",
        f"proxy_{s.chair.pk}": "행정부시장",
        f"status_{s.member.pk}": "present",
        **extra,
    }


def finalize(world: World, s: Setup) -> Meeting:
    meeting = services.minutes_save(
        actor=world.coordinator, meeting=s.meeting, text="○ 개회", base_revision=0
    )
    return services.minutes_finalize(actor=world.coordinator, meeting=meeting, base_revision=meeting.revision)


# ---------------------------------------------------------------- 1. attendance and the meeting's revision


@pytest.mark.django_db
def test_recording_attendance_moves_the_meeting_on_so_an_older_meeting_form_is_refused(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    opened_at = Meeting.objects.get(pk=s.meeting.pk).revision
    response = client.post(reverse("committees:attendance", args=[s.meeting.pk]), attendance_post(s))
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=s.meeting.pk)
    assert meeting.revision == opened_at + 1 and meeting.status == Meeting.Status.HELD

    # Audited like the other meeting writes, member by member, in Korean.
    log = AuditLog.objects.filter(action="committee.attendance").latest("id")
    assert log.summary == f"출석 기록: {meeting.title}" and log.actor == world.coordinator
    assert {c["label"]: (c["before"], c["after"]) for c in log.changes} == {
        "김위원장 위원 출석 여부": ("", "대리출석 (행정부시장)"),
        "박위원 위원 출석 여부": ("", "출석"),
    }

    # The meeting form opened before the attendance was recorded no longer saves over it.
    stale = client.post(
        reverse("committees:meeting_edit", args=[s.meeting.pk]), {**MEETING_EDIT, "base_revision": opened_at}
    )
    assert stale.status_code == 409 and "먼저 회의 내용을 수정했습니다" in stale.content.decode()
    assert Meeting.objects.get(pk=s.meeting.pk).title != "바뀐 회의"

    # Recording the same again changes no one: audited without changes, the revision still moves on.
    client.post(reverse("committees:attendance", args=[s.meeting.pk]), attendance_post(s))
    assert AuditLog.objects.filter(action="committee.attendance").latest("id").changes == []
    assert Meeting.objects.get(pk=s.meeting.pk).revision == opened_at + 2


@pytest.mark.django_db
def test_an_attendance_form_posting_an_old_revision_is_refused_and_keeps_the_choices(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    url = reverse("committees:attendance", args=[s.meeting.pk])
    form = client.get(url)
    assert form.context["form"]["base_revision"].value() == 0
    assert 'name="base_revision"' in form.content.decode()  # the page sends it back
    services.meeting_update(
        actor=world.coordinator,
        meeting=s.meeting,
        data=services.MeetingInput(
            title="다른 사람이 고친 회의", starts_at=s.meeting.starts_at, ends_at=s.meeting.ends_at
        ),
        base_revision=0,
    )
    stale = client.post(url, attendance_post(s, base_revision=0))
    body = stale.content.decode()
    assert stale.status_code == 409 and "먼저 출석 내용을 수정했습니다" in body
    assert 'value="proxy" selected' in body and 'value="행정부시장"' in body
    assert not Attendance.objects.filter(meeting=s.meeting).exists()
    # Sent again from the form shown, now over the current revision, it is recorded.
    assert stale.context["form"]["base_revision"].value() == "1"
    assert client.post(url, attendance_post(s, base_revision=1)).status_code == 302
    assert Attendance.objects.filter(meeting=s.meeting).count() == 2
    with pytest.raises(services.StaleError):
        services.attendance_record(actor=world.coordinator, meeting=s.meeting, rows=[], base_revision=1)


# ---------------------------------------------------------------- 2. no agenda changes once finalized


@pytest.mark.django_db
def test_a_finalized_meeting_takes_no_new_or_changed_agenda_item(
    world: World, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    s = setup(world)
    finalize(world, s)
    client = world.client_for(world.coordinator)
    page = client.get(reverse("committees:meeting", args=[s.meeting.pk])).content.decode()
    # The page no longer offers what would be refused.
    add = reverse("committees:agenda_add", args=[s.meeting.pk])
    for refused in (add, reverse("committees:agenda_edit", args=[s.item.pk])):
        assert f'href="{refused}"' not in page
    assert reverse("committees:paper_delete", args=[s.paper.pk]) not in page

    for response in (
        client.get(add, follow=True),
        client.post(add, {"kind": "report", "title": "늦은 안건"}, follow=True),
    ):
        assert LOCKED in response.content.decode()
    edit = reverse("committees:agenda_edit", args=[s.item.pk])
    followed = client.post(edit, {"kind": "report", "title": "고친 안건", "base_revision": 0}, follow=True)
    assert LOCKED in followed.content.decode()
    followed = client.post(reverse("committees:agenda_delete", args=[s.item.pk]), follow=True)
    assert LOCKED in followed.content.decode()
    assert list(AgendaItem.objects.filter(meeting=s.meeting).values_list("title", flat=True)) == ["과제 점검"]
    # Nor do its papers change.
    upload = SimpleUploadedFile("늦은 자료.pdf", PDF, content_type="application/pdf")
    followed = client.post(
        reverse("committees:paper_upload", args=[s.item.pk]), {"file": upload}, follow=True
    )
    assert LOCKED in followed.content.decode()
    followed = client.post(reverse("committees:paper_delete", args=[s.paper.pk]), follow=True)
    assert LOCKED in followed.content.decode()
    assert list(AgendaPaper.objects.filter(agenda_item=s.item)) == [s.paper]

    # The services refuse too, whoever calls them (a partner request put on the agenda, too).
    with pytest.raises(ValidationError, match=LOCKED):
        services.add_agenda_item(actor=world.coordinator, meeting=s.meeting, title="늦은 안건")
    with pytest.raises(ValidationError, match=LOCKED):
        services.agenda_item_update(
            actor=world.coordinator, item=s.item, values={"title": "고친 안건"}, base_revision=None
        )
    assert AgendaItem.objects.get(pk=s.item.pk).title == "과제 점검"


# ---------------------------------------------------------------- 3. agenda items and decisions: revisions


@pytest.mark.django_db
def test_an_agenda_item_edited_meanwhile_is_refused_and_the_input_kept(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    url = reverse("committees:agenda_edit", args=[s.item.pk])
    form = client.get(url).content.decode()
    assert '<input type="hidden" name="base_revision" value="0"' in form
    assert (
        client.post(url, {"kind": "report", "title": "먼저 고친 안건", "base_revision": 0}).status_code == 302
    )
    assert AgendaItem.objects.get(pk=s.item.pk).revision == 1

    stale = client.post(url, {"kind": "report", "title": "늦게 고친 안건", "base_revision": 0})
    body = stale.content.decode()
    assert stale.status_code == 409 and "먼저 안건 내용을 수정했습니다" in body
    assert 'value="늦게 고친 안건"' in body and 'name="base_revision" value="1"' in body
    assert AgendaItem.objects.get(pk=s.item.pk).title == "먼저 고친 안건"
    # A form that posts no revision at all is as old as can be.
    assert client.post(url, {"kind": "report", "title": "모르는 안건"}).status_code == 409
    # Sent again after seeing the conflict, it saves.
    assert (
        client.post(url, {"kind": "report", "title": "늦게 고친 안건", "base_revision": 1}).status_code == 302
    )
    assert AgendaItem.objects.get(pk=s.item.pk).title == "늦게 고친 안건"


@pytest.mark.django_db
def test_a_decision_edited_meanwhile_is_refused_and_the_input_kept(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    url = reverse("committees:decision_edit", args=[s.decision.pk])
    form = client.get(url).content.decode()
    assert '<input type="hidden" name="base_revision" value="0"' in form
    post = {"kind": "drop_task", "task": world.task.pk, "agenda_item": s.item.pk}
    assert client.post(url, {**post, "reason": "먼저 적은 사유", "base_revision": 0}).status_code == 302
    assert Decision.objects.get(pk=s.decision.pk).revision == 1

    stale = client.post(url, {**post, "reason": "늦게 적은 사유", "base_revision": 0})
    body = stale.content.decode()
    assert stale.status_code == 409 and "먼저 의결 내용을 수정했습니다" in body and "늦게 적은 사유" in body
    assert Decision.objects.get(pk=s.decision.pk).reason == "먼저 적은 사유"
    with pytest.raises(services.StaleError):
        decisions.decision_save(
            actor=world.coordinator, meeting=s.meeting, values={}, decision=s.decision, base_revision=0
        )
    # A new decision has no revision to check.
    new = reverse("committees:decision_add", args=[s.meeting.pk])
    response = client.post(new, {"kind": "other", "text": "차기 회의는 대구에서"})
    assert response.status_code == 302 and Decision.objects.filter(text="차기 회의는 대구에서").exists()
    # Applying moves it on too.
    decisions.decision_apply(actor=world.coordinator, decision=s.decision)
    assert Decision.objects.get(pk=s.decision.pk).revision == 2


# ---------------------------------------------------------------- 5. invitations follow the terms


@pytest.mark.django_db
def test_only_members_whose_term_covers_the_meeting_day_are_invited_and_on_the_roster(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    s = setup(world)  # the meeting is on 2019. 3. 28.
    day = dt.date(2019, 3, 28)
    terms = {
        "starts_that_day": (day, None),
        "ends_that_day": (dt.date(2018, 3, 28), day),
        "starts_the_day_after": (day + dt.timedelta(days=1), None),
        "ended_the_day_before": (dt.date(2017, 3, 28), day - dt.timedelta(days=1)),
    }
    for name, (start, end) in terms.items():
        services.membership_save(
            actor=world.coordinator,
            committee=s.committee,
            values={"name": name, "email": f"{name}@example.kr", "term_start": start, "term_end": end},
        )
    names = {r.name for r in invitations.recipients(s.meeting)}
    assert names == {"김위원장", "박위원", "starts_that_day", "ends_that_day"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.meeting_invite(actor=world.coordinator, meeting=s.meeting) == 4
    assert "starts_the_day_after@example.kr" not in {m.to[0] for m in mail.outbox}
    roster = {r.member.name for r in selectors.attendance_rows(s.meeting)}
    assert roster == names

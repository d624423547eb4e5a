"""Minutes: written by the coordinator, reviewed by attendees with an account, then finalized and locked."""

import pytest
from django.urls import reverse

from sangsaeng.committees.models import Attendance, Meeting, MinutesReview
from sangsaeng.committees.tests.factory import setup
from sangsaeng.conftest import World

LOCKED = "회의록이 확정되어 더 이상 고칠 수 없습니다."


@pytest.mark.django_db
def test_attendees_review_the_minutes_then_the_coordinator_finalizes_and_they_lock(world: World) -> None:
    s = setup(world)
    coordinator = world.client_for(world.coordinator)
    url = reverse("committees:meeting", args=[s.meeting.pk])
    response = coordinator.post(
        reverse("committees:attendance", args=[s.meeting.pk]),
        {
            f"status_{s.chair.pk}": "proxy",
            f"proxy_{s.chair.pk}": "행정부시장",
            f"status_{s.member.pk}": "present",
        },
    )
    assert response.status_code == 302
    assert Attendance.objects.get(membership=s.chair).proxy_name == "행정부시장"
    # Recording attendance changed the meeting: the minutes form opened now carries revision 1.
    response = coordinator.post(
        reverse("committees:minutes", args=[s.meeting.pk]),
        {"minutes": "○ 개회\n○ 과제 점검", "base_revision": 1},
    )
    assert response.status_code == 302

    member = world.client_for(world.partner_viewer)  # 박위원's account
    assert "회의록 검토" in member.get(url).content.decode()
    member.post(
        reverse("committees:minutes_review", args=[s.meeting.pk]), {"reviewed": "on", "comment": "이견 없음"}
    )
    review = MinutesReview.objects.get(meeting=s.meeting, user=world.partner_viewer)
    assert review.reviewed_at is not None and review.comment == "이견 없음"

    revision = Meeting.objects.get(pk=s.meeting.pk).revision
    coordinator.post(reverse("committees:minutes_finalize", args=[s.meeting.pk]), {"base_revision": revision})
    meeting = Meeting.objects.get(pk=s.meeting.pk)
    assert meeting.minutes_finalized_by == world.coordinator and meeting.minutes_locked

    response = coordinator.post(
        reverse("committees:minutes", args=[s.meeting.pk]),
        {"minutes": "고친 내용", "base_revision": meeting.revision},
    )
    assert response.status_code == 422 and LOCKED in response.content.decode()
    assert Meeting.objects.get(pk=s.meeting.pk).minutes == "○ 개회\n○ 과제 점검"
    response = coordinator.post(
        reverse("committees:attendance", args=[s.meeting.pk]),
        {f"status_{s.chair.pk}": "absent", f"status_{s.member.pk}": "absent"},
    )
    assert LOCKED in response.content.decode()
    followed = member.post(
        reverse("committees:minutes_review", args=[s.meeting.pk]), {"comment": "추가"}, follow=True
    )
    assert LOCKED in followed.content.decode()


@pytest.mark.django_db
def test_a_stale_minutes_form_is_refused_and_keeps_what_was_typed(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    client.post(
        reverse("committees:minutes", args=[s.meeting.pk]), {"minutes": "먼저 쓴 회의록", "base_revision": 0}
    )
    response = client.post(
        reverse("committees:minutes", args=[s.meeting.pk]), {"minutes": "늦게 쓴 회의록", "base_revision": 0}
    )
    body = response.content.decode()
    assert response.status_code == 409 and "먼저 회의록 내용을 수정했습니다" in body
    assert "늦게 쓴 회의록" in body and "먼저 쓴 회의록" in body
    assert Meeting.objects.get(pk=s.meeting.pk).minutes == "먼저 쓴 회의록"


@pytest.mark.django_db
def test_only_attendees_review_and_a_proxy_needs_a_name(world: World) -> None:
    s = setup(world)
    client = world.client_for(world.coordinator)
    response = client.post(
        reverse("committees:attendance", args=[s.meeting.pk]),
        {f"status_{s.chair.pk}": "proxy", f"status_{s.member.pk}": "absent"},
    )
    assert response.status_code == 422 and "대리인 성명을 적으세요" in response.content.decode()
    assert 'value="absent" selected' in response.content.decode()  # the form keeps the choices
    client.post(
        reverse("committees:attendance", args=[s.meeting.pk]),
        {f"status_{s.chair.pk}": "present", f"status_{s.member.pk}": "absent"},
    )
    client.post(reverse("committees:minutes", args=[s.meeting.pk]), {"minutes": "초안", "base_revision": 1})
    assert Meeting.objects.get(pk=s.meeting.pk).minutes == "초안"
    absent = world.client_for(world.partner_viewer)
    absent.post(reverse("committees:minutes_review", args=[s.meeting.pk]), {"reviewed": "on"})
    assert not MinutesReview.objects.filter(meeting=s.meeting).exists()


def test_minutes_keep_their_nesting_and_escape_markup() -> None:
    from sangsaeng.committees.templatetags.committees_tags import minutes_text

    assert minutes_text("○ 개회\n  - <b>인사</b>") == "○ 개회<br>&nbsp;&nbsp;- &lt;b&gt;인사&lt;/b&gt;"

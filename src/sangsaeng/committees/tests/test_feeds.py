"""Calendar feeds: subscribed without logging in, guarded by a secret the user can reset."""

import pytest
from django.test import Client
from django.urls import reverse

from sangsaeng.committees.feeds import feed_token
from sangsaeng.committees.tests.factory import make_committee, make_meeting, setup
from sangsaeng.conftest import World


@pytest.mark.django_db
def test_a_user_feed_holds_the_meetings_the_user_may_read(world: World) -> None:
    s = setup(world)
    elsewhere = make_committee(world, "타 계획 위원회", plan=None, organizations=[world.jeonnam])
    make_meeting(world, elsewhere, title="전남 회의")
    token = feed_token(world.officer)
    response = Client().get(reverse("committees:feed_user", args=[token]))
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert f"UID:committee-meeting-{s.meeting.pk}@" in body and "전남 회의" not in body
    committee_feed = Client().get(reverse("committees:feed_committee", args=[token, s.committee.pk]))
    assert committee_feed.status_code == 200 and "BEGIN:VEVENT" in committee_feed.content.decode()


@pytest.mark.django_db
def test_a_wrong_or_reset_token_is_404_and_a_committee_the_user_cannot_read_too(world: World) -> None:
    s = setup(world)
    token = feed_token(world.officer)
    assert Client().get(reverse("committees:feed_user", args=[token + "x"])).status_code == 404
    assert Client().get(reverse("committees:feed_user", args=["1-abc"])).status_code == 404
    outsider_token = feed_token(world.outsider)
    assert (
        Client().get(reverse("committees:feed_committee", args=[outsider_token, s.committee.pk])).status_code
        == 404
    )
    outsider_feed = Client().get(reverse("committees:feed_user", args=[outsider_token])).content.decode()
    assert "BEGIN:VEVENT" not in outsider_feed

    client = world.client_for(world.officer)
    assert token in client.get(reverse("committees:calendar")).content.decode()
    client.post(reverse("committees:calendar_reset"))
    assert Client().get(reverse("committees:feed_user", args=[token])).status_code == 404
    new = feed_token(world.officer)
    assert new != token and Client().get(reverse("committees:feed_user", args=[new])).status_code == 200

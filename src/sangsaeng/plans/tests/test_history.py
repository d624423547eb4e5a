"""Every change kept; the card as of a past date."""

import datetime as dt

import pytest
from django.utils import timezone

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World

from .test_card_edit import indicator_post, url


@pytest.mark.django_db
def test_it_lists_who_changed_which_field_from_what_to_what(world: World) -> None:
    client = world.client_for(world.officer)
    client.post(url(world, f"indicator:{world.indicator.pk}"), indicator_post(world, actual_2019="17"))
    body = client.get(f"/tasks/{world.task.pk}/history/").content.decode()
    assert "지표 「상생협력과제 발굴」 2019년 실적" in body
    assert "<del>16</del>" in body and "<ins>17</ins>" in body
    assert "officer" in body


@pytest.mark.django_db
def test_it_shows_the_card_as_of_a_past_date(world: World) -> None:
    # Age the first revisions, then change the card today.
    AuditLog.objects.filter(task=world.task).update(at=timezone.now() - dt.timedelta(days=30))
    client = world.client_for(world.officer)
    client.post(url(world, f"indicator:{world.indicator.pk}"), indicator_post(world, actual_2019="30"))
    past = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    body = client.get(f"/tasks/{world.task.pk}/?as_of={past}").content.decode()
    assert "800%" in body and "1500%" not in body
    assert "기준 카드입니다" in body and "hx-get" not in body  # read-only
    assert "1500%" in client.get(f"/tasks/{world.task.pk}/").content.decode()


@pytest.mark.django_db
def test_it_says_when_the_card_did_not_exist_yet(world: World) -> None:
    body = world.client_for(world.officer).get(f"/tasks/{world.task.pk}/?as_of=2001-01-01", follow=True)
    assert "기록이 없습니다" in body.content.decode()


@pytest.mark.django_db
def test_it_explains_an_unreadable_as_of_date(world: World) -> None:
    body = world.client_for(world.officer).get(f"/tasks/{world.task.pk}/?as_of=어제").content.decode()
    assert "조회 날짜" in body and "800%" in body

"""A government's partners page: every government it works with and what is active with each."""

import datetime as dt

import pytest
from django.utils import timezone

from sangsaeng.agreements.tests.samples import make_agreement
from sangsaeng.conftest import World, make_task
from sangsaeng.events.tests.samples import make_event
from sangsaeng.personnel.tests.samples import make_exchange


@pytest.mark.django_db
def test_it_counts_what_is_active_with_each_partner(world: World) -> None:
    make_agreement(world)
    make_agreement(world, title="끝난 협약", status="ended")
    make_event(world)
    later = timezone.localdate() + dt.timedelta(days=30)
    make_exchange(world, end=later)
    make_exchange(world, person_name="지난교류")  # ended in 2019: not counted
    make_task(world.plan, "2-1", lead=world.policy, status="completed").partners.set([world.daegu])
    body = (
        world.client_for(world.coordinator)
        .get(f"/agreements/partners/{world.gyeongbuk.pk}/")
        .content.decode()
    )
    row = body.split(f'id="partner-{world.daegu.pk}"')[1].split("</tr>")[0]
    assert ">1</a>" in row  # one valid agreement, one event, one current exchange
    assert world.task.title in row and "과제 2-1" not in row  # the completed task is not active
    assert row.count(">1</a>") == 3


@pytest.mark.django_db
def test_users_go_to_their_own_governments_page(world: World) -> None:
    response = world.client_for(world.partner_viewer).get("/agreements/partners/")
    assert response.status_code == 302 and response["Location"] == f"/agreements/partners/{world.daegu.pk}/"


@pytest.mark.django_db
def test_another_governments_page_is_not_found(world: World) -> None:
    make_agreement(world)
    assert (
        world.client_for(world.outsider).get(f"/agreements/partners/{world.gyeongbuk.pk}/").status_code == 404
    )
    own = world.client_for(world.outsider).get(f"/agreements/partners/{world.jeonnam.pk}/").content.decode()
    assert "함께 하는 협약·과제·행사·인사교류가 없습니다" in own and "경상북도" not in own.split("<main")[1]

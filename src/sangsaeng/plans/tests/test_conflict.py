"""Two people editing the same part: the second save is refused, shows what changed, loses nothing."""

import pytest

from sangsaeng.conftest import World
from sangsaeng.plans.models import Indicator, Task

from .test_card_edit import indicator_post, url


@pytest.mark.django_db
def test_it_refuses_the_second_save_of_the_same_part(world: World) -> None:
    first, second = world.client_for(world.officer), world.client_for(world.coordinator)
    base = Task.objects.get(pk=world.task.pk).revision
    assert (
        first.post(
            url(world, f"indicator:{world.indicator.pk}"),
            indicator_post(world, actual_2019="17", base_revision=str(base)),
        ).status_code
        == 302
    )
    response = second.post(
        url(world, f"indicator:{world.indicator.pk}"),
        indicator_post(world, actual_2019="20", note="두 번째 사람의 메모", base_revision=str(base)),
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "먼저 수정했습니다" in body and "officer" in body
    assert "2019년 실적" in body and "17" in body  # what the first person changed
    assert 'value="20"' in body and "두 번째 사람의 메모" in body  # nothing typed is lost
    values = Indicator.objects.get(pk=world.indicator.pk).values.get(year=2019)
    assert values.actual == 17


@pytest.mark.django_db
def test_the_refused_form_can_be_saved_again_knowingly(world: World) -> None:
    first, second = world.client_for(world.officer), world.client_for(world.coordinator)
    base = str(Task.objects.get(pk=world.task.pk).revision)
    first.post(
        url(world, f"indicator:{world.indicator.pk}"),
        indicator_post(world, actual_2019="17", base_revision=base),
    )
    second.post(
        url(world, f"indicator:{world.indicator.pk}"),
        indicator_post(world, actual_2019="20", base_revision=base),
    )
    fresh = str(Task.objects.get(pk=world.task.pk).revision)
    response = second.post(
        url(world, f"indicator:{world.indicator.pk}"),
        indicator_post(world, actual_2019="20", base_revision=fresh),
    )
    assert response.status_code == 302
    assert Indicator.objects.get(pk=world.indicator.pk).values.get(year=2019).actual == 20


@pytest.mark.django_db
def test_edits_of_different_parts_do_not_conflict(world: World) -> None:
    first, second = world.client_for(world.officer), world.client_for(world.coordinator)
    base = str(Task.objects.get(pk=world.task.pk).revision)
    first.post(
        url(world, f"indicator:{world.indicator.pk}"),
        indicator_post(world, actual_2019="17", base_revision=base),
    )
    response = second.post(
        url(world, "goal"), {"goal": "상생 목표", "term_indicator": "", "base_revision": base}
    )
    assert response.status_code == 302
    assert Task.objects.get(pk=world.task.pk).goal == "상생 목표"


@pytest.mark.django_db
def test_deleting_a_changed_item_is_refused(world: World) -> None:
    first, second = world.client_for(world.officer), world.client_for(world.coordinator)
    base = str(Task.objects.get(pk=world.task.pk).revision)
    first.post(
        url(world, f"indicator:{world.indicator.pk}"),
        indicator_post(world, actual_2019="17", base_revision=base),
    )
    response = second.post(
        url(world, f"indicator:{world.indicator.pk}") + "delete/", {"base_revision": base}, follow=True
    )
    assert "삭제하지 않았습니다" in response.content.decode()
    assert Indicator.objects.filter(pk=world.indicator.pk).exists()

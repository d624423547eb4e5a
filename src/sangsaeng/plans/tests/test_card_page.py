import pytest

from sangsaeng.conftest import World


@pytest.mark.django_db
def test_it_shows_the_card_with_computed_rates(world: World) -> None:
    response = world.client_for(world.officer).get(f"/tasks/{world.task.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "상생협력과제 발굴" in body
    assert "250%" in body and "800%" in body
    assert "100% (실제 210%)" in body

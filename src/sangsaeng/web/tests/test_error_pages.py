"""Errors speak Korean and offer a way back, signed in or not."""

import pytest
from django.test import Client

from sangsaeng.conftest import World

pytestmark = pytest.mark.django_db


def test_a_missing_page_answers_404_in_korean_with_the_menu(world: World) -> None:
    response = world.client_for(world.officer).get("/tasks/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "페이지를 찾을 수 없습니다" in page
    assert "협력계획" in page  # the site menu, so the user is not stranded


def test_a_refused_change_answers_403_in_korean(world: World) -> None:
    response = world.client_for(world.other_officer).get(f"/tasks/{world.task.pk}/parts/header/")
    assert response.status_code == 403
    assert "권한이 없습니다" in response.content.decode()


def test_a_server_error_page_needs_no_request_and_says_what_to_do() -> None:
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "일시적인 오류가 났습니다" in page and 'href="/"' in page


def test_an_unknown_address_before_login_is_a_korean_404_that_shows_no_menu() -> None:
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "페이지를 찾을 수 없습니다" in page and "로그아웃" not in page

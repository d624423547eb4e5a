"""A strict Content Security Policy on every page, including login and error pages."""

import re
from typing import Any

import pytest
from django.test import Client

from sangsaeng.conftest import World
from sangsaeng.security import session_state

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parts = (d.strip().split() for d in header.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def assert_strict(response: object, where: str) -> None:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    policy = directives(header)
    assert policy["default-src"] == ["'self'"], where
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], (
        where
    )
    assert policy["frame-ancestors"] == ["'none'"], where
    assert policy["form-action"] == ["'self'"], where
    assert policy["object-src"] == ["'none'"], where


def assert_no_inline_script(response: object, where: str) -> None:
    html = response.content.decode()  # type: ignore[attr-defined]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline <script> on {where}"
    assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {where}"
    assert not re.search(r'\sstyle="', html), f"inline style on {where}"


def test_login_page(world: World) -> None:
    response = Client().get("/accounts/login/")
    assert_strict(response, "login")
    assert_no_inline_script(response, "login")


def test_card_and_account_pages(world: World) -> None:
    client = world.client_for(world.coordinator)
    for url in (
        f"/tasks/{world.task.pk}/",
        "/plans/",
        "/account/",
        "/account/sessions/",
        "/account/two-factor/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response, url)
        assert_no_inline_script(response, url)


def test_enrolment_page_with_its_qr_code(world: World) -> None:
    client = world.client_for(world.officer)
    session = client.session
    session_state.mark_reauthenticated(session)
    session.save()
    response = client.get("/account/two-factor/enrol/")
    assert response.status_code == 200
    assert_strict(response, "enrol")
    assert_no_inline_script(response, "enrol")


def test_error_pages(world: World, settings: Any) -> None:
    settings.DEBUG = False
    client = world.client_for(world.outsider)
    for url, status in ((f"/tasks/{world.task.pk}/", 404), ("/no-such-page/", 404)):
        response = client.get(url)
        assert response.status_code == status, url
        assert_strict(response, url)


def test_csrf_failure_page(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "officer", "password": "x"})
    assert response.status_code == 403
    assert_strict(response, "403")

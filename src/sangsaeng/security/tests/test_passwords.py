"""Password rules by length and blocklists, with Korean messages; Argon2 hashes; old hashes upgraded."""

from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

from sangsaeng import settings as project_settings
from sangsaeng.conftest import PASSWORD, World
from sangsaeng.security.models import UserSession
from sangsaeng.security.tests.conftest import login, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_hashers(settings: Any) -> None:
    """The project's hashers, not the fast one the other tests use."""
    assert project_settings.PASSWORD_HASHERS == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    # MD5 last, only so the fixture users' fast hashes still verify; new hashes are Argon2.
    settings.PASSWORD_HASHERS = [
        *project_settings.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]


def change(client: Client, new: str) -> str:
    response = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    return page_text(response) if response.status_code == 200 else ""


def test_a_short_password_is_refused_in_korean(world: World) -> None:
    text = change(world.client_for(world.officer), "짧은암호1")
    assert "이 비밀번호는 너무 짧습니다. 최소 10자 이상이어야 합니다." in text


def test_a_common_password_is_refused_in_korean(world: World) -> None:
    assert "너무 흔히 사용되는 비밀번호입니다." in change(world.client_for(world.officer), "password1234")


def test_a_password_like_the_name_is_refused(world: World) -> None:
    world.officer.name = "kimdamdang"
    world.officer.save()
    assert "다른 개인 정보와 유사한" in change(world.client_for(world.officer), "kimdamdang1")


def test_no_composition_rule_a_long_phrase_of_lowercase_words_is_fine(
    world: World, real_hashers: None
) -> None:
    client = world.client_for(world.officer)
    assert change(client, "우리 동네 상생 협력 과제") == ""
    world.officer.refresh_from_db()
    assert world.officer.password.startswith("argon2$")
    assert world.officer.check_password("우리 동네 상생 협력 과제")


def test_changing_the_password_signs_out_other_sessions_and_keeps_this_one(world: World) -> None:
    here, there = Client(), Client()
    login(here, "officer")
    login(there, "officer", address="10.3.3.3")
    assert change(here, "a long new passphrase") == ""
    assert here.get("/plans/").status_code == 200
    assert there.get("/plans/").url.startswith("/accounts/login/")
    assert UserSession.objects.filter(user=world.officer).count() == 1
    assert UserSession.objects.get(user=world.officer).session_key == here.session.session_key


def test_a_pbkdf2_hash_is_upgraded_to_argon2_at_login(world: World, real_hashers: None) -> None:
    world.officer.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    world.officer.save()
    assert login(Client(), "officer").status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.password.startswith("argon2$")


def test_the_help_text_is_shown_in_korean(world: World) -> None:
    text = page_text(world.client_for(world.officer).get("/account/password/"))
    assert "비밀번호는 최소 10자 이상이어야 합니다." in text

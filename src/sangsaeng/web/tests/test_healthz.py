import pytest
from django.test import Client


@pytest.mark.django_db
def test_it_reports_the_database_state_without_login() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"]["status"] == "ok"


@pytest.mark.django_db
def test_it_logs_in_and_says_why_not_in_korean(django_user_model: object) -> None:
    response = Client().post("/accounts/login/", {"username": "nobody", "password": "wrong-password-123"})
    assert response.status_code == 200
    assert "아이디 또는 비밀번호가 올바르지 않습니다" in response.content.decode()


def test_every_page_carries_a_content_security_policy(client: Client) -> None:
    response = client.get("/accounts/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]

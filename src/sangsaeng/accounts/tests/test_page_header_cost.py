"""Every page's header (department, notices bell, people menu) and the idle clock cost no query of
their own: they come with the session's user (accounts.backends), and the session is not rewritten on
every page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangsaeng.conftest import World
from sangsaeng.notices.services import notice_create

pytestmark = pytest.mark.django_db


def _sql(client, url: str) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


def test_the_bell_counts_unread_notices_without_a_query_of_its_own(world: World) -> None:
    notice_create(user=world.officer, kind="round", title="보고 요청")
    notice_create(user=world.officer, kind="round", title="보고 요청 2")
    client = world.client_for(world.officer)
    client.get("/plans/")
    body, sql = _sql(client, "/plans/")
    assert 'id="unread-count">2<' in body
    assert not [q for q in sql if q.lstrip().startswith("SELECT COUNT(*)") and "notices_notice" in q]
    assert len([q for q in sql if q.startswith('SELECT "accounts_user"."id"')]) == 1


def test_the_people_menu_shows_for_a_coordinator_without_a_query_of_its_own(world: World) -> None:
    coordinator = world.client_for(world.coordinator)
    coordinator.get("/plans/")
    body, sql = _sql(coordinator, "/plans/")
    assert "사용자 관리" in body
    own = [q for q in sql if q.startswith('SELECT 1 AS "a" FROM "plans_plan_coordinators"')]
    assert not own
    officer_body, _ = _sql(world.client_for(world.officer), "/plans/")
    assert "사용자 관리" not in officer_body


def test_browsing_does_not_rewrite_the_session_on_every_page(world: World) -> None:
    client = world.client_for(world.officer)
    client.get("/plans/")
    _, sql = _sql(client, "/plans/")
    assert not [q for q in sql if q.startswith("UPDATE") and "django_session" in q]

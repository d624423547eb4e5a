"""The revision and comparison pages keep a constant number of queries as the revision grows."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangsaeng.conftest import make_task
from sangsaeng.versions import services
from sangsaeng.versions.models import Change
from sangsaeng.versions.tests.conftest import Revision


def grow(revision: Revision, n: int) -> None:
    """n more of everything: newly found tasks, and old tasks carried over, supplemented and merged."""
    start = revision.new_plan.tasks.count() + 100
    for i in range(n):
        services.task_add(
            actor=revision.world.coordinator,
            version=revision.version,
            new=services.NewTask(
                code=f"8-{start + i}", title=f"발굴 {i}", area=revision.new_area(2), reason="발굴"
            ),
        )
        old = make_task(
            revision.world.plan, f"7-{start + i}", area=revision.economy, lead=revision.world.policy
        )
        row = services.task_add(
            actor=revision.world.coordinator,
            version=revision.version,
            new=services.NewTask(code=f"7-{start + i}", title=f"이어받음 {i}", area=None, reason="발굴"),
        )
        assert row.new_task is not None
        # An old task added to the old plan after the revision started, merged into the new one.
        services.task_mark(
            actor=revision.world.coordinator,
            version=revision.version,
            old=old,
            mark=services.Mark(change=Change.MERGE, reason="통합", merge_into=row.new_task),
            base_revision=0,
        )
    make_task(revision.world.plan, f"6-{start}", area=revision.culture)  # not marked yet
    revision.mark("2-2", Change.SUPPLEMENT, reason=f"보완 {n}")


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["versions:detail", "versions:compare"])
def test_the_page_query_count_does_not_grow_with_the_revision(revision: Revision, page: str) -> None:
    client = revision.world.client_for(revision.world.coordinator)
    url = reverse(page, args=[revision.version.pk])
    grow(revision, 2)
    client.get(url)  # warm the session and caches
    small = count(client, url)
    grow(revision, 10)
    large = count(client, url)
    assert small == large, f"{url}: {small} queries with little data, {large} with more"


@pytest.mark.django_db
def test_the_plan_page_with_the_versions_line_keeps_its_query_count(revision: Revision) -> None:
    request = RequestFactory().get("/")
    request.user = revision.world.officer
    template = Template("{% load versions_tags %}{% plan_versions plan %}")
    with CaptureQueriesContext(connection) as ctx:
        template.render(Context({"request": request, "plan": revision.world.plan}))
    assert len(ctx.captured_queries) <= 2

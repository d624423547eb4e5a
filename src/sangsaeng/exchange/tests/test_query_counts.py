"""The export reads the cards in a fixed number of queries, whatever their number and size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangsaeng.conftest import World
from sangsaeng.exchange.tests.helpers import download
from sangsaeng.plans.tests.test_query_counts import grow


def count(world: World, url: str) -> tuple[int, int]:
    client = world.client_for(world.coordinator)
    client.get(f"/plans/{world.plan.pk}/")  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        content = download(client.get(url))
    return len(ctx.captured_queries), len(content)


@pytest.mark.django_db
def test_the_export_query_count_does_not_grow_with_rows(world: World) -> None:
    url = f"/plans/{world.plan.pk}/xlsx/export/"
    grow(world, 2)
    small, small_size = count(world, url)
    grow(world, 12)
    large, large_size = count(world, url)
    assert large_size > small_size
    assert small == large, f"{small} queries for a small plan, {large} for a larger one"

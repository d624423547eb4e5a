"""The list and queue pages keep a constant number of SQL queries as requests grow."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sangsaeng.orgs.models import Department
from sangsaeng.requests.tests.conftest import RequestWorld

pytestmark = pytest.mark.django_db


def grow(rw: RequestWorld, n: int) -> None:
    for i in range(n):
        dept = Department.objects.create(
            organization=rw.w.gyeongbuk, name=f"부서 {Department.objects.count()}"
        )
        req = rw.submit(subject=f"건의 {i}", received_on=dt.date(2026, 11, 1) - dt.timedelta(days=i))
        rw.assigned(req, dept if i % 2 else rw.w.policy)
        rw.submit(kind="질의", subject=f"질의 {i}", by=rw.w.officer, receiving_org=rw.pohang)


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/requests/", "/requests/?box=received&state=open", "/requests/queue/", "/requests/report/"]
)
def test_the_page_query_count_does_not_grow_with_data(rw: RequestWorld, url: str) -> None:
    for user in (rw.w.coordinator, rw.w.officer):
        client = rw.client(user)
        grow(rw, 2)
        client.get(url)
        small = count(client, url)
        grow(rw, 10)
        large = count(client, url)
        assert small == large, f"{url} as {user}: {small} queries with little data, {large} with more"

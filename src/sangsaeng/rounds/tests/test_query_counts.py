"""Round pages keep a constant number of SQL queries as the round grows (measured at two sizes)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sangsaeng.conftest import make_task
from sangsaeng.orgs.models import Department
from sangsaeng.plans.models import Activity, Indicator, IndicatorValue
from sangsaeng.rounds.models import Round, Update, UpdateState
from sangsaeng.rounds.tests.conftest import RoundWorld, form_data

pytestmark = pytest.mark.django_db


def grow(rw: RoundWorld, rnd: Round, n: int) -> None:
    """n more tasks (in new departments) with updates in the round, and n more indicators on 10-4."""
    start = Update.objects.count()
    for i in range(n):
        dept = Department.objects.create(organization=rw.w.gyeongbuk, name=f"부서 {start + i}")
        task = make_task(rw.plan, f"{50 + start + i}-1", area=rw.w.area, lead=dept, progress=Decimal(i))
        Update.objects.create(
            round=rnd, task=task, department=dept, state=list(UpdateState)[i % 5], payload={}
        )
        ind = Indicator.objects.create(task=rw.w.task, name=f"지표 {start + i}", unit="건")
        IndicatorValue.objects.create(indicator=ind, year=2019, target=2, actual=i)
        Activity.objects.create(task=rw.w.task, start="2019-05-01", text=f"활동 {i}")


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["board", "board-filtered", "update", "review", "home", "plan", "mine"])
def test_the_round_page_query_count_does_not_grow(rw: RoundWorld, page: str) -> None:
    rnd = rw.open_round(**{f"deadline_{rw.daegu_dept.pk}": "2019-07-05"})
    update = rw.update_for(rnd, rw.w.task)
    officer = rw.client(rw.w.officer)
    data = form_data(officer, update) | {
        "next_steps": "○ 계속",
        "action": "submit",
        "act_0_when": "2019. 5. 1.",
        "act_0_text": "회의",
    }
    assert officer.post(f"/rounds/updates/{update.pk}/", data).status_code == 302
    user = rw.w.officer if page in ("update", "home", "mine") else rw.w.coordinator
    client = rw.client(user)
    url = {
        "board": f"/rounds/{rnd.pk}/",
        "board-filtered": f"/rounds/{rnd.pk}/?state=overdue",
        "update": f"/rounds/updates/{update.pk}/",
        "review": f"/rounds/updates/{update.pk}/review/",
        "home": "/rounds/",
        "plan": f"/plans/{rw.plan.pk}/rounds/",
        "mine": f"/rounds/{rnd.pk}/",
    }[page]
    grow(rw, rnd, 2)
    client.get(url)  # warm the session and caches
    small = count(client, url)
    grow(rw, rnd, 12)
    large = count(client, url)
    assert small == large, f"{url}: {small} queries with little data, {large} with more"

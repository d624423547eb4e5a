"""Pages keep a constant number of SQL queries as data grows (measured at two sizes)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sangsaeng.budgets.models import BudgetEntry, BudgetItem, CostLine, Settlement
from sangsaeng.conftest import World, make_task
from sangsaeng.plans.models import Activity, Contact, Indicator, IndicatorValue, Legislation, Plan, Task


def grow(world: World, n: int) -> None:
    """Add n of everything: tasks in the plan and, on the card, indicators, entries and sub-tasks."""
    start = Task.objects.count()
    for i in range(n):
        task = make_task(
            world.plan, f"{start + i}-1", area=world.area, lead=world.policy, progress=Decimal(i % 100)
        )
        task.partners.set([world.daegu, world.gyeongbuk])
        make_task(world.plan, f"{start + i}-1-1", parent=task, lead=world.tourism)
        Plan.objects.create(
            title=f"계획 {start + i}", term_start_year=2018, term_end_year=2022
        ).organizations.set([world.gyeongbuk])
    card = world.task
    for i in range(n):
        ind = Indicator.objects.create(task=card, name=f"지표 {start + i}", unit="건")
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=ind, year=y, target=2, actual=i) for y in range(2018, 2023)
        )
        Activity.objects.create(
            task=card, start=f"{2018 + i % 5}-0{1 + i % 9}-01", text=f"활동 {i}", details=[]
        )
        Legislation.objects.create(task=card, name=f"조례 {start + i}")
        Contact.objects.create(task=card, name=f"담당 {i}")
        item = BudgetItem.objects.create(task=card, year=2000 + start + i, code="201-01", name="사무관리비")
        parent = CostLine.objects.create(item=item, label="행사", amount=10)
        CostLine.objects.create(item=item, parent=parent, label="세부", amount=10)
        Settlement.objects.create(task=card, year=1900 + start + i, original=100, executed=50)
        make_task(world.plan, f"10-4-{start + i}", parent=card, lead=world.policy)
    BudgetEntry.objects.bulk_create(
        (
            BudgetEntry(task=card, source=s, kind=k, bucket="year", year=y, amount=1000)
            for s in world.sources
            for k in ("planned", "secured")
            for y in range(2018, 2023)
        ),
        ignore_conflicts=True,
    )


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/plans/", "plan", "card", "history"])
def test_the_page_query_count_does_not_grow_with_data(world: World, page: str) -> None:
    client = world.client_for(world.coordinator)
    url = {
        "plan": f"/plans/{world.plan.pk}/",
        "card": f"/tasks/{world.task.pk}/",
        "history": f"/tasks/{world.task.pk}/history/",
    }.get(page, page)
    grow(world, 2)
    client.get(url)  # warm the session and caches
    small = count(client, url)
    grow(world, 12)
    large = count(client, url)
    assert small == large, f"{url}: {small} queries with little data, {large} with more"

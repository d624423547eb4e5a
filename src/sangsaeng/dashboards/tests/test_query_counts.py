"""The dashboards keep a constant number of SQL queries as data grows (measured at two sizes)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sangsaeng.accounts.models import Kind
from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.conftest import World, make_task, make_user
from sangsaeng.orgs.models import Department
from sangsaeng.plans.models import Area, Indicator, IndicatorValue, Plan, Task
from sangsaeng.rounds import services as rounds


def grow(world: World, n: int) -> None:
    """n more of everything the dashboard counts: tasks (with sub-tasks, partners, budget cells and
    indicator-years), areas, departments, plans, and a new reporting round."""
    start = Task.objects.count()
    for i in range(n):
        dept = Department.objects.create(organization=world.daegu, name=f"부서 {start + i}")
        area = Area.objects.create(plan=world.plan, number=10 + start + i, name=f"분야 {start + i}")
        task = make_task(
            world.plan, f"{start + i}-1", area=area, lead=dept, progress=Decimal(i % 100), status="completed"
        )
        task.partners.set([world.daegu, world.gyeongbuk, world.jeonnam])
        make_task(world.plan, f"{start + i}-1-1", parent=task, lead=world.tourism)
        BudgetEntry.objects.bulk_create(
            BudgetEntry(task=task, source=s, kind=k, bucket="year", year=y, amount=1000 + i)
            for s in world.sources
            for k in ("planned", "secured", "executed")
            for y in range(2018, 2023)
        )
        ind = Indicator.objects.create(task=task, name=f"지표 {i}", unit="건")
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=ind, year=y, target=2, actual=i % 4 or None) for y in range(2018, 2023)
        )
        other = Plan.objects.create(title=f"계획 {start + i}", term_start_year=2016, term_end_year=2030)
        other.organizations.set([world.gyeongbuk, world.daegu])
        make_task(other, "1-1", lead=world.policy).partners.set([world.daegu])
    year = 2019 + Task.objects.count() % 7
    rounds.round_open(
        actor=world.coordinator,
        plan=world.plan,
        year=year,
        period_kind="year",
        period_number=1,
        due_date=dt.date(year, 12, 31),
    )


def count(client: Client, url: str) -> int:
    cache.clear()  # the figures computed, not read from dashboards.cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["coordinator", "officer", "partner"])
@pytest.mark.parametrize(
    "page",
    [
        "/dashboard/",
        "/dashboard/?year=2019&org={daegu}",
        "plan",
        "plan?status=completed&area={area}&dept={dept}",
        "/dashboard/tasks/?level=top&group=done",
        "/dashboard/tasks/?plan={plan}&indicator=behind&year=2019",
        "/dashboard/tasks/?plan={plan}&budget=secured&source=국비",
        "/dashboard/tasks/?plan={plan}&round=not_started",
    ],
)
def test_the_dashboard_query_count_does_not_grow_with_data(world: World, who: str, page: str) -> None:
    user = {"coordinator": world.coordinator, "officer": world.officer}.get(who)
    if user is None:
        user = make_user("viewer", world.daegu)
        user.kind = Kind.PARTNER
        user.save(update_fields=["kind"])
    client = world.client_for(user)
    url = page.replace("plan?", f"/dashboard/plans/{world.plan.pk}/?")
    url = url if url != "plan" else f"/dashboard/plans/{world.plan.pk}/"
    url = url.format(daegu=world.daegu.pk, area=world.area.pk, dept=world.policy.pk, plan=world.plan.pk)
    grow(world, 2)
    client.get(url)  # warm the session and caches
    small = count(client, url)
    grow(world, 10)
    large = count(client, url)
    assert small == large, f"{url}: {small} queries with little data, {large} with more"

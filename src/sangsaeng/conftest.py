"""Shared test fixtures: a small world of two governments, a plan, a task and named actors."""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from sangsaeng.accounts.models import User
from sangsaeng.budgets.models import FundingSource
from sangsaeng.orgs.models import Department, Organization
from sangsaeng.plans.models import Area, Indicator, IndicatorValue, Plan, Task
from sangsaeng.plans.services import record_initial_state, sort_key
from sangsaeng.security.testing import mark_signed_in_fully

PASSWORD = "correct-horse-battery-staple"


def run_jobs() -> None:
    """What the worker beside the app does: run every queued background task, here in this process.

    Between tasks the worker closes connections it thinks stale (with CONN_MAX_AGE=0, all of them); on
    PostgreSQL that would close the test's own connection inside its transaction, so that one call is
    held back. The tasks still run against the real test database."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.fixture(autouse=True)
def fast_hashing(settings: Any) -> None:
    """Every test makes users and many log in; Argon2 at its production cost (on purpose about 0.1 s a
    hash) would make the suite slow. security/tests/test_passwords.py checks the real hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Cached figures are keyed by the newest audit row's id, which SQLite hands out again once a test's
    rows are rolled back: each test starts with an empty cache, as a new deployment does."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    daegu: Organization
    gyeongbuk: Organization
    jeonnam: Organization
    policy: Department  # 경북 정책기획관: leads the task
    tourism: Department  # 경북 관광정책과: same government, another department
    plan: Plan
    area: Area
    task: Task
    indicator: Indicator
    sources: list[FundingSource]
    coordinator: User
    officer: User
    other_officer: User
    partner_viewer: User
    outsider: User

    def client_for(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        # As if through the login form, second factor included (sangsaeng.security tests the steps).
        return mark_signed_in_fully(client)


def make_user(username: str, org: Organization, dept: Department | None = None) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, name=username, organization=org, department=dept
    )


def make_task(
    plan: Plan,
    code: str,
    *,
    area: Area | None = None,
    parent: Task | None = None,
    lead: Department | None = None,
    progress: Decimal = Decimal(0),
    **fields: object,
) -> Task:
    task = Task.objects.create(
        plan=plan,
        code=code,
        sort_key=sort_key(code),
        title=f"과제 {code}",
        area=area,
        parent=parent,
        lead_department=lead,
        progress=progress,
        **fields,
    )
    record_initial_state(task=task, actor=None)
    return task


@pytest.fixture
def world(db: None) -> World:
    daegu = Organization.objects.create(name="대구광역시", short_name="대구", kind="metro")
    gyeongbuk = Organization.objects.create(name="경상북도", short_name="경북", kind="metro")
    jeonnam = Organization.objects.create(name="전라남도", short_name="전남", kind="metro")
    policy = Department.objects.create(organization=gyeongbuk, name="정책기획관")
    tourism = Department.objects.create(organization=gyeongbuk, name="관광정책과")
    plan = Plan.objects.create(title="대구·경북 한뿌리 상생협력", term_start_year=2018, term_end_year=2022)
    plan.organizations.set([daegu, gyeongbuk])
    sources = [
        FundingSource.objects.create(plan=plan, name=name, order=i, is_national=(i == 0))
        for i, name in enumerate(["국비", "도비", "시군비", "민자등"])
    ]
    area = Area.objects.create(plan=plan, number=1, name="상생협력 기반 구축")
    coordinator = make_user("coordinator", gyeongbuk, policy)
    plan.coordinators.add(coordinator)
    task = make_task(plan, "10-4", area=area, lead=policy)
    task.partners.set([daegu])
    indicator = Indicator.objects.create(task=task, name="상생협력과제 발굴", unit="건")
    for year, target, actual in (
        (2018, 2, 5),
        (2019, 2, 16),
        (2020, 2, None),
        (2021, 2, None),
        (2022, 2, None),
    ):
        IndicatorValue.objects.create(indicator=indicator, year=year, target=target, actual=actual)
    record_initial_state(task=task, actor=None, summary="시험 자료")
    return World(
        daegu=daegu,
        gyeongbuk=gyeongbuk,
        jeonnam=jeonnam,
        policy=policy,
        tourism=tourism,
        plan=plan,
        area=area,
        task=task,
        indicator=indicator,
        sources=sources,
        coordinator=coordinator,
        officer=make_user("officer", gyeongbuk, policy),
        other_officer=make_user("other", gyeongbuk, tourism),
        partner_viewer=make_user("partner", daegu),
        outsider=make_user("outsider", jeonnam),
    )

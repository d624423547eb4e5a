"""A round's world: the shared `world` plus a task of the other government (대구 관광과) with its officer,
money on both cards, and helpers that read like the steps of the people involved."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from sangsaeng.accounts.models import User
from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.conftest import World, make_task, make_user
from sangsaeng.orgs.models import Department
from sangsaeng.plans.models import Indicator, IndicatorValue, Task
from sangsaeng.plans.services import record_initial_state
from sangsaeng.rounds.models import Round, Update

YEAR = 2019


@dataclass
class RoundWorld:
    w: World
    daegu_dept: Department
    daegu_officer: User
    daegu_task: Task
    daegu_indicator: Indicator

    @property
    def plan(self) -> Any:
        return self.w.plan

    def client(self, user: User) -> Client:
        return self.w.client_for(user)

    def open_round(self, *, due: dt.date = dt.date(2019, 7, 10), **extra: str) -> Round:
        data = {
            "year": str(YEAR),
            "period_kind": "quarter",
            "period_number": "2",
            "name": "",
            "due_date": due.isoformat(),
            "remind_days_before": "3",
        } | extra
        response = self.client(self.w.coordinator).post(f"/plans/{self.plan.pk}/rounds/new/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        return Round.objects.get(plan=self.plan, year=YEAR, period_kind="quarter", period_number=2)

    def update_for(self, rnd: Round, task: Task) -> Update:
        return Update.objects.get(round=rnd, task=task)


def form_data(client: Client, update: Update) -> dict[str, Any]:
    """The update form as the page shows it: every field with its current value."""
    from sangsaeng.plans.card_state import load_state
    from sangsaeng.rounds.views import _fresh_form, _payload_of

    update.refresh_from_db()
    state = load_state(update.task_id)
    form = _fresh_form(update, state, "cheonwon", _payload_of(update, state))
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else field.prepare_value(value)
    return data


@pytest.fixture
def rw(world: World) -> RoundWorld:
    daegu_dept = Department.objects.create(organization=world.daegu, name="관광과")
    daegu_officer = make_user("daegu_officer", world.daegu, daegu_dept)
    task = make_task(world.plan, "3-5", area=world.area, lead=daegu_dept, progress=Decimal(50))
    indicator = Indicator.objects.create(task=task, name="의료관광객 유치", unit="명")
    IndicatorValue.objects.create(indicator=indicator, year=YEAR, target=25000, actual=None)
    doby = world.sources[1]
    BudgetEntry.objects.bulk_create(
        [
            BudgetEntry(task=task, source=doby, kind="planned", bucket="year", year=YEAR, amount=200_000),
            BudgetEntry(task=task, source=doby, kind="secured", bucket="year", year=YEAR, amount=100_000),
            BudgetEntry(
                task=world.task, source=doby, kind="planned", bucket="year", year=YEAR, amount=100_000
            ),
            BudgetEntry(
                task=world.task, source=doby, kind="secured", bucket="year", year=YEAR, amount=100_000
            ),
        ]
    )
    record_initial_state(task=task, actor=None, summary="시험 자료")
    record_initial_state(task=world.task, actor=None, summary="시험 자료")
    for user in (world.coordinator, world.officer, daegu_officer, world.other_officer):
        user.email = f"{user.username}@example.go.kr"
        user.save(update_fields=["email"])
    return RoundWorld(world, daegu_dept, daegu_officer, task, indicator)

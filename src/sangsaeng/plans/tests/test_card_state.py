"""The card's state is read from its rows as plain values, in the same queries whatever its shape."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangsaeng.budgets.models import BudgetEntry, BudgetItem, CostLine, ScheduleLine, Settlement
from sangsaeng.conftest import World, make_task
from sangsaeng.plans.card_state import load_state, load_states
from sangsaeng.plans.models import Activity, Contact, Indicator, Legislation, StatedFigure, Task, TaskText


def fill(world: World) -> Task:
    """Every collection of the card, in an order that differs from the order of insertion."""
    task = world.task
    task.partners.set([world.gyeongbuk, world.daegu])
    Contact.objects.create(task=task, name="나중", order=2)
    Contact.objects.create(task=task, role="팀장", name="먼저", phone="053-000-0000", order=1)
    TaskText.objects.create(task=task, kind="outline", items=[{"text": "개요", "children": []}])
    TaskText.objects.create(task=task, kind="problems", items=[])
    Indicator.objects.create(task=task, name="값 없는 지표", kind="milestone", order=9)
    BudgetEntry.objects.create(task=task, source=world.sources[1], kind="planned", bucket="before", amount=5)
    BudgetEntry.objects.create(
        task=task, source=world.sources[0], kind="planned", bucket="year", year=2019, amount=7
    )
    item = BudgetItem.objects.create(task=task, year=2019, code="201-03", name="행사운영비")
    BudgetItem.objects.create(task=task, year=2018, code="201-01", name="사무관리비", stated_amount=30)
    top = CostLine.objects.create(item=item, label="행사", order=2)
    CostLine.objects.create(
        item=item, parent=top, label="다과", unit_price=5000, quantity=Decimal("30"), unit="명", order=3
    )
    CostLine.objects.create(item=item, label="홍보", amount=100, order=1)
    Settlement.objects.create(task=task, year=2019, original=100, executed=40)
    Settlement.objects.create(task=task, year=2018, original=90, executed=90)
    ScheduleLine.objects.create(task=task, year=2019, label="착수", order=1, amount=10)
    Activity.objects.create(task=task, start=dt.date(2018, 5, 1), text="예전", details=[{"text": "세부"}])
    Activity.objects.create(task=task, start=dt.date(2019, 3, 1), end=dt.date(2019, 4, 1), text="최근")
    Legislation.objects.create(task=task, name="조례", proposed_on=dt.date(2018, 10, 1))
    StatedFigure.objects.create(task=task, key="total_cost", value=Decimal("12"))
    make_task(world.plan, "10-4-2", parent=task, lead=world.policy)
    make_task(world.plan, "10-4-1", parent=task, lead=world.policy)
    return task


@pytest.mark.django_db
def test_it_reads_every_collection_in_the_cards_order(world: World) -> None:
    state = load_state(fill(world).pk)
    assert [p.name for p in state.partners] == ["경상북도", "대구광역시"]
    assert [c.name for c in state.contacts] == ["먼저", "나중"]
    assert set(state.texts) == {"outline"}  # an empty text is no section
    assert [i.name for i in state.indicators] == ["상생협력과제 발굴", "값 없는 지표"]
    assert [v.year for v in state.indicators[0].values] == [2018, 2019, 2020, 2021, 2022]
    assert state.indicators[0].values[1].actual == Decimal(16) and state.indicators[1].values == []
    assert [(b.source_id, b.year) for b in state.budget] == [
        (world.sources[0].pk, 2019),
        (world.sources[1].pk, None),
    ]
    assert [s.name for s in state.sources] == ["국비", "도비", "시군비", "민자등"]
    assert [(i.year, i.code) for i in state.items] == [(2018, "201-01"), (2019, "201-03")]
    assert state.items[0].lines == [] and state.items[0].stated_amount == 30
    assert [ln.label for ln in state.items[1].lines] == ["홍보", "행사", "다과"]
    assert state.items[1].lines[2].quantity == Decimal(30)
    assert [s.year for s in state.settlements] == [2018, 2019]
    assert [a.text for a in state.activities] == ["최근", "예전"]
    assert state.activities[1].details == [{"text": "세부"}]
    assert [c.code for c in state.children] == ["10-4-1", "10-4-2"]
    assert state.stated == {"total_cost": Decimal(12)}
    assert state.area == "1. 상생협력 기반 구축" and state.lead_organization == "경상북도"
    assert state.term_years == [2018, 2019, 2020, 2021, 2022]
    child = load_state(state.children[0].id)
    assert child.parent is not None and child.parent.name == "10-4 과제 10-4"


@pytest.mark.django_db
def test_many_cards_read_together_equal_each_read_alone(world: World) -> None:
    task = fill(world)
    other = make_task(world.plan, "11-1", lead=world.tourism)
    ids = [task.pk, other.pk, *task.children.values_list("pk", flat=True)]
    assert load_states(ids) == {pk: load_state(pk) for pk in ids}
    with pytest.raises(Task.DoesNotExist):
        load_state(max(ids) + 100)


@pytest.mark.django_db
def test_the_queries_do_not_depend_on_the_cards_shape_or_number(world: World) -> None:
    empty = make_task(world.plan, "11-1")

    def queries(ids: list[int]) -> int:
        with CaptureQueriesContext(connection) as ctx:
            load_states(ids)
        return len(ctx.captured_queries)

    bare = queries([empty.pk])
    full = fill(world)
    assert queries([full.pk]) == bare
    assert queries([empty.pk, full.pk, *full.children.values_list("pk", flat=True)]) == bare

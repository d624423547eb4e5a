"""The dashboard's figures are the sums of the cards: whatever the data, every count, sum and rate on
the page equals what the management cards (compute_card of each task) add up to (hypothesis, real DB,
through HTTP)."""

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sangsaeng.budgets.models import BudgetEntry, BudgetKind
from sangsaeng.conftest import World
from sangsaeng.lib import figures
from sangsaeng.orgs.models import Department
from sangsaeng.plans.card import Card, compute_card
from sangsaeng.plans.card_state import load_states
from sangsaeng.plans.models import Indicator, IndicatorValue, Plan, Status, Task
from sangsaeng.plans.services import sort_key

THIS_YEAR = timezone.localdate().year
# A term that holds past years, this year and a year to come, so every indicator state can occur.
TERM = list(range(THIS_YEAR - 2, THIS_YEAR + 2))

numbers = st.sampled_from([None, Decimal(0), Decimal(1), Decimal(2), Decimal(5), Decimal(-3)])
actuals = st.sampled_from([None, Decimal(0), Decimal(1), Decimal(2), Decimal(6), Decimal(-4)])
numeric_value = st.tuples(st.sampled_from(TERM), numbers, actuals)
milestone_value = st.tuples(st.sampled_from(TERM), st.booleans(), st.booleans(), st.booleans())
indicator = st.one_of(
    st.tuples(st.just("numeric"), st.lists(numeric_value, max_size=4, unique_by=lambda v: v[0])),
    st.tuples(st.just("milestone"), st.lists(milestone_value, max_size=4, unique_by=lambda v: v[0])),
)
# (source index, kind, bucket, year): 기투자 and 임기후 are stored with year 0.
entry = st.one_of(
    st.tuples(st.integers(0, 3), st.sampled_from(BudgetKind.values), st.just("year"), st.sampled_from(TERM)),
    st.tuples(
        st.integers(0, 3),
        st.sampled_from(BudgetKind.values),
        st.sampled_from(["before", "after"]),
        st.just(0),
    ),
)
task = st.fixed_dictionaries(
    {
        "status": st.sampled_from(Status.values),
        "progress": st.decimals(min_value=0, max_value=100, places=2),
        "parent": st.one_of(st.none(), st.integers(0, 20)),
        "area": st.booleans(),
        "lead": st.integers(0, 3),  # 3: no lead department
        "partners": st.sets(st.integers(0, 2), max_size=3),
        "entries": st.lists(
            st.tuples(entry, st.integers(0, 5_000_000)), max_size=5, unique_by=lambda e: e[0]
        ),
        "indicators": st.lists(indicator, max_size=2),
    }
)
filters = st.sampled_from(
    ["", "status=on_track", f"year={TERM[1]}", "org=daegu", f"org=daegu&year={TERM[-1]}"]
)


def build(world: World, specs: list[dict[str, Any]]) -> list[Task]:
    # Rows written straight to the tables, without the audit rows that key dashboards.cache.
    cache.clear()
    Task.objects.filter(plan=world.plan).delete()
    daegu_dept, _ = Department.objects.get_or_create(organization=world.daegu, name="관광과")
    leads = [world.policy, world.tourism, daegu_dept, None]
    orgs = [world.daegu, world.gyeongbuk, world.jeonnam]
    tasks: list[Task] = []
    for i, spec in enumerate(specs):
        parent = tasks[spec["parent"] % len(tasks)] if spec["parent"] is not None and tasks else None
        code = f"{i + 1}"
        t = Task.objects.create(
            plan=world.plan,
            code=code,
            sort_key=sort_key(code),
            title=f"과제 {code}",
            parent=parent,
            area=world.area if spec["area"] else None,
            lead_department=leads[spec["lead"]],
            status=spec["status"],
            progress=spec["progress"],
        )
        t.partners.set([orgs[p] for p in spec["partners"]])
        BudgetEntry.objects.bulk_create(
            BudgetEntry(task=t, source=world.sources[s], kind=k, bucket=b, year=y, amount=amount)
            for (s, k, b, y), amount in spec["entries"]
        )
        for kind, values in spec["indicators"]:
            ind = Indicator.objects.create(task=t, name="지표", kind=kind)
            for v in values:
                if kind == "numeric":
                    IndicatorValue.objects.create(indicator=ind, year=v[0], target=v[1], actual=v[2])
                else:
                    IndicatorValue.objects.create(
                        indicator=ind,
                        year=v[0],
                        plan_text="준공" if v[1] else "",
                        achieved=v[2],
                        achieved_on=dt.date(v[0], 6, 1) if v[3] else None,
                    )
        tasks.append(t)
    return tasks


def selected(world: World, cards: dict[int, tuple[Task, Card]], query: str) -> list[tuple[Task, Card]]:
    """The cards a filter keeps, decided in Python from the cards themselves."""
    out = []
    for t, card in cards.values():
        if "status=" in query and card.state.status != query.split("status=")[1].split("&")[0]:
            continue
        if "org=daegu" in query:
            lead_org = t.lead_department.organization_id if t.lead_department else None
            if lead_org != world.daegu.pk and world.daegu.pk not in {p.pk for p in t.partners.all()}:
                continue
        out.append((t, card))
    return out


def expected_indicators(cards: list[Card], year: int | None) -> dict[int, Counter[str]]:
    by_year: dict[int, Counter[str]] = defaultdict(Counter)
    for card in cards:
        for ind in card.indicators:
            for cell in ind.years:
                if year and cell.year != year:
                    continue
                planned = bool(cell.plan_text) if ind.is_milestone else cell.target not in (None, 0)
                state = figures.indicator_cell_state(
                    planned=planned, rate=cell.rate.value, future=cell.year > THIS_YEAR
                )
                if state:
                    by_year[cell.year][state] += 1
    return by_year


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(task, min_size=1, max_size=8), query=filters)
def test_property_the_dashboard_figures_are_the_sums_of_the_cards(
    world: World, specs: list[dict[str, Any]], query: str
) -> None:
    Plan.objects.filter(pk=world.plan.pk).update(term_start_year=TERM[0], term_end_year=TERM[-1])
    tasks = build(world, specs)
    query = query.replace("daegu", str(world.daegu.pk))
    response = world.client_for(world.coordinator).get(f"/dashboard/plans/{world.plan.pk}/?{query}")
    assert response.status_code == 200
    dash = response.context["dash"]
    states = load_states([t.pk for t in tasks])
    by_pk = {t.pk: t for t in Task.objects.select_related("lead_department").prefetch_related("partners")}
    cards = {t.pk: (by_pk[t.pk], compute_card(states[t.pk])) for t in tasks}
    query = query.replace(str(world.daegu.pk), "daegu")
    kept = selected(world, cards, query)
    year = int(query.split("year=")[1]) if "year=" in query else None

    # 사업이행도, 완료율, 이행률, 평균 진도율: top-level cards.
    top = [(t, c) for t, c in kept if t.parent_id is None]
    by_status = Counter(c.state.status for _, c in top)
    assert dash.totals.by_status == {s: by_status.get(s, 0) for s in Status.values}
    assert dash.totals.completion.value == figures.completion_rate(by_status)
    assert dash.totals.implementation.value == figures.implementation_rate(by_status)
    assert dash.totals.avg_progress == figures.average(
        sum((c.progress for _, c in top), Decimal(0)), len(top)
    )

    # Each breakdown adds up to the whole; per government, a task counts once for each taking part.
    groups = {key: rows for key, rows, _ in dash.groups}
    assert sum(g.total for g in groups["area"]) == len(top)
    assert sum(g.total for g in groups["department"]) == len(top)
    taking_part: Counter[int] = Counter()
    for t, _ in top:
        orgs = {p.pk for p in t.partners.all()}
        if t.lead_department:
            orgs.add(t.lead_department.organization_id)
        taking_part.update(orgs)
    assert {g.key: g.total for g in groups["organization"]} == dict(taking_part)

    # Budget: every card, sub-tasks included; by source name, by year, and in all.
    for kind, table_index in (("planned", 0), ("secured", 1), ("executed", 2)):
        tables = [c.budget_tables[table_index] for _, c in kept]
        if year:
            want_total = sum(t.total.years.get(year, 0) for t in tables)
        else:
            want_total = sum(t.total.total for t in tables)
        assert getattr(dash.budget.total, kind) == want_total, kind
        for row in dash.budget.by_source:
            lines = [ln.row for t in tables for ln in t.lines if ln.label == row.label and not ln.is_total]
            want = sum(r.years.get(year, 0) for r in lines) if year else sum(r.total for r in lines)
            assert getattr(row, kind) == want, (kind, row.label)
        for row in dash.budget.by_year:
            if row.label.isdigit():
                want = sum(t.total.years.get(int(row.label), 0) for t in tables)
            else:
                want = sum(
                    t.total.before if row.link == {"bucket": "before"} else t.total.after for t in tables
                )
            assert getattr(row, kind) == want, (kind, row.label)
    total = dash.budget.total
    assert total.securing.value == figures.securing_rate(total.planned, total.secured)
    assert total.execution.value == figures.budget_execution_rate(total.secured, total.executed)

    # Indicators: each indicator-year with a plan, classified from the card's own 달성률.
    want_cells = expected_indicators([c for _, c in kept], year)
    got = {y.year: Counter({"met": y.met, "behind": y.behind, "pending": y.pending}) for y in dash.indicators}
    assert {y: +c for y, c in got.items()} == {y: +c for y, c in want_cells.items() if +c}

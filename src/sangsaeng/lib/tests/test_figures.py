from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sangsaeng.lib import figures

money = st.integers(min_value=0, max_value=10**12)
pct = st.decimals(min_value=0, max_value=100, places=2)


def test_it_computes_the_sample_achievement_rates() -> None:
    assert figures.achievement_rate(2, 5) == Decimal(250)
    assert figures.achievement_rate(2, 16) == Decimal(800)
    assert str(figures.rate_display(figures.achievement_rate(10, 21))) == "100% (실제 210%)"


def test_it_shows_no_rate_without_a_target_or_actual() -> None:
    assert figures.achievement_rate(None, 5) is None
    assert figures.achievement_rate(0, 5) is None
    assert figures.achievement_rate(2, None) is None
    assert figures.rate_display(None).headline == "-"


def test_it_formats_percent_with_one_place_trimmed() -> None:
    assert figures.format_percent(Decimal("88.645")) == "88.6%"
    assert figures.format_percent(Decimal("88.65")) == "88.7%"  # half up, as by hand
    assert figures.format_percent(Decimal(100)) == "100%"


def test_it_aggregates_term_values() -> None:
    values = [Decimal(5), Decimal(16), None]
    assert figures.aggregate(values, "sum") == 21
    assert figures.aggregate(values, "last") == 16
    assert figures.aggregate(values, "max") == 16
    assert figures.aggregate([None], "sum") is None
    with pytest.raises(ValueError):
        figures.aggregate(values, "median")


def test_it_rates_milestones() -> None:
    assert figures.milestone_rate(achieved=True, planned=True) == 100
    assert figures.milestone_rate(achieved=False, planned=True) == 0
    assert figures.milestone_rate(achieved=True, planned=False) is None
    assert figures.milestone_term_rate([(True, True), (True, False), (False, False)]) == 50


def test_it_rolls_up_progress() -> None:
    children = [(Decimal(60), Decimal(1)), (Decimal(100), Decimal(3))]
    assert figures.rollup_progress(children, "average") == Decimal("80.00")
    assert figures.rollup_progress(children, "weighted") == Decimal("90.00")
    assert figures.rollup_progress([], "average") is None
    # All-zero weights fall back to the plain mean instead of dividing by zero.
    assert figures.rollup_progress([(Decimal(10), Decimal(0)), (Decimal(30), Decimal(0))], "weighted") == 20


def test_it_builds_the_sample_budget_rows() -> None:
    years = [2018, 2019, 2020, 2021, 2022]
    cells = [("before", None, 300_000)] + [
        ("year", y, a) for y, a in zip(years, [100_000] * 3 + [150_000] * 2, strict=True)
    ]
    row = figures.budget_row(cells, years)
    assert (row.total, row.before, row.term_subtotal, row.after) == (900_000, 300_000, 600_000, 0)
    total = figures.sum_rows([row, row], years)
    assert total.total == 1_800_000 and total.years[2021] == 300_000


def test_it_puts_years_outside_the_term_before_or_after() -> None:
    row = figures.budget_row([("year", 2016, 5), ("year", 2024, 7), ("after", None, 1)], [2018, 2019])
    assert (row.before, row.after, row.term_subtotal) == (5, 8, 0)


def test_it_settles_the_seoul_sample() -> None:
    s = figures.settlement(original=100_000, carried_in=0, change=0, executed=88_645, carried_out=0)
    assert (s.current, s.balance) == (100_000, 11_355)
    assert figures.format_percent(s.execution_rate) == "88.6%"


def test_it_truncates_cost_lines_below_a_thousand_won() -> None:
    assert figures.cost_line_amount(50_000, Decimal(30)) == 1_500
    assert figures.cost_line_amount(33_333, Decimal(1)) == 33  # 33,333원 → 33천원 (절사)
    assert figures.cost_line_amount(999, Decimal(1)) == 0


def test_it_computes_change_and_its_rate() -> None:
    assert figures.change_rate(200_000, 350_000) == (150_000, Decimal(75))
    assert figures.change_rate(None, 350_000) == (None, None)


@given(
    st.lists(
        st.tuples(st.sampled_from(["before", "year", "after"]), st.integers(2015, 2025), money), max_size=30
    )
)
def test_property_a_row_total_is_the_sum_of_its_cells(cells: list[tuple[str, int, int]]) -> None:
    normalized = [(b, y if b == "year" else None, a) for b, y, a in cells]
    row = figures.budget_row(normalized, [2018, 2019, 2020])
    assert row.total == sum(a for _, _, a in normalized)
    assert row.term_subtotal == sum(row.years.values())


@given(st.lists(st.lists(money, min_size=3, max_size=3), min_size=1, max_size=6))
def test_property_the_total_row_is_the_column_sum(rows: list[list[int]]) -> None:
    years = [2018, 2019, 2020]
    built = [figures.BudgetRow(0, dict(zip(years, r, strict=True)), 0) for r in rows]
    total = figures.sum_rows(built, years)
    assert total.total == sum(r.total for r in built)


@given(
    st.lists(st.tuples(pct, st.decimals(min_value=0, max_value=1000, places=2)), min_size=1, max_size=20),
    st.sampled_from(["average", "weighted"]),
)
def test_property_rollup_stays_within_0_and_100(children: list[tuple[Decimal, Decimal]], method: str) -> None:
    value = figures.rollup_progress(children, method)
    assert value is not None and 0 <= value <= 100
    assert (
        min(p for p, _ in children) - Decimal("0.01")
        <= value
        <= max(p for p, _ in children) + Decimal("0.01")
    )


@given(money, money, st.integers(-(10**9), 10**9), money, money)
def test_property_settlement_balances(
    original: int, carried_in: int, change: int, executed: int, carried_out: int
) -> None:
    s = figures.settlement(
        original=original, carried_in=carried_in, change=change, executed=executed, carried_out=carried_out
    )
    assert s.current == original + carried_in + change
    assert s.balance + executed + carried_out == s.current


@given(
    st.decimals(min_value=0, max_value=10**6, places=2), st.decimals(min_value=0, max_value=10**6, places=2)
)
def test_property_the_headline_rate_never_exceeds_100(target: Decimal, actual: Decimal) -> None:
    shown = figures.rate_display(figures.achievement_rate(target, actual))
    if shown.value is not None:
        assert shown.headline == "100%" if shown.value > 100 else shown.real is None

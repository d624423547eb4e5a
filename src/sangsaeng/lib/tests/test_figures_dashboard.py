"""The dashboard's formulas (lib.figures): 완료율, 이행률, averages, 확보율, 집행률, indicator states."""

from decimal import Decimal

import pytest

from sangsaeng.lib import figures


def test_completion_counts_continuing_tasks_as_done() -> None:
    counts = {"completed": 2, "continuing": 1, "on_track": 3, "partial": 1, "on_hold": 1, "dropped": 0}
    assert figures.completion_rate(counts) == Decimal(3) * 100 / 8
    assert figures.format_percent(figures.completion_rate(counts)) == "37.5%"


def test_implementation_adds_the_tasks_on_track() -> None:
    counts = {"completed": 2, "continuing": 1, "on_track": 3, "partial": 1, "on_hold": 1}
    assert figures.format_percent(figures.implementation_rate(counts)) == "75%"


def test_rates_of_nothing_are_not_computable() -> None:
    assert figures.completion_rate({}) is None
    assert figures.implementation_rate({"completed": 0}) is None
    assert figures.average(Decimal(0), 0) is None
    assert figures.securing_rate(0, 10) is None
    assert figures.budget_execution_rate(0, 0) is None


def test_average_progress_is_the_sum_over_the_count() -> None:
    assert figures.average(Decimal("150.50"), 2) == Decimal("75.25")


def test_securing_and_execution_rates_show_over_100_percent_the_official_way() -> None:
    assert figures.securing_rate(1_000, 500) == Decimal(50)
    over = figures.rate_display(figures.budget_execution_rate(500, 1_050))
    assert str(over) == "100% (실제 210%)"


@pytest.mark.parametrize(
    ("planned", "rate", "future", "state"),
    [
        (False, Decimal(250), False, None),
        (True, Decimal(100), False, "met"),
        (True, Decimal(250), True, "met"),
        (True, Decimal("99.9"), False, "behind"),
        (True, Decimal(0), True, "pending"),
        (True, None, False, "pending"),
    ],
)
def test_an_indicator_year_is_met_behind_or_pending(
    planned: bool, rate: Decimal | None, future: bool, state: str | None
) -> None:
    assert figures.indicator_cell_state(planned=planned, rate=rate, future=future) == state

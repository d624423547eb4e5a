"""The exchange allowance: rates by grade, whole and partial months, the two-year dispatch limit, and
costs by year that add up to the exchanges' own costs."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from sangsaeng.personnel.allowance import (
    ExchangeCostInput,
    add_years,
    allowance_by_month,
    cost_by_year,
    dispatch_last_day,
    exchange_cost,
    exchange_months,
    rate_for,
)
from sangsaeng.personnel.models import AllowanceRate, Exchange
from sangsaeng.personnel.services import check_exchange

RATES = [(3, 700_000), (4, 600_000), (5, 550_000)]


@pytest.mark.parametrize(
    ("grade", "won"),
    [(3, 700_000), (4, 600_000), (5, 550_000), (6, 550_000), (9, 550_000), (None, None)],
)
def test_the_rate_of_a_grade_is_the_row_at_or_above_it(grade: int | None, won: int | None) -> None:
    assert rate_for(grade, RATES) == won


@pytest.mark.parametrize("grade", [1, 2])
def test_a_grade_above_every_row_is_paid_the_top_rows_amount_not_nothing(grade: int) -> None:
    assert rate_for(grade, RATES) == 700_000
    # With a row of its own (as the seeded table has), that row.
    assert rate_for(grade, [(1, 900_000), (2, 800_000), *RATES]) == (900_000 if grade == 1 else 800_000)
    assert rate_for(grade, []) is None


@pytest.mark.django_db
def test_the_table_is_seeded_with_the_official_rates() -> None:
    # 1급 and 2급 are paid the 3급 amount.
    assert list(AllowanceRate.objects.values_list("label", "monthly_won")) == [
        ("1급", 700_000),
        ("2급", 700_000),
        ("3급", 700_000),
        ("4급", 600_000),
        ("5급 이하", 550_000),
    ]


def test_whole_months_are_paid_the_monthly_amount() -> None:
    months = allowance_by_month(550_000, dt.date(2019, 1, 1), dt.date(2019, 3, 31))
    assert [(m.month, m.amount, m.whole) for m in months] == [
        (1, 550_000, True),
        (2, 550_000, True),
        (3, 550_000, True),
    ]


def test_partial_months_are_paid_by_the_day_rounded_down_to_the_won() -> None:
    # 1월 10일~2월 15일: 1월 22/31일, 2월 15/28일.
    months = allowance_by_month(550_000, dt.date(2019, 1, 10), dt.date(2019, 2, 15))
    assert [(m.days, m.month_days, m.amount) for m in months] == [
        (22, 31, 390_322),  # 550,000 × 22 ÷ 31 = 390,322.58… → 390,322
        (15, 28, 294_642),  # 550,000 × 15 ÷ 28 = 294,642.85… → 294,642
    ]


def test_february_of_a_leap_year_has_29_days() -> None:
    [month] = allowance_by_month(700_000, dt.date(2020, 2, 1), dt.date(2020, 2, 28))
    assert (month.days, month.month_days, month.amount, month.whole) == (28, 29, 675_862, False)


def test_a_single_day_is_one_day_of_its_month() -> None:
    [month] = allowance_by_month(600_000, dt.date(2019, 4, 15), dt.date(2019, 4, 15))
    assert month.amount == 600_000 // 30


def test_a_swap_pays_both_people() -> None:
    item = ExchangeCostInput(paid=True, start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), grades=(4, 5))
    assert exchange_cost(item, RATES) == 12 * (600_000 + 550_000)


def test_unpaid_kinds_and_unknown_grades_cost_nothing() -> None:
    unpaid = ExchangeCostInput(paid=False, start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), grades=(5,))
    assert exchange_cost(unpaid, RATES) == 0
    elected = ExchangeCostInput(
        paid=True, start=dt.date(2019, 1, 1), end=dt.date(2019, 1, 31), grades=(None,)
    )
    assert exchange_cost(elected, RATES) == 0


def test_a_dispatch_may_last_two_years_to_the_day_before() -> None:
    assert dispatch_last_day(dt.date(2019, 3, 1)) == dt.date(2021, 2, 28)
    assert dispatch_last_day(dt.date(2020, 2, 29)) == dt.date(2022, 2, 28)
    assert add_years(dt.date(2020, 2, 29), 1) == dt.date(2021, 3, 1)


def dispatch(end: dt.date, kind: str = Exchange.Kind.DISPATCH) -> dict[str, object]:
    return {"kind": kind, "start": dt.date(2019, 3, 1), "end": end, "person_name": "김", "person_grade": 6}


@pytest.mark.parametrize("kind", [Exchange.Kind.DISPATCH, Exchange.Kind.REGIONAL])
def test_a_dispatch_longer_than_two_years_is_refused(kind: str) -> None:
    check_exchange(dispatch(dt.date(2021, 2, 28), kind))
    with pytest.raises(ValidationError) as exc:
        check_exchange(dispatch(dt.date(2021, 3, 1), kind))
    assert "2년을 넘을 수 없습니다" in exc.value.message_dict["end"][0]


def test_a_swap_may_last_longer_than_two_years() -> None:
    data = dispatch(dt.date(2022, 3, 1), Exchange.Kind.SWAP) | {
        "counterpart_name": "이",
        "counterpart_grade": 6,
    }
    check_exchange(data)


days = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2024, 12, 31))


@st.composite
def exchanges(draw: st.DrawFn) -> ExchangeCostInput:
    start = draw(days)
    end = start + dt.timedelta(days=draw(st.integers(min_value=0, max_value=800)))
    grades = tuple(draw(st.lists(st.one_of(st.none(), st.integers(1, 9)), min_size=1, max_size=2)))
    return ExchangeCostInput(paid=draw(st.booleans()), start=start, end=end, grades=grades)


@settings(max_examples=150, deadline=None)
@given(st.lists(exchanges(), max_size=8))
def test_the_cost_by_year_adds_up_to_the_exchanges(items: list[ExchangeCostInput]) -> None:
    by_year = cost_by_year(items, RATES)
    assert sum(by_year.values()) == sum(exchange_cost(i, RATES) for i in items)
    for year, amount in by_year.items():
        assert amount == sum(m.amount for i in items for m in exchange_months(i, RATES) if m.year == year)


@settings(max_examples=150, deadline=None)
@given(days, st.integers(min_value=0, max_value=800), st.sampled_from([550_000, 600_000, 700_000]))
def test_months_cover_the_period_and_never_exceed_the_monthly_amount(
    start: dt.date, length: int, won: int
) -> None:
    end = start + dt.timedelta(days=length)
    months = allowance_by_month(won, start, end)
    assert sum(m.days for m in months) == length + 1
    assert all(0 < m.amount <= won and (m.amount == won) == m.whole for m in months)

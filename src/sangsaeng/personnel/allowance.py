"""The exchange allowance (교류수당): the one place its amounts are computed, in 원 as integers.

Rule for a period [start, end] (both days included), month by month:
- a calendar month the period covers whole is paid the full monthly amount;
- a month the period covers in part is paid by the day (일할 계산):
  monthly amount × days in the period ÷ days in that month, rounded down to the 원 (원 미만 절사).
The rate of a grade is the row of the table with the highest grade number not above it (the row
"5급 이하" has grade 5: 6급 and 7급 are paid its amount); a grade ranked above every row is paid the top
row's amount (the table has rows for 1급 and 2급 at the 3급 amount; this keeps a table without them from
paying a 1급 official nothing). A cost by year is the sum of the months of that year, so every total is
built from `allowance_by_month`.
"""

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DISPATCH_MAX_YEARS = 2


@dataclass(frozen=True)
class MonthCost:
    year: int
    month: int
    days: int  # days of the period in this month
    month_days: int
    amount: int  # 원

    @property
    def whole(self) -> bool:
        return self.days == self.month_days


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def dispatch_last_day(start: dt.date) -> dt.date:
    """The last day a dispatch starting on `start` may run: two years, so 2019-03-01 → 2021-02-28."""
    return add_years(start, DISPATCH_MAX_YEARS) - dt.timedelta(days=1)


def allowance_by_month(monthly_won: int, start: dt.date, end: dt.date) -> list[MonthCost]:
    """The allowance of each calendar month of [start, end] (see the module's rule)."""
    if end < start:
        raise ValueError("end before start")
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        month_days = calendar.monthrange(year, month)[1]
        first = max(start, dt.date(year, month, 1))
        last = min(end, dt.date(year, month, month_days))
        days = (last - first).days + 1
        amount = monthly_won if days == month_days else monthly_won * days // month_days
        months.append(MonthCost(year, month, days, month_days, amount))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def rate_for(grade: int | None, rates: Sequence[tuple[int, int]]) -> int | None:
    """The monthly amount (원) for `grade` from (grade, monthly 원) rows (see the module's rule); None
    without a grade or without a table."""
    if grade is None or not rates:
        return None
    applicable = [(g, won) for g, won in rates if g <= grade]
    return max(applicable)[1] if applicable else min(rates)[1]


@dataclass(frozen=True)
class ExchangeCostInput:
    """What the cost of one exchange depends on (plain values, so tests need no database)."""

    paid: bool
    start: dt.date
    end: dt.date | None
    grades: tuple[int | None, ...]  # the person, and the counterpart of a mirrored exchange


def exchange_months(item: ExchangeCostInput, rates: Sequence[tuple[int, int]]) -> list[MonthCost]:
    """Month by month, the allowance of everyone in the exchange (both people of a swap)."""
    if not item.paid or item.end is None:
        return []
    by_month: dict[tuple[int, int], MonthCost] = {}
    for grade in item.grades:
        won = rate_for(grade, rates)
        if won is None:
            continue
        for m in allowance_by_month(won, item.start, item.end):
            prev = by_month.get((m.year, m.month))
            by_month[(m.year, m.month)] = (
                m
                if prev is None
                else MonthCost(m.year, m.month, m.days, m.month_days, prev.amount + m.amount)
            )
    return [by_month[k] for k in sorted(by_month)]


def exchange_cost(item: ExchangeCostInput, rates: Sequence[tuple[int, int]]) -> int:
    return sum(m.amount for m in exchange_months(item, rates))


def cost_by_year(items: Iterable[ExchangeCostInput], rates: Sequence[tuple[int, int]]) -> dict[int, int]:
    totals: dict[int, int] = defaultdict(int)
    for item in items:
        for m in exchange_months(item, rates):
            totals[m.year] += m.amount
    return dict(sorted(totals.items()))

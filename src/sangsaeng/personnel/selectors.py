"""Reads for the exchange pages: each a fixed number of queries whatever the data size."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from sangsaeng.personnel.allowance import (
    ExchangeCostInput,
    MonthCost,
    cost_by_year,
    exchange_cost,
    exchange_months,
    rate_for,
)
from sangsaeng.personnel.models import PAID, AllowanceRate, Exchange


def rates() -> list[tuple[int, int]]:
    return list(AllowanceRate.objects.values_list("grade", "monthly_won"))


def cost_input(exchange: Exchange) -> ExchangeCostInput:
    grades = (
        (exchange.person_grade, exchange.counterpart_grade) if exchange.mirrored else (exchange.person_grade,)
    )
    return ExchangeCostInput(
        paid=exchange.kind in PAID, start=exchange.start, end=exchange.end, grades=grades
    )


def current_q(today: dt.date) -> Q:
    """Current or upcoming: not yet started, or not yet ended. A transfer (no end) is past once made."""
    return Q(start__gt=today) | Q(end__gte=today)


def status_of(exchange: Exchange, today: dt.date) -> str:
    if exchange.start > today:
        return "upcoming"
    if exchange.end is not None and exchange.end >= today:
        return "current"
    return "past"


STATUS_LABELS = {"upcoming": "예정", "current": "진행 중", "past": "종료"}


def exchange_list(
    exchanges: QuerySet[Exchange], filters: dict[str, Any], today: dt.date
) -> QuerySet[Exchange]:
    when = filters.get("when") or "current"
    exchanges = (
        exchanges.filter(current_q(today)) if when == "current" else exchanges.exclude(current_q(today))
    )
    if filters.get("kind"):
        exchanges = exchanges.filter(kind=filters["kind"])
    if filters.get("org"):
        exchanges = exchanges.filter(Q(home_org=filters["org"]) | Q(host_org=filters["org"]))
    if filters.get("year"):
        year = int(filters["year"])
        exchanges = exchanges.filter(start__lte=dt.date(year, 12, 31)).filter(
            Q(end__gte=dt.date(year, 1, 1)) | Q(end__isnull=True, start__gte=dt.date(year, 1, 1))
        )
    return exchanges.select_related("home_org", "host_org", "home_department", "host_department").order_by(
        "-start", "-pk"
    )


@dataclass
class ExchangeRow:
    exchange: Exchange
    status: str
    monthly: int | None  # 원 a month for everyone in the exchange, when paid
    cost: int  # 원, the whole period


def rows_with_cost(exchanges: Any, table: list[tuple[int, int]], today: dt.date) -> list[ExchangeRow]:
    rows = []
    for ex in exchanges:
        item = cost_input(ex)
        monthly = None
        if item.paid:
            amounts = [rate_for(g, table) for g in item.grades]
            monthly = sum(a for a in amounts if a is not None)
        rows.append(ExchangeRow(ex, status_of(ex, today), monthly, exchange_cost(item, table)))
    return rows


def months_of(exchange: Exchange, table: list[tuple[int, int]]) -> list[MonthCost]:
    return exchange_months(cost_input(exchange), table)


@dataclass
class YearCost:
    year: int
    amount: int  # 원
    exchanges: int


def costs_by_year(exchanges: QuerySet[Exchange], table: list[tuple[int, int]]) -> list[YearCost]:
    """The allowance of every exchange the user may read, by year (sum of the months of each year)."""
    items = [
        cost_input(ex) for ex in exchanges.only("kind", "start", "end", "person_grade", "counterpart_grade")
    ]
    totals = cost_by_year(items, table)
    counts: dict[int, int] = {}
    for item in items:
        for year in {m.year for m in exchange_months(item, table)}:
            counts[year] = counts.get(year, 0) + 1
    return [YearCost(year, amount, counts.get(year, 0)) for year, amount in totals.items()]

"""Every derived number of the domain, as pure functions. Screens, API and documents call these.

Conventions:
- money is an int of 천원 (thousand won); never a float.
- a percentage is a Decimal (210 means 210 %); None means "not computable" (shown as "-").
- rounding is ROUND_HALF_UP, the way officials round by hand.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
WON_PER_CHEONWON = 1000
CHEONWON_PER_EOK = 100_000


def percent(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """part ÷ whole × 100, unrounded; None when either is missing or whole is zero."""
    if part is None or whole is None or whole == 0:
        return None
    return Decimal(part) * HUNDRED / Decimal(whole)


def achievement_rate(target: Decimal | int | None, actual: Decimal | int | None) -> Decimal | None:
    """달성률 = 실적 ÷ 계획."""
    return percent(actual, target)


def round_percent(value: Decimal, places: int = 1) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def format_percent(value: Decimal | None, places: int = 1) -> str:
    """210 → "210%", 88.645 → "88.6%", None → "-"."""
    if value is None:
        return "-"
    rounded = round_percent(value, places)
    text = f"{rounded:f}".rstrip("0").rstrip(".") if "." in f"{rounded:f}" else f"{rounded:f}"
    return f"{text}%"


@dataclass(frozen=True)
class RateDisplay:
    """A rate as officials write it: capped for the headline, the real figure beside it."""

    value: Decimal | None
    headline: str
    real: str | None  # only set when over 100 %

    @property
    def is_over(self) -> bool:
        return self.real is not None

    def __str__(self) -> str:
        return f"{self.headline} (실제 {self.real})" if self.real else self.headline


def rate_display(value: Decimal | None, places: int = 1) -> RateDisplay:
    if value is None:
        return RateDisplay(None, "-", None)
    if value > HUNDRED:
        return RateDisplay(value, "100%", format_percent(value, places))
    return RateDisplay(value, format_percent(value, places), None)


# ---------------------------------------------------------------- indicators


def aggregate(values: Sequence[Decimal | None], how: str) -> Decimal | None:
    """Term figure from yearly figures: "sum" (누적), "last" (최종연도 값) or "max"."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    if how == "sum":
        return sum(present, Decimal(0))
    if how == "last":
        return present[-1]
    if how == "max":
        return max(present)
    raise ValueError(f"unknown aggregation {how!r}")


def milestone_rate(achieved: bool, planned: bool) -> Decimal | None:
    """A milestone year with a plan is 100 % when achieved, else 0 %; a year without a plan is "-"."""
    if not planned:
        return None
    return HUNDRED if achieved else Decimal(0)


def milestone_term_rate(years: Iterable[tuple[bool, bool]]) -> Decimal | None:
    """Share of planned milestone years achieved, from (planned, achieved) pairs."""
    planned = [achieved for is_planned, achieved in years if is_planned]
    if not planned:
        return None
    return Decimal(sum(1 for a in planned if a)) * HUNDRED / Decimal(len(planned))


# ---------------------------------------------------------------- progress roll-up


def clamp_progress(value: Decimal) -> Decimal:
    return min(HUNDRED, max(Decimal(0), value))


def rollup_progress(children: Sequence[tuple[Decimal, Decimal]], method: str) -> Decimal | None:
    """A parent's 진도율 from (progress, weight) of its children, rounded to 2 places.

    "average": plain mean; "weighted": Σ(progress × weight) ÷ Σ weight (all-zero weights fall back to
    the plain mean, so a parent never divides by zero). None when there are no children.
    """
    if not children:
        return None
    if method == "weighted":
        total_weight = sum((w for _, w in children), Decimal(0))
        if total_weight > 0:
            value = sum((p * w for p, w in children), Decimal(0)) / total_weight
            return clamp_progress(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    elif method != "average":
        raise ValueError(f"unknown roll-up method {method!r}")
    value = sum((p for p, _ in children), Decimal(0)) / Decimal(len(children))
    return clamp_progress(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- budget table


@dataclass(frozen=True)
class BudgetRow:
    before: int
    years: dict[int, int]
    after: int

    @property
    def term_subtotal(self) -> int:
        """소계: the years of the term."""
        return sum(self.years.values())

    @property
    def total(self) -> int:
        """합계 = 기투자 + 소계 + 임기후."""
        return self.before + self.term_subtotal + self.after


def budget_row(cells: Iterable[tuple[str, int | None, int]], years: Sequence[int]) -> BudgetRow:
    """One source's row from (bucket, year, amount) cells; years outside the term count as 임기후/기투자."""
    before = after = 0
    by_year = dict.fromkeys(years, 0)
    first, last = (years[0], years[-1]) if years else (0, -1)
    for bucket, year, amount in cells:
        if bucket == "before" or (bucket == "year" and year is not None and year < first):
            before += amount
        elif bucket == "after" or (bucket == "year" and year is not None and year > last):
            after += amount
        elif year is not None:
            by_year[year] += amount
    return BudgetRow(before, by_year, after)


def sum_rows(rows: Sequence[BudgetRow], years: Sequence[int]) -> BudgetRow:
    """계 row: column-wise sum."""
    return BudgetRow(
        sum(r.before for r in rows),
        {y: sum(r.years.get(y, 0) for r in rows) for y in years},
        sum(r.after for r in rows),
    )


# ---------------------------------------------------------------- money


def eok(cheonwon: int) -> Decimal:
    """천원 → 억원, exact (1억원 = 100,000천원)."""
    return Decimal(cheonwon) / CHEONWON_PER_EOK


def cost_line_amount(unit_price_won: int, quantity: Decimal) -> int:
    """단가(원) × 수량 → 천원, 천원 미만 절사 (truncated, as budget sheets are compiled)."""
    won = Decimal(unit_price_won) * quantity
    return int((won / WON_PER_CHEONWON).to_integral_value(rounding=ROUND_DOWN))


# ---------------------------------------------------------------- settlement (결산)


@dataclass(frozen=True)
class SettlementFigures:
    current: int  # 예산현액
    balance: int  # 집행잔액
    execution_rate: Decimal | None  # 집행률 = 집행액 ÷ 예산현액


def settlement(
    *, original: int, carried_in: int, change: int, executed: int, carried_out: int
) -> SettlementFigures:
    """예산현액 = 당초예산 + 전년이월 ± 예산변경; 집행잔액 = 예산현액 − 집행액 − 차년이월."""
    current = original + carried_in + change
    return SettlementFigures(
        current=current,
        balance=current - executed - carried_out,
        execution_rate=percent(executed, current),
    )


def change_rate(previous: int | None, current: int | None) -> tuple[int | None, Decimal | None]:
    """증감 (B−A) and (B−A)×100÷A of the 예산 총괄."""
    if previous is None or current is None:
        return None, None
    diff = current - previous
    return diff, percent(diff, previous)


def disagrees(
    stated: Decimal | int | None, computed: Decimal | int | None, tolerance: Decimal = Decimal(0)
) -> bool:
    """True when a source document's stated figure differs from ours beyond its own rounding."""
    if stated is None or computed is None:
        return False
    return abs(Decimal(stated) - Decimal(computed)) > tolerance


# ---------------------------------------------------------------- dashboards (현황판)

# 사업이행도 values counted as done for 완료율: 완료 and 이행후계속추진 alike.
DONE_STATUSES = ("completed", "continuing")
# ... and as implemented to plan for 이행률: those, and 정상추진.
IMPLEMENTED_STATUSES = ("completed", "continuing", "on_track")


def completion_rate(by_status: Mapping[str, int]) -> Decimal | None:
    """완료율 = (완료 + 이행후계속추진) ÷ 전체 과제 수 × 100."""
    return percent(sum(by_status.get(s, 0) for s in DONE_STATUSES), sum(by_status.values()))


def implementation_rate(by_status: Mapping[str, int]) -> Decimal | None:
    """이행률 = (완료 + 이행후계속추진 + 정상추진) ÷ 전체 과제 수 × 100."""
    return percent(sum(by_status.get(s, 0) for s in IMPLEMENTED_STATUSES), sum(by_status.values()))


def average(total: Decimal | int | None, count: int) -> Decimal | None:
    """평균 (e.g. 평균 진도율 = Σ 진도율 ÷ 과제 수); None for no items."""
    if total is None or count == 0:
        return None
    return Decimal(total) / Decimal(count)


def securing_rate(planned: int, secured: int) -> Decimal | None:
    """확보율 = 확보 ÷ 투자계획 × 100."""
    return percent(secured, planned)


def budget_execution_rate(secured: int, executed: int) -> Decimal | None:
    """집행률 (예산투입) = 집행 ÷ 확보 × 100."""
    return percent(executed, secured)


def indicator_cell_state(*, planned: bool, rate: Decimal | None, future: bool) -> str | None:
    """One indicator-year against its plan: "met" (달성, rate ≥ 100 %), "behind" (미달), "pending"
    (실적 미입력, or a year still to come that is not yet met); None when the year has no plan."""
    if not planned:
        return None
    if rate is not None and rate >= HUNDRED:
        return "met"
    if rate is None or future:
        return "pending"
    return "behind"

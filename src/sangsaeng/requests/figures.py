"""Every derived number of the requests, as pure functions: deadlines, D-day, the pre-feasibility
thresholds and the period report. Pages, the workbook and the PDF all take their figures from here."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sangsaeng.lib.figures import CHEONWON_PER_EOK

PROGRESS_NOTICE_DAYS = 30
# Defaults of the seeded 사전타당성 검토 type (천원): 총사업비 200억원, 도비 20억원.
DEFAULT_THRESHOLD_TOTAL = 200 * CHEONWON_PER_EOK
DEFAULT_THRESHOLD_SHARE = 20 * CHEONWON_PER_EOK


def due_date(
    received_on: dt.date, days: int, complex_days: int | None = None, *, is_complex: bool = False
) -> dt.date:
    """처리기한: the receiving day plus the type's days (calendar days; the complex-case days when asked)."""
    return received_on + dt.timedelta(days=complex_days if is_complex and complex_days else days)


def d_day(due_on: dt.date, today: dt.date) -> int:
    """Days left until the deadline: 0 on the day, negative once it has passed."""
    return (due_on - today).days


def d_day_label(days: int) -> str:
    """D-3, D-Day, D+2 (the way officials mark deadlines)."""
    if days == 0:
        return "D-Day"
    return f"D-{days}" if days > 0 else f"D+{-days}"


def is_overdue(*, due_on: dt.date, today: dt.date, answered_on: dt.date | None, is_open: bool) -> bool:
    """Still open after its deadline."""
    return is_open and answered_on is None and today > due_on


def requires_review(
    total_cost: int | None,
    provincial_share: int | None,
    threshold_total: int | None,
    threshold_share: int | None,
) -> bool:
    """사전타당성 검토 is required when the total cost AND the provincial share reach both thresholds."""
    if total_cost is None or provincial_share is None or threshold_total is None or threshold_share is None:
        return False
    return total_cost >= threshold_total and provincial_share >= threshold_share


def progress_step(received_on: dt.date, today: dt.date) -> int:
    """The 30-day step a still-open request has reached (30, 60, ...), or 0 before its first."""
    days = (today - received_on).days
    return (days // PROGRESS_NOTICE_DAYS) * PROGRESS_NOTICE_DAYS if days >= PROGRESS_NOTICE_DAYS else 0


def average(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- the period report


@dataclass(frozen=True)
class Facts:
    """What the report needs of one request (read with values(), no model instance)."""

    received_on: dt.date
    due_on: dt.date
    answered_on: dt.date | None
    is_open: bool
    rating: int | None
    department: str  # the assigned department, "" when not yet assigned
    requester: str  # the requesting government, "" for a citizen's proposal


@dataclass
class Figures:
    received: int = 0
    answered: int = 0
    answered_in_time: int = 0
    overdue: int = 0  # answered after the deadline, or still open past it
    open: int = 0
    days_to_answer: list[int] = field(default_factory=list)
    ratings: list[int] = field(default_factory=list)

    @property
    def average_days(self) -> Decimal | None:
        return average(self.days_to_answer)

    @property
    def satisfaction(self) -> Decimal | None:
        return average(self.ratings)

    @property
    def rated(self) -> int:
        return len(self.ratings)

    @property
    def in_time_rate(self) -> Decimal | None:
        """Share of the answered requests answered in time, %."""
        if not self.answered:
            return None
        return (Decimal(100) * self.answered_in_time / self.answered).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def add(self, f: Facts, today: dt.date) -> None:
        self.received += 1
        if f.answered_on is not None:
            self.answered += 1
            self.days_to_answer.append((f.answered_on - f.received_on).days)
            if f.answered_on <= f.due_on:
                self.answered_in_time += 1
            else:
                self.overdue += 1
        elif f.is_open:
            self.open += 1
            if today > f.due_on:
                self.overdue += 1
        if f.rating is not None:
            self.ratings.append(f.rating)


@dataclass
class Report:
    start: dt.date
    end: dt.date
    today: dt.date
    total: Figures
    by_department: list[tuple[str, Figures]]
    by_requester: list[tuple[str, Figures]]


def report(
    facts: Iterable[Facts], *, start: dt.date, end: dt.date, today: dt.date, unassigned: str, citizen: str
) -> Report:
    """The period report: requests received from `start` to `end` (both included), as of `today`."""
    total = Figures()
    departments: dict[str, Figures] = defaultdict(Figures)
    requesters: dict[str, Figures] = defaultdict(Figures)
    for f in facts:
        if not start <= f.received_on <= end:
            continue
        total.add(f, today)
        departments[f.department or unassigned].add(f, today)
        requesters[f.requester or citizen].add(f, today)
    return Report(
        start=start,
        end=end,
        today=today,
        total=total,
        by_department=sorted(departments.items()),
        by_requester=sorted(requesters.items()),
    )

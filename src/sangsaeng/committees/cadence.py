"""Whether committees keep their cadence: "at least N meetings per month / quarter / half / year".

One function decides it for every page (cadence_status). A period counts only the meetings actually
held in it: status 개최 and started by now (selectors.held_meeting). A cancelled meeting does not count,
nor one still only scheduled (예정) whose day has passed, nor one in the future, whatever its status.

The period before, which is over, is short when it held fewer than required. The current period is
judged on what is held so far plus what is still planned in it (scheduled, not cancelled, later than
now): a committee is behind as soon as those cannot reach the requirement, and is not counted as having
met it until the meetings are held.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from sangsaeng.committees.models import Committee

MONTHS = {
    Committee.Period.MONTH: 1,
    Committee.Period.QUARTER: 3,
    Committee.Period.HALF: 6,
    Committee.Period.YEAR: 12,
}


def period_bounds(day: dt.date, period: str) -> tuple[dt.date, dt.date]:
    """[start, end) of the calendar period (month, quarter, half, year) holding `day`."""
    months = MONTHS[Committee.Period(period)]
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    next_month = first_month + months
    end = dt.date(day.year + (next_month - 1) // 12, (next_month - 1) % 12 + 1, 1)
    return start, end


def period_label(start: dt.date, period: str) -> str:
    if period == Committee.Period.MONTH:
        return gettext("%(year)s년 %(month)s월") % {"year": start.year, "month": start.month}
    if period == Committee.Period.QUARTER:
        return gettext("%(year)s년 %(n)s분기") % {"year": start.year, "n": (start.month - 1) // 3 + 1}
    if period == Committee.Period.HALF:
        return (
            gettext("%(year)s년 상반기") % {"year": start.year}
            if start.month == 1
            else gettext("%(year)s년 하반기") % {"year": start.year}
        )
    return gettext("%(year)s년") % {"year": start.year}


def rule_label(count: int, period: str) -> str:
    """ "월 2회 이상"."""
    if not count:
        return gettext("주기 없음")
    return gettext("%(period)s %(count)s회 이상") % {
        "period": Committee.Period(period).label,
        "count": count,
    }


@dataclass(frozen=True)
class CadenceStatus:
    required: int
    period: str
    period_start: dt.date
    period_end: dt.date  # exclusive
    counted: int  # meetings held in the period so far
    previous_counted: int  # meetings held in the period before, which is over
    behind: bool  # fewer meetings held and still planned in this period than required
    missed_previous: bool  # the period before ended with fewer meetings held than required
    planned: int = 0  # meetings still to come in the period (scheduled, not cancelled)

    @property
    def label(self) -> str:
        return period_label(self.period_start, self.period)

    @property
    def rule(self) -> str:
        return rule_label(self.required, self.period)

    @property
    def missing(self) -> int:
        """How many more meetings the period needs beyond those held and those still planned."""
        return max(self.required - self.counted - self.planned, 0)


def cadence_status(
    *,
    count: int,
    period: str,
    held_days: Iterable[dt.date],
    today: dt.date,
    planned_days: Iterable[dt.date] = (),
) -> CadenceStatus | None:
    """The committee's standing in the period holding `today`; None when it has no cadence.

    `held_days` are the (local) days of its meetings that were actually held; a day after `today` is
    not held yet and never counts. `planned_days` are the days of its meetings still to come (scheduled,
    not cancelled); one before `today` is past and never counts."""
    if not count:
        return None
    start, end = period_bounds(today, period)
    previous_start, _ = period_bounds(start - dt.timedelta(days=1), period)
    held = [day for day in held_days if day <= today]
    counted = sum(1 for day in held if start <= day < end)
    previous = sum(1 for day in held if previous_start <= day < start)
    planned = sum(1 for day in planned_days if today <= day < end)
    return CadenceStatus(
        required=count,
        period=period,
        period_start=start,
        period_end=end,
        counted=counted,
        previous_counted=previous,
        behind=counted + planned < count,
        missed_previous=previous < count,
        planned=planned,
    )


def window_start(today: dt.date) -> dt.date:
    """The earliest day any cadence looks at (the start of the previous year-long period)."""
    return dt.date(today.year - 1, 1, 1)

"""Whether committees keep their cadence: "at least N meetings per month / quarter / half / year".

One function decides it for every page (cadence_status). A period counts the meetings held or still
scheduled in it (cancelled ones do not count). The current period is judged on what is held or
scheduled so far, so a committee is behind as soon as it has not planned enough meetings; the period
before is reported too, when it ended short.
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
    counted: int  # meetings held or scheduled in the period
    previous_counted: int  # meetings held in the period before, which is over
    behind: bool  # fewer meetings held or scheduled in this period than required
    missed_previous: bool  # the period before ended with fewer meetings than required

    @property
    def label(self) -> str:
        return period_label(self.period_start, self.period)

    @property
    def rule(self) -> str:
        return rule_label(self.required, self.period)

    @property
    def missing(self) -> int:
        return max(self.required - self.counted, 0)


def cadence_status(
    *, count: int, period: str, meeting_days: Iterable[dt.date], today: dt.date
) -> CadenceStatus | None:
    """The committee's standing in the period holding `today`; None when it has no cadence.

    `meeting_days` are the (local) days of its meetings that are held or scheduled (not cancelled)."""
    if not count:
        return None
    start, end = period_bounds(today, period)
    previous_start, _ = period_bounds(start - dt.timedelta(days=1), period)
    days = list(meeting_days)
    counted = sum(1 for day in days if start <= day < end)
    previous = sum(1 for day in days if previous_start <= day < start)
    return CadenceStatus(
        required=count,
        period=period,
        period_start=start,
        period_end=end,
        counted=counted,
        previous_counted=previous,
        behind=counted < count,
        missed_previous=previous < count,
    )


def window_start(today: dt.date) -> dt.date:
    """The earliest day any cadence looks at (the start of the previous year-long period)."""
    return dt.date(today.year - 1, 1, 1)

"""Whether a committee keeps its cadence: one function, every period kind."""

import datetime as dt

from sangsaeng.committees.cadence import cadence_status, period_bounds, rule_label


def test_periods_are_calendar_months_quarters_halves_and_years() -> None:
    day = dt.date(2019, 8, 20)
    assert period_bounds(day, "month") == (dt.date(2019, 8, 1), dt.date(2019, 9, 1))
    assert period_bounds(day, "quarter") == (dt.date(2019, 7, 1), dt.date(2019, 10, 1))
    assert period_bounds(day, "half") == (dt.date(2019, 7, 1), dt.date(2020, 1, 1))
    assert period_bounds(day, "year") == (dt.date(2019, 1, 1), dt.date(2020, 1, 1))
    assert period_bounds(dt.date(2019, 12, 31), "month") == (dt.date(2019, 12, 1), dt.date(2020, 1, 1))


def test_a_subcommittee_with_one_meeting_this_month_is_behind_its_two() -> None:
    status = cadence_status(
        count=2,
        period="month",
        meeting_days=[dt.date(2019, 8, 5), dt.date(2019, 7, 3), dt.date(2019, 7, 17)],
        today=dt.date(2019, 8, 20),
    )
    assert status is not None
    assert (status.counted, status.behind, status.missing) == (1, True, 1)
    assert (status.previous_counted, status.missed_previous) == (2, False)
    assert status.label == "2019년 8월" and status.rule == "월 2회 이상"


def test_a_scheduled_meeting_later_in_the_period_counts() -> None:
    status = cadence_status(
        count=2,
        period="half",
        meeting_days=[dt.date(2019, 3, 28), dt.date(2019, 11, 13), dt.date(2019, 12, 20)],
        today=dt.date(2019, 9, 1),
    )
    assert status is not None and not status.behind and status.counted == 2
    assert status.missed_previous and status.previous_counted == 1  # 상반기 met only once
    assert status.label == "2019년 하반기"


def test_no_cadence_means_no_status() -> None:
    assert cadence_status(count=0, period="month", meeting_days=[], today=dt.date(2019, 1, 1)) is None
    assert rule_label(0, "month") == "주기 없음"

"""Whether a committee keeps its cadence: one function, every period kind; only meetings held count."""

import datetime as dt

import pytest

from sangsaeng.committees import selectors
from sangsaeng.committees.cadence import cadence_status, period_bounds, rule_label
from sangsaeng.committees.models import Committee, Meeting
from sangsaeng.committees.templatetags.committees_tags import cadence_badge
from sangsaeng.committees.tests.factory import at, make_committee
from sangsaeng.conftest import World


def test_periods_are_calendar_months_quarters_halves_and_years() -> None:
    day = dt.date(2019, 8, 20)
    assert period_bounds(day, "month") == (dt.date(2019, 8, 1), dt.date(2019, 9, 1))
    assert period_bounds(day, "quarter") == (dt.date(2019, 7, 1), dt.date(2019, 10, 1))
    assert period_bounds(day, "half") == (dt.date(2019, 7, 1), dt.date(2020, 1, 1))
    assert period_bounds(day, "year") == (dt.date(2019, 1, 1), dt.date(2020, 1, 1))
    assert period_bounds(dt.date(2019, 12, 31), "month") == (dt.date(2019, 12, 1), dt.date(2020, 1, 1))


def test_a_subcommittee_with_one_meeting_held_this_month_is_behind_its_two() -> None:
    status = cadence_status(
        count=2,
        period="month",
        held_days=[dt.date(2019, 8, 5), dt.date(2019, 7, 3), dt.date(2019, 7, 17)],
        today=dt.date(2019, 8, 20),
    )
    assert status is not None
    assert (status.counted, status.behind, status.missing) == (1, True, 1)
    assert (status.previous_counted, status.missed_previous) == (2, False)
    assert status.label == "2019년 8월" and status.rule == "월 2회 이상"


def test_a_meeting_planned_later_in_the_period_keeps_it_on_track_but_is_not_counted_as_held() -> None:
    status = cadence_status(
        count=2,
        period="half",
        held_days=[dt.date(2019, 3, 28), dt.date(2019, 8, 13)],
        planned_days=[dt.date(2019, 12, 20)],
        today=dt.date(2019, 9, 1),
    )
    assert status is not None and not status.behind and status.missing == 0
    assert (status.counted, status.planned) == (1, 1)
    assert status.missed_previous and status.previous_counted == 1  # 상반기 held only once
    assert status.label == "2019년 하반기"
    badge = str(cadence_badge(status))
    assert "1/2회 · 예정 1회" in badge and "✓" not in badge


def test_days_at_the_edges_of_the_period_and_of_today() -> None:
    today = dt.date(2019, 9, 30)  # the last day of 3분기
    status = cadence_status(
        count=2,
        period="quarter",
        held_days=[
            dt.date(2019, 7, 1),  # the first day of this quarter: counts
            dt.date(2019, 6, 30),  # the last day of the quarter before: counts there
            dt.date(2019, 9, 30),  # today: counts
            dt.date(2019, 10, 1),  # after today (wrongly marked held): not held yet
        ],
        planned_days=[
            dt.date(2019, 9, 29),  # past: no longer planned
            dt.date(2019, 10, 1),  # the next quarter's
        ],
        today=today,
    )
    assert status is not None
    assert (status.counted, status.planned, status.previous_counted) == (2, 0, 1)
    assert not status.behind and status.missed_previous


def test_no_cadence_means_no_status() -> None:
    assert cadence_status(count=0, period="month", held_days=[], today=dt.date(2019, 1, 1)) is None
    assert rule_label(0, "month") == "주기 없음"


@pytest.mark.django_db
def test_only_meetings_actually_held_count_and_the_future_does_not_yet(world: World) -> None:
    committee = make_committee(world, cadence_count=3, cadence_period=Committee.Period.YEAR)
    now = at(dt.date(2019, 6, 15), 14)
    minute = dt.timedelta(minutes=1)

    def meeting(title: str, starts_at: dt.datetime, status: str) -> None:
        Meeting.objects.create(
            committee=committee, title=title, starts_at=starts_at, ends_at=starts_at, status=status
        )

    def standing(at: dt.datetime = now) -> tuple[int, int, bool]:
        [row] = selectors.committee_rows(Committee.objects.filter(pk=committee.pk), now=at)
        assert row.status is not None
        return row.status.counted, row.status.planned, row.status.behind

    meeting("개최", now - minute, Meeting.Status.HELD)  # held a minute ago: counts
    meeting("지난 예정", now - minute, Meeting.Status.SCHEDULED)  # never marked held: does not
    meeting("취소", now - minute, Meeting.Status.CANCELLED)  # cancelled: does not
    meeting("앞선 개최", now + minute, Meeting.Status.HELD)  # marked held ahead of time: only planned
    meeting("지난해 개최", now - dt.timedelta(days=200), Meeting.Status.HELD)  # 2018: the year before
    assert standing() == (1, 1, True)

    meeting("예정", now + minute, Meeting.Status.SCHEDULED)
    assert standing() == (1, 2, False)  # the two still planned could make the three
    meeting("정각 개최", now, Meeting.Status.HELD)  # started this very moment: held
    assert standing() == (2, 2, False)
    # Two minutes on: the meeting marked held ahead of time has started and counts; the one only
    # scheduled has passed without being held and neither counts nor is planned any more.
    assert standing(now + 2 * minute) == (3, 0, False)
    Meeting.objects.filter(title="앞선 개최").update(status=Meeting.Status.CANCELLED)
    assert standing(now + 2 * minute) == (2, 0, True)
    [row] = selectors.committee_rows(Committee.objects.filter(pk=committee.pk), now=now)
    assert row.status is not None and (row.status.previous_counted, row.status.missed_previous) == (1, True)

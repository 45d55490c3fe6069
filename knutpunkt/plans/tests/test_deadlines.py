"""Deadline arithmetic: calendar days, and Swedish working days over weekends and holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from knutpunkt.plans.deadlines import DayCount, add_days, days_left, is_working_day, working_days_between


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Christmas Eve, Christmas Day, Boxing Day, a weekend, New Year's Eve and New Year's Day are all skipped.
        (dt.date(2026, 12, 22), 5, dt.date(2027, 1, 4)),
        # Midsummer Eve (Friday 19 June 2026) and the weekend after it.
        (dt.date(2026, 6, 18), 1, dt.date(2026, 6, 22)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        (dt.date(2026, 4, 2), 1, dt.date(2026, 4, 7)),
        # Epiphany, Wednesday 6 January 2027.
        (dt.date(2027, 1, 5), 1, dt.date(2027, 1, 7)),
        # An ordinary week; and a start on a Saturday counts from the next working day.
        (dt.date(2026, 11, 16), 3, dt.date(2026, 11, 19)),
        (dt.date(2026, 11, 21), 1, dt.date(2026, 11, 23)),
        (dt.date(2026, 11, 16), 0, dt.date(2026, 11, 16)),
    ],
)
def test_working_days_skip_weekends_and_swedish_holidays(start: dt.date, days: int, expected: dt.date) -> None:
    assert add_days(start, days, DayCount.WORKING) == expected


def test_calendar_days_count_every_day_and_may_end_on_a_holiday() -> None:
    assert add_days(dt.date(2026, 12, 22), 21, DayCount.CALENDAR) == dt.date(2027, 1, 12)
    assert add_days(dt.date(2026, 12, 21), 3, DayCount.CALENDAR) == dt.date(2026, 12, 24)


def test_holidays_and_weekends_are_not_working_days() -> None:
    for day in (
        dt.date(2026, 6, 19),
        dt.date(2026, 12, 24),
        dt.date(2026, 12, 31),
        dt.date(2026, 6, 6),
        dt.date(2026, 11, 22),
    ):
        assert not is_working_day(day), day
    assert is_working_day(dt.date(2026, 11, 23))


def test_days_left_is_negative_when_overdue_and_working_days_between_counts_the_span() -> None:
    assert days_left(dt.date(2026, 11, 20), dt.date(2026, 11, 22)) == -2
    assert working_days_between(dt.date(2026, 12, 22), dt.date(2027, 1, 4)) == 5
    assert working_days_between(dt.date(2026, 12, 22), dt.date(2026, 12, 22)) == 0


def test_a_negative_number_of_days_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_days(dt.date(2026, 1, 1), -1, DayCount.CALENDAR)


def test_a_profile_in_working_days_gives_the_plan_its_deadline_over_christmas(db: None) -> None:
    from knutpunkt.plans.actions import deadline_for
    from knutpunkt.plans.models import AgreementProfile

    profile = AgreementProfile(deadline_days=5, day_count=DayCount.WORKING)
    assert deadline_for(profile, dt.date(2026, 12, 22)) == dt.date(2027, 1, 4)

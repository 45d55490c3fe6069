"""Date arithmetic shared by several apps."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

Day = TypeVar("Day", bound=dt.date)


def add_years(day: Day, years: int) -> Day:
    """The same date (and time, for a datetime) `years` on, or back when negative; 29 February becomes 28 February in
    a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)

"""Deadline arithmetic for coordinated plans: calendar days or Swedish working days.

Working days are Monday to Friday except Swedish public holidays and the days that are treated as holidays in
practice (midsummer eve, Christmas eve, New Year's eve), as the `holidays` package lists them for Sweden with the
categories "public" and "de_facto".
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayCount(models.TextChoices):
    CALENDAR = "calendar", _("Kalenderdagar")
    WORKING = "working", _("Arbetsdagar")


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("SE", years=year, categories=("public", "de_facto")).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_days(start: dt.date, days: int, count: str) -> dt.date:
    """The date `days` calendar or working days after `start` (the start day itself is day 0).

    With working days the result is always a working day; with calendar days a deadline that falls on a weekend
    or holiday stays there, as the agreements count it.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    if count == DayCount.CALENDAR:
        return start + dt.timedelta(days=days)
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def days_left(deadline: dt.date, today: dt.date) -> int:
    """Calendar days from today to the deadline; negative when it has passed."""
    return (deadline - today).days


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count

"""Swedish personal identity numbers: personnummer, samordningsnummer and reserve numbers.

One function, `parse_identity_number`, turns what a person types into the canonical twelve-character form that
is stored, or raises `InvalidIdentityNumber` with a Swedish message that says what is wrong.

- personnummer: YYMMDD, a three-digit birth number and a Luhn check digit, written with `-`, or with `+` from the
  year the person turns 100. Stored with the century: YYYYMMDDNNNC.
- samordningsnummer: the same, but the day of birth plus 60; day 60 or month 00 when that part is unknown.
- reserve number (reservnummer): given by health care when no number is known. The form differs between regions,
  so it is only normalised (letters and digits, 4–20 characters), never checked against a date or a check digit.

We write this ourselves rather than wrap the `personnummer` package: the rules are a few lines, we need reserve
numbers and day-60 coordination numbers that it does not handle, and our error messages must be Swedish.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdentityKind(models.TextChoices):
    PERSONNUMMER = "personnummer", _("Personnummer")
    SAMORDNINGSNUMMER = "samordningsnummer", _("Samordningsnummer")
    RESERVE = "reserve", _("Reservnummer")


class InvalidIdentityNumber(ValueError):
    """The text is not a valid number of the expected kind. `str(error)` is a message for the user."""


@dataclass(frozen=True)
class IdentityNumber:
    value: str  # canonical: 12 digits (YYYYMMDDNNNC), or the normalised reserve number
    kind: IdentityKind
    birth_date: dt.date | None  # None for reserve numbers and for coordination numbers with unknown day

    @property
    def formatted(self) -> str:
        if self.kind == IdentityKind.RESERVE:
            return self.value
        return f"{self.value[:8]}-{self.value[8:]}"

    @property
    def legal_sex(self) -> str | None:
        """'F' or 'M' from the third birth digit (even for women, odd for men); None for reserve numbers."""
        if self.kind == IdentityKind.RESERVE:
            return None
        return "F" if int(self.value[10]) % 2 == 0 else "M"


_NUMBER = re.compile(r"^(?P<century>\d{2})?(?P<date>\d{6})(?P<sep>[-+]?)(?P<serial>\d{3})(?P<check>\d)$")
_RESERVE = re.compile(r"^[A-Z0-9]{4,20}$")


def luhn_check_digit(nine_digits: str) -> int:
    """The check digit for YYMMDDNNN, computed as Skatteverket describes (weights 2,1,2,1,…)."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def parse_identity_number(text: str, kind: IdentityKind | None = None, today: dt.date | None = None) -> IdentityNumber:
    """Parse a personnummer or samordningsnummer (kind None: either), or a reserve number (kind RESERVE)."""
    raw = (text or "").strip()
    if not raw:
        raise InvalidIdentityNumber(_("Ange ett nummer."))
    if kind == IdentityKind.RESERVE:
        value = re.sub(r"[\s-]", "", raw).upper()
        if not _RESERVE.match(value):
            raise InvalidIdentityNumber(_("Ett reservnummer består av 4–20 bokstäver (A–Z) och siffror."))
        return IdentityNumber(value=value, kind=IdentityKind.RESERVE, birth_date=None)

    compact = raw.replace(" ", "")
    match = _NUMBER.match(compact)
    if not match:
        raise InvalidIdentityNumber(
            _("Numret ska ha 10 eller 12 siffror, till exempel ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN.")
        )
    short_date, serial, check = match["date"], match["serial"], match["check"]
    if luhn_check_digit(short_date + serial) != int(check):
        raise InvalidIdentityNumber(_("Kontrollsiffran stämmer inte. Kontrollera att numret är rätt skrivet."))

    today = today or timezone.localdate()
    year_2, month, day = int(short_date[:2]), int(short_date[2:4]), int(short_date[4:6])
    if match["century"]:
        year = int(match["century"] + short_date[:2])
    else:
        # Without a century the person is under 100 ('-') or at least 100 ('+'): take the latest fitting century.
        year = (today.year // 100) * 100 + year_2
        if year > today.year:
            year -= 100
        if match["sep"] == "+":
            year -= 100

    coordination = day > 60
    if day == 60:
        coordination = True  # a coordination number whose day of birth is unknown
    if kind == IdentityKind.PERSONNUMMER and coordination:
        raise InvalidIdentityNumber(_("Det här är ett samordningsnummer, inte ett personnummer."))
    if kind == IdentityKind.SAMORDNINGSNUMMER and not coordination:
        raise InvalidIdentityNumber(_("Ett samordningsnummer har födelsedagen plus 60."))

    birth_day = day - 60 if coordination else day
    birth_date: dt.date | None
    if coordination:
        # Skatteverket gives coordination numbers with day or month 00 when it is not known, and its own test
        # numbers include days past the month's end (31 April): only the ranges are checked, and such a number
        # gives no birth date.
        if not (0 <= month <= 12 and 0 <= birth_day <= 31):
            raise InvalidIdentityNumber(_("Numret innehåller inget giltigt datum."))
        try:
            birth_date = dt.date(year, month, birth_day)
        except ValueError:
            birth_date = None
    else:
        try:
            birth_date = dt.date(year, month, birth_day)
        except ValueError:
            raise InvalidIdentityNumber(_("Numret innehåller inget giltigt datum.")) from None
    if birth_date is not None and birth_date > today:
        raise InvalidIdentityNumber(_("Födelsedatumet ligger i framtiden."))

    return IdentityNumber(
        value=f"{year:04d}{short_date[2:]}{serial}{check}",
        kind=IdentityKind.SAMORDNINGSNUMMER if coordination else IdentityKind.PERSONNUMMER,
        birth_date=birth_date,
    )


def mask(value: str) -> str:
    """A number shown where the full number is not needed: the date part and four stars."""
    if len(value) == 12 and value.isdigit():
        return f"{value[:8]}-****"
    return value[:4] + "*" * max(len(value) - 4, 0)

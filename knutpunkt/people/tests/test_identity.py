"""Identity numbers: every Skatteverket test number is accepted; mutated numbers are refused with Swedish text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knutpunkt.people.identity import IdentityKind, InvalidIdentityNumber, luhn_check_digit, parse_identity_number

DATA = Path(__file__).resolve().parents[2] / "data" / "testpersonnummer"
TODAY = dt.date(2026, 11, 22)


def _numbers(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines[1:] if line.strip()]


def test_every_skatteverket_test_personnummer_is_accepted() -> None:
    numbers = _numbers("testpersonnummer-2017.csv")
    assert len(numbers) == 19722
    for number in numbers:
        parsed = parse_identity_number(number, today=TODAY)
        assert parsed.value == number
        assert parsed.kind == IdentityKind.PERSONNUMMER


def test_every_skatteverket_test_samordningsnummer_is_accepted() -> None:
    numbers = _numbers("testsamordningsnummer-2019.csv")
    assert len(numbers) == 1500
    for number in numbers:
        parsed = parse_identity_number(number, today=TODAY)
        assert parsed.value == number
        assert parsed.kind == IdentityKind.SAMORDNINGSNUMMER


def test_a_wrong_check_digit_is_refused_for_every_test_number() -> None:
    for number in _numbers("testpersonnummer-2017.csv")[::50]:
        wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
        with pytest.raises(InvalidIdentityNumber, match="Kontrollsiffran"):
            parse_identity_number(wrong, today=TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("201101062394", "201101062394"),
        ("20110106-2394", "201101062394"),
        ("110106-2394", "201101062394"),
        ("1101062394", "201101062394"),
        (" 110106 - 2394 ".replace(" - ", "-"), "201101062394"),
        ("250101+9216", "192501019216"),  # born 1925, written with + from the year of turning 100
        ("250101-9216", None),  # without + it would be 2025, and then the check digit still holds: a child
    ],
)
def test_ten_and_twelve_digit_forms_give_the_canonical_number(text: str, expected: str | None) -> None:
    parsed = parse_identity_number(text, today=TODAY)
    if expected is None:
        assert parsed.value == "202501019216"
        assert parsed.birth_date == dt.date(2025, 1, 1)
    else:
        assert parsed.value == expected


def test_sex_follows_the_third_birth_digit() -> None:
    assert parse_identity_number("198001249286", today=TODAY).legal_sex == "F"
    assert parse_identity_number("197001239297", today=TODAY).legal_sex == "M"


def _with_check_digit(first_eleven: str) -> str:
    """Twelve digits whose check digit is right, so that only the date can be wrong."""
    return first_eleven + str(luhn_check_digit(first_eleven[2:]))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Ange ett nummer"),
        ("abc", "10 eller 12 siffror"),
        ("12345", "10 eller 12 siffror"),
        ("2011010623945", "10 eller 12 siffror"),
        (_with_check_digit("20111306239"), "giltigt datum"),  # month 13
        (_with_check_digit("20230230301"), "giltigt datum"),  # 30 February
        (_with_check_digit("20230229301"), "giltigt datum"),  # 29 February in a common year
        (_with_check_digit("20300101231"), "framtiden"),
        (_with_check_digit("20111392239"), "giltigt datum"),  # coordination day 92 - 60 = 32
    ],
)
def test_malformed_numbers_get_a_swedish_message(text: str, message: str) -> None:
    with pytest.raises(InvalidIdentityNumber, match=message):
        parse_identity_number(text, today=TODAY)


def test_a_leap_day_is_accepted_in_a_leap_year() -> None:
    assert parse_identity_number(_with_check_digit("20240229301"), today=TODAY).birth_date == dt.date(2024, 2, 29)


def test_coordination_numbers_with_unknown_day_or_month_have_no_birth_date() -> None:
    assert parse_identity_number("191500722390", today=TODAY).birth_date is None  # month 00
    assert parse_identity_number(_with_check_digit("19800160301"), today=TODAY).birth_date is None  # day 60


def test_the_kind_can_be_required() -> None:
    with pytest.raises(InvalidIdentityNumber, match="samordningsnummer"):
        parse_identity_number("191401682396", kind=IdentityKind.PERSONNUMMER, today=TODAY)
    with pytest.raises(InvalidIdentityNumber, match="plus 60"):
        parse_identity_number("198001249286", kind=IdentityKind.SAMORDNINGSNUMMER, today=TODAY)


def test_reserve_numbers_are_normalised_not_checked() -> None:
    parsed = parse_identity_number("99-12 ab34", kind=IdentityKind.RESERVE, today=TODAY)
    assert parsed.value == "9912AB34"
    assert parsed.birth_date is None
    with pytest.raises(InvalidIdentityNumber, match="reservnummer"):
        parse_identity_number("åäö!", kind=IdentityKind.RESERVE, today=TODAY)

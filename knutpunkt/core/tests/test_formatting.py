"""Numbers and money the Swedish way: decimal comma, thin spaces between thousands, "kr" after amounts."""

from __future__ import annotations

from decimal import Decimal

from knutpunkt.core.formatting import figure, kr, number, percent, signed

THIN = "\u202f"


def test_thousands_are_separated_by_a_thin_space_and_decimals_by_a_comma() -> None:
    assert number(Decimal("1234567.891"), 1) == f"1{THIN}234{THIN}567,9"
    assert number(999) == "999"


def test_amounts_are_in_kronor_with_a_real_minus_sign() -> None:
    assert kr(Decimal(-1500)) == f"\u22121{THIN}500{THIN}kr"
    assert kr(None) == "–"


def test_shares_carry_a_per_cent_sign() -> None:
    assert percent(27.5) == f"27,5{THIN}%"
    assert figure(950.5) == "950,5" and figure(27.5, is_share=True) == f"27,5{THIN}%"


def test_a_change_carries_its_sign() -> None:
    assert signed(3.5) == "+3,5" and signed(-59.5) == "\u221259,5" and signed(0) == "0,0"

"""Numbers and money the Swedish way: a decimal comma, a thin (narrow no-break) space between thousands, a real
minus sign and "kr" after amounts. Used by the prevention pages and the committee report
(prevention/templatetags/prevention_format.py), and by texts built in Python, such as a form's saved values shown
after a conflict and the comparison of two versions."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Fixed Swedish, not the reader's locale as in the indicator pages: the committee report is a Swedish document.
THIN_SPACE = "\u202f"  # narrow no-break space: the thousands separator, and between a number and its unit
MINUS = "\u2212"
NO_VALUE = "–"


def number(value: object, decimals: int = 0) -> str:
    """`1234567.891` → "1 234 567,9" with one decimal; None or "" → "–"."""
    if value is None or value == "":
        return NO_VALUE
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = MINUS if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):.{decimals}f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = THIN_SPACE.join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def kr(value: object, decimals: int = 0) -> str:
    """An amount in kronor: "1 234 567 kr"."""
    text = number(value, decimals)
    return text if text == NO_VALUE else f"{text}{THIN_SPACE}kr"


def percent(value: object, decimals: int = 1) -> str:
    text = number(value, decimals)
    return text if text == NO_VALUE else f"{text}{THIN_SPACE}%"


def figure(value: object, is_share: bool = False) -> str:
    """A key figure's value: one decimal, with a per cent sign for shares."""
    return percent(value, 1) if is_share else number(value, 1)


def signed(value: object, decimals: int = 1) -> str:
    """A change with its sign: "+3,5", "\u221259,5" (a real minus sign), "0,0"."""
    text = number(value, decimals)
    if text == NO_VALUE or text.startswith(MINUS) or Decimal(str(value)) == 0:
        return text
    return f"+{text}"

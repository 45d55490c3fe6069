"""Numbers of key figures as Knutpunkt writes them, in the active language's conventions: in Swedish a decimal
comma and grouped thousands (1 234,5), and a true minus sign (U+2212) before a negative number.

Plain functions on Django's number formatting: the template filters, the charts and the early warnings' sentences
use them, so that importing one does not import the others (the charts import Altair).
"""

from __future__ import annotations

from django.utils import formats

MINUS = "\u2212"


def number(value: float | None, decimals: int = 1) -> str:
    """The value with `decimals` decimals; "–" for no value."""
    if value is None:
        return "–"
    # Rounded first: number_format cuts off the decimals it does not show (and "or" turns -0.0 into 0.0).
    rounded = round(value, decimals) or 0.0
    text = formats.number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return MINUS + text[1:] if text.startswith("-") else text


def signed(value: float | None, decimals: int = 1) -> str:
    """A change with its sign: "+0,3", a minus sign before a fall, and no sign when it rounds to 0; "–" for no
    value."""
    if value is None:
        return "–"
    text = number(abs(value), decimals)
    if round(value, decimals) == 0:
        return text
    return ("+" if value > 0 else MINUS) + text

"""Sorting text the Swedish way."""

from __future__ import annotations

# Swedish alphabetical order: å, ä, ö after z (as the characters after z in ASCII); é and è as e, ü as y, and the
# Danish and Norwegian æ and ø as ä and ö. Applied after casefold(), so capitals need no entries of their own.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "è": "e", "ü": "y", "æ": "|", "ø": "}"})


def swedish_key(text: str) -> str:
    """A sort key that puts names in Swedish alphabetical order, ignoring case."""
    return text.casefold().translate(_SWEDISH_ORDER)

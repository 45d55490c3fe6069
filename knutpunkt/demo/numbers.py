"""Skatteverket's test personal identity numbers, drawn deterministically by birth year and legal sex.

Only these numbers may appear in the demo (they belong to no one). The files are read from
`knutpunkt/data/testpersonnummer/`; see SOURCE.md there.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

from knutpunkt.people.identity import IdentityKind

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "testpersonnummer"
PERSONNUMMER_FILE = DATA_DIR / "testpersonnummer-2017.csv"
SAMORDNINGSNUMMER_FILE = DATA_DIR / "testsamordningsnummer-2019.csv"


def read_numbers(path: Path) -> list[str]:
    """The twelve-digit numbers in one of Skatteverket's files: header line skipped, CRLF or LF, sorted."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return sorted(line.strip() for line in lines if line.strip().isdigit() and len(line.strip()) == 12)


@cache
def skatteverket_numbers() -> frozenset[str]:
    """Every number in both files: what tests check the database against."""
    return frozenset(read_numbers(PERSONNUMMER_FILE)) | frozenset(read_numbers(SAMORDNINGSNUMMER_FILE))


class NumberPool:
    """Hands out unused test numbers. Same seed and same calls give the same numbers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.by_kind: dict[IdentityKind, dict[int, list[str]]] = {}
        for kind, path in (
            (IdentityKind.PERSONNUMMER, PERSONNUMMER_FILE),
            (IdentityKind.SAMORDNINGSNUMMER, SAMORDNINGSNUMMER_FILE),
        ):
            years: dict[int, list[str]] = {}
            for number in read_numbers(path):
                years.setdefault(int(number[:4]), []).append(number)
            self.by_kind[kind] = years

    def take(self, year: int, *, female: bool | None = None, kind: IdentityKind = IdentityKind.PERSONNUMMER) -> str:
        """An unused number born in `year`, or the nearest year that has one. The third birth digit (the
        eleventh of twelve) is even for women and odd for men."""
        years = self.by_kind[kind]
        for distance in range(200):
            for candidate_year in (year - distance, year + distance) if distance else (year,):
                candidates = [
                    number
                    for number in years.get(candidate_year, [])
                    if number not in self.used and (female is None or (int(number[10]) % 2 == 0) == female)
                ]
                if candidates:
                    number = self.rng.choice(candidates)
                    self.used.add(number)
                    return number
        raise LookupError(f"No unused test number near {year}")

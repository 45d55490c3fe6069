"""A saved cost-of-exclusion calculation as the pages and the committee report show it: per payer, the assumption,
its source (marked while it is still an example to replace) and what it gives over all the years. The arithmetic
itself is in costs.py, without Django."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from knutpunkt.prevention.costs import ZERO, Result
from knutpunkt.prevention.models import CostModel, Payer

# A calculation not yet saved is prefilled with examples, marked so in every source field: Knutpunkt presents no
# figure of its own as fact.
EXAMPLE_SOURCE = _("Exempel – ersätt med egna antaganden")
EXAMPLE_MARK = "Exempel"


def is_example(source: str) -> bool:
    """Whether an assumption's source says it is still an example to replace."""
    return source.strip().startswith((EXAMPLE_MARK, str(EXAMPLE_SOURCE)))


@dataclass(frozen=True)
class PayerRow:
    """One payer's assumption in a saved calculation and what it gives over all the years."""

    payer: str
    label: str
    cost_per_person_year: Decimal | None
    source: str
    example: bool
    without: Decimal
    with_measure: Decimal
    avoided: Decimal


def payer_rows(model: CostModel, result: Result) -> list[PayerRow]:
    """Every payer, in Payer's order: the assumption (None when there is none) and the totals it gives."""
    assumptions = {a.payer: a for a in model.assumptions.all()}
    rows = []
    for payer, label in Payer.choices:
        assumption = assumptions.get(payer)
        rows.append(
            PayerRow(
                payer=payer,
                label=str(label),
                cost_per_person_year=assumption.cost_per_person_year if assumption else None,
                source=assumption.source if assumption else "",
                example=is_example(assumption.source) if assumption else False,
                without=sum((y.without[payer] for y in result.years), ZERO),
                with_measure=sum((y.with_measure[payer] for y in result.years), ZERO),
                avoided=result.avoided_by_payer[payer],
            )
        )
    return rows

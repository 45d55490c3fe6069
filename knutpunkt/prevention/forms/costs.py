"""The assumptions of a cost-of-exclusion calculation: every figure is the municipality's own.

A calculation not yet saved is prefilled with an example, marked in every source field as an example to replace
(cost_rows.EXAMPLE_SOURCE): Knutpunkt presents no figure of its own as fact. The rules the figures must meet are the
action's (actions.check_costs).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.forms import LockedForm
from knutpunkt.prevention import actions
from knutpunkt.prevention.actions import CostDetails
from knutpunkt.prevention.cost_rows import EXAMPLE_SOURCE
from knutpunkt.prevention.forms.common import check, decimal_field
from knutpunkt.prevention.models import CostModel, Payer

# Round illustrative figures, not estimates: they show how the calculator works and must be replaced.
EXAMPLE_COSTS: dict[str, Decimal] = {
    Payer.MUNICIPALITY: Decimal(150_000),
    Payer.REGION: Decimal(30_000),
    Payer.STATE: Decimal(100_000),
    Payer.JUSTICE: Decimal(20_000),
}
EXAMPLE: dict[str, Any] = {
    "group_size": 20,
    "kept_out_without": Decimal(50),
    "kept_out_with": Decimal(65),
    "effect_from_year": 2,
    "years": 10,
    "discount_rate": Decimal("3.5"),
    "measure_cost_initial": Decimal(0),
    "measure_cost_yearly": Decimal(0),
}


class CostForm(LockedForm):
    group_size = forms.IntegerField(
        label=_("Målgruppens storlek (personer)"),
        min_value=1,
        help_text=_("Hur många personer åtgärden riktar sig till."),
        error_messages={"min_value": _("Målgruppen måste ha minst en person.")},
    )
    kept_out_without = decimal_field(
        _("Andel som klarar sig utan utanförskap, utan åtgärden (%)"),
        help_text=_("Er bedömning av hur det går för gruppen om ingenting görs."),
    )
    kept_out_with = decimal_field(
        _("Andel som klarar sig utan utanförskap, med åtgärden (%)"),
        help_text=_("Er bedömning av hur det går med åtgärden, till exempel utifrån studier av liknande insatser."),
    )
    effect_from_year = forms.IntegerField(
        label=_("Åtgärden ger effekt från år"), min_value=1, help_text=_("År 1 är det första året i kalkylen.")
    )
    years = forms.IntegerField(
        label=_("Antal år i kalkylen"),
        min_value=1,
        max_value=50,
        error_messages={
            "min_value": _("Räkna på mellan 1 och 50 år."),
            "max_value": _("Räkna på mellan 1 och 50 år."),
        },
    )
    discount_rate = decimal_field(
        _("Diskonteringsränta (%)"),
        help_text=_("Framtida kronor räknas om till dagens värde. År 1 diskonteras inte."),
    )
    measure_cost_initial = decimal_field(_("Åtgärdens startkostnad år 1 (kr)"), decimals=2)
    measure_cost_yearly = decimal_field(_("Åtgärdens kostnad per år (kr)"), decimals=2)
    note = forms.CharField(
        label=_("Om kalkylen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad antagandena bygger på och vem som har gjort dem."),
    )

    def __init__(
        self, data: Any = None, *, cost_model: CostModel | None, measure_budget: Decimal | None, **kwargs: Any
    ) -> None:
        self.cost_model = cost_model
        if cost_model is None:
            initial: dict[str, Any] = dict(EXAMPLE)
            if measure_budget:
                initial["measure_cost_yearly"] = measure_budget
            for payer, cost in EXAMPLE_COSTS.items():
                initial[f"cost_{payer}"] = cost
                initial[f"source_{payer}"] = EXAMPLE_SOURCE
            kwargs.setdefault("initial", initial)
        super().__init__(data, lock_version=cost_model.lock_version if cost_model else 0, **kwargs)
        for payer, label in Payer.choices:
            self.fields[f"cost_{payer}"] = decimal_field(
                _("%(payer)s: kostnad per person i utanförskap och år (kr)") % {"payer": label}
            )
            self.fields[f"source_{payer}"] = forms.CharField(
                label=_("%(payer)s: källa eller motivering") % {"payer": label}, required=False, max_length=300
            )

    def current(self) -> dict[str, Any]:
        model = getattr(self, "cost_model", None)
        if model is None:
            return {}
        values = {
            name: getattr(model, name)
            for name in (
                "group_size",
                "kept_out_without",
                "kept_out_with",
                "effect_from_year",
                "years",
                "discount_rate",
                "measure_cost_initial",
                "measure_cost_yearly",
                "note",
            )
        }
        for assumption in model.assumptions.all():
            values[f"cost_{assumption.payer}"] = assumption.cost_per_person_year
            values[f"source_{assumption.payer}"] = assumption.source
        return values

    def payer_fields(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(str(label), self[f"cost_{payer}"], self[f"source_{payer}"]) for payer, label in Payer.choices]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check(self, actions.check_costs, cleaned)
        return cleaned

    def details(self) -> CostDetails:
        data = self.cleaned_data
        return CostDetails(
            group_size=data["group_size"],
            kept_out_without=data["kept_out_without"],
            kept_out_with=data["kept_out_with"],
            effect_from_year=data["effect_from_year"],
            years=data["years"],
            discount_rate=data["discount_rate"],
            measure_cost_initial=data["measure_cost_initial"],
            measure_cost_yearly=data["measure_cost_yearly"],
            note=data["note"],
            assumptions={payer: (data[f"cost_{payer}"], data[f"source_{payer}"]) for payer in Payer.values},
        )

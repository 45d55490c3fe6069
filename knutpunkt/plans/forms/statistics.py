"""The filter of the SIP statistics: the period, the organisation (or the whole principal) and the grouping."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.widgets import Select
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Organisation, Unit
from knutpunkt.plans.statistics import Filters, Grouping

# At most five years at a time: 60 months per group is already a long table.
MAX_DAYS = 5 * 366
EARLIEST = dt.date(2000, 1, 1)
WHOLE_PRINCIPAL = "alla"
OWN_UNIT = "enhet"


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last twelve months, this month included."""
    today = today or timezone.localdate()
    start = today.replace(day=1)
    for _month in range(11):
        start = (start - dt.timedelta(days=1)).replace(day=1)
    return start, today


@dataclass(frozen=True)
class Defaults:
    """What the page shows before anything is chosen: a unit manager their own unit (and the units it invited), an
    analyst the whole principal per organisation."""

    organisation: str
    grouping: str

    @classmethod
    def for_actor(cls, actor: Actor) -> Defaults:
        if actor.is_unit_manager and actor.unit is not None:
            return cls(OWN_UNIT, Grouping.UNIT)
        return cls(WHOLE_PRINCIPAL, Grouping.ORGANISATION)


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StatisticsForm(forms.Form):
    fran = forms.DateField(label=_("Från och med"), required=False, widget=_date_input())
    till = forms.DateField(label=_("Till och med"), required=False, widget=_date_input())
    organisation = forms.ChoiceField(label=_("Enhet eller organisation"), required=False, widget=Select)
    per = forms.ChoiceField(label=_("Dela upp per"), required=False, choices=Grouping.choices, widget=Select)

    def __init__(
        self,
        data: Any = None,
        *,
        organisations: QuerySet[Organisation],
        principal: Organisation,
        defaults: Defaults,
        unit: Unit | None = None,
    ) -> None:
        start, end = default_period()
        super().__init__(
            data, initial={"fran": start, "till": end, "organisation": defaults.organisation, "per": defaults.grouping}
        )
        self.organisations = {str(o.uuid): o for o in organisations.order_by("name")}
        self.principal = principal
        self.defaults = defaults
        # The actor's own unit, offered when it belongs to one of the organisations counted.
        self.unit = unit if unit is not None and str(unit.organisation.uuid) in self.organisations else None
        whole = _("Hela %(principal)s") % {"principal": principal.name}
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        own = [(OWN_UNIT, _("Min enhet: %(unit)s") % {"unit": self.unit.name})] if self.unit else []
        field.choices = [*own, (WHOLE_PRINCIPAL, whole), *((key, o.name) for key, o in self.organisations.items())]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        default_start, default_end = default_period()
        start: dt.date = cleaned.get("fran") or default_start
        end: dt.date = cleaned.get("till") or default_end
        if "fran" in cleaned and start < EARLIEST:
            self.add_error("fran", _("Välj ett datum från år 2000 och framåt."))
        elif "till" in cleaned and end < start:
            self.add_error("till", _("Slutdatumet kan inte ligga före startdatumet."))
        elif "till" in cleaned and (end - start).days > MAX_DAYS:
            self.add_error("till", _("Välj en period på högst fem år."))
        return cleaned

    def _value(self, name: str) -> Any:
        """The cleaned value when the form was sent, otherwise (or when left empty) the default."""
        value = self.cleaned_data.get(name) if self.is_bound else None
        return value or self.initial[name]

    def own_unit(self) -> Unit | None:
        """The actor's own unit when it is what was chosen."""
        return self.unit if self._value("organisation") == OWN_UNIT else None

    def filters(self) -> Filters:
        """The filters asked for. On a sent form, call after is_valid()."""
        unit = self.own_unit()
        return Filters(
            start=self._value("fran"),
            end=self._value("till"),
            grouping=self._value("per"),
            unit=unit.pk if unit else None,
        )

    def chosen(self) -> Organisation | None:
        """The organisation chosen (the unit's, for the own unit), or None for the whole principal."""
        unit = self.own_unit()
        return unit.organisation if unit else self.organisations.get(self._value("organisation"))

    def scope(self) -> list[int]:
        """The keys of the organisations counted: the chosen one, or all of the principal's."""
        chosen = self.chosen()
        if chosen is None:
            return [o.pk for o in self.organisations.values()]
        return [chosen.pk]

    @property
    def scope_label(self) -> str:
        unit = self.own_unit()
        if unit is not None:
            return str(unit)
        chosen = self.chosen()
        return chosen.name if chosen else self.principal.name

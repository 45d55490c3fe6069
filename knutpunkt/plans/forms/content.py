"""Forms for the plan's contents, its establishment and its versions.

Every form that changes the plan carries the plan's `lock_version` as the user saw it; the action refuses a save
from an older version (actions.PlanEditConflict), and the view then shows the user's input next to what is saved
now (`differences`). Choices are keyed by UUID, never by an integer key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.forms import LockedForm, choice_field, shown
from knutpunkt.organisations.models import Organisation, Unit
from knutpunkt.people.forms import DateInput
from knutpunkt.plans import access
from knutpunkt.plans.models import (
    Commitment,
    CommitmentStatus,
    ContactPerson,
    Intervention,
    Need,
    Plan,
)

BY_PERSON = "person"

Choice = tuple[str, Any]


def _key(obj: Organisation | Unit | Need | Intervention | None) -> str:
    return str(obj.uuid) if obj is not None else ""


class PlanEditForm(LockedForm):
    """A form that changes the plan: it carries the plan's lock version as the user saw it."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, data: Any = None, *, plan: Plan, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(data, lock_version=plan.lock_version, **kwargs)

    def fill_initial(self) -> None:
        # What is saved wins over any initial value given; suggestions fill only what is still empty.
        self.initial.update(self.current())
        self.initial.update({k: v for k, v in self.defaults().items() if self.initial.get(k) in (None, "")})

    def defaults(self) -> dict[str, Any]:
        """Suggestions for fields that hold nothing yet."""
        return {}

    def summary(self) -> list[tuple[str, str]]:
        """What is saved now, field by field, as the user reads it."""
        saved = self.current()
        return [
            (str(self.fields[name].label), shown(self.fields[name], saved.get(name))) for name in self.edited_fields()
        ]


# --- The plan's own text --------------------------------------------------------------------------------------


def _text(label: Any, help_text: Any = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class PersonTextForm(PlanEditForm):
    """The person's part, first in the plan: in their own words."""

    person_goals = _text(_("Personens egna mål"), _("Skriv med personens egna ord, så som personen själv sa det."))
    what_matters = _text(_("Det som är viktigt för personen"), _("Vad är viktigt för dig?"))
    person_own_part = _text(_("Det personen gör själv"), _("Det personen själv, eller familjen, kan och vill göra."))

    FIELDS: ClassVar[tuple[str, ...]] = ("person_goals", "what_matters", "person_own_part")

    def current(self) -> dict[str, Any]:
        return {name: getattr(self.plan, name) for name in self.FIELDS}

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class ResponsibilityForm(PlanEditForm):
    """Which principal holds overall responsibility (the law requires one) and when the plan is followed up."""

    overall_responsible = forms.ChoiceField(
        label=_("Huvudman med övergripande ansvar"),
        required=False,
        help_text=_("En kommun eller region som deltar i planen."),
    )
    next_followup_on = forms.DateField(
        label=_("Nästa uppföljning"),
        required=False,
        widget=DateInput(),
        help_text=_("Bestäms på mötet, tillsammans med personen."),
    )

    def __init__(self, data: Any = None, *, plan: Plan, **kwargs: Any) -> None:
        self._principals = {str(o.uuid): o for o in access.principal_organisations(plan)}
        if plan.overall_responsible is not None:
            self._principals.setdefault(str(plan.overall_responsible.uuid), plan.overall_responsible)
        super().__init__(data, plan=plan, **kwargs)
        field = self.fields["overall_responsible"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Inte bestämt")), *((key, o.name) for key, o in self._principals.items())]

    def current(self) -> dict[str, Any]:
        return {
            "overall_responsible": _key(self.plan.overall_responsible),
            "next_followup_on": self.plan.next_followup_on,
        }

    def defaults(self) -> dict[str, Any]:
        return {"next_followup_on": timezone.localdate() + dt.timedelta(days=self.plan.profile.followup_days)}

    def values(self) -> dict[str, Any]:
        key = self.cleaned_data["overall_responsible"]
        return {
            "overall_responsible": self._principals[key] if key else None,
            "next_followup_on": self.cleaned_data["next_followup_on"],
        }


# --- Rows of the plan: needs, interventions, goals, commitments, contact persons -----------------------------


def _organisation_choices(
    plan: Plan, *, everyone: bool, keep: Organisation | None
) -> tuple[list[Choice], dict[str, Organisation]]:
    """Organisations taking part (the requester and accepted invitations) and, when `everyone`, every other active
    actor that is not a municipality or region (a measure by others: school, Försäkringskassan, an NGO)."""
    taking_part: dict[str, Organisation] = {}
    for unit in access.taking_part_units(plan):
        taking_part.setdefault(str(unit.organisation.uuid), unit.organisation)
    others: dict[str, Organisation] = {}
    if everyone:
        for organisation in Organisation.objects.filter(active=True).select_related("parent__parent"):
            key = str(organisation.uuid)
            if key not in taking_part and not organisation.is_principal_for_plans:
                others[key] = organisation
    if keep is not None and str(keep.uuid) not in taking_part:
        others.setdefault(str(keep.uuid), keep)
    choices: list[Choice] = [("", _("Välj organisation"))]
    choices.append((str(_("Deltar i planen")), [(k, o.name) for k, o in taking_part.items()]))
    if others:
        choices.append(
            (str(_("Andra aktörer")), [(k, o.name) for k, o in sorted(others.items(), key=lambda i: i[1].name)])
        )
    return choices, {**taking_part, **others}


def _unit_choices(plan: Plan, keep: Unit | None) -> dict[str, Unit]:
    units = {str(u.uuid): u for u in access.taking_part_units(plan)}
    if keep is not None:
        units.setdefault(str(keep.uuid), keep)
    return units


class ItemForm(PlanEditForm):
    """One row of the plan's contents. `item` is None when a row is added."""

    kind: ClassVar[str]
    label: ClassVar[Any]

    def __init__(self, data: Any = None, *, plan: Plan, item: Any = None, **kwargs: Any) -> None:
        self.item = item
        self.prepare(plan)
        super().__init__(data, plan=plan, **kwargs)
        self.set_choices()

    def prepare(self, plan: Plan) -> None:
        """Look up what the choices offer, before the form is built."""

    def set_choices(self) -> None:
        """Fill in the choice fields."""

    def current(self) -> dict[str, Any]:
        if self.item is None:
            return {}
        return {name: getattr(self.item, name) for name in self.edited_fields()}

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.edited_fields()}


class NeedForm(ItemForm):
    kind = "need"
    label = _("behov")

    description = forms.CharField(
        label=_("Behov"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Vad personen behöver hjälp med.")
    )


class InterventionForm(ItemForm):
    """An intervention by a municipality or region, or a measure by another actor; which one follows from the
    organisation chosen."""

    kind = "intervention"
    label = _("insats eller åtgärd")

    description = forms.CharField(label=_("Insats eller åtgärd"), widget=forms.Textarea(attrs={"rows": 2}))
    organisation = forms.ChoiceField(
        label=_("Ansvarig organisation"),
        help_text=_("Kommunens och regionens insatser, eller en åtgärd av en annan aktör."),
    )
    unit = forms.ChoiceField(label=_("Ansvarig enhet"), required=False)
    need = forms.ChoiceField(label=_("Hör till behovet"), required=False)

    def prepare(self, plan: Plan) -> None:
        item: Intervention | None = self.item
        self._organisation_choices, self._organisations = _organisation_choices(
            plan, everyone=True, keep=item.organisation if item else None
        )
        self._units = _unit_choices(plan, item.unit if item else None)
        self._needs = {str(n.uuid): n for n in plan.needs.filter(removed=False)}
        if item is not None and item.need is not None:
            self._needs.setdefault(str(item.need.uuid), item.need)

    def set_choices(self) -> None:
        choice_field(self.fields["organisation"]).choices = self._organisation_choices
        choice_field(self.fields["unit"]).choices = [
            ("", _("Ingen särskild enhet")),
            *((k, str(u)) for k, u in self._units.items()),
        ]
        choice_field(self.fields["need"]).choices = [
            ("", _("Inget särskilt behov")),
            *((k, str(n)) for k, n in self._needs.items()),
        ]

    def current(self) -> dict[str, Any]:
        item: Intervention | None = self.item
        if item is None:
            return {}
        return {
            "description": item.description,
            "organisation": _key(item.organisation),
            "unit": _key(item.unit),
            "need": _key(item.need),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisation = self._organisations.get(cleaned.get("organisation") or "")
        unit = self._units.get(cleaned.get("unit") or "")
        if organisation is not None and unit is not None and unit.organisation_id != organisation.pk:
            self.add_error("unit", _("Enheten hör inte till den valda organisationen."))
        return cleaned

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "description": data["description"],
            "organisation": self._organisations[data["organisation"]],
            "unit": self._units.get(data["unit"]),
            "need": self._needs.get(data["need"]),
        }


class GoalForm(ItemForm):
    kind = "goal"
    label = _("mål")

    description = forms.CharField(
        label=_("Mål"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Vad ska vara annorlunda?")
    )
    measure = forms.CharField(label=_("Hur vi vet att målet är nått"), max_length=300)
    target_date = forms.DateField(label=_("När"), required=False, widget=DateInput())


class CommitmentForm(ItemForm):
    """Who does what by when. The person (or their family) can make a commitment too."""

    kind = "commitment"
    label = _("åtagande")

    what = forms.CharField(label=_("Vad"), widget=forms.Textarea(attrs={"rows": 2}))
    who = forms.ChoiceField(label=_("Vem"))
    starts_on = forms.DateField(label=_("Från"), widget=DateInput())
    due_on = forms.DateField(label=_("Klart senast"), widget=DateInput())
    intervention = forms.ChoiceField(label=_("Hör till insatsen"), required=False)

    def prepare(self, plan: Plan) -> None:
        item: Commitment | None = self.item
        self._units = _unit_choices(plan, item.unit if item else None)
        self._interventions = {str(i.uuid): i for i in plan.interventions.filter(removed=False)}
        if item is not None and item.intervention is not None:
            self._interventions.setdefault(str(item.intervention.uuid), item.intervention)

    def set_choices(self) -> None:
        choice_field(self.fields["who"]).choices = [
            ("", _("Välj vem")),
            (BY_PERSON, _("Personen själv eller närstående")),
            *((k, str(u)) for k, u in self._units.items()),
        ]
        choice_field(self.fields["intervention"]).choices = [
            ("", _("Ingen särskild insats")),
            *((k, str(i)) for k, i in self._interventions.items()),
        ]

    def defaults(self) -> dict[str, Any]:
        return {"starts_on": timezone.localdate()}

    def current(self) -> dict[str, Any]:
        item: Commitment | None = self.item
        if item is None:
            return {}
        return {
            "what": item.what,
            "who": BY_PERSON if item.by_person else _key(item.unit),
            "starts_on": item.starts_on,
            "due_on": item.due_on,
            "intervention": _key(item.intervention),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, due_on = cleaned.get("starts_on"), cleaned.get("due_on")
        if starts_on and due_on and due_on < starts_on:
            self.add_error("due_on", _("Datumet då det ska vara klart kan inte ligga före startdatumet."))
        return cleaned

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        by_person = data["who"] == BY_PERSON
        return {
            "what": data["what"],
            "unit": None if by_person else self._units[data["who"]],
            "by_person": by_person,
            "starts_on": data["starts_on"],
            "due_on": data["due_on"],
            "intervention": self._interventions.get(data["intervention"]),
        }


class ContactForm(ItemForm):
    """Whom the person calls at an organisation."""

    kind = "contact"
    label = _("kontaktperson")

    organisation = forms.ChoiceField(label=_("Organisation"))
    name = forms.CharField(label=_("Namn"), max_length=200)
    phone = forms.CharField(
        label=_("Telefon"), max_length=40, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    email = forms.EmailField(label=_("E-post"), required=False)

    def prepare(self, plan: Plan) -> None:
        item: ContactPerson | None = self.item
        choices, organisations = _organisation_choices(plan, everyone=False, keep=item.organisation if item else None)
        # Other actors with a measure in the plan have a contact person too.
        acting = [
            i.organisation
            for i in plan.interventions.filter(removed=False).select_related("organisation")
            if str(i.organisation.uuid) not in organisations
        ]
        if acting:
            extra = {str(o.uuid): o for o in acting}
            choices.append((str(_("Andra aktörer i planen")), [(k, o.name) for k, o in extra.items()]))
            organisations.update(extra)
        self._organisation_choices, self._organisations = choices, organisations

    def set_choices(self) -> None:
        choice_field(self.fields["organisation"]).choices = self._organisation_choices

    def current(self) -> dict[str, Any]:
        item: ContactPerson | None = self.item
        if item is None:
            return {}
        return {"organisation": _key(item.organisation), "name": item.name, "phone": item.phone, "email": item.email}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("phone") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error(
                "phone", _("Ange ett telefonnummer eller en e-postadress, så att personen kan nå kontakten.")
            )
        return cleaned

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "organisation": self._organisations[data["organisation"]],
            "name": data["name"],
            "phone": data["phone"],
            "email": data["email"],
        }


ITEM_FORMS: dict[str, type[ItemForm]] = {
    form.kind: form for form in (NeedForm, InterventionForm, GoalForm, CommitmentForm, ContactForm)
}


class RemoveItemForm(PlanEditForm):
    """Removing a row marks it removed: earlier versions and follow-ups still show it."""


# --- Commitment status, establishment, versions --------------------------------------------------------------


class CommitmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    done_on = forms.DateField(
        label=_("Klart den"), required=False, widget=DateInput(), help_text=_("Tomt betyder i dag.")
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_done_on(self) -> dt.date | None:
        done_on: dt.date | None = self.cleaned_data.get("done_on")
        if done_on is not None and done_on > timezone.localdate():
            raise forms.ValidationError(_("Ett åtagande kan inte vara klart i förväg."))
        return done_on


class EstablishForm(PlanEditForm):
    change_note = forms.CharField(
        label=_("Vad har ändrats sedan förra versionen?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Frivilligt. Syns i listan över versioner."),
    )

    def __init__(self, data: Any = None, *, plan: Plan, **kwargs: Any) -> None:
        super().__init__(data, plan=plan, **kwargs)
        if plan.established_version == 0:
            del self.fields["change_note"]


class SectionForm(forms.Form):
    """Which section of the contents page an htmx request wants back (?avsnitt=…)."""

    avsnitt = forms.ChoiceField(choices=[])

    def __init__(self, data: Any, *, sections: Iterable[str]) -> None:
        super().__init__(data)
        choice_field(self.fields["avsnitt"]).choices = [(s, s) for s in sections]


class KindForm(forms.Form):
    """Which kind of row is added (?typ=behov)."""

    typ = forms.ChoiceField(choices=[])

    def __init__(self, data: Any, *, kinds: Iterable[str]) -> None:
        super().__init__(data)
        choice_field(self.fields["typ"]).choices = [(k, k) for k in kinds]

"""Forms of the SIP workflow pages (steps 1–4). They parse and validate what the views read; who may do what is
decided in plans/access.py, and the rules every caller must meet are enforced again in plans/actions.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.forms import choice_field
from knutpunkt.core.widgets import Select
from knutpunkt.organisations.models import Unit
from knutpunkt.people.models import Consent, Person
from knutpunkt.plans.forms.content import PlanEditForm
from knutpunkt.plans.models import (
    AgreementProfile,
    Invitation,
    MeetingKind,
    Participant,
    ParticipantRole,
    Plan,
)
from knutpunkt.plans.progress import STEP_FILTERS, step_filter_choices

# --- Widgets -----------------------------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    """`<input type="datetime-local">`: the browser sends local time without a zone; Django reads it in the current
    time zone (Europe/Stockholm), and shows stored times converted back to it."""

    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _local(moment: dt.datetime) -> str:
    return str(formats.date_format(timezone.localtime(moment), "j F Y H:i"))


# --- The list of plans -------------------------------------------------------------------------------------------


class PlanFilterForm(forms.Form):
    """The list's filters. Field names are the Swedish query parameters, since they are part of the URL."""

    OPEN = ""
    UNIT = "enhet"
    ORGANISATION = "organisation"
    steg = forms.ChoiceField(label=_("Steg"), required=False, widget=Select)
    # The unit's plans by default: what the staff member works with, and no more persons listed (and logged) than
    # the work needs. The whole organisation's on request.
    visa = forms.ChoiceField(
        label=_("Visa"),
        required=False,
        widget=Select,
        choices=[(UNIT, _("Min enhets planer")), (ORGANISATION, _("Hela organisationens planer"))],
    )
    sida = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        step = self.fields["steg"]
        assert isinstance(step, forms.ChoiceField)
        step.choices = [(self.OPEN, _("Alla pågående")), *step_filter_choices()]

    def statuses(self) -> tuple[str, ...]:
        """The statuses to show; empty for every open plan."""
        return STEP_FILTERS.get(self.cleaned_data["steg"], ())

    def clean_sida(self) -> int:
        return self.cleaned_data["sida"] or 1

    def clean_visa(self) -> str:
        return str(self.cleaned_data["visa"] or self.UNIT)


# --- Step 1: the request -----------------------------------------------------------------------------------------


class Initiative:
    """On whose initiative the plan is requested. Stored as Swedish text in `Plan.requested_on_behalf_of`."""

    STAFF = "staff"
    PERSON = "person"
    RELATIVE = "relative"
    AGENCY = "agency"
    CHOICES = (
        (STAFF, _("Vår egen bedömning")),
        (PERSON, _("Personen själv")),
        (RELATIVE, _("En närstående")),
        (AGENCY, _("En annan myndighet eller verksamhet, genom sin personal")),
    )


def _grouped_units(units: Iterable[Unit]) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for unit in units:
        groups.setdefault(unit.organisation.name, []).append((str(unit.uuid), unit.name))
    return list(groups.items())


class PlanRequestForm(forms.Form):
    profile = forms.ModelChoiceField(
        label=_("Överenskommelse"),
        queryset=AgreementProfile.objects.none(),
        empty_label=None,
        help_text=_("Överenskommelsen avgör tidsfristen och vem som kallar."),
    )
    requested_on = forms.DateField(
        label=_("Begärd den"),
        widget=DateInput(),
        help_text=_("Tidsfristen räknas från den dag behovet kom in, inte från när någon tar sig an det."),
    )
    reason = forms.CharField(
        label=_("Varför behövs en SIP?"),
        widget=_textarea(4),
        help_text=_("Kort om behoven som kräver insatser från både socialtjänst och hälso- och sjukvård."),
    )
    initiative = forms.ChoiceField(
        label=_("På vems initiativ"), choices=Initiative.CHOICES, initial=Initiative.STAFF, widget=forms.RadioSelect
    )
    initiative_detail = forms.CharField(
        label=_("Vem tog initiativet (valfritt)"),
        max_length=150,
        required=False,
        help_text=_("Till exempel ”elevhälsan på Sundstaskolan” eller ”mamma”."),
    )
    units_needed = forms.MultipleChoiceField(
        label=_("Enheter som troligen behövs"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Blir inbjudningar som skickas först när personens samtycke omfattar organisationen."),
    )

    def __init__(self, *args: Any, profiles: QuerySet[AgreementProfile], units: QuerySet[Unit], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"requested_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        profile = self.fields["profile"]
        assert isinstance(profile, forms.ModelChoiceField)
        profile.queryset = profiles
        self.units = {str(unit.uuid): unit for unit in units}
        needed = self.fields["units_needed"]
        assert isinstance(needed, forms.MultipleChoiceField)
        needed.choices = _grouped_units(self.units.values())

    def unit_groups(self) -> list[tuple[str, list[forms.boundfield.BoundWidget]]]:
        """The checkboxes grouped by organisation, for a fieldset per organisation."""
        by_value = {widget.data["value"]: widget for widget in self["units_needed"]}
        groups: list[tuple[str, list[forms.boundfield.BoundWidget]]] = []
        for organisation, options in _grouped_units(self.units.values()):
            groups.append((organisation, [by_value[value] for value, _label in options if value in by_value]))
        return groups

    def clean_requested_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["requested_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Begäran kan inte vara daterad i framtiden."))
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("initiative") == Initiative.AGENCY and not cleaned.get("initiative_detail", "").strip():
            self.add_error("initiative_detail", _("Ange vilken myndighet eller verksamhet som tog initiativet."))
        return cleaned

    def selected_units(self) -> list[Unit]:
        return [self.units[value] for value in self.cleaned_data["units_needed"]]

    def on_behalf_of(self) -> str:
        """The initiative as text, always in Swedish: it is part of the plan's record, not of the interface."""
        choice = self.cleaned_data["initiative"]
        if choice == Initiative.STAFF:
            return ""
        with translation.override("sv"):
            label = str(dict(Initiative.CHOICES)[choice])
        detail = self.cleaned_data["initiative_detail"].strip()
        return f"{label}: {detail}"[:200] if detail else label


# --- Step 2: preparation -----------------------------------------------------------------------------------------

PREPARATION_FIELDS = ("what_matters", "person_goals", "person_own_part", "meeting_questions", "consent")


class ConsentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Consent)
        organisations = ", ".join(o.name for o in obj.organisations.all())
        return str(
            _("%(purpose)s – %(organisations)s, gäller till %(until)s")
            % {
                "purpose": obj.get_purpose_display(),
                "organisations": organisations,
                "until": formats.date_format(obj.valid_until, "j F Y"),
            }
        )


class PreparationForm(forms.Form):
    what_matters = forms.CharField(
        label=_("Det som är viktigt för personen"),
        required=False,
        widget=_textarea(4),
        help_text=_("Med personens egna ord. Det visas först i planen."),
    )
    person_goals = forms.CharField(
        label=_("Personens egna mål"), required=False, widget=_textarea(), help_text=_("Med personens egna ord.")
    )
    person_own_part = forms.CharField(
        label=_("Det personen gör själv"),
        required=False,
        widget=_textarea(),
        help_text=_("Det personen och närstående kan och vill göra själva."),
    )
    meeting_questions = forms.CharField(
        label=_("Frågor till mötet"),
        required=False,
        widget=_textarea(),
        help_text=_("Det personen vill ha svar på, och det som behöver redas ut tillsammans."),
    )
    consent = ConsentChoiceField(
        label=_("Samtycke som planen bygger på"),
        queryset=Consent.objects.none(),
        required=False,
        empty_label=_("Inget samtycke valt ännu"),
        help_text=_(
            "Inbjudningar skickas bara till organisationer som samtycket omfattar. Inget som samtycket undantar "
            "får delas i planen."
        ),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, plan: Plan, consents: QuerySet[Consent], **kwargs: Any) -> None:
        initial = {name: getattr(plan, name) for name in PREPARATION_FIELDS}
        initial["lock_version"] = plan.lock_version
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        consent = self.fields["consent"]
        assert isinstance(consent, forms.ModelChoiceField)
        consent.queryset = consents

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PREPARATION_FIELDS}

    def differences(self, current: Plan) -> list[tuple[str, str, str]]:
        """(label, this user's value, the saved value) for every field where they differ."""
        rows = []
        for name, mine in self.values().items():
            theirs = getattr(current, name)
            if (mine or None) != (theirs or None):
                rows.append((str(self.fields[name].label), self._shown(mine), self._shown(theirs)))
        return rows

    def _shown(self, value: Any) -> str:
        if value in (None, ""):
            return "–"
        if isinstance(value, Consent):
            field = self.fields["consent"]
            assert isinstance(field, ConsentChoiceField)
            return field.label_from_instance(value)
        return str(value)


# --- Participants ------------------------------------------------------------------------------------------------


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(label=_("Roll"), choices=ParticipantRole.choices, widget=forms.RadioSelect)
    person = forms.ModelChoiceField(
        label=_("Finns i Knutpunkt som"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Ingen koppling"),
        help_text=_("Koppla personen själv eller en vårdnadshavare som finns registrerad."),
    )
    name = forms.CharField(
        label=_("Namn"), max_length=200, required=False, help_text=_("Behövs inte om du kopplar till en person ovan.")
    )
    contact_preference = forms.CharField(
        label=_("Hur vill hen bli kontaktad?"),
        max_length=300,
        required=False,
        help_text=_("Till exempel ”sms efter kl. 15” eller ”via mamma”."),
    )
    needs = forms.CharField(
        label=_("Behov för att kunna delta"),
        max_length=300,
        required=False,
        help_text=_("Till exempel tolk, tid på dagen, plats eller digitalt deltagande."),
    )
    attends = forms.TypedChoiceField(
        label=_("Deltar i mötet"),
        choices=[("yes", _("Ja")), ("no", _("Nej"))],
        coerce=lambda value: value == "yes",
        initial="yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = people

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person: Person | None = cleaned.get("person")
        if not cleaned.get("name", "").strip():
            if person is None:
                self.add_error("name", _("Ange ett namn eller koppla till en person."))
            else:
                cleaned["name"] = person.full_name
        return cleaned

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "role": data["role"],
            "person": data["person"],
            "name": data["name"].strip(),
            "contact_preference": data["contact_preference"],
            "needs": data["needs"],
            "attends": data["attends"],
        }


# --- Invitations -------------------------------------------------------------------------------------------------


class InvitationForm(forms.Form):
    unit = forms.ChoiceField(label=_("Enhet"), help_text=_("Inbjudan går till enhetens funktionsadress."))
    reason = forms.CharField(
        label=_("Varför enheten behövs"),
        widget=_textarea(),
        help_text=_("Det enheten ska bidra med. Visas för enheten när inbjudan skickas."),
    )

    def __init__(self, *args: Any, units: Iterable[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {str(unit.uuid): unit for unit in units}
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ChoiceField)
        unit.choices = [("", _("Välj enhet")), *_grouped_units(self.units.values())]

    def selected_unit(self) -> Unit:
        return self.units[self.cleaned_data["unit"]]


class ConfirmForm(forms.Form):
    """A confirmation with nothing to fill in: the POST and its CSRF token are the confirmation."""


class InvitationAnswer:
    ACCEPT = "accept"
    DECLINE = "decline"
    CHOICES = ((ACCEPT, _("Vi deltar")), (DECLINE, _("Vi avböjer")))


class InvitationAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Svar"), choices=InvitationAnswer.CHOICES, widget=forms.RadioSelect)
    representative_name = forms.CharField(
        label=_("Vem företräder enheten?"),
        max_length=200,
        required=False,
        help_text=_("Den som kommer till mötet och är kontaktperson för planen."),
    )
    representative_phone = forms.CharField(
        label=_("Telefon till företrädaren"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    decline_reason = forms.CharField(
        label=_("Skäl att avböja"),
        required=False,
        widget=_textarea(),
        help_text=_("Visas för den som bjöd in, så att planen kan ordnas på annat sätt."),
    )

    def __init__(self, *args: Any, invitation: Invitation, representative: str, **kwargs: Any) -> None:
        if invitation.representative_name:
            initial = {
                "answer": InvitationAnswer.ACCEPT,
                "representative_name": invitation.representative_name,
                "representative_phone": invitation.representative_phone,
            }
        else:
            initial = {"representative_name": representative}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    @property
    def accepts(self) -> bool:
        return bool(self.cleaned_data.get("answer") == InvitationAnswer.ACCEPT)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answer = cleaned.get("answer")
        if answer == InvitationAnswer.ACCEPT and not cleaned.get("representative_name", "").strip():
            self.add_error("representative_name", _("Ange vem som företräder enheten."))
        if answer == InvitationAnswer.DECLINE and not cleaned.get("decline_reason", "").strip():
            self.add_error("decline_reason", _("Ange skälet till att ni avböjer."))
        return cleaned


# --- Meetings ----------------------------------------------------------------------------------------------------


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Börjar"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Slutar"), widget=DateTimeLocalInput())
    location = forms.CharField(
        label=_("Plats"),
        max_length=300,
        required=False,
        help_text=_("Välj en plats som passar personen. Skriv aldrig personens adress här."),
    )
    video_link = forms.URLField(label=_("Länk till videomöte"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.booking = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("Mötet måste sluta efter att det börjat."))
        if starts_at and ends_at and ends_at - starts_at > dt.timedelta(hours=12):
            self.add_error("ends_at", _("Mötet kan inte vara längre än tolv timmar."))
        if self.booking and starts_at and starts_at < timezone.now() - dt.timedelta(minutes=5):
            self.add_error("starts_at", _("Ett möte kan inte bokas bakåt i tiden."))
        if "location" in cleaned and "video_link" in cleaned and not cleaned["location"] and not cleaned["video_link"]:
            self.add_error("location", _("Ange en plats eller en länk till videomöte."))
        return cleaned


class MeetingBookForm(MeetingForm):
    kind = forms.ChoiceField(
        label=_("Typ av möte"), choices=MeetingKind.choices, initial=MeetingKind.SIP, widget=forms.RadioSelect
    )

    field_order = ("kind", "starts_at", "ends_at", "location", "video_link")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.booking = True


class InvitationChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Invitation)
        if obj.representative_name:
            return f"{obj.unit} ({obj.representative_name})"
        return str(obj.unit)


class ParticipantChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Participant)
        return f"{obj.name} ({obj.get_role_display().lower()})"


class MeetingRecordForm(forms.Form):
    """Who came: every invited unit taking part and every participant, as checkboxes; unticked means absent."""

    units_attended = InvitationChoiceField(
        label=_("Enheter som närvarade"),
        queryset=Invitation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants_attended = ParticipantChoiceField(
        label=_("Personen och närstående som närvarade"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Anteckningar från mötet"),
        required=False,
        widget=_textarea(5),
        help_text=_("Kort. Planens innehåll skrivs i planen, inte här."),
    )

    def __init__(
        self,
        *args: Any,
        invitations: QuerySet[Invitation],
        participants: QuerySet[Participant],
        starts_at: dt.datetime,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.starts_at = starts_at
        units = self.fields["units_attended"]
        people = self.fields["participants_attended"]
        assert isinstance(units, forms.ModelMultipleChoiceField)
        assert isinstance(people, forms.ModelMultipleChoiceField)
        units.queryset = invitations
        people.queryset = participants

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.starts_at > timezone.now():
            raise forms.ValidationError(
                _("Mötet börjar %(when)s. Registrera det när det har hållits.") % {"when": _local(self.starts_at)}
            )
        return cleaned


class ParticipantEditForm(PlanEditForm):
    """A participant's details, changed with the plan's lock version as the user saw it. The person the plan is
    for keeps their role; nobody else can be given it."""

    role = forms.ChoiceField(label=_("Roll"), choices=ParticipantRole.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Namn"), max_length=200)
    contact_preference = ParticipantForm.base_fields["contact_preference"]
    needs = ParticipantForm.base_fields["needs"]
    attends = ParticipantForm.base_fields["attends"]

    def __init__(self, data: Any = None, *, participant: Participant, plan: Plan, **kwargs: Any) -> None:
        self.participant = participant  # before the base class asks current()
        super().__init__(data, plan=plan, **kwargs)
        if participant.is_plan_person:
            del self.fields["role"]
        else:
            choice_field(self.fields["role"]).choices = [
                (key, label) for key, label in ParticipantRole.choices if key != ParticipantRole.PERSON
            ]

    def current(self) -> dict[str, Any]:
        p = self.participant
        return {
            "role": p.role,
            "name": p.name,
            "contact_preference": p.contact_preference,
            "needs": p.needs,
            "attends": "yes" if p.attends else "no",
        }

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in ("name", "contact_preference", "needs", "attends")}
        values["name"] = values["name"].strip()
        if "role" in data:
            values["role"] = data["role"]
        return values


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Varför ställs mötet in?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Syns på planens sida. Skälet skickas inte med e-posten till de inbjudna enheterna."),
    )

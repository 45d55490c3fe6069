"""Forms for the people and consent pages. They parse and validate; the rules about who may do what live in
access.py, and the rules a consent must meet in actions.py (so that every caller meets them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from knutpunkt.organisations.models import Organisation
from knutpunkt.people.actions import (
    EDITABLE_FIELDS,
    PROTECTION_ORDER,
    ConsentDetails,
    PersonDetails,
    consent_errors,
)
from knutpunkt.people.identity import IdentityKind, IdentityNumber, InvalidIdentityNumber, parse_identity_number
from knutpunkt.people.models import ConsentForm, ConsentGiver, ConsentPurpose, Person, Protection, RelationKind

PROTECTION_HELP = _(
    "Ange den markering som Skatteverket har registrerat. ”Ingen känd markering” betyder aldrig att personen är "
    "trygg: den som lever med fingerade personuppgifter har ingen markering alls."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class NumberKind:
    """What the person searching has in hand: a personnummer or samordningsnummer (told apart by the number
    itself), or a reserve number from health care."""

    NUMBER = "number"
    RESERVE = "reserve"
    CHOICES = (
        (NUMBER, _("Personnummer eller samordningsnummer")),
        (RESERVE, _("Reservnummer")),
    )


class NumberLookupForm(forms.Form):
    """An identity number typed by the user. Sent by POST only: numbers never go in a URL."""

    number_kind = forms.ChoiceField(label=_("Nummertyp"), choices=NumberKind.CHOICES, initial=NumberKind.NUMBER)
    number = forms.CharField(
        label=_("Nummer"),
        max_length=20,
        help_text=_("ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    identity: IdentityNumber

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        number = cleaned.get("number")
        if number:
            kind = IdentityKind.RESERVE if cleaned.get("number_kind") == NumberKind.RESERVE else None
            try:
                self.identity = parse_identity_number(number, kind)
            except InvalidIdentityNumber as error:
                self.add_error("number", str(error))
        return cleaned


class NameSearchForm(forms.Form):
    # The field name is the Swedish query parameter (?namn=), since it is part of the URL.
    namn = forms.CharField(
        label=_("Namn"),
        min_length=2,
        max_length=100,
        help_text=_("Förnamn, efternamn eller båda."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class PersonDetailsForm(forms.Form):
    """The editable details of a person, shared by registration and editing."""

    first_name = forms.CharField(label=_("Förnamn"), max_length=100)
    last_name = forms.CharField(label=_("Efternamn"), max_length=100)
    date_of_birth = forms.DateField(
        label=_("Födelsedatum"),
        required=False,
        widget=DateInput(),
        help_text=_("Hämtas ur personnumret eller samordningsnumret. Ska alltid anges för ett reservnummer."),
    )
    phone = forms.CharField(
        label=_("Telefon"), max_length=40, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    email = forms.EmailField(label=_("E-post"), required=False)
    street_address = forms.CharField(label=_("Gatuadress"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=10, required=False)
    city = forms.CharField(label=_("Postort"), max_length=100, required=False)
    protection = forms.ChoiceField(
        label=_("Skyddade personuppgifter"),
        choices=Protection.choices,
        initial=Protection.NONE,
        widget=forms.RadioSelect,
        help_text=PROTECTION_HELP,
    )

    def _check_birth_date(self, from_number: dt.date | None, *, required: bool) -> None:
        given = self.cleaned_data.get("date_of_birth")
        if from_number is not None:
            if given is not None and given != from_number:
                self.add_error(
                    "date_of_birth",
                    _("Födelsedatumet stämmer inte med numret, som ger %(date)s.")
                    % {"date": formats.date_format(from_number, "j F Y")},
                )
            else:
                self.cleaned_data["date_of_birth"] = from_number
        elif given is None and required:
            self.add_error("date_of_birth", _("Ange födelsedatum. Numret innehåller inget datum."))
        if given is not None and given > timezone.localdate():
            self.add_error("date_of_birth", _("Födelsedatumet ligger i framtiden."))


class PersonCreateForm(PersonDetailsForm):
    identity_kind = forms.ChoiceField(
        label=_("Nummertyp"), choices=IdentityKind.choices, initial=IdentityKind.PERSONNUMMER, widget=forms.RadioSelect
    )
    identity_number = forms.CharField(
        label=_("Nummer"),
        max_length=20,
        help_text=_("Personnummer och samordningsnummer: ÅÅÅÅMMDD-NNNN. Reservnummer skrivs som det är utfärdat."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reason = forms.CharField(
        label=_("Anledning till registreringen"),
        max_length=200,
        help_text=_(
            "Varför finns personen i er verksamhet, till exempel ”Utredning, barn och unga”. "
            "Skriv inga känsliga detaljer här."
        ),
    )

    field_order = ("identity_kind", "identity_number")
    identity: IdentityNumber

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, number = cleaned.get("identity_kind"), cleaned.get("identity_number")
        if kind and number:
            try:
                self.identity = parse_identity_number(number, IdentityKind(kind))
            except InvalidIdentityNumber as error:
                self.add_error("identity_number", str(error))
            else:
                self._check_birth_date(self.identity.birth_date, required=kind == IdentityKind.RESERVE)
        return cleaned

    def details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(**{name: data[name] for name in EDITABLE_FIELDS})


class PersonEditForm(PersonDetailsForm):
    """Edits the version the user started from. Without the right to see the address (a protected person, for
    an organisation other than the one that registered them) the address fields are left out, and the flag can
    only be raised."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, person: Person, include_address: bool, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(person, name) for name in EDITABLE_FIELDS})
        kwargs["initial"]["version"] = person.version
        super().__init__(*args, **kwargs)
        self.person = person
        self.birth_date_from_number = _birth_date_from_number(person)
        if self.birth_date_from_number is not None:
            field = self.fields["date_of_birth"]
            field.disabled = True
            field.help_text = _("Hämtas ur numret och kan inte ändras här.")
        if not include_address:
            for name in ("street_address", "postal_code", "city"):
                del self.fields[name]
            current = PROTECTION_ORDER.index(Protection(person.protection))
            protection = self.fields["protection"]
            assert isinstance(protection, forms.ChoiceField)
            protection.choices = [(level.value, level.label) for level in PROTECTION_ORDER[current:]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.birth_date_from_number is None:
            self._check_birth_date(None, required=self.person.identity_kind == IdentityKind.RESERVE)
        return cleaned

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS if name in self.fields}

    def differences(self, current: Person) -> list[tuple[str, str, str]]:
        """(label, this user's value, the saved value) for every field where the two differ."""
        rows = []
        for name, mine in self.changes().items():
            theirs = getattr(current, name)
            if mine != theirs:
                rows.append((str(self.fields[name].label), _display(self, name, mine), _display(self, name, theirs)))
        return rows


def _birth_date_from_number(person: Person) -> dt.date | None:
    if person.identity_kind == IdentityKind.RESERVE:
        return None
    try:
        return parse_identity_number(person.identity_number, IdentityKind(person.identity_kind)).birth_date
    except InvalidIdentityNumber:
        return None


def _display(form: forms.Form, name: str, value: Any) -> str:
    if value in (None, ""):
        return "–"
    if name == "protection":
        return str(Protection(value).label)
    if isinstance(value, dt.date):
        return str(formats.date_format(value, "j F Y"))
    return str(value)


class EditStepForm(forms.Form):
    """Which step of editing a protected person a POST is: the confirmation to see the address, or the save."""

    CONFIRM = "confirm"
    SAVE = "save"
    step = forms.ChoiceField(choices=[(CONFIRM, CONFIRM), (SAVE, SAVE)], widget=forms.HiddenInput)


class ConfirmForm(forms.Form):
    """A confirmation with nothing to fill in: the POST and its CSRF token are the confirmation."""


class RelationForm(NumberLookupForm):
    kind = forms.ChoiceField(label=_("Relation"), choices=RelationKind.choices, widget=forms.RadioSelect)

    field_order = ("kind", "number_kind", "number")


class EndRegistrationForm(forms.Form):
    REASONS = (
        ("closed", _("Ärendet eller kontakten är avslutad")),
        ("moved", _("Personen har flyttat eller fått en annan huvudman")),
        ("registered_in_error", _("Personen registrerades av misstag")),
        ("other", _("Annat skäl")),
    )
    reason = forms.ChoiceField(label=_("Skäl"), choices=REASONS, widget=forms.RadioSelect)


class ConsentCreateForm(forms.Form):
    """Consent under OSL 12 kap. 2 §. For a child the form asks who consented, which guardians, and the child's
    own view; for an adult those fields are left out, since an adult consents themselves."""

    purpose = forms.ChoiceField(label=_("Syfte"), choices=ConsentPurpose.choices)
    purpose_detail = forms.CharField(
        label=_("Syftet i ord"),
        max_length=300,
        help_text=_(
            "Gärna med personens egna ord, till exempel ”att skolan, BUP och socialtjänsten planerar "
            "stödet tillsammans”."
        ),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisationer som får dela information med varandra"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Er egen organisation ska vara med."),
    )
    included_information = forms.CharField(
        label=_("Uppgifter som får delas"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Så konkret som möjligt: ett samtycke ska inte vara bredare än det som behövs för syftet."),
    )
    excluded_information = forms.CharField(
        label=_("Undantaget – får inte delas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Det personen inte vill ska delas. Fråga alltid, och skriv det här."),
    )
    given_by = forms.ChoiceField(
        label=_("Samtycket lämnades av"), choices=ConsentGiver.choices, widget=forms.RadioSelect
    )
    consenting_guardians = forms.ModelMultipleChoiceField(
        label=_("Vårdnadshavare som samtyckt"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Har barnet två vårdnadshavare ska båda samtycka."),
    )
    single_guardian_reason = forms.CharField(
        label=_("Skäl till att bara en vårdnadshavare samtyckt"),
        max_length=300,
        required=False,
        help_text=_(
            "Fylls bara i när en av två vårdnadshavare har samtyckt, till exempel ensam vårdnad i "
            "praktiken eller ett beslut om att den andra inte behöver samtycka."
        ),
    )
    child_view = forms.CharField(
        label=_("Barnets egen inställning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs från 15 år. Ett barn som fyllt 15 och förstår vad det gäller bestämmer själv."),
    )
    form_given = forms.ChoiceField(label=_("Form"), choices=ConsentForm.choices, widget=forms.RadioSelect)
    valid_from = forms.DateField(label=_("Gäller från"), widget=DateInput())
    valid_until = forms.DateField(
        label=_("Gäller till"),
        widget=DateInput(),
        help_text=_("Högst ett år efter startdatumet. Ska samtycket fortsätta gälla registreras ett nytt."),
    )

    CHILD_FIELDS = ("given_by", "consenting_guardians", "single_guardian_reason", "child_view")

    def __init__(
        self,
        *args: Any,
        person: Person,
        own_organisation: Organisation,
        organisations: QuerySet[Organisation],
        guardians: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        today = timezone.localdate()
        kwargs.setdefault("initial", {"organisations": [own_organisation.pk], "valid_from": today})
        super().__init__(*args, **kwargs)
        self.person = person
        self.own_organisation = own_organisation
        self.today = today
        organisations_field = self.fields["organisations"]
        guardians_field = self.fields["consenting_guardians"]
        assert isinstance(organisations_field, forms.ModelMultipleChoiceField)
        assert isinstance(guardians_field, forms.ModelMultipleChoiceField)
        organisations_field.queryset = organisations
        guardians_field.queryset = guardians
        self.is_for_child = person.is_child
        if not self.is_for_child:
            for name in self.CHILD_FIELDS:
                del self.fields[name]

    def consent_details(self) -> ConsentDetails:
        data = self.cleaned_data
        return ConsentDetails(
            purpose=data["purpose"],
            purpose_detail=data["purpose_detail"],
            organisations=list(data["organisations"]),
            included_information=data["included_information"],
            excluded_information=data["excluded_information"],
            given_by=data["given_by"] if self.is_for_child else ConsentGiver.PERSON,
            guardians=list(data["consenting_guardians"]) if self.is_for_child else [],
            single_guardian_reason=data.get("single_guardian_reason", ""),
            child_view=data.get("child_view", ""),
            form=data["form_given"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned  # the rules below need every field
        for name, messages in consent_errors(
            self.person, self.consent_details(), self.own_organisation, self.today
        ).items():
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(None if name == NON_FIELD_ERRORS else target, message)
        return cleaned


class WithdrawConsentForm(forms.Form):
    reason = forms.CharField(
        label=_("Hur återkallandet lämnades"),
        max_length=300,
        help_text=_(
            "Till exempel ”Personen ringde och återkallade muntligt”. Återkallandet gäller direkt och kan "
            "inte ångras; ett nytt samtycke registreras i så fall som nytt."
        ),
    )

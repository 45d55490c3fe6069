"""Forms for local administration. Choices are limited to the administrator's own organisation; the actions check
the same rule again on the server."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from knutpunkt.accounts.models import User
from knutpunkt.organisations.models import Membership, Organisation, Role, Unit


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(
        label=_("Funktionsadress (e-post)"),
        required=False,
        help_text=_("En gemensam adress för enheten, inte en persons. Dit går kallelser och påminnelser."),
    )
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    active = forms.BooleanField(
        label=_("Aktiv"),
        required=False,
        initial=True,
        help_text=_("En inaktiv enhet ger ingen behörighet. Medlemskapen finns kvar och kan användas igen."),
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        unit: Unit | None = None,
        acting_unit: Unit | None = None,
        **kwargs: Any,
    ) -> None:
        if unit is not None:
            kwargs.setdefault(
                "initial", {"name": unit.name, "email": unit.email, "phone": unit.phone, "active": unit.active}
            )
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.unit = unit
        self.acting_unit = acting_unit
        if unit is None:
            del self.fields["active"]  # a new unit starts active

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        others = Unit.objects.filter(organisation=self.organisation, name__iexact=name)
        if self.unit is not None:
            others = others.exclude(pk=self.unit.pk)
        if others.exists():
            raise forms.ValidationError(_("Det finns redan en enhet med det namnet i organisationen."))
        return name

    def clean_active(self) -> bool:
        active: bool = self.cleaned_data["active"]
        if not active and self.unit is not None and self.unit == self.acting_unit:
            raise forms.ValidationError(
                _("Du kan inte göra enheten du själv arbetar i inaktiv. Byt enhet eller be en annan administratör.")
            )
        return active


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Units of one organisation: the unit's own name is enough."""

    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class MembershipForm(forms.Form):
    """A role in one unit of the administrator's organisation, and the documented reason for it."""

    unit = UnitChoiceField(
        label=_("Enhet"), queryset=Unit.objects.none(), to_field_name="uuid", empty_label=_("Välj enhet")
    )
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices, initial=Role.STAFF)
    title = forms.CharField(
        label=_("Befattning"),
        max_length=100,
        required=False,
        help_text=_("Till exempel socialsekreterare eller kurator."),
    )
    basis = forms.CharField(
        label=_("Grund för behörigheten (behovs- och riskanalys)"),
        max_length=300,
        help_text=_(
            "Behörigheten ska följa en dokumenterad behovs- och riskanalys, inte bara befattningen. "
            "Ange var analysen finns och vad den säger, till exempel diarienummer och avsnitt."
        ),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.user = user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        unit, role = cleaned.get("unit"), cleaned.get("role")
        if (
            self.user is not None
            and unit is not None
            and role
            and Membership.objects.filter(user=self.user, unit=unit, role=role, ended_at__isnull=True).exists()
        ):
            raise forms.ValidationError(_("Användaren har redan den rollen i enheten."))
        return cleaned


class PasswordChoice:
    GENERATE = "generate"
    SET = "set"
    CHOICES = [
        (GENERATE, _("Skapa ett lösenord åt mig (visas en gång)")),
        (SET, _("Jag anger ett lösenord")),
    ]


class NewUserForm(MembershipForm):
    """A new staff account together with its first membership: an account without a membership can do nothing."""

    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Bokstäver, siffror och tecknen . - _ @"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )
    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150)
    email = forms.EmailField(label=_("E-post"))
    password_choice = forms.ChoiceField(
        label=_("Första lösenord"),
        choices=PasswordChoice.CHOICES,
        initial=PasswordChoice.GENERATE,
        widget=forms.RadioSelect,
    )
    password1 = forms.CharField(
        label=_("Lösenord"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Bara om du anger lösenordet själv. Minst 12 tecken, inte ett vanligt lösenord."),
    )
    password2 = forms.CharField(
        label=_("Lösenordet igen"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "password_choice",
        "password1",
        "password2",
        "unit",
        "role",
        "title",
        "basis",
    ]

    @property
    def account_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in ("username", "first_name", "last_name", "email", "password_choice", "password1", "password2")
        ]

    @property
    def membership_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("unit", "role", "title", "basis")]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Användarnamnet är upptaget."))
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("password_choice") == PasswordChoice.SET:
            password1, password2 = cleaned.get("password1") or "", cleaned.get("password2") or ""
            if not password1:
                self.add_error("password1", _("Ange ett lösenord, eller välj att ett skapas åt dig."))
            elif password1 != password2:
                self.add_error("password2", _("Lösenorden är inte lika."))
            else:
                candidate = User(
                    username=cleaned.get("username", ""),
                    first_name=cleaned.get("first_name", ""),
                    last_name=cleaned.get("last_name", ""),
                    email=cleaned.get("email", ""),
                )
                try:
                    password_validation.validate_password(password1, user=candidate)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


class EndMembershipForm(forms.Form):
    reason = forms.CharField(
        label=_("Anledning"),
        max_length=300,
        required=False,
        help_text=_("Till exempel att anställningen upphört eller att arbetsuppgifterna ändrats."),
    )


class ResetSecondFactorForm(forms.Form):
    reason = forms.CharField(
        label=_("Anledning"), max_length=300, help_text=_("Till exempel borttappad eller utbytt telefon.")
    )
    identity_checked = forms.BooleanField(
        label=_("Jag har kontrollerat att det är rätt person som ber om återställningen"),
        help_text=_("Till exempel genom att träffa personen eller ringa upp på ett känt nummer."),
    )

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from knutpunkt.organisations.access import Actor, active_memberships
from knutpunkt.organisations.models import Membership


class MembershipChoiceField(forms.ModelChoiceField[Membership]):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.get_role_display()}, {obj.unit}"


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Namn"), max_length=100, help_text=_("Vilket system eller skript nyckeln är till för.")
    )
    membership = MembershipChoiceField(label=_("Agerar som"), queryset=Membership.objects.none(), empty_label=None)
    valid_days = forms.IntegerField(
        label=_("Giltig i antal dagar"),
        min_value=1,
        max_value=365,
        initial=90,
        help_text=_("Högst 365 dagar. En nyckel kan spärras när som helst."),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, MembershipChoiceField)
        field.queryset = active_memberships(actor.user)

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Engångskod"),
        max_length=20,
        help_text=_("Sex siffror från din autentiseringsapp, eller en av dina reservkoder."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class SwitchUnitForm(forms.Form):
    membership = forms.UUIDField(label=_("Arbeta som"))

"""Forms for following up and closing a plan. The rules every caller must meet (a follow-up is not recorded in
advance, the next date comes after it) live in actions.record_followup; the forms parse and suggest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutpunkt.people.forms import DateInput
from knutpunkt.plans.actions import FollowUpDetails
from knutpunkt.plans.models import ClosureReason, GoalAssessment, Plan


class FollowUpForm(forms.Form):
    held_on = forms.DateField(label=_("Uppföljningen hölls"), widget=DateInput())
    goals_assessment = forms.ChoiceField(
        label=_("Hur går det med målen?"), choices=GoalAssessment.choices, widget=forms.RadioSelect
    )
    goals_comment = forms.CharField(label=_("Om målen"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    commitments_comment = forms.CharField(
        label=_("Om åtagandena"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Har alla gjort det de åtog sig? Det som inte blev gjort, och varför."),
    )
    person_view = forms.CharField(
        label=_("Personens syn"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hur tycker personen själv att det går? Med personens egna ord."),
    )
    plan_changes = forms.BooleanField(
        label=_("Planen behöver ändras"),
        required=False,
        help_text=_("Planen går då tillbaka till planering, och en ny version fastställs när den är ändrad."),
    )
    next_followup_on = forms.DateField(
        label=_("Nästa uppföljning"),
        required=False,
        widget=DateInput(),
        help_text=_("Krävs om planen inte ska ändras. Annars bestäms den när den nya versionen fastställs."),
    )

    def __init__(self, data: Any = None, *, plan: Plan, **kwargs: Any) -> None:
        today = timezone.localdate()
        initial = {"held_on": today, "next_followup_on": today + dt.timedelta(days=plan.profile.followup_days)}
        super().__init__(data, initial=initial, **kwargs)

    def details(self) -> FollowUpDetails:
        data = self.cleaned_data
        return FollowUpDetails(
            held_on=data["held_on"],
            goals_assessment=data["goals_assessment"],
            goals_comment=data["goals_comment"],
            commitments_comment=data["commitments_comment"],
            person_view=data["person_view"],
            plan_changes=data["plan_changes"],
            next_followup_on=data["next_followup_on"],
        )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Varför avslutas planen?"), choices=ClosureReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel hur personen ser på att planen avslutas."),
    )

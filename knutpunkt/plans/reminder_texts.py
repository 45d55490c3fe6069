"""The texts of reminders, written when a reminder is shown, in the reader's language.

A reminder keeps its kind and the values its text needs (`Reminder.params`: dates as YYYY-MM-DD, a time as
HH:MM); the text is put together here each time it is read, so a reader who chose English reads English, whoever
or whatever made the reminder. The msgids are the ones the reminder job wrote before, so their translations hold.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

# Kind (ReminderKind's value) -> the text with its %(name)s placeholders, looked up in the active language.
TEXTS: dict[str, Callable[[], str]] = {
    "deadline_near": lambda: _("Tidsfristen för en SIP som ni har begärt går ut %(date)s."),
    "deadline_passed": lambda: _("Tidsfristen för en SIP som ni har begärt gick ut %(date)s."),
    "invitation_unanswered": lambda: _("En inbjudan till SIP-möte har väntat på svar sedan %(date)s."),
    "meeting_soon": lambda: _("SIP-möte i morgon %(date)s kl. %(time)s."),
    "commitment_due": lambda: _("Ett åtagande ska vara klart %(date)s."),
    "commitment_overdue": lambda: _("Ett åtagande skulle ha varit klart %(date)s."),
    "followup_due": lambda: _("Uppföljning av en SIP är planerad till %(date)s."),
    "followup_overdue": lambda: _("Uppföljningen av en SIP som var planerad till %(date)s är inte registrerad."),
}


def reminder_text(kind: str, params: dict[str, Any]) -> str:
    """The text of a reminder of `kind` with `params`, in the active language."""
    text = TEXTS.get(kind)
    if text is None:
        return ""
    try:
        return text() % params
    except (KeyError, TypeError, ValueError):
        return ""

"""A reminder's text is written when it is read, in the reader's language: the job keeps what the text says
(kind and params), not a sentence in one language.

The English catalogue is compiled centrally, later; these tests mark each looked-up text with the language active
when it was looked up, which is what decides the words a reader gets."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from knutpunkt.plans import reminder_texts
from knutpunkt.plans.models import Reminder, ReminderKind
from knutpunkt.plans.reminders import make_reminders
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every reminder text starts with the language it was looked up in."""
    monkeypatch.setattr(reminder_texts, "_", lambda text: f"[{translation.get_language()}] {text}")


def test_the_same_reminder_is_written_in_each_readers_language(cast: Cast, world: PlanWorld, marked: None) -> None:
    plan = requested_plan(cast, world, days_ago=18)  # the deadline is in 3 days
    with translation.override("en"):  # whoever runs the job, the reminder keeps no language
        make_reminders(timezone.localdate())
    reminder = Reminder.objects.get()
    day = f"{plan.deadline:%Y-%m-%d}"
    assert (reminder.kind, reminder.params) == (ReminderKind.DEADLINE_NEAR, {"date": day})
    with translation.override("sv"):
        assert reminder.text == f"[sv] Tidsfristen för en SIP som ni har begärt går ut {day}."
    with translation.override("en"):
        assert reminder.text == f"[en] Tidsfristen för en SIP som ni har begärt går ut {day}."


def test_the_work_list_writes_the_reminder_in_the_readers_language(cast: Cast, world: PlanWorld, marked: None) -> None:
    requested_plan(cast, world, days_ago=18)
    make_reminders(timezone.localdate())
    client = cast.client(cast.anna)
    client.cookies["django_language"] = "en"
    assert "[en] Tidsfristen för en SIP" in client.get(reverse("plans:my_work")).content.decode()


def test_a_reminder_made_before_params_shows_its_stored_text(cast: Cast, world: PlanWorld) -> None:
    requested_plan(cast, world, days_ago=18)
    make_reminders(timezone.localdate())
    Reminder.objects.update(params=None, message="Tidsfristen går ut snart.")
    with translation.override("en"):
        assert Reminder.objects.get().text == "Tidsfristen går ut snart."

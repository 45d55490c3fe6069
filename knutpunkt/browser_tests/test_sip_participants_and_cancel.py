"""Participants changed and taken off a plan, and a meeting cancelled, through the real pages with an axe audit of
every page: Anna changes Karin's participation, takes Karin off, finds that Elsa cannot be taken off, and cancels
the booked meeting with a reason the plan page then shows."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from knutpunkt.plans import actions
from knutpunkt.plans.models import Meeting, Participant, ParticipantRole
from knutpunkt.testing.browser import BrowserWorld, sign_in
from knutpunkt.testing.plans import make_profiles, summoned_plan

pytestmark = pytest.mark.browser


def test_change_and_remove_participants_and_cancel_the_meeting(page: Page, world: BrowserWorld) -> None:
    cast = world.cast
    plan, meeting, _invitation = summoned_plan(cast, make_profiles(cast))
    anna = cast.actor(cast.anna)
    actions.add_participant(anna, plan, role=ParticipantRole.PERSON, name="Elsa Lind", person=cast.elsa)
    actions.add_participant(anna, plan, role=ParticipantRole.GUARDIAN, name="Karin Lind", person=cast.karin)
    sign_in(page, world, cast.anna)
    page.goto(f"/sip/{plan.uuid}/")

    page.get_by_role("link", name="Ändra Karin Lind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ändra deltagaren Karin Lind")
    page.get_by_label("Behov för att kunna delta").fill("Tolk på arabiska")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Uppgifterna om Karin Lind är sparade.")
    expect(page.get_by_text("Tolk på arabiska")).to_be_visible()

    page.get_by_role("link", name="Ta bort Karin Lind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ta bort deltagaren Karin Lind")
    page.get_by_role("button", name="Ta bort deltagaren").click()
    expect(page.get_by_role("status")).to_contain_text("Karin Lind är borttagen som deltagare.")
    expect(page.get_by_role("link", name="Ändra Elsa Lind")).to_be_visible()
    expect(page.get_by_role("link", name="Ta bort Elsa Lind")).to_have_count(0)
    assert Participant.objects.get(plan=plan, name="Karin Lind").removed

    page.get_by_role("link", name="Ställ in mötet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ställ in mötet")
    page.get_by_label("Varför ställs mötet in?").fill("Elsa är sjuk.")
    page.get_by_role("button", name="Ställ in mötet").click()
    expect(page.get_by_role("status")).to_contain_text("Mötet är inställt.")
    expect(page.get_by_text("Skäl: Elsa är sjuk.")).to_be_visible()
    assert Meeting.objects.get(pk=meeting.pk).cancelled

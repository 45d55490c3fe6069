"""The SIP's contents through the real pages, steps 4–6, with an axe audit of every page and every htmx swap: Anna
fills in Elsa's plan in place, establishes it, changes it and establishes version 2, compares the versions, records
a follow-up, opens Elsa's own copy and closes the plan."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from knutpunkt.plans.models import FollowUp, PlanStatus
from knutpunkt.testing.browser import AccessibilityAudit, BrowserWorld, sign_in
from knutpunkt.testing.plans import FICTIONAL_PHONE, make_profiles, planning_plan

pytestmark = pytest.mark.browser


def _add_row(page: Page, accessibility: AccessibilityAudit, section: str, link: str) -> Locator:
    """Open the add form of a section in place; returns the form, audited."""
    page.locator(f"#section-{section}").get_by_role("link", name=link).click()
    form = page.locator(f"#add-{section} form")
    expect(form).to_be_visible()
    accessibility.check(page)
    return form


def test_fill_establish_change_compare_follow_up_copy_and_close(
    page: Page, world: BrowserWorld, accessibility: AccessibilityAudit
) -> None:
    cast = world.cast
    plan = planning_plan(cast, make_profiles(cast))  # BUP accepted, the SIP meeting is held
    today = timezone.localdate()
    sign_in(page, world, cast.anna)

    # The contents, from the plan page.
    page.goto(f"/sip/{plan.uuid}/")
    page.get_by_role("link", name="Arbeta med planens innehåll").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planens innehåll")

    # The person's own part first, saved in place.
    person = page.locator("#section-person")
    person.get_by_label("Det personen gör själv").fill("Jag lägger mig före tio på vardagar.")
    person.get_by_role("button", name="Spara personens del").click()
    expect(page.locator("#section-person").get_by_role("status")).to_have_text("Ändringarna är sparade.")
    accessibility.check(page)

    # Needs, interventions by responsibility, a goal, a commitment and a contact person, each added in place.
    form = _add_row(page, accessibility, "need", "Lägg till behov")
    form.get_by_label("Behov").fill("Tryggare skolgång")
    form.get_by_role("button", name="Lägg till").click()
    expect(page.locator("#section-need")).to_contain_text("Tryggare skolgång")

    form = _add_row(page, accessibility, "intervention", "Lägg till insats eller åtgärd")
    form.get_by_label("Insats eller åtgärd").fill("Familjebehandling")
    form.get_by_label("Ansvarig organisation").select_option(label="Socialtjänsten Karlstad")
    form.get_by_label("Hör till behovet").select_option(label="Tryggare skolgång")
    form.get_by_role("button", name="Lägg till").click()
    expect(page.locator("#section-intervention")).to_contain_text("Familjebehandling")

    form = _add_row(page, accessibility, "intervention", "Lägg till insats eller åtgärd")
    form.get_by_label("Insats eller åtgärd").fill("Behandling för ångest")
    form.get_by_label("Ansvarig organisation").select_option(label="BUP Värmland")
    form.get_by_label("Ansvarig enhet").select_option(label="BUP Karlstad, BUP Värmland")
    form.get_by_role("button", name="Lägg till").click()
    region = page.locator("#section-intervention table").nth(1)
    expect(region).to_contain_text("Behandling för ångest")

    form = _add_row(page, accessibility, "goal", "Lägg till mål")
    form.get_by_label("Mål:", exact=True).fill("Elsa går i skolan fyra dagar i veckan")
    form.get_by_label("Hur vi vet att målet är nått").fill("Skolans närvarolista")
    form.get_by_label("När").fill((today + dt.timedelta(days=90)).isoformat())
    form.get_by_role("button", name="Lägg till").click()
    expect(page.locator("#section-goal")).to_contain_text("Skolans närvarolista")

    form = _add_row(page, accessibility, "commitment", "Lägg till åtagande")
    form.get_by_label("Vad").fill("Boka första samtalet")
    form.get_by_label("Vem").select_option(label="BUP Karlstad, BUP Värmland")
    form.get_by_label("Klart senast").fill((today + dt.timedelta(days=14)).isoformat())
    form.get_by_role("button", name="Lägg till").click()
    expect(page.locator("#section-commitment")).to_contain_text("Boka första samtalet")

    form = _add_row(page, accessibility, "contact", "Lägg till kontaktperson")
    form.get_by_label("Organisation").select_option(label="BUP Värmland")
    form.get_by_label("Namn").fill("Cecilia Carlsson")
    form.get_by_label("Telefon").fill(FICTIONAL_PHONE)
    form.get_by_role("button", name="Lägg till").click()
    expect(page.locator("#section-contact")).to_contain_text("Cecilia Carlsson")

    # Overall responsibility last; its form was on the page from the start, so this save also shows that the
    # user's own saves in between did not make it look stale.
    responsibility = page.locator("#section-responsibility")
    responsibility.get_by_label("Huvudman med övergripande ansvar").select_option(label="Socialtjänsten Karlstad")
    responsibility.get_by_role("button", name="Spara ansvar och uppföljning").click()
    expect(page.locator("#section-responsibility").get_by_role("status")).to_have_text("Ändringarna är sparade.")
    accessibility.check(page)

    # Establish version 1.
    page.get_by_role("link", name="Kontrollera och fastställ planen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fastställ planen")
    expect(page.get_by_text("Saknas:")).to_have_count(0)
    page.get_by_role("button", name="Fastställ planen").click()
    expect(page.get_by_role("status")).to_contain_text("Planen är fastställd som version 1.")

    # Change a row in place, and establish version 2 with a note.
    page.goto(f"/sip/{plan.uuid}/plan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Planens innehåll")
    page.locator("#section-need").get_by_role("link", name=re.compile(r"^Ändra\W+Tryggare skolgång$")).click()
    row_form = page.locator("#section-need form")
    expect(row_form).to_be_visible()
    accessibility.check(page)
    row_form.get_by_label("Behov").fill("Trygg skolgång varje dag")
    row_form.get_by_role("button", name="Spara ändringen").click()
    expect(page.locator("#section-need").get_by_role("status")).to_have_text("Ändringen är sparad.")
    accessibility.check(page)
    page.get_by_role("link", name="Kontrollera och fastställ planen").click()
    expect(page.get_by_text("Ändringar sedan version 1")).to_be_visible()
    page.get_by_label("Vad har ändrats sedan förra versionen?").fill("Behovet skrevs om med Elsa.")
    page.get_by_role("button", name="Fastställ planen").click()
    expect(page.get_by_role("status")).to_contain_text("Planen är fastställd som version 2.")

    # Compare the versions.
    page.goto(f"/sip/{plan.uuid}/versioner/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Versioner av planen")
    page.get_by_role("button", name="Jämför").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jämför versioner")
    expect(page.get_by_text("Borttaget:")).to_be_visible()
    expect(page.locator("ins", has_text="Trygg skolgång varje dag")).to_be_visible()

    # Follow up.
    page.get_by_role("navigation", name="Planen och uppföljningen").get_by_role("link", name="Uppföljning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning")
    page.get_by_label("Delvis uppnått").check()
    page.get_by_label("Personens syn").fill("Det går bättre, men morgnarna är svåra.")
    page.get_by_role("button", name="Registrera uppföljningen").click()
    expect(page.get_by_role("status")).to_contain_text("Uppföljningen är registrerad (i tid).")
    assert FollowUp.objects.get(plan=plan).version.number == 2

    # Elsa's own copy.
    page.get_by_role("link", name="Personens version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din plan")
    expect(page.get_by_text("SIP betyder samordnad individuell plan")).to_be_visible()
    assert cast.elsa.identity_number[2:8] not in page.content()

    # Close.
    page.get_by_role("link", name="Avsluta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avsluta planen")
    page.get_by_label("Målen är uppnådda").check()
    page.get_by_role("button", name="Avsluta planen").click()
    expect(page.get_by_role("status")).to_contain_text("Planen är avslutad.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED

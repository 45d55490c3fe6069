"""The SIP workflow through the real pages, steps 1–4, with an axe audit of every page: Anna requests and prepares
Elsa's plan, books the meeting and invites BUP; Cecilia at BUP accepts; Anna records the meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from knutpunkt.accounts.models import User
from knutpunkt.plans.models import Invitation, InvitationStatus, Meeting, Plan, PlanStatus
from knutpunkt.testing.browser import BrowserWorld, sign_in
from knutpunkt.testing.plans import make_profiles, requested_plan

pytestmark = pytest.mark.browser


def _switch_user(page: Page, world: BrowserWorld, user: User) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("status")).to_contain_text("Du är utloggad")
    sign_in(page, world, user)


def test_request_prepare_summon_accept_and_record_a_sip(page: Page, world: BrowserWorld) -> None:
    cast = world.cast
    make_profiles(cast)
    sign_in(page, world, cast.anna)

    # Step 1: the request, from the person page.
    page.goto(f"/personer/{cast.elsa.uuid}/")
    page.get_by_role("link", name="Begär SIP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Begär SIP för Elsa Lind")
    page.get_by_label("Varför behövs en SIP?").fill("Skolfrånvaro och oro; familjen behöver samordnat stöd.")
    page.get_by_label("Personen själv").check()
    page.get_by_role("button", name="Begär SIP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SIP för Elsa Lind")
    expect(page.get_by_role("status")).to_contain_text("SIP-mötet ska vara hållet senast")
    plan = Plan.objects.get(person=cast.elsa)

    # Step 2: preparation with the person.
    page.get_by_role("link", name="Förbered med personen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Förberedelse med personen")
    page.get_by_label("Det som är viktigt för personen").fill("Att få gå i skolan utan att ha ont i magen.")
    page.get_by_label("Personens egna mål").fill("Klara en hel skoldag.")
    page.get_by_label("Samtycke som planen bygger på").select_option(str(cast.elsa_consent.pk))
    page.get_by_role("button", name="Spara förberedelsen").click()
    expect(page.get_by_text("Att få gå i skolan utan att ha ont i magen.")).to_be_visible()

    # Step 3: book the meeting, invite BUP, send.
    page.get_by_role("link", name="Boka mötet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boka möte")
    day = timezone.localdate() + dt.timedelta(days=7)
    page.get_by_label("Börjar").fill(f"{day.isoformat()}T09:00")
    page.get_by_label("Slutar").fill(f"{day.isoformat()}T10:00")
    page.get_by_label("Plats").fill("Familjecentralen, Karlstad")
    page.get_by_role("button", name="Boka mötet").click()
    expect(page.get_by_role("status")).to_contain_text("Mötet är bokat.")

    page.get_by_role("link", name="Bjud in en enhet").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bjud in en enhet")
    page.get_by_role("combobox", name="Enhet").select_option(str(cast.bup_unit.uuid))
    page.get_by_label("Varför enheten behövs").fill("Elsas ångest behöver bedömas och behandlas.")
    page.get_by_role("button", name="Lägg till inbjudan").click()
    expect(page.get_by_role("status")).to_contain_text("BUP Karlstad, BUP Värmland är tillagd.")

    page.get_by_role("link", name="Skicka inbjudningar").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skicka inbjudningar")
    expect(page.get_by_text("bup@example.org")).to_be_visible()
    page.get_by_role("button", name="Skicka inbjudningarna").click()
    expect(page.get_by_role("status")).to_contain_text("Inbjudningarna är skickade")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUMMONED

    # Cecilia at BUP answers from her unit's inbox.
    _switch_user(page, world, cast.cecilia)
    page.goto("/sip/inbjudningar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbjudningar till min enhet")
    page.get_by_role("link", name="Svara: SIP för Elsa Lind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbjudan till BUP Karlstad")
    expect(page.get_by_label("Vem företräder enheten?")).to_have_value("Cecilia Carlsson")
    page.get_by_label("Vi deltar").check()
    page.get_by_label("Telefon till företrädaren").fill("054-61 00 00")
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SIP för Elsa Lind")
    expect(page.get_by_role("cell", name="Företrädare: Cecilia Carlsson")).to_be_visible()
    assert Invitation.objects.get(plan=plan).status == InvitationStatus.ACCEPTED

    # Step 4: the meeting has been held (time passes), and Anna records who came.
    meeting = Meeting.objects.get(plan=plan)
    start = timezone.now() - dt.timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=1))
    _switch_user(page, world, cast.anna)
    page.goto(f"/sip/{plan.uuid}/")
    page.get_by_role("link", name="Registrera mötet").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera mötet")
    page.get_by_label("BUP Karlstad, BUP Värmland (Cecilia Carlsson)").check()
    page.get_by_label("Anteckningar från mötet").fill("Alla kom. Planen skrivs i veckan.")
    page.get_by_role("button", name="Registrera mötet som hållet").click()
    expect(page.get_by_role("status")).to_contain_text("Mötet är registrerat som hållet.")
    expect(page.get_by_text("Hållet", exact=True)).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PLANNING


def test_the_list_participants_rescheduling_and_withdrawal_pages(page: Page, world: BrowserWorld) -> None:
    cast = world.cast
    plan = requested_plan(cast, make_profiles(cast))
    sign_in(page, world, cast.anna)

    page.get_by_role("link", name="SIP", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samordnade individuella planer (SIP)")
    page.get_by_label("Steg").select_option(PlanStatus.PREPARING)
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("link", name="Elsa Lind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SIP för Elsa Lind")

    page.get_by_role("link", name="Lägg till deltagare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lägg till deltagare")
    page.get_by_label("Vårdnadshavare", exact=True).check()
    page.get_by_label("Finns i Knutpunkt som").select_option(label="Karin Lind")
    page.get_by_label("Behov för att kunna delta").fill("Tolk på arabiska")
    page.get_by_role("button", name="Lägg till", exact=True).click()
    expect(page.get_by_role("cell", name="Tolk på arabiska")).to_be_visible()

    page.get_by_role("link", name="Boka möte", exact=True).click()
    day = timezone.localdate() + dt.timedelta(days=5)
    page.get_by_label("Börjar").fill(f"{day.isoformat()}T13:00")
    page.get_by_label("Slutar").fill(f"{day.isoformat()}T12:00")
    page.get_by_label("Länk till videomöte").fill("https://meet.example.org/sip")
    page.get_by_role("button", name="Boka mötet").click()
    expect(page.get_by_role("alert")).to_contain_text("Mötet måste sluta efter att det börjat.")
    page.get_by_label("Slutar").fill(f"{day.isoformat()}T14:00")
    page.get_by_role("button", name="Boka mötet").click()
    expect(page.get_by_role("status")).to_contain_text("Mötet är bokat.")

    page.get_by_role("link", name="Ändra tid eller plats").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ändra tid eller plats för mötet")
    page.get_by_label("Plats").fill("Familjecentralen, Karlstad")
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_role("status")).to_contain_text("Mötet är ändrat.")

    page.get_by_role("link", name="Ta tillbaka inbjudan till BUP Karlstad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ta tillbaka inbjudan")
    page.get_by_role("button", name="Ta tillbaka inbjudan").click()
    expect(page.get_by_role("status")).to_contain_text("är återtagen")
    assert plan.invitations.get().status == InvitationStatus.WITHDRAWN

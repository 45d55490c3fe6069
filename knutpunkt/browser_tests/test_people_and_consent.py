"""Finding, registering and sharing a person through the real pages, with an axe audit of every page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from knutpunkt.accounts.models import User
from knutpunkt.audit.models import AuditEvent
from knutpunkt.people.models import Consent
from knutpunkt.testing.browser import BrowserWorld, sign_in

pytestmark = pytest.mark.browser


def test_staff_find_a_child_by_number_and_see_the_legal_ground(page: Page, world: BrowserWorld) -> None:
    sign_in(page, world, world.cast.anna)
    page.get_by_role("link", name="Personer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sök person")

    page.get_by_role("textbox", name="Nummer").fill("110106-2395")
    page.get_by_role("button", name="Sök på nummer").click()
    expect(page.get_by_role("alert")).to_contain_text("Kontrollsiffran stämmer inte")

    page.get_by_role("textbox", name="Nummer").fill("110106-2394")
    page.get_by_role("button", name="Sök på nummer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Elsa Lind")
    expect(page.get_by_text("Det betyder inte att personen är trygg")).to_be_visible()
    assert "201101062394" not in page.url and "2394" not in page.url


def test_a_protected_address_is_shown_only_after_confirmation(page: Page, world: BrowserWorld) -> None:
    sign_in(page, world, world.cast.anna)
    page.goto(f"/personer/{world.cast.sam.uuid}/")
    expect(page.get_by_text("Hemlig väg 7")).to_have_count(0)
    page.get_by_role("button", name="Visa skyddad adress").click()
    expect(page.get_by_text("Hemlig väg 7")).to_be_visible()
    assert AuditEvent.objects.filter(event="person.protected_address_viewed", person=world.cast.sam).count() == 1


def _switch_user(page: Page, world: BrowserWorld, user: User) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("status")).to_contain_text("Du är utloggad")
    sign_in(page, world, user)


def test_consent_recorded_by_the_municipality_opens_and_withdrawal_closes_the_region(
    page: Page, world: BrowserWorld
) -> None:
    cast = world.cast
    karin_page = f"/personer/{cast.karin.uuid}/"
    today = timezone.localdate()

    sign_in(page, world, cast.anna)
    page.goto(karin_page)
    page.get_by_role("link", name="Registrera samtycke").click()
    page.get_by_role("combobox", name="Syfte").select_option(label="Samordnad individuell plan (SIP)")
    page.get_by_label("Syftet i ord").fill("Att BUP och socialtjänsten planerar stödet till familjen tillsammans")
    page.get_by_label("BUP Värmland").check()
    page.get_by_label("Uppgifter som får delas").fill("Familjens situation och pågående insatser")
    page.get_by_label("Undantaget – får inte delas").fill("Uppgifter om ekonomiskt bistånd")
    page.get_by_label("Skriftligt").check()
    page.get_by_label("Gäller från").fill(today.isoformat())
    page.get_by_label("Gäller till").fill((today - dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Registrera samtycket").click()
    expect(page.get_by_role("alert")).to_be_visible()  # ends before it starts: nothing is saved, nothing lost
    expect(page.get_by_label("Undantaget – får inte delas")).to_have_value("Uppgifter om ekonomiskt bistånd")
    assert not Consent.objects.filter(person=cast.karin).exists()

    page.get_by_label("Gäller till").fill((today + dt.timedelta(days=180)).isoformat())
    page.get_by_role("button", name="Registrera samtycket").click()
    consent = Consent.objects.get(person=cast.karin)
    assert set(consent.organisations.values_list("name", flat=True)) == {"Socialtjänsten Karlstad", "BUP Värmland"}

    _switch_user(page, world, cast.cecilia)
    page.goto(karin_page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Karin Lind")
    page.goto(f"/personer/{cast.karin.uuid}/samtycke/{consent.uuid}/")
    expect(page.get_by_text("Uppgifter om ekonomiskt bistånd")).to_be_visible()

    # The person may withdraw to any organisation the consent names: here, to the region.
    page.get_by_role("link", name="Registrera återkallande").click()
    page.get_by_label("Hur återkallandet lämnades").fill("Karin ringde till BUP och återkallade muntligt")
    page.get_by_role("button", name="Återkalla samtycket").click()
    expect(page.get_by_role("status")).to_contain_text("återkall")

    response = page.goto(karin_page)
    assert response is not None and response.status == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None

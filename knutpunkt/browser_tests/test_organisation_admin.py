"""Local administration through the real pages, with an axe-core audit of each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from knutpunkt.accounts.models import User
from knutpunkt.organisations.models import Membership, Unit
from knutpunkt.testing.browser import BrowserWorld, sign_in

pytestmark = pytest.mark.browser


def test_administrator_creates_a_unit_and_a_staff_account(page: Page, world: BrowserWorld) -> None:
    sign_in(page, world, world.cast.adam)
    page.get_by_role("link", name="Administration").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Socialtjänsten Karlstad")

    page.get_by_role("link", name="Ny enhet").click()
    page.get_by_label("Namn").fill("Mottagningsenheten")
    page.get_by_label("Funktionsadress (e-post)").fill("mottagning@example.org")
    page.get_by_role("button", name="Skapa enheten").click()
    expect(page.get_by_role("status")).to_contain_text("Mottagningsenheten")
    assert Unit.objects.filter(name="Mottagningsenheten").exists()

    page.get_by_role("link", name="Nytt konto").click()
    page.get_by_label("Användarnamn").fill("stina")
    page.get_by_label("Förnamn").fill("Stina")
    page.get_by_label("Efternamn").fill("Svensson")
    page.get_by_label("E-post").fill("stina@example.org")
    page.get_by_role("button", name="Skapa kontot").click()  # basis missing: an error summary
    expect(page.get_by_role("alert")).to_contain_text("Grund för behörigheten")
    page.get_by_label("Enhet").select_option(label="Mottagningsenheten")
    page.get_by_label("Grund för behörigheten (behovs- och riskanalys)").fill("Analys IFO 2026, avsnitt 3")
    page.get_by_role("button", name="Skapa kontot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontot är skapat")
    password = page.locator(".secret code").inner_text()
    assert User.objects.get(username="stina").check_password(password)

    page.get_by_role("link", name="Visa kontot").click()
    page.get_by_role("link", name="Ge en ny behörighet").click()
    page.get_by_label("Enhet").select_option(label="Barn och unga")
    page.get_by_label("Roll").select_option(label="Enhetschef")
    page.get_by_label("Grund för behörigheten (behovs- och riskanalys)").fill("Analys IFO 2026, avsnitt 4")
    page.get_by_role("button", name="Ge behörigheten").click()
    expect(page.get_by_role("status")).to_contain_text("Enhetschef")

    page.get_by_role("link", name="Avsluta Enhetschef, Barn och unga").click()
    page.get_by_label("Anledning").fill("Vikariatet är slut")
    page.get_by_role("button", name="Avsluta behörigheten").click()
    expect(page.get_by_role("heading", name="Avslutade behörigheter")).to_be_visible()
    assert Membership.objects.filter(user__username="stina", ended_at__isnull=False).count() == 1

    page.get_by_role("link", name="Återställ tvåfaktorsinloggning").click()
    page.get_by_label("Anledning").fill("Ny telefon")
    page.get_by_label("Jag har kontrollerat").check()
    page.get_by_role("button", name="Återställ").click()
    expect(page.get_by_role("status")).to_contain_text("återställd")

    page.goto(f"/organisation/enheter/{world.cast.barn_och_unga.uuid}/")
    expect(page.get_by_label("Namn")).to_have_value("Barn och unga")

"""Signing in through the real pages: password, then the second factor."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from knutpunkt.testing.browser import BrowserWorld, sign_in
from knutpunkt.testing.cast import PASSWORD

pytestmark = pytest.mark.browser


def test_password_and_totp_code_land_on_the_home_page(page: Page, world: BrowserWorld) -> None:
    sign_in(page, world, world.cast.anna)

    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Anna")
    expect(page.get_by_text("Barn och unga").first).to_be_visible()


def test_wrong_password_is_refused_with_a_swedish_message(page: Page, world: BrowserWorld) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(world.cast.anna.username)
    page.get_by_label("Lösenord").fill("inte rätt lösenord")
    page.get_by_role("button", name="Logga in").click()

    expect(page.get_by_role("alert")).to_contain_text("Ange ett korrekt användarnamn och lösenord")
    expect(page).to_have_url(f"{world.url}/konto/logga-in/")


def test_wrong_totp_code_keeps_the_user_on_the_code_page(page: Page, world: BrowserWorld) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(world.cast.bo.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    correct = world.totp_code(world.cast.bo)
    page.get_by_label("Engångskod").fill("000000" if correct != "000000" else "111111")
    page.get_by_role("button", name="Fortsätt").click()

    expect(page.get_by_role("alert")).to_contain_text("Koden stämmer inte")
    expect(page).to_have_url(f"{world.url}/konto/verifiera/")

"""A new account sets up its second factor on first sign-in: QR code, one code to confirm, backup codes once."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from knutpunkt.testing.browser import BrowserWorld, totp_code_for_secret
from knutpunkt.testing.cast import PASSWORD

pytestmark = pytest.mark.browser


def test_new_account_scans_the_qr_code_confirms_a_code_and_sees_backup_codes(page: Page, world: BrowserWorld) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(world.newcomer.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    expect(page).to_have_url(f"{world.url}/konto/tvafaktor/")
    expect(page.get_by_role("img", name="QR-kod för autentiseringsappen")).to_be_visible()
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Engångskod").fill(totp_code_for_secret(secret))
    page.get_by_role("button", name="Aktivera").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tvåfaktorsinloggning är aktiverad")
    codes = page.locator("ul.codes code").all_inner_texts()
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=world.newcomer).values_list("token", flat=True))
    assert TOTPDevice.objects.get(user=world.newcomer).confirmed

    page.get_by_role("link", name="Jag har sparat koderna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Nora")


def test_wrong_code_during_enrolment_leaves_the_device_unconfirmed(page: Page, world: BrowserWorld) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(world.newcomer.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    secret = page.locator("code.secret").inner_text()
    correct = totp_code_for_secret(secret)
    page.get_by_label("Engångskod").fill("000000" if correct != "000000" else "111111")
    page.get_by_role("button", name="Aktivera").click()

    expect(page.get_by_role("alert")).to_contain_text("Koden stämmer inte")
    expect(page.get_by_role("img", name="QR-kod för autentiseringsappen")).to_be_visible()
    assert not TOTPDevice.objects.get(user=world.newcomer).confirmed

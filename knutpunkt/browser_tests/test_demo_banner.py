"""The demo banner says that the data is made up, and is shown only in demo mode."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django import Settings

pytestmark = pytest.mark.browser


def test_demo_banner_is_shown_in_demo_mode(page: Page, settings: Settings) -> None:
    settings.DEMO_MODE = True

    page.goto("/konto/logga-in/")

    expect(page.get_by_role("note")).to_contain_text("Demoläge.")
    expect(page.get_by_role("note")).to_contain_text("Skatteverkets testpersonnummer")


def test_demo_banner_is_absent_outside_demo_mode(page: Page, settings: Settings) -> None:
    settings.DEMO_MODE = False

    page.goto("/konto/logga-in/")

    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    expect(page.get_by_text("Demoläge.")).to_have_count(0)

"""The browser harness itself: the accessibility audit sees problems, and no page escapes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from knutpunkt.testing.browser import AccessibilityAudit, BrowserWorld

pytestmark = pytest.mark.browser


def test_accessibility_audit_reports_the_rule_the_element_and_the_page(
    page: Page, world: BrowserWorld, accessibility: AccessibilityAudit
) -> None:
    page.goto("/konto/logga-in/")
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    page.evaluate("document.documentElement.removeAttribute('lang')")

    accessibility.check(page)

    report = accessibility.report()
    assert f"{world.url}/konto/logga-in/" in report
    assert "html-has-lang [serious]" in report
    assert "      html" in report
    accessibility.findings.clear()  # The problem was made by this test; the page itself has none.


def test_accessibility_audit_names_a_page_the_test_left_untouched(
    page: Page, world: BrowserWorld, accessibility: AccessibilityAudit
) -> None:
    page.goto("/konto/logga-in/")
    page.goto("/healthz")
    page.goto("/konto/logga-in/?igen=1")
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()

    assert accessibility.unaudited() == [f"{world.url}/konto/logga-in/"]
    assert accessibility.audited == [f"{world.url}/konto/logga-in/?igen=1"]
    accessibility.loaded.remove(f"{world.url}/konto/logga-in/")

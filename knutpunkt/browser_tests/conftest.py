"""Fixtures of the browser tests. How to write one: the docstring of knutpunkt/testing/browser.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import setup_databases, teardown_databases
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django import DjangoDbBlocker, Settings

from knutpunkt.testing.browser import (
    AXE_SCRIPT,
    CHROMIUM,
    CHROMIUM_ARGS,
    FAST_PASSWORD_HASHERS,
    PLAYWRIGHT_TIMEOUT_MS,
    AccessibilityAudit,
    BrowserWorld,
    LiveSite,
)

# The database name before pytest-django swaps in the test database's (this module is imported while pytest
# collects, before any fixture runs).
_CONFIGURED_DATABASE_NAME = str(settings.DATABASES["default"]["NAME"])


@pytest.fixture(scope="session")
def browser(browser_site: LiveSite) -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright (which cannot download a browser of its own here).

    Started after the live site on purpose: once Playwright runs, this thread's Django connection is a new one,
    and the site must copy the test database while the connection the earlier tests used can still be closed."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium) or run scripts/test."
        )
    if not AXE_SCRIPT.exists():
        pytest.fail(f"No axe-core at {AXE_SCRIPT}: run scripts/setup (it installs the npm packages).")
    # Playwright's sync API leaves its event loop marked as running in this thread between calls, and Django then
    # refuses ORM calls here as if they came from async code. Nothing async runs in this thread. (Browser tests
    # run after the database tests: pytest-django orders tests that use `db` first.)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_site(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[LiveSite]:
    """The live server of this test process, over a seeded copy of the test database."""
    own_databases: list[Any] | None = None
    with django_db_blocker.unblock():
        # pytest-django creates the test database only when some collected test asks for `db`; when only browser
        # tests run, create it here.
        if str(connections["default"].settings_dict["NAME"]) == _CONFIGURED_DATABASE_NAME:
            own_databases = setup_databases(verbosity=0, interactive=False, aliases={"default": True})
        site = LiveSite()
    try:
        yield site
    finally:
        with django_db_blocker.unblock():
            site.stop()
            if own_databases is not None:
                teardown_databases(own_databases, verbosity=0)


@pytest.fixture
def world(
    request: pytest.FixtureRequest, browser_site: LiveSite, django_db_blocker: DjangoDbBlocker
) -> Iterator[BrowserWorld]:
    """This test's own copy of the seeded data, used by the live server and by the ORM in the test."""
    refused = {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if refused or request.node.get_closest_marker("django_db"):
        pytest.fail(
            "A browser test must not use the db, transactional_db or live_server fixtures nor the django_db mark: "
            "the ORM in a browser test already works on the live server's database (see knutpunkt/testing/browser.py)."
        )
    with django_db_blocker.unblock(), browser_site.fresh_world() as fresh:
        yield fresh


@pytest.fixture
def accessibility() -> AccessibilityAudit:
    """The axe-core audit of this test's pages; call `accessibility.check(page)` after an htmx swap."""
    return AccessibilityAudit()


@pytest.fixture
def page(
    browser: Browser, world: BrowserWorld, accessibility: AccessibilityAudit, settings: Settings
) -> Iterator[Page]:
    """A new tab with its own cookies, on the live server; fails the test at teardown on accessibility problems."""
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS
    context = browser.new_context(base_url=world.url, locale="sv-SE", timezone_id="Europe/Stockholm")
    context.set_default_timeout(PLAYWRIGHT_TIMEOUT_MS)
    tab = context.new_page()
    accessibility.attach(tab)
    yield tab
    try:
        accessibility.finish(tab)
    finally:
        context.close()
    problems = accessibility.report()
    if problems:
        pytest.fail(problems, pytrace=False)

"""The browser-test harness: Knutpunkt served from a thread, Chromium driven by Playwright, axe-core on every page.

Writing a browser test (they live in knutpunkt/browser_tests/, whose conftest.py provides the fixtures)::

    import pytest
    from playwright.sync_api import Page, expect

    from knutpunkt.testing.browser import BrowserWorld, sign_in

    pytestmark = pytest.mark.browser


    def test_staff_sees_their_unit_on_the_home_page(page: Page, world: BrowserWorld) -> None:
        sign_in(page, world, world.cast.anna)
        expect(page.get_by_text("Barn och unga")).to_be_visible()

- `page` is a new Chromium tab with its own cookies. Its base URL is the live server, so `page.goto("/personer/")`.
- `world` is the data the test starts from: the named cast (knutpunkt/testing/cast.py) where every cast user has
  the password `cast.PASSWORD` and a confirmed TOTP device, plus `world.newcomer`, an account with a unit but no
  second factor yet. Each test gets its own copy of that database, so a test may change anything it likes.
- The ORM in the test reads and writes that same copy (the live server's), so a test can arrange data or check
  what a click wrote: `Consent.objects.filter(person=world.cast.elsa)`. Do not ask for the `db` fixture (its
  transaction would hide the data from the server) nor pytest-django's `live_server` (it flushes tables, which the
  audit log's triggers refuse).
- Every page the test visits is audited by axe-core (WCAG 2.1 A and AA) once it has loaded, before the test's
  first action or assertion on it, and the last page when the test ends. After an htmx swap, audit the new state
  with `accessibility.check(page)` (fixture `accessibility`). The test fails at teardown with every violation
  (rule, impact, help text, the elements, the page's address), and names any page it left without touching.
- `settings` (pytest-django's fixture) changes what the server sees too: the server runs in this process.
- Chromium must be at /usr/bin/chromium (`scripts/test` installs Debian's package): without it the tests fail.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import dataclasses
import itertools
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypedDict

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import OperationalError, load_backend
from django.test.testcases import QuietWSGIRequestHandler
from django.test.utils import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from knutpunkt.accounts.models import User
from knutpunkt.organisations.models import Membership, Role
from knutpunkt.testing.cast import PASSWORD, Cast, make_cast

REPOSITORY = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("KNUTPUNKT_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps calling home, and this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = REPOSITORY / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The same cheap hasher as the root conftest's: seeded passwords must verify under the tests' settings.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A failure, not a timing: how long Playwright waits for an element or a page before it gives up.
PLAYWRIGHT_TIMEOUT_MS = 15_000


# --- The data every browser test starts from ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class BrowserWorld:
    """The seeded data of one browser test, and the address of the server that shows it."""

    url: str
    cast: Cast
    newcomer: User
    totp_keys: dict[str, bytes]

    def totp_code(self, user: User) -> str:
        """The code `user`'s authenticator app shows now."""
        return f"{totp(self.totp_keys[user.username]):06d}"


def _seed() -> tuple[Cast, User, dict[str, bytes]]:
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        cast = make_cast()
        newcomer = User.objects.create_user(
            username="nora", password=PASSWORD, first_name="Nora", last_name="Nyberg", email="nora@example.org"
        )
    Membership.objects.create(user=newcomer, unit=cast.barn_och_unga, role=Role.STAFF)
    keys: dict[str, bytes] = {}
    for item in dataclasses.fields(cast):
        user = getattr(cast, item.name)
        if isinstance(user, User):
            keys[user.username] = os.urandom(20)
            TOTPDevice.objects.create(user=user, name="Knutpunkt", confirmed=True, key=keys[user.username].hex())
    return cast, newcomer, keys


def sign_in(page: Page, world: BrowserWorld, user: User) -> None:
    """Sign in through the real pages: user name and password, then the current code from the user's TOTP app.
    Ends on the home page."""
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(f"{world.url}/konto/verifiera/")
    # A TOTP code is accepted once: forget the last one used, so a test may sign the same user in twice within
    # one 30-second step.
    TOTPDevice.objects.filter(user=user).update(last_t=-1)
    page.get_by_label("Engångskod").fill(world.totp_code(user))
    page.get_by_role("button", name="Fortsätt").click()
    expect(page).to_have_url(f"{world.url}/")


def totp_code_for_secret(secret: str) -> str:
    """The code an authenticator app shows for a secret typed in by hand (base32, spaces allowed)."""
    compact = secret.replace(" ", "").upper()
    key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    return f"{totp(key):06d}"


# --- Databases: a seeded template per test process, and a fresh copy of it for each test ------------------------


class _Databases:
    """Copies of the (migrated, empty) test database, made without Django's table flush: the audit table's
    triggers refuse it. SQLite copies are files (the server's threads open their own connections to them);
    PostgreSQL copies are databases created from a template."""

    def __init__(self) -> None:
        self.test_settings: dict[str, Any] = dict(connections["default"].settings_dict)
        self.vendor = connections["default"].vendor
        self._directory = Path(tempfile.mkdtemp(prefix="knutpunkt-browser-"))
        self._counter = itertools.count(1)
        self.template = self._name("template")

    def _name(self, label: str) -> str:
        if self.vendor == "sqlite":
            return str(self._directory / f"{label}.sqlite3")
        return f"{self.test_settings['NAME']}_{label}"[:63]

    def settings_for(self, name: str) -> dict[str, Any]:
        # CONN_MAX_AGE 0: every request closes its connection, so a copy can be dropped when its test ends.
        return {**self.test_settings, "NAME": name, "CONN_MAX_AGE": 0, "TEST": {}}

    def connect(self, name: str) -> BaseDatabaseWrapper:
        wrapper: BaseDatabaseWrapper = load_backend(self.test_settings["ENGINE"]).DatabaseWrapper(
            self.settings_for(name), "default"
        )
        return wrapper

    def _execute_on_server(self, *statements: str) -> None:
        maintenance = self.connect("postgres")
        try:
            with maintenance.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            maintenance.close()

    def _quote(self, name: str) -> str:
        return str(connections["default"].ops.quote_name(name))

    def create_template(self) -> None:
        """Copy the migrated test database; the test database itself stays untouched for the other tests."""
        main = connections["default"]
        if self.vendor == "sqlite":
            main.ensure_connection()
            with contextlib.closing(sqlite3.connect(self.template)) as target:
                main.connection.backup(target)
        else:
            main.close()  # CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template.
            try:
                self._execute_on_server(
                    f"CREATE DATABASE {self._quote(self.template)} TEMPLATE {self._quote(self.test_settings['NAME'])}"
                )
            except OperationalError as error:
                raise RuntimeError(
                    "Could not copy the test database for the browser tests: another connection of this test "
                    "process is still open on it. Start the `browser_site` fixture before anything that starts "
                    f"Playwright or threads that use the database. ({error})"
                ) from error

    def copy_template(self) -> str:
        name = self._name(f"test{next(self._counter)}")
        if self.vendor == "sqlite":
            with (
                contextlib.closing(sqlite3.connect(self.template)) as source,
                contextlib.closing(sqlite3.connect(name)) as target,
            ):
                source.backup(target)
        else:
            # FILE_COPY copies the few megabytes of a small database faster than the default WAL_LOG.
            self._execute_on_server(
                f"CREATE DATABASE {self._quote(name)} TEMPLATE {self._quote(self.template)} STRATEGY FILE_COPY"
            )
        return name

    def drop(self, name: str) -> None:
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(name + suffix).unlink(missing_ok=True)
        else:
            self._execute_on_server(f"DROP DATABASE IF EXISTS {self._quote(name)} WITH (FORCE)")

    def remove_all(self) -> None:
        self.drop(self.template)
        shutil.rmtree(self._directory, ignore_errors=True)


@contextlib.contextmanager
def _default_connection(wrapper: BaseDatabaseWrapper) -> Iterator[None]:
    """Make `wrapper` this thread's default database connection for a while (Django keeps one per thread)."""
    previous = connections["default"]
    connections["default"] = wrapper
    try:
        yield
    finally:
        wrapper.close()
        connections["default"] = previous


# --- The live server ------------------------------------------------------------------------------------------


class _Server(ThreadedWSGIServer):
    """Django's threaded development server; each request thread connects to the current test's database."""

    database: dict[str, Any] | None = None

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        if self.database is not None:
            connections["default"] = load_backend(self.database["ENGINE"]).DatabaseWrapper(self.database, "default")
        super().process_request_thread(request, client_address)


class LiveSite:
    """Knutpunkt served on 127.0.0.1 from a thread of the test process, over a seeded template database."""

    def __init__(self) -> None:
        self._databases = _Databases()
        try:
            self._databases.create_template()
            with _default_connection(self._databases.connect(self._databases.template)):
                self._cast, self._newcomer, self._keys = _seed()
        except BaseException:
            self._databases.remove_all()
            raise
        self._server = _Server(("127.0.0.1", 0), QuietWSGIRequestHandler, allow_reuse_address=False)
        self._server.set_app(WSGIHandler())
        self._thread = threading.Thread(target=self._server.serve_forever, name="knutpunkt-live-server", daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    @contextlib.contextmanager
    def fresh_world(self) -> Iterator[BrowserWorld]:
        """A copy of the seeded database, used by the server and by this thread's ORM until the block ends."""
        name = self._databases.copy_template()
        self._server.database = self._databases.settings_for(name)
        try:
            with _default_connection(self._databases.connect(name)):
                # A copy of the model instances too, so that one test's changes to them never reach the next.
                yield BrowserWorld(
                    url=self.url,
                    cast=copy.deepcopy(self._cast),
                    newcomer=copy.deepcopy(self._newcomer),
                    totp_keys=self._keys,
                )
        finally:
            self._server.database = None
            self._databases.drop(name)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._databases.remove_all()


# --- Accessibility ----------------------------------------------------------------------------------------------

# Runs in the page. Audits an HTML document of the site once (unless forced) and returns what axe-core found.
_AXE_RUN = """
async ([tags, force]) => {
  if (!location.protocol.startsWith("http") || document.contentType !== "text/html") return null;
  const first = !window.__knutpunktAudited;
  if (!first && !force) return null;
  window.__knutpunktAudited = true;
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return {
    url: location.href,
    first: first,
    violations: results.violations.map((v) => ({
      id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
    })),
  };
}
"""

# Runs in every document: tells the harness which HTML pages of the site were loaded, so none escapes the audit.
_REPORT_LOADS = """
window.addEventListener("load", () => {
  if (window.top === window && location.protocol.startsWith("http") && document.contentType === "text/html") {
    window.__knutpunktLoaded(location.href);
  }
});
"""


class Violation(TypedDict):
    id: str
    impact: str
    help: str
    helpUrl: str
    targets: list[str]


class AccessibilityAudit:
    """Collects axe-core's findings on every page of one test.

    Each page is audited once, after its `load` event, just before the test's first action or assertion on it
    (Playwright runs a locator handler on `<body>` before every action and every auto-waiting assertion), so the
    audit never races a navigation. The page the test ends on is audited at teardown, and `check(page)` audits the
    page as it is now, e.g. after an htmx swap. A page the test left without touching it is reported too."""

    def __init__(self) -> None:
        self.findings: dict[tuple[str, str, str], Violation] = {}
        self.loaded: list[str] = []
        self.audited: list[str] = []
        self.errors: list[str] = []

    def attach(self, page: Page) -> None:
        page.context.add_init_script(path=AXE_SCRIPT)
        page.context.expose_binding("__knutpunktLoaded", lambda source, url: self.loaded.append(url))
        page.context.add_init_script(script=_REPORT_LOADS)
        page.add_locator_handler(page.locator("body"), lambda: self._audit(page, force=False), no_wait_after=True)

    def check(self, page: Page) -> None:
        """Audit the page as it is now."""
        self._audit(page, force=True)

    def finish(self, page: Page) -> None:
        """Audit the last page, unless it was audited already."""
        self._audit(page, force=False)

    def _audit(self, page: Page, *, force: bool) -> None:
        try:
            page.wait_for_load_state("load")
            result = page.evaluate(_AXE_RUN, [AXE_TAGS, force])
        except Exception as error:  # noqa: BLE001 - an audit that could not run is reported, never ignored
            self.errors.append(f"{page.url}: the accessibility audit could not run: {error}")
            return
        if result is None:
            return
        if result["first"]:
            self.audited.append(result["url"])
        for violation in result["violations"]:
            for target in violation["targets"]:
                self.findings.setdefault((result["url"], violation["id"], target), violation)

    def unaudited(self) -> list[str]:
        """Pages that were loaded but left before any action or assertion let the audit run."""
        remaining = list(self.audited)
        missed = []
        for url in self.loaded:
            if url in remaining:
                remaining.remove(url)
            else:
                missed.append(url)
        return missed

    def report(self) -> str:
        """Every problem found, grouped by page and rule; empty when there were none."""
        lines: list[str] = []
        by_page: dict[str, dict[str, list[str]]] = {}
        for url, rule, target in self.findings:
            by_page.setdefault(url, {}).setdefault(rule, []).append(target)
        for url, rules in by_page.items():
            lines.append(url)
            for rule, targets in rules.items():
                violation = self.findings[(url, rule, targets[0])]
                lines.append(
                    f"  {rule} [{violation['impact']}] {violation['help']} <{violation['helpUrl'].split('?')[0]}>"
                )
                lines.extend(f"      {target}" for target in targets)
        lines.extend(
            f"{url}\n  not audited: the test left this page before any action or assertion on it "
            "(assert something on every page, or call accessibility.check(page))"
            for url in self.unaudited()
        )
        lines.extend(self.errors)
        if not lines:
            return ""
        return "Accessibility audit (axe-core, WCAG 2.1 A and AA) failed:\n" + "\n".join(lines)

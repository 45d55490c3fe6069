"""The unit manager's log review and the person's log extract, through the real pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from knutpunkt.audit.actions import record
from knutpunkt.audit.models import LegalGround, LogReview
from knutpunkt.testing.browser import BrowserWorld, sign_in

pytestmark = pytest.mark.browser


def test_a_manager_finds_an_access_without_relation_and_documents_the_review(page: Page, world: BrowserWorld) -> None:
    cast = world.cast
    record(cast.actor(cast.bo), "person.viewed", person=cast.elsa, legal_ground=LegalGround.OWN_RECORDS)
    record(cast.actor(cast.bo), "person.viewed", person=cast.sam, legal_ground=LegalGround.NONE, had_relation=False)

    sign_in(page, world, cast.maria)
    page.get_by_role("link", name="Loggkontroll").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Loggkontroll")
    flagged = page.locator("tr.flagged")
    expect(flagged).to_have_count(1)
    expect(flagged).to_contain_text("Sam Skog")

    page.get_by_role("link", name="Dokumentera loggkontroll").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dokumentera loggkontroll")
    today = timezone.localdate()
    page.get_by_label("Period från").fill((today - dt.timedelta(days=30)).isoformat())
    page.get_by_label("Period till").fill(today.isoformat())
    page.get_by_label("Urval").fill("Alla händelser utan relation senaste månaden")
    page.get_by_label("Iakttagelser").fill("En visning utan relation: Bo tillfrågad, felsökning i fel ärende.")
    page.get_by_label("Bedömning").select_option(label="Kräver uppföljning")
    page.get_by_role("button", name="Spara loggkontrollen").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    review = LogReview.objects.get()
    assert review.reviewer == cast.maria
    assert "Bo tillfrågad" in review.findings


def test_staff_produce_a_log_extract_for_the_person(page: Page, world: BrowserWorld) -> None:
    sign_in(page, world, world.cast.anna)
    page.goto(f"/personer/{world.cast.elsa.uuid}/")
    page.get_by_role("link", name="Loggutdrag").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Loggutdrag")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned loggutdraget som CSV (för kalkylprogram)").click()
    assert download.value.suggested_filename.endswith(".csv")

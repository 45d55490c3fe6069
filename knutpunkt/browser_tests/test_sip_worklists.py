"""The work lists and the SIP statistics through the real pages: "Mitt arbete", "Vår enhet" with a reminder dismissed
in place, and the statistics with their chart drawn under the Content-Security-Policy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from knutpunkt.plans.models import Plan, PlanStatus, Reminder, ReminderKind
from knutpunkt.testing.browser import AccessibilityAudit, BrowserWorld, sign_in
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan

pytestmark = pytest.mark.browser


def _county(cast: Cast) -> PlanWorld:
    world = make_profiles(cast)
    overdue = requested_plan(cast, world, days_ago=25)
    summoned_plan(cast, world)
    Reminder.objects.create(
        unit=cast.barn_och_unga,
        plan=overdue,
        kind=ReminderKind.DEADLINE_PASSED,
        message=f"Tidsfristen för en SIP som ni har begärt gick ut {overdue.deadline:%Y-%m-%d}.",
        due_on=overdue.deadline,
        key=f"deadline_passed:{overdue.uuid}:0",
    )
    # Six more plans requested the same day as the overdue one, met within the deadline: whatever today's date, the
    # month of the overdue plan then has seven plans due, so no deadline cell is suppressed (nor hidden to protect
    # another month) and the deadline chart has values to draw.
    today = timezone.localdate()
    for days in range(6):
        requested = overdue.requested_on
        Plan.objects.create(
            person=cast.elsa,
            profile=world.children,
            status=PlanStatus.ESTABLISHED,
            requested_on=requested,
            request_reason="Samordning behövs",
            requested_by=cast.anna,
            initiating_unit=cast.barn_och_unga,
            deadline=requested + dt.timedelta(days=21),
            first_meeting_on=requested + dt.timedelta(days=12 + days),
        )
    # And five this month, so that no month of the charts is suppressed (nor hidden to protect another month).
    for _ in range(5):
        Plan.objects.create(
            person=cast.elsa,
            profile=world.children,
            status=PlanStatus.PREPARING,
            requested_on=today.replace(day=1),
            request_reason="Samordning behövs",
            requested_by=cast.anna,
            initiating_unit=cast.barn_och_unga,
            deadline=today.replace(day=1) + dt.timedelta(days=21),
        )
    return world


def test_staff_start_from_their_work_most_urgent_first(page: Page, world: BrowserWorld) -> None:
    _county(world.cast)
    sign_in(page, world, world.cast.anna)

    page.get_by_role("link", name="Mitt arbete").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt arbete")
    rows = page.locator("table.worklist tbody tr")
    expect(rows.first).to_contain_text("4 dagar försenad")
    expect(rows.first).to_contain_text("SIP att kalla till")
    expect(page.get_by_role("table")).to_contain_text("Elsa Lind")


def test_a_manager_dismisses_a_reminder_and_reads_the_statistics(
    page: Page, world: BrowserWorld, accessibility: AccessibilityAudit
) -> None:
    _county(world.cast)
    # The charts must draw under the Content-Security-Policy as it is: no eval, no inline styles or scripts.
    errors: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, world, world.cast.maria)

    page.get_by_role("link", name="Vår enhet").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vår enhet")
    reminder = page.locator(".reminder").first
    expect(reminder).to_contain_text("Tidsfristen har passerat")
    reminder.get_by_role("button", name="Avfärda").click()
    expect(page.get_by_role("status")).to_have_text("Påminnelsen är avfärdad.")
    accessibility.check(page)
    assert Reminder.objects.get().dismissed_at is not None

    page.get_by_role("link", name="Statistik").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SIP-statistik")
    chart = page.locator('[data-chart-spec="chart-spec-requests"]')
    expect(chart.locator("svg")).to_be_visible()
    expect(page.locator('[data-chart-spec="chart-spec-deadline"] svg')).to_be_visible()
    expect(page.get_by_role("table", name="Siffrorna i diagrammet: SIP begärda per månad")).to_contain_text(
        "Barn och unga, Socialtjänsten Karlstad"
    )
    accessibility.check(page)
    assert errors == [], "\n".join(errors)


def test_an_analyst_sees_the_statistics_without_names(page: Page, world: BrowserWorld) -> None:
    _county(world.cast)
    sign_in(page, world, world.cast.ali)
    page.get_by_role("link", name="SIP-statistik").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SIP-statistik")
    expect(page.locator("main")).not_to_contain_text("Elsa")

"""Prevention work through the real pages, as Karlstad's analyst: the start page, a situation report drawn from the
published crime and safety figures and marked done, the action plan created from it, a measure linked to a key
figure with its baseline filled in, the committee's decision, a follow-up, and the cost calculator. axe-core audits
every page on the way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from knutpunkt.prevention.models import (
    ActionPlan,
    CostModel,
    FollowUp,
    MeasureIndicator,
    PlanKind,
    PlanStatus,
    SituationReport,
)
from knutpunkt.testing.browser import BrowserWorld, sign_in
from knutpunkt.testing.prevention import decidable_plan, decide, make_figures

pytestmark = pytest.mark.browser


def test_an_analyst_goes_from_situation_report_to_decided_plan_follow_up_and_costs(
    page: Page, world: BrowserWorld
) -> None:
    make_figures()
    sign_in(page, world, world.cast.ali)

    # The start page: nothing finished yet, so the missing situation report is what is due.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Förebyggande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Förebyggande arbete – Karlstads kommun")
    expect(page.get_by_text("Kommunen har ingen klar lägesbild")).to_be_visible()

    # The situation report: the mapping is drawn from the published values when it is saved.
    page.get_by_role("link", name="Ny lägesbild").click()
    page.get_by_label("Rubrik").fill("Lägesbild brott och trygghet 2025–2026")
    page.get_by_label("Gäller från").fill("2025-01-01")
    page.get_by_label("Gäller till").fill("2026-12-31")
    page.get_by_label("Annan information av betydelse").fill("Polisens lokala lägesbild: oro kring resecentrum.")
    page.get_by_label(re.compile("^Analys:")).fill("Våldet är koncentrerat till centrum på helgkvällar.")
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lägesbild brott och trygghet 2025–2026")
    mapping = page.get_by_role("table", name=re.compile("Brott och trygghet i Karlstads kommun"))
    expect(mapping).to_contain_text("Anmälda våldsbrott")
    expect(mapping).to_contain_text("950,5")
    page.get_by_role("button", name="Lägesbilden är klar").click()
    expect(page.get_by_role("status")).to_contain_text("Värdena i kartläggningen är nu frysta")
    report = SituationReport.objects.get()
    assert report.is_done and report.next_update_due is not None

    # The action plan created from the report.
    page.get_by_role("link", name="Skapa åtgärdsplan från lägesbilden").click()
    expect(page.get_by_label("Rubrik")).to_have_value("Brottsförebyggande åtgärdsplan 2025–2026")
    page.get_by_role("button", name="Skapa åtgärdsplanen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brottsförebyggande åtgärdsplan 2025–2026")
    plan = ActionPlan.objects.get()
    assert plan.kind == PlanKind.CRIME and plan.situation_report == report

    page.get_by_role("link", name="Lägg till mål").click()
    page.get_by_label(re.compile("^Mål:")).fill("Färre våldsbrott i centrum kvällstid.")
    page.get_by_label("Målet är mätbart").check()
    page.get_by_role("button", name="Spara").click()

    # A measure, and straight on to the key figure it should move, the baseline filled in from Kolada.
    page.get_by_role("link", name="Lägg till åtgärd").click()
    page.get_by_label(re.compile("^Åtgärd:")).fill("Platssamverkan i centrum")
    page.get_by_label(re.compile("^Ansvarig:")).select_option(label="Polisen")
    page.get_by_label("Budget (kr)").fill("250 000")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koppla nyckeltal: Platssamverkan i centrum")
    page.get_by_label(re.compile("^Nyckeltal:")).select_option("n07403")
    page.get_by_role("button", name="Hämta senaste värde").click()
    expect(page.get_by_label("Basår")).to_have_value("2023")
    expect(page.get_by_label("Utgångsvärde")).to_have_value("950,5")
    page.get_by_label("Målvärde").fill("850")
    page.get_by_role("button", name="Spara kopplingen").click()
    links = page.get_by_role("table", name=re.compile("Utgångsvärde, senaste värde och mål"))
    expect(links).to_contain_text("Anmälda våldsbrott")
    expect(links).to_contain_text("Ingen ny uppgift")
    assert MeasureIndicator.objects.get().baseline_value == 950.5

    page.get_by_role("link", name="Ändra Platssamverkan i centrum").click()
    page.get_by_label("Status").select_option(label="Pågår")
    page.get_by_role("button", name="Spara").click()

    # The committee decides: version 1.
    page.get_by_label("Beslutande nämnd").fill("Kommunstyrelsen")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.get_by_role("status")).to_contain_text("Planen är sparad som version 1.")
    expect(page.get_by_role("table", name=re.compile("Beslutade versioner"))).to_contain_text("Kommunstyrelsen")
    assert ActionPlan.objects.get().status == PlanStatus.DECIDED
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("version 1")
    expect(page.get_by_role("table", name=re.compile("Nyckeltal som Platssamverkan"))).to_contain_text("950,5")
    page.go_back()

    # A follow-up of the whole plan, the key figures frozen into it.
    page.get_by_role("link", name="Följ upp hela planen").click()
    expect(page.get_by_role("table", name=re.compile("Utgångsvärde, senaste publicerade värde"))).to_be_visible()
    page.get_by_label("Vad visade uppföljningen?").fill("Platssamverkan har kommit i gång med tre fastighetsägare.")
    page.get_by_role("button", name="Registrera uppföljningen").click()
    expect(page.locator(".timeline")).to_contain_text("Platssamverkan har kommit i gång med tre fastighetsägare.")
    assert FollowUp.objects.get().readings[0]["code"] == "n07403"

    # The cost calculator: the example is marked as such, and the result is shown per payer and year.
    page.get_by_role("link", name="Kalkyl för Platssamverkan i centrum").click()
    expect(page.get_by_text("Kommunens egna antaganden.")).to_be_visible()
    expect(page.get_by_label("Kommunen: källa eller motivering")).to_have_value("Exempel – ersätt med egna antaganden")
    page.get_by_label("Kommunen: källa eller motivering").fill("Egen uppskattning, socialförvaltningen 2025")
    page.get_by_role("button", name="Spara antagandena och räkna").click()
    expect(page.get_by_role("table", name=re.compile("Per betalare"))).to_contain_text("Egen uppskattning")
    expect(page.get_by_role("table", name=re.compile("År för år"))).to_be_visible()
    assert CostModel.objects.get().assumptions.count() == 4


def test_a_member_reads_the_committee_report_on_screen_and_downloads_the_pdf(page: Page, world: BrowserWorld) -> None:
    ali = world.cast.actor(world.cast.ali)
    plan, _measure = decidable_plan(ali, make_figures())
    decide(ali, plan)
    sign_in(page, world, world.cast.anna)

    page.goto(f"/forebyggande/planer/{plan.uuid}/")
    page.get_by_role("link", name="Läs rapporten till nämnden på skärmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan 2025–2028")
    expect(page.get_by_text("Rapport till nämnden", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Källor och metod")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Anmälda våldsbrott"))).to_be_visible()
    expect(page.get_by_text("Källa: Kolada.").first).to_be_visible()

    link = page.get_by_role("link", name="Rapport till nämnden (PDF)")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("rapport-till-namnden-")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    response = page.request.get(str(link.get_attribute("href")))
    assert response.headers["content-type"] == "application/pdf"

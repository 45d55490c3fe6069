"""The report to the committee on an action plan: a tagged Swedish PDF with vector charts and its sources, the same
content as a page, for whoever may see the plan; the PDF download is audited.

The key figures are the indicator tests' Värmland data (knutpunkt/testing/indicators.py): Karlstad's economic
assistance (n31807) with a forecast for 2023–2025 and an early warning, and eligibility for upper secondary school
(n15428) without a forecast."""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent
from knutpunkt.indicators import charts
from knutpunkt.indicators.models import EarlyWarning
from knutpunkt.indicators.warnings import explain
from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import actions, committee_report
from knutpunkt.prevention.models import ActionPlan, Measure, MeasureStatus, PlanKind, SituationReport
from knutpunkt.prevention.tests import pdf_reading
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.indicators import FiguresWorld, make_figures
from knutpunkt.testing.prevention import add_measure, decide, link

SECTIONS = [
    "Sammanfattning",
    "Läget",
    "Prognoser",
    "Tidiga varningar",
    "Åtgärdsplanen",
    "Uppföljning",
    "Kalkyler över utanförskapets kostnader",
    "Källor och metod",
]


def _plan(
    actor: Actor, world: FiguresWorld, kind: str = PlanKind.PREVENTIVE, report: SituationReport | None = None
) -> ActionPlan:
    """A decided plan: one goal, a measure linked to economic assistance (on its way to the target) and to
    eligibility (the wrong way)."""
    title = "Brottsförebyggande plan" if kind == PlanKind.CRIME else "Handlingsplan 2025–2028"
    details = actions.PlanDetails(kind, title, dt.date(2025, 1, 1), dt.date(2028, 12, 31), situation_report=report)
    plan = actions.create_plan(actor, details)
    goal = actions.save_goal(actor, plan, plan.lock_version, text="Färre barn i familjer med bistånd", measurable=True)
    measure = add_measure(actor, plan, title="Familjecoacher", goal=goal, target_group="Barnfamiljer med bistånd")
    link(actor, measure, world.assistance, baseline_year=2018, baseline_value=3.8, target_year=2026, target_value=3.0)
    link(actor, measure, world.eligible, baseline_year=2018, baseline_value=86.0, target_year=2026, target_value=90.0)
    actions.save_measure(actor, plan, plan.lock_version, {"status": MeasureStatus.ONGOING}, measure)
    decide(actor, plan)
    return plan


@pytest.fixture
def world(cast: Cast) -> FiguresWorld:
    return make_figures(forecast=True)


@pytest.fixture
def plan(ali: Actor, world: FiguresWorld) -> ActionPlan:
    return _plan(ali, world)


def _page(cast: Cast, plan: ActionPlan) -> str:
    response = cast.client(cast.anna).get(reverse("prevention:committee_report", kwargs={"plan_uuid": plan.uuid}))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _pdf(plan: ActionPlan, actor: Actor) -> bytes:
    return committee_report.render_pdf(committee_report.build(plan, actor), compress=False)


# --- The PDF ----------------------------------------------------------------------------------------------------


def test_the_pdf_is_a_tagged_swedish_a4_pdf_with_a_title(plan: ActionPlan, ali: Actor) -> None:
    pdf = _pdf(plan, ali)
    assert pdf.startswith(b"%PDF")
    assert b"/StructTreeRoot" in pdf and b"/MarkInfo <</Marked true>>" in pdf
    assert b"/Lang (sv)" in pdf
    assert b"/MediaBox [0 0 595" in pdf
    assert b"/DisplayDocTitle true" in pdf
    assert pdf_reading.document_title(pdf) == "Rapport till nämnden: Handlingsplan 2025–2028 – Karlstads kommun"


def test_the_pdf_has_the_sections_in_order_as_headings(plan: ActionPlan, ali: Actor) -> None:
    headings = pdf_reading.outline(_pdf(plan, ali))
    assert headings[0] == "Handlingsplan 2025–2028"
    assert [heading for heading in headings if heading in SECTIONS] == SECTIONS


def test_the_pdf_cites_kolada_and_says_what_is_knutpunkts_own_processing(plan: ActionPlan, ali: Actor) -> None:
    text = pdf_reading.text(_pdf(plan, ali))
    assert "Källa: Kolada" in text
    own = "Prognoser, gruppernas medelvärden, index och tidiga varningar är Knutpunkts egen bearbetning av data"
    assert own in text
    assert "De är inte Koladas uppgifter" in text


def test_the_pdf_draws_the_charts_as_vectors_with_their_alternative_text(plan: ActionPlan, ali: Actor) -> None:
    pdf = _pdf(plan, ali)
    assert b"/Subtype /Image" not in pdf
    assert pdf.count(b"/S /Figure") == 2  # one chart per key figure
    assert "Riket" in pdf_reading.text(pdf)  # the chart's legend is text, not pixels


def test_the_charts_are_svg_images_with_the_chart_title_as_alt_text(plan: ActionPlan, ali: Actor) -> None:
    document = committee_report.render_document(committee_report.build(plan, ali))
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)">', document)
    assert len(images) == 2
    svg = base64.b64decode(images[0][0]).decode("utf-8")
    assert svg.startswith("<svg") and "Källa: Kolada" in svg
    assert html.unescape(images[0][1]).startswith("Invånare som någon gång under året erhållit ekonomiskt bistånd")


def test_downloading_the_pdf_is_audited(cast: Cast, plan: ActionPlan) -> None:
    url = reverse("prevention:committee_report_pdf", kwargs={"plan_uuid": plan.uuid})
    response = cast.client(cast.anna).get(url)
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert 'filename="rapport-till-namnden-handlingsplan-2025-2028-' in response["Content-Disposition"]
    event = AuditEvent.objects.get(event="prevention.report_downloaded")
    assert event.actor == cast.anna and event.object_uuid == plan.uuid and event.person is None
    assert event.detail == {"format": "pdf", "decided_version": 1}


def test_reading_the_report_on_screen_is_not_audited(cast: Cast, plan: ActionPlan) -> None:
    _page(cast, plan)
    assert not AuditEvent.objects.filter(event="prevention.report_downloaded").exists()


@pytest.mark.parametrize("name", ["prevention:committee_report", "prevention:committee_report_pdf"])
def test_the_outsider_gets_404(cast: Cast, plan: ActionPlan, name: str) -> None:
    response = cast.client(cast.olle).get(reverse(name, kwargs={"plan_uuid": plan.uuid}))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event="prevention.report_downloaded").exists()


# --- What the report says -------------------------------------------------------------------------------------


def test_the_cover_names_municipality_plan_committee_decision_and_who_prepared_it(cast: Cast, plan: ActionPlan) -> None:
    page = _page(cast, plan)
    cover = page[page.index('class="report-cover"') : page.index('id="sammanfattning"')]
    for expected in ("Karlstads kommun", "Handlingsplan 2025–2028", "Kommunstyrelsen", "(version 1)", "Anna"):
        assert expected in cover, expected
    assert timezone.localdate().strftime("%Y") in cover


def test_the_forecasts_are_shown_with_their_80_percent_interval_as_knutpunkts_own(cast: Cast, plan: ActionPlan) -> None:
    page = _page(cast, plan)
    forecasts = page[page.index('id="prognoser"') : page.index('id="tidiga-varningar"')]
    assert "Knutpunkts egen bearbetning av data från Kolada – inte uppgifter från Kolada" in forecasts
    assert re.search(r"2023</td>\s*<td[^>]*>3,6</td>\s*<td[^>]*>3,3 – 3,9</td>", forecasts)
    assert "Ingen prognos: serien är för kort eller har för många luckor." in forecasts  # eligibility


def test_the_municipalitys_early_warning_is_explained(cast: Cast, plan: ActionPlan) -> None:
    warning = EarlyWarning.objects.get()
    page = _page(cast, plan)
    warnings = page[page.index('id="tidiga-varningar"') : page.index('id="atgardsplanen"')]
    assert explain(warning) in warnings and "planens nyckeltal" in warnings


def test_each_measure_shows_its_key_figures_from_baseline_to_target_in_the_plan_pages_words(
    cast: Cast, plan: ActionPlan
) -> None:
    page = _page(cast, plan)
    measures = page[page.index('id="atgardsplanen"') : page.index('id="uppfoljning"')]
    assert "Familjecoacher" in measures and "Barnfamiljer med bistånd" in measures
    assert "1\u202f200\u202f000\u202fkr" in measures
    for figure in ("3,8\u202f% (2018)", "3,4\u202f% (2022)", "3,0\u202f% (2026)"):
        assert figure in measures, figure
    assert "På väg mot målet" in measures and "Åt fel håll" in measures


def test_followups_are_told_oldest_first(cast: Cast, ali: Actor, plan: ActionPlan) -> None:
    today = timezone.localdate()
    actions.record_followup(ali, plan, held_on=today, text="Den senare uppföljningen")
    actions.record_followup(ali, plan, held_on=today - dt.timedelta(days=30), text="Den tidigare uppföljningen")
    page = _page(cast, plan)
    assert page.index("Den tidigare uppföljningen") < page.index("Den senare uppföljningen")


def test_a_crime_prevention_plan_shows_the_situation_reports_analysis_and_next_update(
    cast: Cast, ali: Actor, world: FiguresWorld
) -> None:
    details = actions.ReportDetails(
        "Lägesbild 2025",
        dt.date(2025, 1, 1),
        dt.date(2026, 12, 31),
        ["n31807"],
        "Oro kring resecentrum.",
        "Våldet ökar.",
    )
    report = actions.create_report(ali, details)
    actions.finish_report(ali, report, report.lock_version, done_on=dt.date(2025, 3, 1))
    plan = _plan(ali, world, kind=PlanKind.CRIME, report=report)
    page = _page(cast, plan)
    assert "Våldet ökar." in page and "Oro kring resecentrum." in page
    assert "Lägesbilden ”Lägesbild 2025” ska uppdateras senast 1 mars 2027." in page


def test_a_cost_calculation_is_summed_per_payer_as_the_municipalitys_own_assumptions(
    cast: Cast, ali: Actor, plan: ActionPlan
) -> None:
    measure = Measure.objects.get(plan=plan)
    measure.plan = plan
    assumptions = {"municipality": (Decimal(100_000), "Egen uppskattning"), "state": (Decimal(50_000), "SCB")}
    details = actions.CostDetails(
        10, Decimal(50), Decimal(60), 1, 2, Decimal(0), Decimal(0), Decimal(0), "", assumptions
    )
    actions.save_costs(ali, measure, 0, details)
    page = _page(cast, plan)
    costs = page[page.index('id="kalkyler"') : page.index('id="kallor"')]
    assert "Kalkylerna bygger helt på kommunens egna antaganden." in costs
    # One person more kept out of exclusion each year for two years: 2 x 100 000 kr to the municipality.
    assert re.search(
        r"Kommunen</th>\s*<td[^>]*>100\u202f000\u202fkr</td>\s*<td>Egen uppskattning</td>\s*"
        r"<td[^>]*>200\u202f000\u202fkr</td>",
        costs,
    )
    assert "300\u202f000\u202fkr" in costs  # the total, the state's 100 000 kr included


def test_the_sources_give_koladas_publication_dates(cast: Cast, world: FiguresWorld, plan: ActionPlan) -> None:
    world.assistance.publication_date = dt.date(2025, 6, 14)
    world.assistance.save()
    page = _page(cast, plan)
    sources = page[page.index('id="kallor"') :]
    assert re.search(r"n31807</td>\s*<td[^>]*>14 juni 2025</td>", sources)


def test_a_plan_without_forecasts_or_warnings_still_gets_a_report_that_says_so(cast: Cast, ali: Actor) -> None:
    world = make_figures(forecast=False)
    plan = _plan(ali, world)
    page = _page(cast, plan)
    assert "Det finns ingen prognos ännu: Knutpunkts prognoser har inte räknats." in page
    assert "Det finns inga tidiga varningar ännu" in page
    text = pdf_reading.text(_pdf(plan, ali))
    assert "Det finns ingen prognos ännu" in text


def test_the_report_is_in_swedish_for_a_reader_working_in_english(cast: Cast, plan: ActionPlan) -> None:
    client = cast.client(cast.anna)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("prevention:committee_report", kwargs={"plan_uuid": plan.uuid})).content.decode()
    assert '<div class="committee-report" lang="sv">' in page and "Källor och metod" in page


# --- Links and charts ---------------------------------------------------------------------------------------------


def test_the_plan_page_and_the_start_page_link_to_the_pdf(cast: Cast, plan: ActionPlan) -> None:
    url = reverse("prevention:committee_report_pdf", kwargs={"plan_uuid": plan.uuid})
    client = cast.client(cast.anna)
    plan_page = client.get(reverse("prevention:plan", kwargs={"plan_uuid": plan.uuid})).content.decode()
    start_page = client.get(reverse("prevention:start")).content.decode()
    assert f'href="{url}">Rapport till nämnden (PDF)</a>' in plan_page
    assert f'href="{url}">Rapport till nämnden (PDF)<span class="visually-hidden">: {plan.title}</span>' in start_page


def test_the_report_charts_have_ticks_on_whole_years_only(world: FiguresWorld) -> None:
    chart = charts.history_chart(world.assistance, world.karlstad)
    x_axes = [layer["encoding"]["x"]["axis"] for layer in committee_report.report_spec(chart)["layer"]]
    assert all(axis["values"] == list(range(2016, 2026)) for axis in x_axes)

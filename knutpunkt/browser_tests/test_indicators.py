"""Key figures through the real pages: the overview, one key figure with its forecast, the map, the living-conditions
index and the early warnings, each chart drawn under the Content-Security-Policy and every page audited."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import ConsoleMessage, FilePayload, Page, expect

from knutpunkt.indicators.models import IndicatorValue
from knutpunkt.testing.browser import AccessibilityAudit, BrowserWorld, sign_in
from knutpunkt.testing.indicators import ASSISTANCE, make_figures

pytestmark = pytest.mark.browser

ASSISTANCE_TITLE = "Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%) av bef."


def _watch_for_errors(page: Page) -> list[str]:
    """Content-Security-Policy refusals and script errors: a chart must draw without eval or inline styles."""
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or message.text.startswith("Knutpunkt:"):
            errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_staff_read_their_municipalitys_key_figures_and_one_in_detail(
    page: Page, world: BrowserWorld, accessibility: AccessibilityAudit
) -> None:
    make_figures(forecast=True)
    errors = _watch_for_errors(page)
    sign_in(page, world, world.cast.anna)

    page.get_by_role("link", name="Nyckeltal", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyckeltal för Karlstad")
    expect(
        page.get_by_role("table", name="Ekonomiskt bistånd: Karlstad, riket och jämförelsegrupperna")
    ).to_contain_text("Bättre")

    page.get_by_role("link", name=ASSISTANCE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ASSISTANCE_TITLE)
    expect(page.locator('[data-chart-spec="chart-spec-history"] svg')).to_be_visible()
    expect(page.get_by_role("table", name="Knutpunkts prognos för Karlstad")).to_contain_text("2025")
    expect(page.get_by_role("heading", name="Tidig varning")).to_be_visible()
    expect(page.locator('[data-chart-spec="chart-spec-ranking"] svg')).to_be_visible()

    page.get_by_text("Hela rangordningen (6 kommuner)").click()
    expect(page.get_by_role("table", name="alla kommuner i rangordning")).to_contain_text("Hammarö")
    accessibility.check(page)
    assert errors == [], "\n".join(errors)


def test_the_map_draws_sweden_and_lists_every_municipality(
    page: Page, world: BrowserWorld, accessibility: AccessibilityAudit
) -> None:
    make_figures()
    errors = _watch_for_errors(page)
    sign_in(page, world, world.cast.ali)

    page.goto("/nyckeltal/karta/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Karta över kommunerna")
    chart = page.locator('[data-chart-spec="chart-spec-map"]')
    expect(chart.locator("svg")).to_be_visible()
    # One shape per municipality in the grey base layer alone.
    assert chart.locator("svg path").count() > 290
    table = page.get_by_role("table", name="alla kommuner i rangordning")
    for name in ["Karlstad", "Arvika", "Hammarö", "Kil", "Forshaga", "Grums"]:
        expect(table).to_contain_text(name)

    page.get_by_role("combobox", name="Nyckeltal").select_option(
        label="Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)"
    )
    page.get_by_role("combobox", name="År").select_option("2018")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("2018, per kommun")
    expect(page.locator('[data-chart-spec="chart-spec-map"] svg')).to_be_visible()
    accessibility.check(page)
    assert errors == [], "\n".join(errors)


def test_the_living_conditions_index_shows_weights_ranking_and_map(
    page: Page, world: BrowserWorld, accessibility: AccessibilityAudit
) -> None:
    make_figures()
    errors = _watch_for_errors(page)
    sign_in(page, world, world.cast.maria)

    page.goto("/nyckeltal/levnadsvillkor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Levnadsvillkorsindex")
    for slug in ["index-contributions", "index-ranking", "index-map"]:
        expect(page.locator(f'[data-chart-spec="chart-spec-{slug}"] svg')).to_be_visible()

    page.get_by_label(f"Vikt för {ASSISTANCE_TITLE}").fill("3")
    page.get_by_role("button", name="Räkna").click()
    weights = page.get_by_role("table", name="Nyckeltalen i indexet 2022, deras vikter och hur de standardiserades")
    expect(weights).to_contain_text("75 %")
    expect(
        page.get_by_role("table", name="Levnadsvillkorsindex 2022, alla kommuner, högst index först")
    ).to_contain_text("Grums")
    accessibility.check(page)
    assert errors == [], "\n".join(errors)


def test_an_early_warning_leads_to_its_chart(page: Page, world: BrowserWorld) -> None:
    make_figures(forecast=True)
    sign_in(page, world, world.cast.anna)

    page.goto("/nyckeltal/varningar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tidiga varningar")
    warnings = page.get_by_role("table", name="1 tidig varning, allvarligast först")
    expect(warnings).to_contain_text("Karlstad")
    warnings.get_by_role("link", name=ASSISTANCE_TITLE).click()
    expect(page.get_by_role("heading", name="Tidig varning")).to_be_visible()
    expect(page.locator('[data-chart-spec="chart-spec-history"] svg')).to_be_visible()


def test_without_forecasts_the_warnings_page_says_so(page: Page, world: BrowserWorld) -> None:
    make_figures()
    sign_in(page, world, world.cast.anna)
    page.goto("/nyckeltal/varningar/")
    expect(page.get_by_role("note")).to_contain_text("Prognoserna har inte räknats ännu")


def _kolada_document(*entries: tuple[str, int, float]) -> bytes:
    """A file in the shape of Kolada's API v2, with one value per (municipality, year, value)."""
    values = [
        {"kpi": ASSISTANCE, "municipality": code, "period": year, "values": [{"gender": "T", "value": value}]}
        for code, year, value in entries
    ]
    return json.dumps({"count": len(values), "values": values, "next_page": None}).encode()


def test_an_analyst_uploads_a_kolada_file_and_a_broken_one_is_refused_whole(
    page: Page, world: BrowserWorld, accessibility: AccessibilityAudit
) -> None:
    make_figures()
    sign_in(page, world, world.cast.ali)

    page.get_by_role("link", name="Importera nyckeltal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importera nyckeltal från Kolada")
    page.get_by_label("JSON-filer från Kolada").set_input_files(
        [
            FilePayload(
                name="n31807-2030.json", mimeType="application/json", buffer=_kolada_document(("1780", 2030, 3.1))
            )
        ]
    )
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_role("status")).to_contain_text("Importen är klar: 1 nya värden")
    expect(page.get_by_role("table", name="Genomförda importer av nyckeltal, den senaste först")).to_contain_text(
        "n31807-2030.json"
    )
    accessibility.check(page)

    broken = _kolada_document(("1780", 2031, 3.0), ("9999", 2031, 2.0))
    page.get_by_label("JSON-filer från Kolada").set_input_files(
        [FilePayload(name="trasig.json", mimeType="application/json", buffer=broken)]
    )
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_role("alert")).to_contain_text("trasig.json, post 2")
    accessibility.check(page)
    assert not IndicatorValue.objects.filter(indicator__code=ASSISTANCE, year=2031).exists()
    assert IndicatorValue.objects.get(indicator__code=ASSISTANCE, area__code="1780", year=2030).value == 3.1

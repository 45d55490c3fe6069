"""The situation report under Lag 2023:196: the mapping drawn from the municipality's published crime and safety
figures, frozen when the report is done, the next update date, and the action plan built on it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from knutpunkt.indicators.models import IndicatorValue
from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import actions
from knutpunkt.prevention.models import ActionPlan, PlanKind, ReportStatus, SituationReport
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures

DETAILS = actions.ReportDetails(
    "Lägesbild 2025–2026",
    dt.date(2025, 1, 1),
    dt.date(2026, 12, 31),
    ["n07403", "n07609"],
    "Polisens lokala lägesbild.",
    "Våldet är koncentrerat till centrum.",
)


def _done(actor: Actor, report: SituationReport, on: dt.date | None = None) -> SituationReport:
    actions.finish_report(actor, report, report.lock_version, done_on=on or timezone.localdate())
    return SituationReport.objects.get(pk=report.pk)


def test_a_report_draws_the_municipalitys_published_values_into_its_mapping(ali: Actor, figures: Figures) -> None:
    report = actions.create_report(ali, DETAILS)
    violence, unsafe = report.mapping
    assert violence["code"] == "n07403"
    assert violence["series"] == [[2020, 1010.0], [2021, 980.0], [2022, 1005.0], [2023, 950.5]]
    assert (violence["newest_year"], violence["newest_value"]) == (2023, 950.5)
    assert (violence["first_year"], violence["first_value"]) == (2020, 1010.0)
    assert violence["country_value"] == 1020.0
    assert (unsafe["newest_year"], unsafe["newest_value"], unsafe["is_share"]) == (2023, 27.5, True)


def test_a_draft_draws_the_values_again_when_it_is_saved(ali: Actor, figures: Figures) -> None:
    report = actions.create_report(ali, DETAILS)
    IndicatorValue.objects.create(indicator=figures.violence, area=figures.karlstad, year=2024, value=900.0)
    actions.update_report(ali, report, report.lock_version, DETAILS)
    assert SituationReport.objects.get(pk=report.pk).mapping[0]["newest_value"] == 900.0


def test_a_done_report_keeps_its_values_when_new_ones_are_published(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    report = _done(ali, actions.create_report(ali, DETAILS))
    IndicatorValue.objects.create(indicator=figures.violence, area=figures.karlstad, year=2024, value=1500.0)
    assert SituationReport.objects.get(pk=report.pk).mapping[0]["newest_value"] == 950.5
    body = cast.client(cast.anna).get(reverse("prevention:report", kwargs={"report_uuid": report.uuid})).content
    text = body.decode().replace("\u202f", " ")
    assert "950,5" in text and "1 500" not in text
    assert "Källa: Kolada" in text
    assert 'href="/nyckeltal/1780/n07403/"' in text  # the key figure's own page
    assert (
        cast.client(cast.ali).get(reverse("prevention:report_edit", kwargs={"report_uuid": report.uuid})).status_code
        == 404
    )


def test_a_done_report_is_to_be_updated_two_years_on(ali: Actor, figures: Figures) -> None:
    report = _done(ali, actions.create_report(ali, DETAILS), dt.date(2025, 3, 14))
    assert report.status == ReportStatus.DONE and report.done_on == dt.date(2025, 3, 14)
    assert report.next_update_due == dt.date(2027, 3, 14)


def test_the_next_update_date_may_be_chosen_but_comes_after_the_report(ali: Actor, figures: Figures) -> None:
    report = actions.create_report(ali, DETAILS)
    with pytest.raises(ValidationError, match="efter"):
        actions.finish_report(
            ali, report, report.lock_version, done_on=dt.date(2025, 3, 14), next_update_due=dt.date(2025, 1, 1)
        )


def test_a_report_is_not_done_without_an_analysis(ali: Actor, figures: Figures) -> None:
    details = actions.ReportDetails("Lägesbild", dt.date(2025, 1, 1), dt.date(2026, 12, 31), ["n07403"], "", " ")
    report = actions.create_report(ali, details)
    with pytest.raises(ValidationError, match="Analysen saknas"):
        _done(ali, report)


def test_the_start_page_tracks_the_next_update_date(cast: Cast, figures: Figures) -> None:
    _done(cast.actor(cast.ali), actions.create_report(cast.actor(cast.ali), DETAILS), dt.date(2023, 5, 2))
    body = cast.client(cast.anna).get(reverse("prevention:start")).content.decode()
    assert "Lägesbilden ska uppdateras senast 2 maj 2025" in body
    assert "Försenad" in body


def test_the_start_page_says_when_there_is_no_finished_report(cast: Cast, figures: Figures) -> None:
    body = cast.client(cast.anna).get(reverse("prevention:start")).content.decode()
    assert "Kommunen har ingen klar lägesbild" in body


def test_marking_a_report_done_through_the_page(cast: Cast, figures: Figures) -> None:
    report = actions.create_report(cast.actor(cast.ali), DETAILS)
    response = cast.client(cast.ali).post(
        reverse("prevention:report_done", kwargs={"report_uuid": report.uuid}),
        {"lock_version": report.lock_version, "done_on": "2025-06-01", "next_update_due": "2027-06-01"},
    )
    assert response.status_code == 302
    assert SituationReport.objects.get(pk=report.pk).next_update_due == dt.date(2027, 6, 1)


def test_an_action_plan_is_created_from_the_report(cast: Cast, figures: Figures) -> None:
    report = _done(cast.actor(cast.ali), actions.create_report(cast.actor(cast.ali), DETAILS))
    url = reverse("prevention:plan_from_report", kwargs={"report_uuid": report.uuid})
    form_page = cast.client(cast.ali).get(url)
    assert form_page.context["form"].initial["title"] == "Brottsförebyggande åtgärdsplan 2025–2026"
    response = cast.client(cast.ali).post(
        url, {"title": "Åtgärdsplan mot brott", "period_from": "2025-01-01", "period_to": "2026-12-31"}
    )
    plan = ActionPlan.objects.get()
    assert response["Location"] == reverse("prevention:plan", kwargs={"plan_uuid": plan.uuid})
    assert plan.kind == PlanKind.CRIME and plan.situation_report == report
    assert plan.municipality == cast.karlstad


def test_no_action_plan_is_built_on_an_unfinished_report(cast: Cast, figures: Figures) -> None:
    report = actions.create_report(cast.actor(cast.ali), DETAILS)
    url = reverse("prevention:plan_from_report", kwargs={"report_uuid": report.uuid})
    assert cast.client(cast.ali).get(url).status_code == 404
    with pytest.raises(ValidationError, match="klar"):
        actions.create_plan_from_report(
            cast.actor(cast.ali), report, title="x", period_from=dt.date(2025, 1, 1), period_to=dt.date(2025, 2, 1)
        )

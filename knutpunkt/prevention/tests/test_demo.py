"""The demo's prevention work for Karlstad: the whole cycle from the published values there are, once."""

from __future__ import annotations

from knutpunkt.indicators.models import Indicator, IndicatorValue
from knutpunkt.prevention.demo import PLAN_TITLE, REPORT_TITLE, seed_prevention_demo
from knutpunkt.prevention.models import (
    ActionPlan,
    CostModel,
    FollowUp,
    MeasureIndicator,
    PlanKind,
    PlanStatus,
    PlanVersion,
    ReportStatus,
    SituationReport,
)
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures


def _more_values(figures: Figures) -> None:
    """A few more of Kolada's key figures for Karlstad, as the demo's import would bring."""
    for code, title, values in (
        ("u31803", "Barn i familjer med ekonomiskt bistånd, andel (%)", {2021: 6.1, 2023: 5.8}),
        ("n15508", "Elever i åk. 9 som uppnått kunskapskraven i alla ämnen, andel (%)", {2022: 74.0, 2023: 76.0}),
        ("n01452", "Invånare 16-84 år med allvarlig psykisk påfrestning, andel (%)", {2022: 13.0}),
    ):
        indicator = Indicator.objects.create(code=code, title=title)
        for year, value in values.items():
            IndicatorValue.objects.create(indicator=indicator, area=figures.karlstad, year=year, value=value)


def test_the_demo_seeds_the_prevention_cycle_once(cast: Cast, figures: Figures) -> None:
    _more_values(figures)
    seed_prevention_demo()

    plan = ActionPlan.objects.get(title=PLAN_TITLE)
    assert plan.municipality == cast.karlstad and plan.status == PlanStatus.DECIDED
    assert plan.versions.count() == 2 and plan.decided_version == 2
    measures = plan.measures.filter(removed=False)
    assert measures.count() >= 5
    assert {m.responsible_kind for m in measures} >= {"school", "social_services", "culture_leisure", "civil_society"}
    # Every measure left in the plan is linked, its baseline taken from the published values.
    for measure in measures:
        assert measure.indicator_links.filter(removed=False).exists(), measure.title
    link = MeasureIndicator.objects.get(measure__plan=plan, indicator__code="n15428")
    published = IndicatorValue.objects.get(indicator__code="n15428", area=figures.karlstad, year=link.baseline_year)
    assert link.baseline_value == published.value
    assert FollowUp.objects.filter(plan=plan).count() >= 3
    assert CostModel.objects.filter(measure__plan=plan).count() == 1

    report = SituationReport.objects.get(title=REPORT_TITLE)
    assert report.status == ReportStatus.DONE and report.next_update_due is not None
    assert "n07403" in report.indicator_codes()
    crime = ActionPlan.objects.get(kind=PlanKind.CRIME)
    assert crime.situation_report == report and crime.status == PlanStatus.DECIDED
    assert crime.followups.exists() and crime.next_followup_on is not None

    counts = (ActionPlan.objects.count(), PlanVersion.objects.count(), FollowUp.objects.count())
    seed_prevention_demo()
    assert (ActionPlan.objects.count(), PlanVersion.objects.count(), FollowUp.objects.count()) == counts


def test_the_demo_does_nothing_without_karlstad(db: None) -> None:
    seed_prevention_demo()
    assert not ActionPlan.objects.exists()

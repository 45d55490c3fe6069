"""What an action plan says: what it lacks before the committee decides it, the frozen snapshot stored in a decided
PlanVersion, whether it has changed since, and the comparison of two versions."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knutpunkt.core.formatting import kr, number
from knutpunkt.core.versions import SectionChange, compare_sections
from knutpunkt.prevention.models import (
    ActionPlan,
    EvidenceLevel,
    Goal,
    Measure,
    MeasureIndicator,
    MeasureStatus,
    PlanVersion,
    ResponsibleKind,
)


def active_measures(plan: ActionPlan) -> list[Any]:
    return list(
        plan.measures.filter(removed=False)
        .select_related("goal", "area")
        .prefetch_related("indicator_links__indicator")
    )


def active_goals(plan: ActionPlan) -> list[Goal]:
    return list(plan.goals.filter(removed=False))


def live_links(measure: Any) -> list[Any]:
    """The measure's indicator links that are not removed (from a prefetch when there is one)."""
    return [link for link in measure.indicator_links.all() if not link.removed]


def needs_link(measure: Measure) -> bool:
    """Every measure that is carried out must say which key figure it should move: only a stopped one need not."""
    return measure.status != MeasureStatus.STOPPED and not live_links(measure)


def lacks_finished_report(plan: ActionPlan) -> bool:
    """A crime-prevention plan must rest on a finished situation report (Lag 2023:196)."""
    report = plan.situation_report
    return plan.is_crime_prevention and (report is None or not report.is_done)


def budget_total(measures: Sequence[Measure]) -> Decimal | None:
    """The measures' budgets added up; None when no measure has one (as the database's SUM says)."""
    budgets = [measure.budget for measure in measures if measure.budget is not None]
    return sum(budgets, Decimal(0)) if budgets else None


def followup_links(plan: ActionPlan, measure: Measure | None) -> QuerySet[MeasureIndicator]:
    """The key-figure links a follow-up reads: the measure's, or those of every measure of the plan."""
    links = MeasureIndicator.objects.filter(removed=False).select_related("indicator", "measure")
    if measure is not None:
        return links.filter(measure=measure)
    return links.filter(measure__plan=plan, measure__removed=False)


def missing_for_decision(
    plan: ActionPlan, *, measures: Sequence[Measure] | None = None, goals: Sequence[Goal] | None = None
) -> list[str]:
    """What the plan lacks before it can be decided, in Swedish; empty when it is complete. `measures` (from
    active_measures) and `goals` (from active_goals) spare the queries when the caller has them.

    Every measure that is carried out must say which key figure it should move, and a crime-prevention plan must
    rest on a finished situation report (Lag 2023:196)."""
    measures = active_measures(plan) if measures is None else measures
    goals = active_goals(plan) if goals is None else goals
    missing: list[str] = []
    if not goals:
        missing.append(_("Planen har inga mål."))
    if not any(m.status != MeasureStatus.STOPPED for m in measures):
        missing.append(_("Planen har inga åtgärder."))
    for measure in measures:
        if needs_link(measure):
            missing.append(
                _("Åtgärden ”%(title)s” är inte kopplad till något nyckeltal som den ska påverka.")
                % {"title": measure.title}
            )
    if lacks_finished_report(plan):
        if plan.situation_report is None:
            missing.append(_("En brottsförebyggande åtgärdsplan ska bygga på en lägesbild. Välj lägesbilden."))
        else:
            missing.append(_("Lägesbilden som planen bygger på är inte klar."))
    return missing


def snapshot(
    plan: ActionPlan, *, measures: Sequence[Measure] | None = None, goals: Sequence[Goal] | None = None
) -> dict[str, Any]:
    """Everything the plan says, as plain data, for an immutable version. `measures` (from active_measures) and
    `goals` (from active_goals) spare the queries when the caller has them."""
    measures = active_measures(plan) if measures is None else measures
    goals = active_goals(plan) if goals is None else goals
    return {
        "title": plan.title,
        "kind": plan.kind,
        "period_from": plan.period_from.isoformat(),
        "period_to": plan.period_to.isoformat(),
        "situation_report": plan.situation_report.title if plan.situation_report else "",
        "goals": [{"text": g.text, "measurable": g.measurable} for g in goals],
        "measures": [
            {
                "title": m.title,
                "description": m.description,
                "goal": m.goal.text if m.goal and not m.goal.removed else "",
                # Codes, not labels: a version says the same in every language the page is read in.
                "responsible_kind": m.responsible_kind,
                "responsible_name": m.responsible_name,
                "target_group": m.target_group,
                "area": m.area_label,
                "budget": str(m.budget) if m.budget is not None else "",
                "starts_on": m.starts_on.isoformat() if m.starts_on else "",
                "ends_on": m.ends_on.isoformat() if m.ends_on else "",
                "evidence_level": m.evidence_level,
                "status": m.status,
                "indicators": [
                    {
                        "code": link.indicator.code,
                        "title": link.indicator.title,
                        "baseline_year": link.baseline_year,
                        "baseline_value": link.baseline_value,
                        "target_year": link.target_year,
                        "target_value": link.target_value,
                    }
                    for link in live_links(m)
                ],
            }
            for m in measures
        ],
    }


def latest_version(plan: ActionPlan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def changed_since_decision(
    plan: ActionPlan,
    *,
    latest: PlanVersion | None = None,
    measures: Sequence[Measure] | None = None,
    goals: Sequence[Goal] | None = None,
) -> bool:
    """The plan says something other than its latest decided version: a new decision is needed. `latest` (the
    newest version), `measures` and `goals` spare the queries when the caller has them."""
    latest = latest or latest_version(plan)
    return latest is not None and latest.content != snapshot(plan, measures=measures, goals=goals)


SECTION_LABELS: dict[str, Promise] = {
    "title": gettext_lazy("Rubrik"),
    "period": gettext_lazy("Period"),
    "situation_report": gettext_lazy("Lägesbild"),
    "goals": gettext_lazy("Mål"),
    "measures": gettext_lazy("Åtgärder"),
    "indicators": gettext_lazy("Nyckeltal, utgångsvärden och mål"),
}


def _label(choices: type[MeasureStatus] | type[EvidenceLevel] | type[ResponsibleKind], value: str) -> str:
    return str(dict(choices.choices).get(value, value))


def _measure_line(measure: dict[str, Any]) -> str:
    parts = [
        measure.get("title", ""),
        measure.get("responsible_name") or _label(ResponsibleKind, measure.get("responsible_kind", "")),
        measure.get("target_group", ""),
        measure.get("area", ""),
        kr(measure["budget"]) if measure.get("budget") else "",
        f"{measure.get('starts_on', '')}–{measure.get('ends_on', '')}"
        if measure.get("starts_on") or measure.get("ends_on")
        else "",
        _label(EvidenceLevel, measure.get("evidence_level", "")),
        _label(MeasureStatus, measure.get("status", "")),
        measure.get("description", ""),
    ]
    return " – ".join(str(p) for p in parts if p)


def _lines(content: dict[str, Any], key: str) -> list[str]:
    if key == "period":
        return [f"{content.get('period_from', '')}–{content.get('period_to', '')}"]
    if key == "goals":
        return [g.get("text", "") for g in content.get("goals", [])]
    if key == "measures":
        return [_measure_line(m) for m in content.get("measures", [])]
    if key == "indicators":
        return [
            f"{m.get('title', '')}: {i.get('title', '')} ({i.get('code', '')}) "
            f"{number(i.get('baseline_value'), 1)} ({i.get('baseline_year')}) → "
            f"{number(i.get('target_value'), 1)} ({i.get('target_year')})"
            for m in content.get("measures", [])
            for i in m.get("indicators", [])
        ]
    value = content.get(key)
    return [str(value)] if value else []


def compare(older: dict[str, Any], newer: dict[str, Any]) -> list[SectionChange]:
    """The sections that differ between two versions, with the lines removed and added."""
    return compare_sections(older, newer, SECTION_LABELS, _lines)

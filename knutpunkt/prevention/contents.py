"""What an action plan says: what it lacks before the committee decides it, the frozen snapshot stored in a decided
PlanVersion, and the comparison of two versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knutpunkt.prevention.formatting import kr, number
from knutpunkt.prevention.models import ActionPlan, EvidenceLevel, MeasureStatus, PlanKind, ResponsibleKind


def active_measures(plan: ActionPlan) -> list[Any]:
    return list(
        plan.measures.filter(removed=False)
        .select_related("goal", "area")
        .prefetch_related("indicator_links__indicator")
    )


def live_links(measure: Any) -> list[Any]:
    """The measure's indicator links that are not removed (from a prefetch when there is one)."""
    return [link for link in measure.indicator_links.all() if not link.removed]


def missing_for_decision(plan: ActionPlan) -> list[str]:
    """What the plan lacks before it can be decided, in Swedish; empty when it is complete.

    Every measure that is carried out must say which key figure it should move, and a crime-prevention plan must
    rest on a finished situation report (Lag 2023:196)."""
    missing: list[str] = []
    if not plan.goals.filter(removed=False).exists():
        missing.append(_("Planen har inga mål."))
    measures = [m for m in active_measures(plan) if m.status != MeasureStatus.STOPPED]
    if not measures:
        missing.append(_("Planen har inga åtgärder."))
    for measure in measures:
        if not live_links(measure):
            missing.append(
                _("Åtgärden ”%(title)s” är inte kopplad till något nyckeltal som den ska påverka.")
                % {"title": measure.title}
            )
    if plan.kind == PlanKind.CRIME:
        report = plan.situation_report
        if report is None:
            missing.append(_("En brottsförebyggande åtgärdsplan ska bygga på en lägesbild. Välj lägesbilden."))
        elif not report.is_done:
            missing.append(_("Lägesbilden som planen bygger på är inte klar."))
    return missing


def snapshot(plan: ActionPlan) -> dict[str, Any]:
    """Everything the plan says, as plain data, for an immutable version."""
    measures = active_measures(plan)
    return {
        "title": plan.title,
        "kind": plan.kind,
        "period_from": plan.period_from.isoformat(),
        "period_to": plan.period_to.isoformat(),
        "situation_report": plan.situation_report.title if plan.situation_report else "",
        "goals": [{"text": g.text, "measurable": g.measurable} for g in plan.goals.filter(removed=False)],
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


SECTION_LABELS: dict[str, Promise] = {
    "title": gettext_lazy("Rubrik"),
    "period": gettext_lazy("Period"),
    "situation_report": gettext_lazy("Lägesbild"),
    "goals": gettext_lazy("Mål"),
    "measures": gettext_lazy("Åtgärder"),
    "indicators": gettext_lazy("Nyckeltal, utgångsvärden och mål"),
}


@dataclass(frozen=True)
class SectionChange:
    key: str
    label: Promise
    removed: list[str]
    added: list[str]


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
    changes: list[SectionChange] = []
    for key, label in SECTION_LABELS.items():
        before, after = _lines(older, key), _lines(newer, key)
        if before != after:
            changes.append(
                SectionChange(key, label, [x for x in before if x not in after], [x for x in after if x not in before])
            )
    return changes

"""What an established plan says: the legal contents checked before establishment, the frozen snapshot stored in a
PlanVersion, and the comparison of two versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knutpunkt.core.versions import SectionChange, compare_sections
from knutpunkt.organisations.models import Organisation, OrganisationKind
from knutpunkt.plans.models import InvitationStatus, Plan


def responsibility(organisation: Organisation) -> str:
    """'municipality' or 'region' for a principal's intervention, 'other' for a measure by another actor."""
    kind = organisation.principal.kind
    if kind == OrganisationKind.MUNICIPALITY:
        return "municipality"
    if kind == OrganisationKind.REGION:
        return "region"
    return "other"


def missing_contents(plan: Plan) -> list[str]:
    """What the plan lacks before it can be established, in Swedish, empty when it is complete.

    The law: the interventions needed, what each principal is responsible for, measures by others (may be none),
    which principal holds overall responsibility. Regional practice: the person's own goals in their own words,
    a follow-up date, a held meeting and a consent in force."""
    missing: list[str] = []
    if not plan.needs.filter(removed=False).exists():
        missing.append(_("Planen anger inga behov."))
    interventions = list(plan.interventions.filter(removed=False).select_related("organisation__parent__parent"))
    kinds = {responsibility(i.organisation) for i in interventions}
    if "municipality" not in kinds:
        missing.append(_("Planen anger inga insatser som kommunen ansvarar för."))
    if "region" not in kinds:
        missing.append(_("Planen anger inga insatser som regionen ansvarar för."))
    if plan.overall_responsible_id is None:
        missing.append(_("Ingen huvudman har utsetts att ha det övergripande ansvaret."))
    if not plan.person_goals.strip():
        missing.append(_("Personens egna mål saknas."))
    if plan.next_followup_on is None:
        missing.append(_("Datum för uppföljning saknas."))
    elif plan.next_followup_on <= timezone.localdate():
        missing.append(_("Uppföljningen måste ligga efter dagens datum."))
    if not plan.commitments.filter(removed=False).exists():
        missing.append(_("Planen anger inga åtaganden: vem gör vad och när."))
    if not plan.meetings.filter(held=True).exists():
        missing.append(_("Inget SIP-möte har registrerats som hållet."))
    if plan.consent is None or not plan.consent.is_active():
        missing.append(_("Det finns inget gällande samtycke för planen."))
    return missing


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    done: bool
    problem: str = ""


def checklist(plan: Plan) -> list[ChecklistItem]:
    """Every element `missing_contents` checks, done or not, for the establishment page. A problem that no element
    here names is still listed, so that a new rule in `missing_contents` is never hidden."""
    missing = missing_contents(plan)
    elements = [
        (_("Behoven – vilka insatser som behövs"), [_("Planen anger inga behov.")]),
        (_("Insatser som kommunen ansvarar för"), [_("Planen anger inga insatser som kommunen ansvarar för.")]),
        (_("Insatser som regionen ansvarar för"), [_("Planen anger inga insatser som regionen ansvarar för.")]),
        (
            _("Vilken huvudman som har det övergripande ansvaret"),
            [_("Ingen huvudman har utsetts att ha det övergripande ansvaret.")],
        ),
        (_("Personens egna mål, med egna ord"), [_("Personens egna mål saknas.")]),
        (
            _("Datum för uppföljning"),
            [_("Datum för uppföljning saknas."), _("Uppföljningen måste ligga efter dagens datum.")],
        ),
        (_("Vem gör vad och när (åtaganden)"), [_("Planen anger inga åtaganden: vem gör vad och när.")]),
        (_("Ett hållet SIP-möte"), [_("Inget SIP-möte har registrerats som hållet.")]),
        (_("Ett gällande samtycke"), [_("Det finns inget gällande samtycke för planen.")]),
    ]
    items: list[ChecklistItem] = []
    named: set[str] = set()
    for label, problems in elements:
        found = [problem for problem in problems if problem in missing]
        named.update(problems)
        items.append(ChecklistItem(label, not found, " ".join(found)))
    items.extend(ChecklistItem(problem, False, problem) for problem in missing if problem not in named)
    return items


def snapshot(plan: Plan) -> dict[str, Any]:
    """Everything the plan says, as plain data, for an immutable version."""
    interventions = plan.interventions.filter(removed=False).select_related("organisation__parent__parent", "unit")
    return {
        "person": plan.person.full_name,
        "what_matters": plan.what_matters,
        "person_goals": plan.person_goals,
        "person_own_part": plan.person_own_part,
        "overall_responsible": plan.overall_responsible.name if plan.overall_responsible else "",
        "next_followup_on": plan.next_followup_on.isoformat() if plan.next_followup_on else "",
        "needs": [n.description for n in plan.needs.filter(removed=False)],
        "interventions": [
            {
                "description": i.description,
                "organisation": i.organisation.name,
                "unit": i.unit.name if i.unit else "",
                "responsibility": responsibility(i.organisation),
            }
            for i in interventions
        ],
        "goals": [
            {
                "description": g.description,
                "measure": g.measure,
                "target_date": g.target_date.isoformat() if g.target_date else "",
            }
            for g in plan.goals.filter(removed=False)
        ],
        "commitments": [
            {
                "what": c.what,
                "who": _("Personen själv") if c.by_person else str(c.unit),
                "starts_on": c.starts_on.isoformat(),
                "due_on": c.due_on.isoformat(),
                "status": c.status,
            }
            for c in plan.commitments.filter(removed=False).select_related("unit__organisation")
        ],
        "contacts": [
            {"organisation": c.organisation.name, "name": c.name, "phone": c.phone, "email": c.email}
            for c in plan.contacts.filter(removed=False).select_related("organisation")
        ],
        "taking_part": sorted(
            str(i.unit)
            for i in plan.invitations.filter(status=InvitationStatus.ACCEPTED).select_related("unit__organisation")
        ),
    }


SECTION_LABELS: dict[str, Promise] = {
    "what_matters": gettext_lazy("Det som är viktigt för personen"),
    "person_goals": gettext_lazy("Personens egna mål"),
    "person_own_part": gettext_lazy("Det personen gör själv"),
    "overall_responsible": gettext_lazy("Övergripande ansvar"),
    "next_followup_on": gettext_lazy("Uppföljning"),
    "needs": gettext_lazy("Behov"),
    "interventions": gettext_lazy("Insatser och åtgärder"),
    "goals": gettext_lazy("Mätbara mål"),
    "commitments": gettext_lazy("Åtaganden"),
    "contacts": gettext_lazy("Kontaktpersoner"),
    "taking_part": gettext_lazy("Deltagande enheter"),
}


def _lines(content: dict[str, Any], key: str) -> list[str]:
    value = content.get(key)
    if isinstance(value, list):
        return [
            " – ".join(str(v) for v in item.values() if v) if isinstance(item, dict) else str(item) for item in value
        ]
    return [str(value)] if value else []


def compare(older: dict[str, Any], newer: dict[str, Any]) -> list[SectionChange]:
    """The sections that differ between two versions, with the lines removed and added."""
    return compare_sections(older, newer, SECTION_LABELS, _lines)

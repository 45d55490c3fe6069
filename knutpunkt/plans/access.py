"""The access policy for coordinated plans: one rule answers "may this actor see this plan?" and "which plans may
this actor list?".

An organisation sees a plan when
- it requested the plan or holds overall responsibility for it (its own documentation: kept also after the
  person withdraws consent), or
- one of its units is invited (invitation sent and not declined) and the plan's consent, in force now, names the
  organisation. A withdrawal therefore hides the plan from the other organisations at once.
Administrators and analysts see no plans. Not-found and not-allowed both answer 404; every read is logged here with
its legal ground.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404

from knutpunkt.audit.actions import record
from knutpunkt.audit.models import LegalGround
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Organisation, OrganisationKind, Unit
from knutpunkt.people.access import may_work_with_people
from knutpunkt.people.models import Consent
from knutpunkt.plans.models import (
    AgreementProfile,
    Commitment,
    Invitation,
    InvitationStatus,
    Plan,
    PlanVersion,
    Reminder,
    ReminderKind,
)

_Row = TypeVar("_Row")

# Invitations that give the invited organisation a part in the plan.
TAKING_PART = (InvitationStatus.PENDING, InvitationStatus.ACCEPTED)


def _own(organisation: Organisation) -> Q:
    return Q(initiating_unit__organisation=organisation) | Q(overall_responsible=organisation)


def _taking_part(organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations that give the organisation a part in a plan: sent to one of its units and not declined."""
    return Invitation.objects.filter(unit__organisation=organisation, status__in=TAKING_PART)


def _consents_naming(organisation: Organisation) -> QuerySet[Consent]:
    """Consents in force now that name the organisation."""
    return Consent.objects.active_on().filter(organisations=organisation)


def _visible_parts(
    organisation: Organisation,
) -> tuple[QuerySet[Plan, int], QuerySet[Plan, int], QuerySet[Invitation, int]]:
    """The rule of `visible_plans` as three sets of plan ids, each found through its own index: the plans the
    organisation requested, those it holds overall responsibility for, and those it takes part in under a consent
    that names it. A rule tested against every plan in the county (OR of per-plan EXISTS) made the cost grow with
    all plans, not with the organisation's."""
    initiated = Plan.objects.filter(initiating_unit__organisation=organisation).order_by().values_list("pk", flat=True)
    responsible = Plan.objects.filter(overall_responsible=organisation).order_by().values_list("pk", flat=True)
    shared = (
        _taking_part(organisation)
        .filter(plan__consent__in=_consents_naming(organisation))
        .order_by()
        .values_list("plan_id", flat=True)
    )
    return initiated, responsible, shared


def _shared_among(organisation: Organisation, plan_ids: Iterable[int]) -> set[int]:
    """Of these plans, the ones the organisation sees under consent (the third part of the rule), looked up by the
    plans' keys: for checking a few plans, where the rule as a whole would first gather every plan the organisation
    may see. Two lookups by key (the plans' invitations, then their consents), so that no database statistics can
    make the planner start from all of the organisation's consents instead."""
    wanted = sorted(set(plan_ids))
    if not wanted:
        return set()
    taking_part = list(
        _taking_part(organisation).filter(plan_id__in=wanted).order_by().values_list("plan_id", "plan__consent_id")
    )
    consents = {consent for _plan, consent in taking_part if consent is not None}
    if not consents:
        return set()
    naming = set(_consents_naming(organisation).filter(pk__in=sorted(consents)).values_list("pk", flat=True))
    return {plan for plan, consent in taking_part if consent in naming}


def _is_own(organisation: Organisation, requester_id: int, lead_id: int | None) -> bool:
    """The first two parts of the rule, from the plan's requesting organisation and overall responsible: no query."""
    return organisation.pk in (requester_id, lead_id)


def _owns(organisation: Organisation, plan: Plan) -> bool:
    """The first two parts of the rule, read off the plan itself (its requesting unit loaded)."""
    return _is_own(organisation, plan.initiating_unit.organisation_id, plan.overall_responsible_id)


def listing_ground(actor: Actor, plan: Plan) -> str:
    """The legal ground a plan already known to be visible is listed on: the organisation's own documentation, or
    the person's consent. No query (the plan's requesting unit loaded)."""
    assert actor.organisation is not None
    return LegalGround.OWN_RECORDS if _owns(actor.organisation, plan) else LegalGround.CONSENT


def visible_plans(actor: Actor | None) -> QuerySet[Plan]:
    """Every plan the actor may see. The same rule as `plan_ground`."""
    if actor is None or not may_work_with_people(actor) or actor.organisation is None:
        return Plan.objects.none()
    initiated, responsible, shared = _visible_parts(actor.organisation)
    return Plan.objects.filter(Q(pk__in=initiated) | Q(pk__in=responsible) | Q(pk__in=shared))


def visible_plan_list(actor: Actor | None) -> QuerySet[Plan]:
    """The plans of `visible_plans`, for a listing: the ids are read first (three index lookups) and the list is
    then fetched by id. PostgreSQL cannot estimate the OR of three subqueries and would otherwise join every
    person in the county to find a page of plans."""
    if actor is None or not may_work_with_people(actor) or actor.organisation is None:
        return Plan.objects.none()
    ids: set[int] = set()
    for part in _visible_parts(actor.organisation):
        ids.update(part)
    return Plan.objects.filter(pk__in=sorted(ids))


def unit_plan_list(actor: Actor | None) -> QuerySet[Plan]:
    """The plans of `visible_plans` that the actor's unit works on, for a listing: those it requested and those it
    is invited to (sent, not declined). Read through the unit's own indexes, so the cost follows the unit's plans,
    not its organisation's; plans of another organisation pass the consent part of the rule, checked by key."""
    if actor is None or not may_work_with_people(actor) or actor.organisation is None or actor.unit is None:
        return Plan.objects.none()
    organisation = actor.organisation
    ids = set(Plan.objects.filter(initiating_unit=actor.unit).order_by().values_list("pk", flat=True))
    invited = Invitation.objects.filter(unit=actor.unit, status__in=TAKING_PART).values_list(
        "plan_id", "plan__initiating_unit__organisation_id", "plan__overall_responsible_id"
    )
    others: set[int] = set()
    for plan_id, requester, lead in invited.order_by():
        (ids if _is_own(organisation, requester, lead) else others).add(plan_id)
    return Plan.objects.filter(pk__in=sorted(ids | _shared_among(organisation, others)))


def own_plans(actor: Actor | None) -> QuerySet[Plan]:
    """The plans the actor's organisation requested or holds overall responsibility for: the first half of the rule
    of `visible_plans` (its own documentation, visible whatever the consent says). For lists that show only such
    plans; without the consent subqueries they cost a fraction to build."""
    if actor is None or not may_work_with_people(actor) or actor.organisation is None:
        return Plan.objects.none()
    return Plan.objects.filter(_own(actor.organisation))


def keep_visible(actor: Actor | None, rows: Iterable[_Row], plan_of: Callable[[_Row], Plan]) -> list[_Row]:
    """The rows whose plan the actor may see, by the rule of `visible_plans`: the organisation's own plans as
    `plan_ground` sees them (no query), the others checked for the whole list in one query, each plan looked up
    by its key. For lists read from rows addressed to the actor's unit (invitations, commitments, reminders): one
    check for the list costs a fraction of a subquery per kind of row. `plan_of` gives a row's plan with its
    requesting unit loaded."""
    rows = list(rows)
    if actor is None or not may_work_with_people(actor) or actor.organisation is None:
        return []
    organisation = actor.organisation
    visible = _shared_among(organisation, (plan_of(row).pk for row in rows if not _owns(organisation, plan_of(row))))
    return [row for row in rows if _owns(organisation, plan_of(row)) or plan_of(row).pk in visible]


def plan_ground(actor: Actor | None, plan: Plan) -> str | None:
    """Why the actor may see the plan: own documentation, consent, or None."""
    if actor is None or not may_work_with_people(actor) or actor.organisation is None:
        return None
    if _owns(actor.organisation, plan):
        return LegalGround.OWN_RECORDS
    if _shared_among(actor.organisation, [plan.pk]):
        return LegalGround.CONSENT
    return None


def get_plan(actor: Actor | None, plan_uuid: UUID | str, *, event: str = "plan.viewed") -> Plan:
    """The plan if the actor may see it (the read is logged); otherwise 404. The plan is found by its key and the
    rule applied to that one plan (`plan_ground`, the rule of `visible_plans`): for the organisation's own plans
    that takes no query at all, where the rule as a subquery of the lookup cost more than the lookup."""
    if actor is None or not may_work_with_people(actor):
        raise Http404
    plan = (
        Plan.objects.filter(uuid=plan_uuid)
        .select_related("person", "profile", "initiating_unit__organisation", "overall_responsible", "consent")
        .first()
    )
    ground = plan_ground(actor, plan) if plan is not None else None
    if plan is None or ground is None:
        raise Http404
    record(actor, event, person=plan.person, obj=plan, legal_ground=ground, had_relation=True)
    return plan


def takes_part(actor: Actor | None, plan: Plan) -> bool:
    """The actor's organisation works on the plan: it owns it or a unit of it accepted an invitation."""
    ground = plan_ground(actor, plan)
    if ground is None or actor is None or actor.organisation is None:
        return False
    if ground == LegalGround.OWN_RECORDS:
        return True
    return plan.invitations.filter(unit__organisation=actor.organisation, status=InvitationStatus.ACCEPTED).exists()


def may_edit(actor: Actor | None, plan: Plan) -> bool:
    """Everyone taking part edits the plan's contents while it is open."""
    return not plan.is_closed and takes_part(actor, plan)


def leads(actor: Actor | None, plan: Plan) -> bool:
    """The organisation that leads the plan: overall responsibility once decided, until then the requester.
    It prepares, summons, establishes and closes."""
    # Only the organisation's own plans (no consent lookup needed to know that).
    if actor is None or actor.organisation is None or not may_work_with_people(actor):
        return False
    if not _owns(actor.organisation, plan):
        return False
    leader_id = plan.overall_responsible_id or plan.initiating_unit.organisation_id
    return bool(leader_id == actor.organisation.pk)


def may_lead(actor: Actor | None, plan: Plan) -> bool:
    return not plan.is_closed and leads(actor, plan)


# --- Invitations ------------------------------------------------------------------------------------------------


def unit_invitations(actor: Actor | None) -> QuerySet[Invitation]:
    """Invitations addressed to the actor's unit (its function address, not the person)."""
    if actor is None or not may_work_with_people(actor) or actor.unit is None:
        return Invitation.objects.none()
    return Invitation.objects.filter(unit=actor.unit).exclude(status=InvitationStatus.DRAFT)


def get_invitation_to_answer(actor: Actor | None, invitation_uuid: UUID | str) -> Invitation:
    """An invitation to the actor's unit whose plan the actor may see, with the plan as `get_plan` reads it (the
    read is logged); 404 otherwise."""
    invitation = (
        unit_invitations(actor).filter(uuid=invitation_uuid).select_related("plan", "unit__organisation").first()
    )
    if invitation is None or invitation.plan.is_closed:
        raise Http404
    invitation.plan = get_plan(actor, invitation.plan.uuid)  # the rule of visible_plans, and the logged read
    return invitation


# --- Choices offered in forms ----------------------------------------------------------------------------------


def profiles_for(actor: Actor) -> QuerySet[AgreementProfile]:
    """Agreement profiles that the actor's principal has signed."""
    assert actor.organisation is not None
    return AgreementProfile.objects.filter(active=True, principals=actor.organisation.principal).order_by("name")


def principal_organisations(plan: Plan) -> QuerySet[Organisation]:
    """Organisations that may hold overall responsibility: a municipality's or region's organisation taking part."""
    taking_part = set(
        plan.invitations.filter(status=InvitationStatus.ACCEPTED).values_list("unit__organisation", flat=True)
    )
    taking_part.add(plan.initiating_unit.organisation_id)
    candidates = Organisation.objects.filter(pk__in=taking_part).select_related("parent__parent")
    return Organisation.objects.filter(
        pk__in=[
            o.pk for o in candidates if o.principal.kind in {OrganisationKind.MUNICIPALITY, OrganisationKind.REGION}
        ]
    )


def taking_part_units(plan: Plan) -> QuerySet[Unit]:
    """The requesting unit and the units that accepted an invitation: who can take on a commitment."""
    accepted = plan.invitations.filter(status=InvitationStatus.ACCEPTED).values_list("unit", flat=True)
    return (
        Unit.objects.filter(Q(pk=plan.initiating_unit_id) | Q(pk__in=accepted))
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def may_set_commitment_status(actor: Actor | None, commitment: Commitment) -> bool:
    """The unit that made the commitment, or the plan's lead, reports its progress (the rule of
    actions.set_commitment_status, for deciding what a page offers)."""
    plan = commitment.plan
    if plan.is_closed or actor is None or plan_ground(actor, plan) is None:
        return False
    own_unit = actor.unit is not None and commitment.unit_id == actor.unit.pk
    return own_unit or may_lead(actor, plan)


def invitable_units(plan: Plan | None = None) -> QuerySet[Unit]:
    """Active units that may be invited (also before the plan exists, when it is requested). The forms leave out
    the requesting unit and units already invited."""
    return (
        Unit.objects.filter(active=True, organisation__active=True)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def get_version(actor: Actor | None, plan: Plan, number: int) -> PlanVersion:
    version = plan.versions.filter(number=number).first()
    if version is None or plan_ground(actor, plan) is None:
        raise Http404
    return version


# --- Reminders and statistics (work lists) ---------------------------------------------------------------------


def unit_reminder_rows(actor: Actor | None) -> QuerySet[Reminder]:
    """Open reminders to the actor's unit, before the plan check: show them only through `keep_visible`."""
    if actor is None or not may_work_with_people(actor) or actor.unit is None:
        return Reminder.objects.none()
    return Reminder.objects.filter(unit=actor.unit, dismissed_at__isnull=True)


# --- What is the actor's own ("Mitt arbete") ---------------------------------------------------------------------


def requested_by(actor: Actor, path: str = "") -> Q:
    """Plans the actor requested for their unit (`path` leads from the model filtered to its plan)."""
    return Q(**{f"{path}requested_by": actor.user, f"{path}initiating_unit": actor.unit})


def represented_by(actor: Actor) -> QuerySet[Invitation]:
    """Invitations to the actor's unit that they accepted as the unit's representative."""
    return Invitation.objects.filter(unit=actor.unit, representative=actor.user, status=InvitationStatus.ACCEPTED)


def own_reminder_rows(actor: Actor | None) -> QuerySet[Reminder]:
    """The unit's open reminders that are the actor's own, before the plan check (show them only through
    `keep_visible`): about plans they requested for the unit, about plans where they represent the unit (an
    accepted invitation), and unanswered invitations, which anyone in the unit may answer (as the work list shows
    them)."""
    if actor is None or actor.unit is None:
        return Reminder.objects.none()
    return unit_reminder_rows(actor).filter(
        requested_by(actor, "plan__")
        | Q(plan__in=represented_by(actor).values("plan"))
        | Q(kind=ReminderKind.INVITATION_UNANSWERED)
    )


def get_reminder(actor: Actor | None, reminder_uuid: UUID | str) -> Reminder:
    """An open reminder to the actor's unit; 404 otherwise."""
    reminder = (
        unit_reminder_rows(actor)
        .filter(uuid=reminder_uuid)
        .select_related("plan__person", "plan__initiating_unit")
        .first()
    )
    if reminder is None or plan_ground(actor, reminder.plan) is None:
        raise Http404
    return reminder


def statistics_organisations(actor: Actor | None) -> QuerySet[Organisation]:
    """The organisations whose aggregated SIP statistics the actor may see: unit managers and analysts see their
    principal's (the municipality or region with its branches). Aggregates only; everyone else gets 404."""
    if actor is None or actor.organisation is None or not (actor.is_unit_manager or actor.is_analyst):
        raise Http404
    principal = actor.organisation.principal
    return Organisation.objects.filter(Q(pk=principal.pk) | Q(parent=principal) | Q(parent__parent=principal))

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

from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
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
    PlanStatus,
    PlanVersion,
    Reminder,
)

# Invitations that give the invited organisation a part in the plan.
TAKING_PART = (InvitationStatus.PENDING, InvitationStatus.ACCEPTED)


def _own(organisation: Organisation) -> Q:
    return Q(initiating_unit__organisation=organisation) | Q(overall_responsible=organisation)


def _consent_names(organisation: Organisation) -> Exists:
    return Exists(Consent.objects.active_on().filter(pk=OuterRef("consent_id"), organisations=organisation))


def _invited(organisation: Organisation) -> Exists:
    return Exists(
        Invitation.objects.filter(plan=OuterRef("pk"), unit__organisation=organisation, status__in=TAKING_PART)
    )


def visible_plans(actor: Actor | None) -> QuerySet[Plan]:
    """Every plan the actor may see. The same rule as `plan_ground`."""
    if actor is None or not may_work_with_people(actor) or actor.organisation is None:
        return Plan.objects.none()
    organisation = actor.organisation
    return Plan.objects.filter(_own(organisation) | (Q(_consent_names(organisation)) & Q(_invited(organisation))))


def plan_ground(actor: Actor | None, plan: Plan) -> str | None:
    """Why the actor may see the plan: own documentation, consent, or None."""
    if actor is None or not may_work_with_people(actor) or actor.organisation is None:
        return None
    organisation = actor.organisation
    if plan.initiating_unit.organisation_id == organisation.pk or plan.overall_responsible_id == organisation.pk:
        return LegalGround.OWN_RECORDS
    if visible_plans(actor).filter(pk=plan.pk).exists():
        return LegalGround.CONSENT
    return None


def get_plan(actor: Actor | None, plan_uuid: UUID | str, *, event: str = "plan.viewed") -> Plan:
    """The plan if the actor may see it (the read is logged); otherwise 404."""
    plan = (
        visible_plans(actor)
        .filter(uuid=plan_uuid)
        .select_related("person", "profile", "initiating_unit__organisation", "overall_responsible", "consent")
        .first()
    )
    if plan is None:
        raise Http404
    ground = plan_ground(actor, plan)
    record(
        actor, event, person=plan.person, obj=plan, legal_ground=ground or LegalGround.NONE, had_relation=bool(ground)
    )
    return plan


def takes_part(actor: Actor | None, plan: Plan) -> bool:
    """The actor's organisation works on the plan: it owns it or a unit of it accepted an invitation."""
    if plan_ground(actor, plan) is None or actor is None or actor.organisation is None:
        return False
    if plan_ground(actor, plan) == LegalGround.OWN_RECORDS:
        return True
    return plan.invitations.filter(unit__organisation=actor.organisation, status=InvitationStatus.ACCEPTED).exists()


def may_edit(actor: Actor | None, plan: Plan) -> bool:
    """Everyone taking part edits the plan's contents while it is open."""
    return not plan.is_closed and takes_part(actor, plan)


def leads(actor: Actor | None, plan: Plan) -> bool:
    """The organisation that leads the plan: overall responsibility once decided, until then the requester.
    It prepares, summons, establishes and closes."""
    if actor is None or actor.organisation is None or plan_ground(actor, plan) != LegalGround.OWN_RECORDS:
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
    """An invitation to the actor's unit whose plan the actor may see; 404 otherwise."""
    invitation = (
        unit_invitations(actor)
        .filter(uuid=invitation_uuid, plan__in=visible_plans(actor))
        .select_related("plan__person", "unit__organisation")
        .first()
    )
    if invitation is None or invitation.plan.is_closed:
        raise Http404
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


def unit_commitments(actor: Actor | None) -> QuerySet[Commitment]:
    """Open commitments of the actor's unit in plans the actor may see."""
    if actor is None or actor.unit is None:
        return Commitment.objects.none()
    return Commitment.objects.filter(unit=actor.unit, removed=False, plan__in=visible_plans(actor)).exclude(
        plan__status=PlanStatus.CLOSED
    )


def get_version(actor: Actor | None, plan: Plan, number: int) -> PlanVersion:
    version = plan.versions.filter(number=number).first()
    if version is None or plan_ground(actor, plan) is None:
        raise Http404
    return version


# --- Reminders and statistics (work lists) ---------------------------------------------------------------------


def unit_reminders(actor: Actor | None) -> QuerySet[Reminder]:
    """Open reminders to the actor's unit, about plans the actor may see (checked per row through the plan's key)."""
    if actor is None or not may_work_with_people(actor) or actor.unit is None:
        return Reminder.objects.none()
    return Reminder.objects.filter(unit=actor.unit, dismissed_at__isnull=True).filter(
        Exists(visible_plans(actor).filter(pk=OuterRef("plan_id")))
    )


def get_reminder(actor: Actor | None, reminder_uuid: UUID | str) -> Reminder:
    """An open reminder to the actor's unit; 404 otherwise."""
    reminder = unit_reminders(actor).filter(uuid=reminder_uuid).select_related("plan__person").first()
    if reminder is None:
        raise Http404
    return reminder


def statistics_organisations(actor: Actor | None) -> QuerySet[Organisation]:
    """The organisations whose aggregated SIP statistics the actor may see: unit managers and analysts see their
    principal's (the municipality or region with its branches). Aggregates only; everyone else gets 404."""
    if actor is None or actor.organisation is None or not (actor.is_unit_manager or actor.is_analyst):
        raise Http404
    principal = actor.organisation.principal
    return Organisation.objects.filter(Q(pk=principal.pk) | Q(parent=principal) | Q(parent__parent=principal))

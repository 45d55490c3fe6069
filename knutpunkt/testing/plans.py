"""Plans for the test cast: the agreement profiles of Värmland and helpers that walk a plan through its steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from knutpunkt.organisations.models import Branch
from knutpunkt.plans import actions
from knutpunkt.plans.deadlines import DayCount
from knutpunkt.plans.models import (
    AgreementProfile,
    DeadlineMilestone,
    Invitation,
    Meeting,
    Plan,
    Summoner,
    TargetGroup,
)
from knutpunkt.testing.cast import Cast


@dataclass
class PlanWorld:
    children: AgreementProfile
    discharge: AgreementProfile


def make_profiles(cast: Cast) -> PlanWorld:
    children = AgreementProfile.objects.create(
        name="Barn och unga (Värmland)",
        agreement="Överenskommelse om SIP i Värmland 2025",
        target_group=TargetGroup.CHILDREN_YOUNG,
        deadline_milestone=DeadlineMilestone.MEETING,
        deadline_days=21,
        day_count=DayCount.CALENDAR,
        summoned_by=Summoner.INITIATOR,
        followup_days=90,
        school_participates=True,
        participating_branches=[Branch.SOCIAL_SERVICES, Branch.EDUCATION, Branch.CHILD_PSYCHIATRY, Branch.PRIMARY_CARE],
    )
    discharge = AgreementProfile.objects.create(
        name="Utskrivning från sluten vård (Värmland)",
        agreement="Riktlinje för samverkan vid utskrivning, LUS",
        target_group=TargetGroup.DISCHARGE,
        deadline_milestone=DeadlineMilestone.SUMMONS,
        deadline_days=3,
        day_count=DayCount.CALENDAR,
        summoned_by=Summoner.REGION,
        followup_days=30,
        participating_branches=[Branch.HOSPITAL_CARE, Branch.PRIMARY_CARE, Branch.ELDERLY_DISABILITY],
    )
    for profile in (children, discharge):
        profile.principals.set([cast.karlstad, cast.region])
    return PlanWorld(children, discharge)


def requested_plan(cast: Cast, world: PlanWorld, days_ago: int = 5) -> Plan:
    """Elsa's SIP, requested by Anna, with BUP as a draft invitation and Elsa's consent linked."""
    plan = actions.request_plan(
        cast.actor(cast.anna),
        cast.elsa,
        profile=world.children,
        requested_on=timezone.localdate() - dt.timedelta(days=days_ago),
        reason="Skolfrånvaro, oro och ångest; familjen behöver samordnat stöd.",
        units_needed=[cast.bup_unit],
    )
    actions.update_preparation(
        cast.actor(cast.anna),
        plan,
        plan.lock_version,
        {
            "what_matters": "Att få gå i skolan utan att ha ont i magen.",
            "person_goals": "Jag vill klara en hel skoldag och ha en kompis.",
            "consent": cast.elsa_consent,
        },
    )
    return plan


def summoned_plan(cast: Cast, world: PlanWorld) -> tuple[Plan, Meeting, Invitation]:
    plan = requested_plan(cast, world)
    start = timezone.now() + dt.timedelta(days=3)
    meeting = actions.book_meeting(
        cast.actor(cast.anna),
        plan,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location="Familjecentralen, Karlstad",
    )
    actions.send_invitations(cast.actor(cast.anna), plan)
    invitation = plan.invitations.get(unit=cast.bup_unit)
    return plan, meeting, invitation


# Telephone numbers from the series Sweden's PTS reserves for fiction (070-174 06 05 – 070-174 06 99).
FICTIONAL_PHONE = "070-174 06 10"


def planning_plan(cast: Cast, world: PlanWorld) -> Plan:
    """Elsa's plan after the SIP meeting: BUP accepted (Cecilia represents it) and the meeting is held."""
    plan, meeting, invitation = summoned_plan(cast, world)
    actions.answer_invitation(
        cast.actor(cast.cecilia),
        invitation,
        accept=True,
        representative_name="Cecilia Carlsson",
        representative_phone=FICTIONAL_PHONE,
    )
    actions.record_meeting(cast.actor(cast.anna), meeting, attended_invitations=[invitation], attended_participants=[])
    plan.refresh_from_db()
    return plan


def fill_contents(cast: Cast, plan: Plan) -> None:
    """Everything the law and the agreement ask of a plan, so that it can be established."""
    anna = cast.actor(cast.anna)
    today = timezone.localdate()
    need = actions.save_item(anna, plan, plan.lock_version, "need", {"description": "Tryggare skolgång"})
    actions.save_item(
        anna,
        plan,
        plan.lock_version,
        "intervention",
        {"description": "Familjebehandling", "organisation": cast.social_karlstad, "need": need},
    )
    actions.save_item(
        anna,
        plan,
        plan.lock_version,
        "intervention",
        {"description": "Behandling för ångest", "organisation": cast.bup, "unit": cast.bup_unit},
    )
    actions.save_item(
        anna,
        plan,
        plan.lock_version,
        "goal",
        {
            "description": "Elsa går i skolan fyra dagar i veckan",
            "measure": "Skolans närvarolista",
            "target_date": today + dt.timedelta(days=90),
        },
    )
    actions.save_item(
        anna,
        plan,
        plan.lock_version,
        "commitment",
        {"what": "Boka samtal", "unit": cast.bup_unit, "starts_on": today, "due_on": today + dt.timedelta(days=14)},
    )
    actions.save_item(
        anna,
        plan,
        plan.lock_version,
        "contact",
        {"organisation": cast.bup, "name": "Cecilia Carlsson", "phone": FICTIONAL_PHONE},
    )
    actions.update_plan_text(
        anna,
        plan,
        plan.lock_version,
        {"overall_responsible": cast.social_karlstad, "next_followup_on": today + dt.timedelta(days=60)},
    )


def established_plan(cast: Cast, world: PlanWorld) -> Plan:
    """Elsa's plan, complete and established as version 1 by Anna."""
    plan = planning_plan(cast, world)
    fill_contents(cast, plan)
    actions.establish(cast.actor(cast.anna), plan, plan.lock_version)
    plan.refresh_from_db()
    return plan

"""Coordinated plans in the demo county: Värmland's agreement profiles and plans in every step.

Every plan is made through the same actions the pages use, so the demo holds nothing the application could not
have produced itself. The story child (Alva) has an established plan with BUP Värmland and her school taking part;
other children and adults with a consent in force for a coordinated plan get plans spread over the six steps, with
an invitation declined, a follow-up overdue and a plan closed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Branch, Organisation, OrganisationKind, Unit
from knutpunkt.people.models import Consent, ConsentPurpose
from knutpunkt.plans import actions
from knutpunkt.plans.deadlines import DayCount
from knutpunkt.plans.models import (
    AgreementProfile,
    ClosureReason,
    CommitmentStatus,
    DeadlineMilestone,
    GoalAssessment,
    Plan,
    Summoner,
    TargetGroup,
)

PROFILES = (
    # name, target group, milestone, days, day count, summoner, follow-up days, school, branches
    (
        "Barn och unga – SIP inom tre veckor",
        TargetGroup.CHILDREN_YOUNG,
        DeadlineMilestone.MEETING,
        21,
        DayCount.CALENDAR,
        Summoner.INITIATOR,
        90,
        True,
        [Branch.SOCIAL_SERVICES, Branch.EDUCATION, Branch.CHILD_PSYCHIATRY, Branch.PRIMARY_CARE],
    ),
    (
        "Vuxna – SIP inom 20 arbetsdagar",
        TargetGroup.ADULTS,
        DeadlineMilestone.MEETING,
        20,
        DayCount.WORKING,
        Summoner.INITIATOR,
        120,
        False,
        [Branch.SOCIAL_SERVICES, Branch.PSYCHIATRY, Branch.PRIMARY_CARE, Branch.SOCIAL_INSURANCE, Branch.EMPLOYMENT],
    ),
    (
        "Utskrivning från sluten vård – kallelse inom tre dagar",
        TargetGroup.DISCHARGE,
        DeadlineMilestone.SUMMONS,
        3,
        DayCount.CALENDAR,
        Summoner.REGION,
        30,
        False,
        [Branch.HOSPITAL_CARE, Branch.PRIMARY_CARE, Branch.ELDERLY_DISABILITY],
    ),
)
AGREEMENT = "Överenskommelse om samordnad individuell plan i Värmland (demo)"
STAGES = ("requested", "preparing", "summoned", "declined", "planning", "established", "overdue", "closed")


def seed_profiles() -> dict[str, AgreementProfile]:
    principals = list(
        Organisation.objects.filter(parent=None, kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.REGION])
    )
    made: dict[str, AgreementProfile] = {}
    for name, group, milestone, days, count, summoner, followup, school, branches in PROFILES:
        profile, _created = AgreementProfile.objects.get_or_create(
            name=name,
            defaults={
                "agreement": AGREEMENT,
                "target_group": group,
                "deadline_milestone": milestone,
                "deadline_days": days,
                "day_count": count,
                "summoned_by": summoner,
                "followup_days": followup,
                "school_participates": school,
                "participating_branches": [str(b) for b in branches],
            },
        )
        profile.principals.set(principals)
        made[group] = profile
    return made


def _unit_of(organisation: Organisation) -> Unit | None:
    return organisation.units.filter(active=True).exclude(email="").order_by("name").first() or (
        organisation.units.filter(active=True).order_by("name").first()
    )


class PlanSeeder:
    def __init__(self, today: dt.date, rng: random.Random, actor_for: dict[int, Actor]) -> None:
        self.today = today
        self.rng = rng
        self.actor_for_unit = actor_for  # unit id -> an actor (staff) in that unit
        self.profiles = seed_profiles()

    def actor(self, unit: Unit) -> Actor:
        return self.actor_for_unit[unit.pk]

    def run(self, consents: list[tuple[Consent, Actor]], story_person_id: int) -> list[Plan]:
        plans: list[Plan] = []
        usable = [
            (c, a)
            for c, a in consents
            if c.purpose in (ConsentPurpose.COORDINATED_PLAN, ConsentPurpose.DISCHARGE) and c.is_active()
        ]
        usable.sort(key=lambda pair: (pair[0].person_id != story_person_id, pair[0].pk))
        for index, (consent, lead) in enumerate(usable):
            stage = "established" if consent.person_id == story_person_id else STAGES[index % len(STAGES)]
            plan = self.plan(consent, lead, stage)
            if plan is not None:
                plans.append(plan)
        return plans

    def plan(self, consent: Consent, lead: Actor, stage: str) -> Plan | None:
        person = consent.person
        if lead.organisation is None or not lead.organisation.is_principal_for_plans:
            return None  # a municipality or a region draws up the plan; others ask one of them to
        age = person.age_on(self.today) or 0
        if consent.purpose == ConsentPurpose.DISCHARGE:
            profile = self.profiles[TargetGroup.DISCHARGE]
        else:
            profile = self.profiles[TargetGroup.CHILDREN_YOUNG if age < 21 else TargetGroup.ADULTS]
        others = [o for o in consent.organisations.all() if lead.organisation and o.pk != lead.organisation.pk]
        units = [u for u in (_unit_of(o) for o in others) if u is not None and u.pk in self.actor_for_unit]
        if not units:
            return None
        days_ago = {
            "requested": 2,
            "preparing": 6,
            "summoned": 12,
            "declined": 14,
            "planning": 20,
            "established": 60,
            "overdue": 150,
            "closed": 300,
        }[stage]
        plan = actions.request_plan(
            lead,
            person,
            profile=profile,
            requested_on=self.today - dt.timedelta(days=days_ago),
            reason=consent.purpose_detail or "Behov av samordnade insatser från flera huvudmän.",
            units_needed=units,
        )
        if stage == "requested":
            return plan
        actions.update_preparation(
            lead,
            plan,
            plan.lock_version,
            {
                "what_matters": f"{person.first_name}: att slippa berätta allt flera gånger, att någon håller ihop.",
                "person_goals": "Jag vill må bättre och klara vardagen själv."
                if age >= 18
                else "Jag vill gå till skolan varje dag och orka träffa kompisar.",
                "person_own_part": "Berätta när något inte fungerar; komma till mötena.",
                "meeting_questions": "Vem gör vad? Hur vet vi att det blir bättre?",
                "consent": consent,
            },
        )
        if stage == "preparing":
            return plan
        start = timezone.make_aware(
            dt.datetime.combine(plan.requested_on + dt.timedelta(days=min(days_ago - 1, 10)), dt.time(9, 0))
        )
        meeting = actions.book_meeting(
            lead,
            plan,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1, minutes=30),
            location="Familjecentralen, Karlstad" if age < 18 else "Vårdcentralen, rum 4",
        )
        actions.send_invitations(lead, plan)
        invitations = list(plan.invitations.select_related("unit"))
        if stage == "summoned":
            return plan
        for number, invitation in enumerate(invitations):
            answerer = self.actor(invitation.unit)
            if stage == "declined" and number == 0:
                actions.answer_invitation(
                    answerer, invitation, accept=False, decline_reason="Personen är inte aktuell hos oss just nu."
                )
            else:
                actions.answer_invitation(
                    answerer,
                    invitation,
                    accept=True,
                    representative_name=str(answerer.user),
                    representative_phone="070-174 06 99",
                )
        if stage == "declined":
            return plan
        accepted = [i for i in invitations if i.status == "accepted"]
        actions.record_meeting(
            lead,
            meeting,
            attended_invitations=accepted[:-1] if len(accepted) > 2 else accepted,
            attended_participants=[],
        )
        self.contents(plan, lead, accepted)
        if stage == "planning":
            return plan
        try:
            actions.establish(lead, plan, plan.lock_version)
        except ValidationError:
            return plan  # e.g. only municipal organisations take part: the plan stays in planning, as it would
        if stage == "overdue":
            actions.update_plan_text(
                lead, plan, plan.lock_version, {"next_followup_on": self.today - dt.timedelta(days=12)}
            )
        if stage == "closed":
            actions.record_followup(
                lead,
                plan,
                actions.FollowUpDetails(
                    held_on=self.today - dt.timedelta(days=5),
                    goals_assessment=GoalAssessment.MET,
                    goals_comment="Målen nåddes.",
                    commitments_comment="Alla åtaganden är klara.",
                    person_view="Det har blivit mycket bättre.",
                    plan_changes=False,
                    next_followup_on=self.today + dt.timedelta(days=30),
                ),
            )
            actions.close_plan(lead, plan, ClosureReason.GOALS_MET, "Samordning behövs inte längre.")
        return plan

    def contents(self, plan: Plan, lead: Actor, accepted: list) -> None:  # type: ignore[type-arg]
        assert lead.unit is not None and lead.organisation is not None
        need = actions.save_item(
            lead,
            plan,
            plan.lock_version,
            "need",
            {"description": "Samordnat stöd hemma, i skolan eller på jobbet och i vården."},
        )
        actions.save_item(
            lead,
            plan,
            plan.lock_version,
            "intervention",
            {
                "description": "Stödsamtal och praktiskt stöd",
                "organisation": lead.organisation,
                "unit": lead.unit,
                "need": need,
            },
        )
        region_units = [i.unit for i in accepted if i.unit.organisation.principal.kind == OrganisationKind.REGION]
        municipal_units = [
            i.unit for i in accepted if i.unit.organisation.principal.kind == OrganisationKind.MUNICIPALITY
        ]
        if lead.organisation.principal.kind == OrganisationKind.REGION:
            region_units.insert(0, lead.unit)
        else:
            municipal_units.insert(0, lead.unit)
        for unit in region_units[:1]:
            actions.save_item(
                lead,
                plan,
                plan.lock_version,
                "intervention",
                {
                    "description": "Bedömning och behandling",
                    "organisation": unit.organisation,
                    "unit": unit,
                    "need": need,
                },
            )
        for unit in municipal_units[:1]:
            if unit != lead.unit:
                actions.save_item(
                    lead,
                    plan,
                    plan.lock_version,
                    "intervention",
                    {
                        "description": "Anpassningar i vardagen",
                        "organisation": unit.organisation,
                        "unit": unit,
                        "need": need,
                    },
                )
        actions.save_item(
            lead,
            plan,
            plan.lock_version,
            "goal",
            {
                "description": "Vardagen fungerar bättre",
                "measure": "Personens egen skattning 1–10",
                "target_date": self.today + dt.timedelta(days=120),
            },
        )
        for offset, unit in enumerate([lead.unit, *[i.unit for i in accepted]]):
            commitment = actions.save_item(
                lead,
                plan,
                plan.lock_version,
                "commitment",
                {
                    "what": "Boka och genomföra första insatsen",
                    "unit": unit,
                    "starts_on": plan.requested_on,
                    "due_on": self.today + dt.timedelta(days=offset * 10 - 5),
                },
            )
            if offset == 0:
                actions.set_commitment_status(
                    lead, commitment, CommitmentStatus.DONE, self.today - dt.timedelta(days=6)
                )
        actions.save_item(
            lead,
            plan,
            plan.lock_version,
            "contact",
            {"organisation": lead.organisation, "name": str(lead.user), "phone": "070-174 06 98"},
        )
        responsible = lead.organisation if lead.organisation.is_principal_for_plans else None
        values: dict[str, object] = {"next_followup_on": self.today + dt.timedelta(days=plan.profile.followup_days)}
        if responsible is not None:
            values["overall_responsible"] = responsible
        actions.update_plan_text(lead, plan, plan.lock_version, values)

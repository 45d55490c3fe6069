"""Plans in every status with what each status implies: invitations, participants, meetings and attendance, needs,
interventions, goals, commitments, contacts, established versions, follow-ups, closure and reminders; and each
plan's events for the audit log."""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections.abc import Sequence
from typing import Any

from knutpunkt.audit.models import LegalGround
from knutpunkt.demo.county import Work
from knutpunkt.demo.scale.state import (
    E_COMMITMENT_STATUS,
    E_ESTABLISHED,
    E_FOLLOWED_UP,
    E_INVITATION_ACCEPTED,
    E_INVITATION_DECLINED,
    E_INVITATIONS_SENT,
    E_ITEM_ADDED,
    E_MEETING_BOOKED,
    E_MEETING_HELD,
    E_PARTICIPANT_ADDED,
    E_PLAN_CLOSED,
    E_PLAN_LISTED,
    E_PLAN_PREPARED,
    E_PLAN_REQUESTED,
    E_PLAN_VIEWED,
    E_TEXT_CHANGED,
    E_VERSION_VIEWED,
    T_ATTENDANCE,
    T_COMMITMENT,
    T_CONTACT,
    T_FOLLOWUP,
    T_GOAL,
    T_INTERVENTION,
    T_INVITATION,
    T_MEETING,
    T_NEED,
    T_PARTICIPANT,
    T_PLAN,
    T_REMINDER,
    T_VERSION,
    CountyUnit,
    Dataset,
    PlanLog,
    datetime_at,
    local_date,
)
from knutpunkt.people.models import ConsentPurpose
from knutpunkt.plans.deadlines import add_days
from knutpunkt.plans.models import (
    Attendance,
    ClosureReason,
    Commitment,
    CommitmentStatus,
    ContactPerson,
    FollowUp,
    Goal,
    GoalAssessment,
    Intervention,
    Invitation,
    InvitationStatus,
    Meeting,
    MeetingKind,
    Need,
    Participant,
    ParticipantRole,
    Plan,
    PlanStatus,
    PlanVersion,
    Reminder,
    ReminderKind,
)

LONG_HISTORY_PLANS = 6


# Share of plans per status: most plans of five years are closed or established and followed up.
STATUS_SHARES = (
    (PlanStatus.REQUESTED, 0.05),
    (PlanStatus.PREPARING, 0.06),
    (PlanStatus.SUMMONED, 0.06),
    (PlanStatus.PLANNING, 0.08),
    (PlanStatus.ESTABLISHED, 0.30),
    (PlanStatus.CLOSED, 0.45),
)


# How long ago a plan in each status was requested, in days.
REQUEST_AGE = {
    PlanStatus.REQUESTED: (0, 25),
    PlanStatus.PREPARING: (2, 40),
    PlanStatus.SUMMONED: (6, 45),
    PlanStatus.PLANNING: (20, 200),
    PlanStatus.ESTABLISHED: (40, 1400),
    PlanStatus.CLOSED: (60, 5 * 365 - 30),
}


NEEDS = (
    "Stöd för att klara skolgången",
    "Trygghet och stöd i hemmet",
    "Behandling av ångest och nedstämdhet",
    "Stöd i att minska alkohol- och narkotikabruk",
    "En stabil ekonomi och ett eget boende",
    "Stöd till sysselsättning",
    "Hjälp i vardagen efter sjukhusvistelse",
    "Samordning av vård och omsorg",
    "Avlastning för anhöriga",
)


INTERVENTIONS = {
    "municipality": (
        "Familjebehandling varannan vecka",
        "Öppenvård för missbruk",
        "Hemtjänst morgon och kväll",
        "Boendestöd två gånger i veckan",
        "Ekonomiskt bistånd och budgetrådgivning",
        "Anpassad studiegång",
        "Stödsamtal med skolkurator",
    ),
    "region": (
        "Samtalsbehandling (KBT) på mottagningen",
        "Läkemedelsgenomgång",
        "Utredning av neuropsykiatriska behov",
        "Rehabilitering efter utskrivning",
        "Regelbundna läkarbesök",
    ),
    "other": (
        "Arbetsträning",
        "Samtalsgrupp hos Stadsmissionen",
        "Prövning av rätten till sjukpenning",
        "Fritidsaktivitet med stöd av fältassistent",
    ),
}


GOALS = (
    ("Gå i skolan alla dagar", "Närvaro i skolans system"),
    ("Sova bättre", "Egen skattning varje vecka"),
    ("Minska drickandet", "Provsvar och egen dagbok"),
    ("Ha ett eget kontrakt", "Kontrakt påskrivet"),
    ("Klara vardagen hemma", "Bedömning av hemtjänsten"),
    ("Ha något meningsfullt att göra", "Deltar i aktivitet"),
)


CLOSURE_NOTES = ("", "Målen nåddes och personen vill avsluta.", "Samordning sker nu i ordinarie kontakter.")


class PlanBuilder:
    """Plans and everything they hold."""

    def __init__(self, d: Dataset) -> None:
        self.d = d

    def build_plans(self) -> None:
        candidates = array("I", (p for p in range(1, len(self.d.p_first) + 1) if self.d.p_reg_count[p - 1] >= 2))
        if not candidates:
            candidates = array("I", (p for p in range(1, len(self.d.p_first) + 1) if self.d.p_reg_count[p - 1] >= 1))
        statuses = self.plan_statuses()
        history = [str(PlanStatus.CLOSED)] * (LONG_HISTORY_PLANS - 1) + [str(PlanStatus.ESTABLISHED)]
        long_history = [(person, status) for person in self.d.long_history for status in history]
        long_history = long_history[: len(statuses) // 4]
        for _person, status in long_history:
            statuses.remove(status)
        made = 0
        for number, (person, status) in enumerate(long_history):
            # One plan after the other over five years, the last one still followed up.
            position = number % LONG_HISTORY_PLANS
            ago = 150 if position == LONG_HISTORY_PLANS - 1 else 1600 - 280 * position
            if self.plan(person, status, request_age=(ago, ago + 40)) or self.plan(person, status):
                made += 1
            else:
                statuses.append(status)
        for status in statuses:
            # Most draws succeed at once; a draw fails when the person already has an open plan or was registered
            # too recently for a plan in this status. A closed plan fits almost anyone.
            for attempt in range(400):
                person = self.pick_plan_person(candidates, status if attempt < 200 else PlanStatus.CLOSED)
                if person and self.plan(person, status if attempt < 200 else PlanStatus.CLOSED):
                    made += 1
                    break
            if len(self.d.plan_rows.get(Plan, [])) >= 2000:
                self.flush_plans()
                if made % 20_000 < 2000:
                    self.d.say(f"  {made} plans")
        self.flush_plans()
        if made < self.d.n_plans:
            raise RuntimeError(f"Only {made} of {self.d.n_plans} plans could be placed")
        self.d.say(f"  {made} plans")

    def plan_statuses(self) -> list[str]:
        statuses: list[str] = []
        for status, share in STATUS_SHARES:
            statuses += [status] * int(self.d.n_plans * share)
        index = 0
        while len(statuses) < self.d.n_plans:  # the remainder, and every status at least once when there is room
            statuses.append(STATUS_SHARES[index % len(STATUS_SHARES)][0])
            index += 1
        self.d.rng.shuffle(statuses)
        return statuses

    def pick_plan_person(self, candidates: array[int], status: str) -> int:
        low = REQUEST_AGE[PlanStatus(status)][0]
        # Someone registered before the plan was requested: persons are registered in the order of their ids.
        latest = self.d.span - low * 86_400
        limit = bisect.bisect(candidates, int(latest / (self.d.span - 86_400) * self.d.n_persons))
        if limit == 0:
            return 0
        person = candidates[self.d.rng.randrange(limit)]
        if status != PlanStatus.CLOSED and person in self.d.open_plan_persons:
            return 0
        return person

    def add(self, model: type[Any], row: tuple[Any, ...]) -> None:
        self.d.plan_rows.setdefault(model, []).append(row)

    def flush_plans(self) -> None:
        w = self.d.writer
        self.d.flush_consents()
        columns: dict[type[Any], tuple[str, ...]] = {
            Plan: (
                "id",
                "uuid",
                "person_id",
                "profile_id",
                "status",
                "requested_on",
                "request_reason",
                "requested_by_id",
                "initiating_unit_id",
                "requested_on_behalf_of",
                "deadline",
                "consent_id",
                "what_matters",
                "person_goals",
                "person_own_part",
                "meeting_questions",
                "overall_responsible_id",
                "next_followup_on",
                "summoned_on",
                "first_meeting_on",
                "established_version",
                "closed_at",
                "closure_reason",
                "closure_note",
                "created_at",
                "lock_version",
            ),
            Invitation: (
                "id",
                "uuid",
                "plan_id",
                "unit_id",
                "reason",
                "status",
                "sent_at",
                "responded_at",
                "responded_by_id",
                "representative_id",
                "representative_name",
                "representative_phone",
                "decline_reason",
            ),
            Participant: (
                "id",
                "uuid",
                "plan_id",
                "role",
                "person_id",
                "name",
                "contact_preference",
                "attends",
                "needs",
            ),
            Meeting: (
                "id",
                "uuid",
                "plan_id",
                "kind",
                "starts_at",
                "ends_at",
                "location",
                "video_link",
                "held",
                "cancelled",
                "notes",
                "sequence",
            ),
            Attendance: ("id", "meeting_id", "invitation_id", "participant_id", "attended"),
            Need: ("id", "uuid", "plan_id", "description", "position", "removed"),
            Intervention: (
                "id",
                "uuid",
                "plan_id",
                "need_id",
                "description",
                "organisation_id",
                "unit_id",
                "position",
                "removed",
            ),
            Goal: ("id", "uuid", "plan_id", "description", "measure", "target_date", "position", "removed"),
            Commitment: (
                "id",
                "uuid",
                "plan_id",
                "intervention_id",
                "what",
                "unit_id",
                "by_person",
                "starts_on",
                "due_on",
                "status",
                "done_on",
                "removed",
            ),
            ContactPerson: ("id", "uuid", "plan_id", "organisation_id", "name", "phone", "email", "removed"),
            PlanVersion: (
                "id",
                "uuid",
                "plan_id",
                "number",
                "established_at",
                "established_by_id",
                "meeting_id",
                "content",
                "change_note",
            ),
            FollowUp: (
                "id",
                "uuid",
                "plan_id",
                "version_id",
                "due_on",
                "held_on",
                "goals_assessment",
                "goals_comment",
                "commitments_comment",
                "person_view",
                "plan_changes",
                "next_followup_on",
                "recorded_by_id",
                "recorded_at",
            ),
            Reminder: (
                "id",
                "uuid",
                "unit_id",
                "plan_id",
                "kind",
                "message",
                "due_on",
                "key",
                "created_at",
                "emailed_at",
                "dismissed_at",
            ),
        }
        for model, names in columns.items():
            w.insert(model, names, self.d.plan_rows.get(model, []))
        self.d.plan_rows.clear()

    def lead_registration(self, person_id: int, profile: str, open_only: bool) -> int | None:
        """The registration whose unit requests the plan: social services or school for children and adults,
        the hospital for a discharge. Only a municipality or a region requests a SIP (the agreement profiles are
        theirs), never a state agency, the police, civil society or an independent school."""
        preferred = {
            "children": (Work.CHILDREN, Work.SCHOOL_HEALTH, Work.FIRST_LINE),
            "adults": (Work.ADULT_ADDICTION, Work.INTAKE, Work.PSYCHIATRY, Work.FIRST_LINE, Work.PRIMARY_CARE),
            "discharge": (Work.HOSPITAL, Work.ELDERLY),
        }[profile]
        registrations = [
            r
            for r in self.d.registrations_of(person_id)
            if (not open_only or self.d.r_end[r] < 0)
            and self.d.org_kind[self.d.units[self.d.r_unit[r]].organisation_id] != "other"
        ]
        for work in preferred:
            for r in registrations:
                if self.d.units[self.d.r_unit[r]].work == work:
                    return r
        return registrations[0] if registrations else None

    def plan(self, person_id: int, status: str, *, request_age: tuple[int, int] | None = None) -> bool:
        rng = self.d.rng
        low, high = request_age or REQUEST_AGE[PlanStatus(status)]
        created_day = local_date(self.d.moment(self.d.person_created_ts(person_id)))
        oldest = min(high, (self.d.today - created_day).days - 1)
        if oldest < low:
            return False
        requested_on = self.d.today - dt.timedelta(days=rng.randint(low, oldest))
        born = dt.date.fromordinal(self.d.p_born[person_id - 1])
        age = (requested_on - born).days // 365
        if age < 18:
            profile = "children"
        elif age >= 75 and self.d.p_hospital[person_id - 1]:
            profile = "discharge"
        else:
            profile = "adults"
        lead_reg = self.lead_registration(person_id, profile, open_only=status != PlanStatus.CLOSED)
        if lead_reg is None:
            return False
        lead_unit = self.d.units[self.d.r_unit[lead_reg]]
        if not lead_unit.staff:
            return False
        lead_user = lead_unit.staff[bisect.bisect(lead_unit.weights, rng.random() * lead_unit.weights[-1])]
        town = self.d.towns[self.d.p_town[person_id - 1]]
        invited_units: list[CountyUnit] = []
        orgs = {lead_unit.organisation_id}
        for r in self.d.registrations_of(person_id):
            entry = self.d.units[self.d.r_unit[r]]
            if entry.organisation_id not in orgs and len(invited_units) < 3:
                invited_units.append(entry)
                orgs.add(entry.organisation_id)
        extra_work = {"children": Work.CHILD_PSYCHIATRY, "adults": Work.PRIMARY_CARE, "discharge": Work.ELDERLY}[
            profile
        ]
        for entry in town.units.get(extra_work, [])[:1]:
            if entry.organisation_id not in orgs and (not invited_units or rng.random() < 0.3):
                invited_units.append(entry)
                orgs.add(entry.organisation_id)
        if not invited_units:
            return False

        profile_id, profile_obj = self.d.profiles[profile]
        plan_id = self.d.next_id(T_PLAN)
        name = self.d.person_name(person_id)
        deadline = add_days(requested_on, profile_obj.deadline_days, profile_obj.day_count)
        log = PlanLog(
            plan_id,
            person_id,
            f"SIP {name} ({requested_on:%Y-%m-%d})",
            lead_user,
            lead_unit.id,
            deadline=deadline.isoformat(),
        )
        self.d.plan_logs.append(log)
        ref = (len(self.d.plan_logs) - 1) << 8
        if status != PlanStatus.CLOSED:
            self.d.open_plan_persons.add(person_id)

        # The steps, each a few days after the one before and never after today.
        closed_early = status == PlanStatus.CLOSED and rng.random() < 0.25
        reached = {
            PlanStatus.REQUESTED: 0,
            PlanStatus.PREPARING: 1,
            PlanStatus.SUMMONED: 2,
            PlanStatus.PLANNING: 3,
            PlanStatus.ESTABLISHED: 4,
        }.get(PlanStatus(status), rng.choice((1, 2)) if closed_early else 4)

        def after(day: dt.date, low_days: int, high_days: int) -> dt.date:
            return min(day + dt.timedelta(days=rng.randint(low_days, high_days)), self.d.today)

        requested_ts = self.d.day_ts(requested_on)
        self.d.log(requested_ts, E_PLAN_REQUESTED, ref)
        prepared_on = after(requested_on, 0, 7) if reached >= 1 else None
        summoned_on = after(prepared_on, 0, 6) if prepared_on and reached >= 2 else None
        meeting_on = None
        if summoned_on:
            meeting_on = summoned_on + dt.timedelta(days=rng.randint(4, 20))
            if reached >= 3:
                meeting_on = min(meeting_on, self.d.today)
        established_on = after(meeting_on, 1, 14) if meeting_on and reached >= 4 else None

        # Consent, from preparation on.
        consent_id: int | None = None
        closure_reason = ""
        closed_at: dt.datetime | None = None
        closed_on: dt.date | None = None
        if status == PlanStatus.CLOSED:
            if closed_early:
                closure_reason = rng.choice(
                    (ClosureReason.PERSON_DECLINED, ClosureReason.CONSENT_WITHDRAWN, ClosureReason.MOVED)
                )
                closed_on = after(summoned_on or prepared_on or requested_on, 1, 30)
            else:
                closure_reason = rng.choice(
                    (
                        ClosureReason.GOALS_MET,
                        ClosureReason.GOALS_MET,
                        ClosureReason.NO_LONGER_NEEDED,
                        ClosureReason.MOVED,
                    )
                )
        if prepared_on:
            prepared_ts = max(self.d.day_ts(prepared_on), requested_ts + 600)
            withdrawn: int | None = None
            if closure_reason == ClosureReason.CONSENT_WITHDRAWN and closed_on:
                withdrawn = max(self.d.day_ts(closed_on) - 86_400, prepared_ts + 3600)
            valid_until = (
                max(prepared_on + dt.timedelta(days=365), self.d.today + dt.timedelta(days=rng.randint(30, 300)))
                if status != PlanStatus.CLOSED
                else prepared_on + dt.timedelta(days=365)
            )
            consent_id = self.d.consent(
                person_id,
                lead_unit,
                lead_user,
                prepared_ts,
                sorted(orgs),
                ConsentPurpose.COORDINATED_PLAN,
                "SIP: samordnat stöd",
                valid_until=valid_until,
                withdrawn_at=withdrawn,
            )
            self.d.log(prepared_ts + 300, E_PLAN_PREPARED, ref)

        # Invitations: drafts until sent; answered after the summons.
        invitations: list[tuple[int, CountyUnit, str]] = []
        for number, entry in enumerate(invited_units):
            invitation_id = self.d.next_id(T_INVITATION)
            invitation_status: str = InvitationStatus.DRAFT
            sent_at = responded_at = None
            responder = representative = None
            representative_name = decline_reason = ""
            if summoned_on:
                sent_at = self.d.moment(self.d.day_ts(summoned_on))
                roll = rng.random()
                if reached == 2 and roll < 0.55:
                    invitation_status = InvitationStatus.PENDING
                elif roll < 0.06:
                    invitation_status = InvitationStatus.WITHDRAWN
                elif roll < 0.16:
                    invitation_status = InvitationStatus.DECLINED
                    decline_reason = "Vi har ingen pågående kontakt och kan inte bidra i planen."
                else:
                    invitation_status = InvitationStatus.ACCEPTED
                if invitation_status in (InvitationStatus.ACCEPTED, InvitationStatus.DECLINED):
                    answered = min(summoned_on + dt.timedelta(days=rng.randint(0, 4)), self.d.today)
                    responded_at = self.d.moment(max(self.d.day_ts(answered), self.d.ts(sent_at) + 600))
                    responder = entry.recorder(plan_id + number)
                    if invitation_status == InvitationStatus.ACCEPTED:
                        representative = responder
                        representative_name = self.d.user_label[responder]
            self.add(
                Invitation,
                (
                    invitation_id,
                    self.d.uuid(T_INVITATION, invitation_id),
                    plan_id,
                    entry.id,
                    "Bedömd som behövd vid begäran.",
                    invitation_status,
                    sent_at,
                    responded_at,
                    responder,
                    representative,
                    representative_name,
                    "",
                    decline_reason,
                ),
            )
            log.invited.append((invitation_id, entry.id, responder or entry.recorder(plan_id + number)))
            invitations.append((invitation_id, entry, invitation_status))
            if responded_at is not None:
                kind = (
                    E_INVITATION_ACCEPTED if invitation_status == InvitationStatus.ACCEPTED else E_INVITATION_DECLINED
                )
                self.d.log(self.d.ts(responded_at), kind, ref | number)
                if invitation_status == InvitationStatus.DECLINED:
                    answered_on = local_date(responded_at)
                    self.reminder(
                        lead_unit.id,
                        plan_id,
                        ReminderKind.INVITATION_DECLINED,
                        f"{entry.label} avböjde inbjudan.",
                        answered_on,
                        f"declined:{self.d.uuid(T_INVITATION, invitation_id)}",
                        self.d.ts(responded_at),
                        dismissed=status == PlanStatus.CLOSED or answered_on < self.d.today - dt.timedelta(days=30),
                    )

        taking_part = [(iid, entry) for iid, entry, s in invitations if s == InvitationStatus.ACCEPTED]
        log.viewers.append((lead_user, lead_unit.id, LegalGround.OWN_RECORDS))
        for _iid, entry in taking_part:
            log.viewers.append((entry.recorder(plan_id), entry.id, LegalGround.CONSENT))

        # Participants: the person, and a child's guardians.
        participants: list[int] = []
        if prepared_on:
            people = [(ParticipantRole.PERSON, person_id)]
            if profile == "children":
                people += [
                    (ParticipantRole.GUARDIAN, g)
                    for g in (self.d.p_guardian[person_id - 1], self.d.p_guardian2[person_id - 1])
                    if g
                ]
            for number, (role, who) in enumerate(people):
                participant_id = self.d.next_id(T_PARTICIPANT)
                participants.append(participant_id)
                self.add(
                    Participant,
                    (
                        participant_id,
                        self.d.uuid(T_PARTICIPANT, participant_id),
                        plan_id,
                        role,
                        who,
                        self.d.person_name(who),
                        rng.choice(("Sms dagen innan", "Brev hem", "Telefon efter kl. 16", "")),
                        True,
                        rng.choice(("", "", "Tolk på arabiska", "Digitalt deltagande")),
                    ),
                )
                self.d.log(prepared_ts + 600 + number, E_PARTICIPANT_ADDED, ref)

        # The SIP meeting: booked at the summons, held when the plan reached planning.
        sip_meeting = 0
        if summoned_on and meeting_on:
            sip_meeting = self.d.next_id(T_MEETING)
            starts = datetime_at(meeting_on, rng.choice((9, 10, 13, 14)))
            held = reached >= 3
            if held and starts >= self.d.now:
                starts = self.d.now - dt.timedelta(hours=2)
            self.add(
                Meeting,
                (
                    sip_meeting,
                    self.d.uuid(T_MEETING, sip_meeting),
                    plan_id,
                    MeetingKind.SIP,
                    starts,
                    starts + dt.timedelta(hours=1, minutes=30),
                    rng.choice(("Familjecentralen", "Mottagningen, rum 2", "Kommunhuset, sal B")),
                    "",
                    held,
                    False,
                    "Alla kom överens om planens innehåll." if held else "",
                    0,
                ),
            )
            log.meetings.append(sip_meeting)
            summoned_ts = self.d.day_ts(summoned_on)
            self.d.log(summoned_ts, E_MEETING_BOOKED, ref)
            self.d.log(summoned_ts + 120, E_INVITATIONS_SENT, ref)
            if held:
                self.attendance(sip_meeting, invitations, participants)
                self.d.log(self.d.ts(starts) + 5400, E_MEETING_HELD, ref)

        # Contents, from the meeting on.
        responsible = 0
        commitments: list[tuple[int, dt.date, str]] = []
        if meeting_on and reached >= 3:
            responsible = self.contents(
                plan_id,
                log,
                ref,
                lead_unit,
                taking_part,
                person_id,
                meeting_on,
                complete=reached >= 4,
                commitments=commitments,
            )

        # Establishment, follow-ups and new versions.
        next_followup: dt.date | None = None
        followup_days = profile_obj.followup_days
        versions = 0
        if established_on:
            versions, next_followup = self.establish_and_follow_up(
                plan_id, log, ref, lead_user, sip_meeting, established_on, followup_days, status, name
            )
        if status == PlanStatus.CLOSED:
            if closed_on is None:
                last = max(
                    d
                    for d in (
                        requested_on,
                        prepared_on,
                        summoned_on,
                        meeting_on,
                        established_on,
                        next_followup and min(next_followup, self.d.today),
                    )
                    if d
                )
                closed_on = after(last, 1, 30)
            closed_at = self.d.moment(max(self.d.day_ts(closed_on), requested_ts + 3600))
            self.d.log(self.d.ts(closed_at), E_PLAN_CLOSED, ref)
            next_followup = None

        # Reads: the plan is opened and listed now and then while it is open.
        end_ts = self.d.ts(closed_at) if closed_at else self.d.span - 3600
        open_days = max(1, (end_ts - requested_ts) // 86_400)
        for _view in range(min(40, 1 + open_days // 12)):
            viewer = rng.randrange(len(log.viewers))
            moment = self.d.office_ts(requested_ts + rng.randrange(max(1, end_ts - requested_ts)))
            self.d.log(moment, E_PLAN_VIEWED if rng.random() < 0.7 else E_PLAN_LISTED, ref | viewer)
        if versions:
            self.d.log(
                self.d.office_ts(end_ts - rng.randrange(max(1, min(end_ts - requested_ts, 90 * 86_400)))),
                E_VERSION_VIEWED,
                ref | rng.randrange(len(log.versions)),
            )

        # Reminders for what is late in open plans; a closed plan's reminders were dismissed when it closed.
        if status in (PlanStatus.REQUESTED, PlanStatus.PREPARING, PlanStatus.SUMMONED) and deadline < self.d.today:
            self.reminder(
                lead_unit.id,
                plan_id,
                ReminderKind.DEADLINE_PASSED,
                "Tidsfristen för SIP har passerat.",
                deadline,
                f"deadline_passed:{self.d.uuid(T_PLAN, plan_id)}",
                self.d.ts(datetime_at(deadline, 7)),
            )
        elif status in (PlanStatus.REQUESTED, PlanStatus.PREPARING) and deadline <= self.d.today + dt.timedelta(days=5):
            self.reminder(
                lead_unit.id,
                plan_id,
                ReminderKind.DEADLINE_NEAR,
                "Tidsfristen för SIP närmar sig.",
                deadline,
                f"deadline_near:{self.d.uuid(T_PLAN, plan_id)}",
                self.d.span - 86_400,
            )
        if status == PlanStatus.SUMMONED:
            for invitation_id, entry, invitation_status in invitations:
                if (
                    invitation_status == InvitationStatus.PENDING
                    and summoned_on
                    and summoned_on < self.d.today - dt.timedelta(days=5)
                ):
                    self.reminder(
                        entry.id,
                        plan_id,
                        ReminderKind.INVITATION_UNANSWERED,
                        "En inbjudan väntar på svar.",
                        summoned_on + dt.timedelta(days=5),
                        f"invitation_unanswered:{self.d.uuid(T_INVITATION, invitation_id)}",
                        self.d.ts(datetime_at(summoned_on + dt.timedelta(days=5), 7)),
                    )
        if status == PlanStatus.ESTABLISHED:
            for commitment_id, due_on, commitment_status in commitments:
                if due_on < self.d.today and commitment_status in (
                    CommitmentStatus.PLANNED,
                    CommitmentStatus.IN_PROGRESS,
                ):
                    unit_id = self.d.commitment_units.get(commitment_id)
                    if unit_id:
                        self.reminder(
                            unit_id,
                            plan_id,
                            ReminderKind.COMMITMENT_OVERDUE,
                            "Ett åtagande är försenat.",
                            due_on,
                            f"commitment_overdue:{self.d.uuid(T_COMMITMENT, commitment_id)}",
                            self.d.ts(datetime_at(due_on + dt.timedelta(days=1), 7)),
                        )
            if next_followup and next_followup < self.d.today:
                self.reminder(
                    lead_unit.id,
                    plan_id,
                    ReminderKind.FOLLOWUP_OVERDUE,
                    "Uppföljningen är försenad.",
                    next_followup,
                    f"followup_overdue:{self.d.uuid(T_PLAN, plan_id)}:{next_followup}",
                    self.d.ts(datetime_at(next_followup + dt.timedelta(days=1), 7)),
                )

        overall = responsible if reached >= 4 or (responsible and rng.random() < 0.5) else 0
        self.add(
            Plan,
            (
                plan_id,
                self.d.uuid(T_PLAN, plan_id),
                person_id,
                profile_id,
                status,
                requested_on,
                rng.choice(
                    (
                        "Skolfrånvaro och oro hemma; flera verksamheter behöver samordna sitt stöd.",
                        "Personen har insatser från flera håll och ber om en gemensam plan.",
                        "Utskrivning från sjukhus; behov av hemtjänst och uppföljning i primärvården.",
                    )
                ),
                lead_user,
                lead_unit.id,
                rng.choice(("", "", "Personen själv", "Vårdnadshavare")),
                deadline,
                consent_id,
                "Att få vara hemma och känna sig trygg." if prepared_on else "",
                "Jag vill klara vardagen och ha någon att prata med." if prepared_on else "",
                "Jag går på mina möten." if prepared_on else "",
                "",
                overall or None,
                next_followup,
                summoned_on,
                meeting_on if reached >= 3 else None,
                versions,
                closed_at,
                closure_reason,
                rng.choice(CLOSURE_NOTES) if closed_at else "",
                self.d.moment(requested_ts),
                1 + len(log.items) + versions,
            ),
        )
        return True

    def reminder(
        self,
        unit_id: int,
        plan_id: int,
        kind: str,
        message: str,
        due_on: dt.date,
        key: str,
        ts: int,
        *,
        dismissed: bool = False,
    ) -> None:
        reminder_id = self.d.next_id(T_REMINDER)
        created = self.d.moment(min(ts, self.d.span - 60))
        self.add(
            Reminder,
            (
                reminder_id,
                self.d.uuid(T_REMINDER, reminder_id),
                unit_id,
                plan_id,
                kind,
                message,
                due_on,
                key,
                created,
                created,
                created + dt.timedelta(days=2) if dismissed else None,
            ),
        )

    def attendance(
        self, meeting_id: int, invitations: Sequence[tuple[int, CountyUnit, str]], participants: Sequence[int]
    ) -> None:
        rng = self.d.rng
        for invitation_id, _entry, invitation_status in invitations:
            if invitation_status in (InvitationStatus.ACCEPTED, InvitationStatus.PENDING):
                self.add(
                    Attendance,
                    (
                        self.d.next_id(T_ATTENDANCE),
                        meeting_id,
                        invitation_id,
                        None,
                        invitation_status == InvitationStatus.ACCEPTED and rng.random() < 0.92,
                    ),
                )
        for participant_id in participants:
            self.add(Attendance, (self.d.next_id(T_ATTENDANCE), meeting_id, None, participant_id, rng.random() < 0.85))

    def contents(
        self,
        plan_id: int,
        log: PlanLog,
        ref: int,
        lead: CountyUnit,
        taking_part: Sequence[tuple[int, CountyUnit]],
        person_id: int,
        meeting_on: dt.date,
        *,
        complete: bool,
        commitments: list[tuple[int, dt.date, str]],
    ) -> int:
        """Needs, interventions (the municipality's and the region's), goals, commitments and contacts. Returns the
        organisation given overall responsibility."""
        rng = self.d.rng
        units = [lead] + [entry for _iid, entry in taking_part]
        base = self.d.day_ts(meeting_on) + 7200
        moment = base

        def added(table: int, item_id: int) -> None:
            nonlocal moment
            moment += rng.randint(60, 900)
            log.items.append((table, item_id))
            if len(log.items) < 256:
                self.d.log(moment, E_ITEM_ADDED, ref | (len(log.items) - 1))

        needs = []
        for position in range(rng.randint(1, 3)):
            need_id = self.d.next_id(T_NEED)
            needs.append(need_id)
            self.add(
                Need, (need_id, self.d.uuid(T_NEED, need_id), plan_id, rng.choice(NEEDS), position, rng.random() < 0.05)
            )
            added(T_NEED, need_id)
        by_kind: dict[str, list[CountyUnit]] = {}
        for entry in units:
            by_kind.setdefault(self.d.org_kind[entry.organisation_id], []).append(entry)
        town = self.d.towns[self.d.p_town[person_id - 1]]
        if complete:
            # The law asks for the municipality's and the region's interventions; find a unit of each.
            for kind, work in (("municipality", Work.INTAKE), ("region", Work.PRIMARY_CARE)):
                if kind not in by_kind:
                    fallback = town.units.get(work) or []
                    if fallback:
                        by_kind[kind] = [fallback[0]]
        interventions: list[tuple[int, CountyUnit]] = []
        position = 0
        for kind, entries in by_kind.items():
            for entry in entries[:2]:
                intervention_id = self.d.next_id(T_INTERVENTION)
                interventions.append((intervention_id, entry))
                self.add(
                    Intervention,
                    (
                        intervention_id,
                        self.d.uuid(T_INTERVENTION, intervention_id),
                        plan_id,
                        rng.choice(needs),
                        rng.choice(INTERVENTIONS[kind]),
                        entry.organisation_id,
                        entry.id,
                        position,
                        False,
                    ),
                )
                position += 1
                added(T_INTERVENTION, intervention_id)
        for position in range(rng.randint(1, 3)):
            goal_id = self.d.next_id(T_GOAL)
            description, measure = rng.choice(GOALS)
            self.add(
                Goal,
                (
                    goal_id,
                    self.d.uuid(T_GOAL, goal_id),
                    plan_id,
                    description,
                    measure,
                    meeting_on + dt.timedelta(days=rng.randint(60, 240)),
                    position,
                    False,
                ),
            )
            added(T_GOAL, goal_id)
        for intervention_id, entry in interventions:
            commitment_id = self.d.next_id(T_COMMITMENT)
            starts_on = meeting_on + dt.timedelta(days=rng.randint(0, 14))
            due_on = starts_on + dt.timedelta(days=rng.randint(14, 180))
            if due_on < self.d.today - dt.timedelta(days=30):
                status = rng.choice(
                    (
                        CommitmentStatus.DONE,
                        CommitmentStatus.DONE,
                        CommitmentStatus.CANCELLED,
                        CommitmentStatus.IN_PROGRESS,
                    )
                )
            elif starts_on <= self.d.today:
                status = rng.choice((CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS, CommitmentStatus.DONE))
            else:
                status = CommitmentStatus.PLANNED
            done_on = min(due_on, self.d.today) if status == CommitmentStatus.DONE else None
            self.add(
                Commitment,
                (
                    commitment_id,
                    self.d.uuid(T_COMMITMENT, commitment_id),
                    plan_id,
                    intervention_id,
                    f"Ansvarar för: {rng.choice(INTERVENTIONS[self.d.org_kind[entry.organisation_id]])}",
                    entry.id,
                    False,
                    starts_on,
                    due_on,
                    status,
                    done_on,
                    False,
                ),
            )
            self.d.commitment_units[commitment_id] = entry.id
            commitments.append((commitment_id, due_on, status))
            log.commitments.append(commitment_id)
            added(T_COMMITMENT, commitment_id)
        if rng.random() < 0.5:
            commitment_id = self.d.next_id(T_COMMITMENT)
            starts_on = meeting_on + dt.timedelta(days=rng.randint(0, 7))
            self.add(
                Commitment,
                (
                    commitment_id,
                    self.d.uuid(T_COMMITMENT, commitment_id),
                    plan_id,
                    None,
                    "Går på mötena och säger till om något inte fungerar.",
                    None,
                    True,
                    starts_on,
                    starts_on + dt.timedelta(days=90),
                    CommitmentStatus.IN_PROGRESS,
                    None,
                    False,
                ),
            )
            added(T_COMMITMENT, commitment_id)
        for entry in units[: rng.randint(1, len(units))]:
            contact_id = self.d.next_id(T_CONTACT)
            name = self.d.user_label[entry.recorder(plan_id)]
            self.add(
                ContactPerson,
                (
                    contact_id,
                    self.d.uuid(T_CONTACT, contact_id),
                    plan_id,
                    entry.organisation_id,
                    name,
                    "010-000 00 00",
                    "",
                    False,
                ),
            )
            added(T_CONTACT, contact_id)
        self.d.log(moment + 300, E_TEXT_CHANGED, ref)
        principals = [e.organisation_id for e in units if self.d.org_kind[e.organisation_id] != "other"]
        return principals[0] if principals else 0

    def establish_and_follow_up(
        self,
        plan_id: int,
        log: PlanLog,
        ref: int,
        lead_user: int,
        meeting_id: int,
        established_on: dt.date,
        followup_days: int,
        status: str,
        name: str,
    ) -> tuple[int, dt.date | None]:
        rng = self.d.rng
        number = 0
        version_id = 0

        def new_version(on: dt.date, meeting: int, note: str) -> None:
            nonlocal number, version_id
            number += 1
            version_id = self.d.next_id(T_VERSION)
            established_ts = self.d.day_ts(on)
            content = {
                "person": name,
                "what_matters": "Att få vara hemma och känna sig trygg.",
                "person_goals": "Jag vill klara vardagen och ha någon att prata med.",
                "person_own_part": "Jag går på mina möten.",
                "overall_responsible": "",
                "next_followup_on": (on + dt.timedelta(days=followup_days)).isoformat(),
                "needs": [rng.choice(NEEDS) for _ in range(2)],
                "interventions": [
                    {
                        "description": rng.choice(INTERVENTIONS["municipality"]),
                        "organisation": "",
                        "unit": "",
                        "responsibility": "municipality",
                    },
                    {
                        "description": rng.choice(INTERVENTIONS["region"]),
                        "organisation": "",
                        "unit": "",
                        "responsibility": "region",
                    },
                ],
                "goals": [{"description": g, "measure": m, "target_date": ""} for g, m in rng.sample(GOALS, 2)],
                "commitments": [],
                "contacts": [],
                "taking_part": [],
            }
            self.add(
                PlanVersion,
                (
                    version_id,
                    self.d.uuid(T_VERSION, version_id),
                    plan_id,
                    number,
                    self.d.moment(established_ts),
                    lead_user,
                    meeting or None,
                    content,
                    note,
                ),
            )
            log.versions.append(version_id)
            self.d.log(established_ts, E_ESTABLISHED, ref | min(number - 1, 255))

        new_version(established_on, meeting_id, "")
        due = established_on + dt.timedelta(days=followup_days)
        limit = self.d.today - dt.timedelta(days=rng.randint(0, 60))
        if status == PlanStatus.CLOSED:  # a closed plan was followed up for a while, then closed
            limit = min(limit, established_on + dt.timedelta(days=rng.randint(60, 900)))
        followups = 0
        while due <= limit and followups < 12:
            held_on = min(due + dt.timedelta(days=rng.randint(-5, 20)), self.d.today)
            changes = rng.random() < 0.2
            next_due = held_on + dt.timedelta(days=followup_days)
            meeting = self.d.next_id(T_MEETING)
            starts = datetime_at(held_on, 10)
            if starts >= self.d.now:
                starts = self.d.now - dt.timedelta(hours=3)
            self.add(
                Meeting,
                (
                    meeting,
                    self.d.uuid(T_MEETING, meeting),
                    plan_id,
                    MeetingKind.FOLLOW_UP,
                    starts,
                    starts + dt.timedelta(hours=1),
                    "",
                    "https://video.example/sip",
                    True,
                    False,
                    "",
                    0,
                ),
            )
            log.meetings.append(meeting)
            followup_id = self.d.next_id(T_FOLLOWUP)
            recorded = self.d.day_ts(held_on)
            self.add(
                FollowUp,
                (
                    followup_id,
                    self.d.uuid(T_FOLLOWUP, followup_id),
                    plan_id,
                    version_id,
                    due,
                    held_on,
                    rng.choice(GoalAssessment.values),
                    "",
                    "Åtagandena följs i stort sett.",
                    "Det går bättre nu.",
                    changes,
                    None if changes else next_due,
                    lead_user,
                    self.d.moment(recorded),
                ),
            )
            log.followups.append(followup_id)
            self.d.log(recorded, E_FOLLOWED_UP, ref | min(len(log.followups) - 1, 255))
            for commitment_number in range(min(len(log.commitments), 2)):
                self.d.log(recorded + 600 + commitment_number, E_COMMITMENT_STATUS, ref | commitment_number)
            followups += 1
            if changes:
                new_on = min(held_on + dt.timedelta(days=rng.randint(7, 30)), self.d.today)
                new_version(new_on, meeting, "Planen ändrades efter uppföljningen.")
                held_on = new_on
                next_due = new_on + dt.timedelta(days=followup_days)
            due = next_due
        return number, due

"""The audit log: every creation and change the generator made, as the actions would have logged it, plus reads,
searches and sign-ins up to the size asked for; written in time order, a month at a time, with the table's indexes
built once at the end of the load."""

from __future__ import annotations

import bisect
import datetime as dt
import uuid
from array import array
from typing import Any

from django.db import transaction

from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.demo.scale.state import (
    BUCKET_SECONDS,
    E_COMMITMENT_STATUS,
    E_CONSENT_RECORDED,
    E_CONSENT_WITHDRAWN,
    E_ESTABLISHED,
    E_FOLLOWED_UP,
    E_GUARDIAN_ADDED,
    E_INVITATION_ACCEPTED,
    E_INVITATION_DECLINED,
    E_INVITATIONS_SENT,
    E_ITEM_ADDED,
    E_MEETING_BOOKED,
    E_MEETING_HELD,
    E_PARTICIPANT_ADDED,
    E_PERSON_CREATED,
    E_PLAN_CLOSED,
    E_PLAN_PREPARED,
    E_PLAN_REQUESTED,
    E_PLAN_VIEWED,
    E_REGISTRATION_ADDED,
    E_REGISTRATION_ENDED,
    E_TEXT_CHANGED,
    E_VERSION_VIEWED,
    F_CONSENT_VIEWED,
    F_LOGIN,
    F_LOGIN_WITHOUT_UNIT,
    F_LOGOUT,
    F_PERSON_LISTED,
    F_PERSON_SEARCHED,
    F_PERSON_VIEWED,
    F_UNRELATED_VIEW,
    KIND_SHIFT,
    REF_MASK,
    T_COMMITMENT,
    T_CONSENT,
    T_CONTACT,
    T_FOLLOWUP,
    T_GOAL,
    T_GUARDIANSHIP,
    T_INTERVENTION,
    T_INVITATION,
    T_MEETING,
    T_NEED,
    T_PERSON,
    T_PLAN,
    T_REGISTRATION,
    T_VERSION,
    TS_SHIFT,
    Dataset,
)

KIND_MASK = (1 << (TS_SHIFT - KIND_SHIFT)) - 1


# Reads and sign-ins that fill the log to the requested size, with their shares.
FILLER = (
    (F_PERSON_VIEWED, 0.44),
    (F_PERSON_LISTED, 0.20),
    (F_PERSON_SEARCHED, 0.10),
    (F_CONSENT_VIEWED, 0.05),
    (F_LOGIN, 0.13),
    (F_LOGOUT, 0.075),
    (F_UNRELATED_VIEW, 0.004),
    (F_LOGIN_WITHOUT_UNIT, 0.001),
)


IDENTITY_KINDS = ("personnummer", "samordningsnummer", "reserve")


ITEM_TYPES = {
    T_NEED: "plans.need",
    T_INTERVENTION: "plans.intervention",
    T_GOAL: "plans.goal",
    T_COMMITMENT: "plans.commitment",
    T_CONTACT: "plans.contactperson",
}


ITEM_KINDS = {
    T_NEED: "need",
    T_INTERVENTION: "intervention",
    T_GOAL: "goal",
    T_COMMITMENT: "commitment",
    T_CONTACT: "contact",
}


class AuditLogBuilder:
    """The audit log, in time order."""

    def __init__(self, d: Dataset) -> None:
        self.d = d

    def build_audit_log(self) -> None:
        rng = self.d.rng
        for person_id in range(1, len(self.d.p_first) + 1):
            created = self.d.person_created_ts(person_id)
            self.d.log(created, E_PERSON_CREATED, person_id)
        for index in range(len(self.d.r_person)):
            self.d.log(self.d.r_start[index] + 60, E_REGISTRATION_ADDED, index)
            if self.d.r_end[index] >= 0:
                self.d.log(self.d.office_ts(self.d.r_end[index]), E_REGISTRATION_ENDED, index)
        lifecycle = sum(len(bucket) for bucket in self.d.buckets)
        fillers = max(0, self.d.n_events - lifecycle)
        keep, pool = min(lifecycle, self.d.n_events), lifecycle
        self.d.say(f"  {lifecycle} events from the data, {fillers} reads and sign-ins")
        # Reads grow with the number of persons registered: a later month has more of them.
        months = len(self.d.buckets)
        weights = [index + 1 for index in range(months)]
        shares = [fillers * w // sum(weights) for w in weights]
        shares[-1] += fillers - sum(shares)
        filler_kinds = [kind for kind, _share in FILLER]
        thresholds = []
        total = 0.0
        for _kind, share in FILLER:
            total += share
            thresholds.append(total)
        columns = (
            "id",
            "occurred_at",
            "event",
            "actor_id",
            "actor_label",
            "unit_id",
            "unit_label",
            "organisation_id",
            "person_id",
            "person_label",
            "object_type",
            "object_uuid",
            "object_label",
            "legal_ground",
            "had_relation",
            "request_id",
            "detail",
        )
        self.next_event_id = 0
        users = sorted(self.d.user_label)
        written = 0
        with transaction.atomic(), self.d.writer.indexes_built_after(AuditEvent):
            for month in range(months):
                start = month * BUCKET_SECONDS
                end = min(start + BUCKET_SECONDS, self.d.span)
                packed = list(self.d.buckets[month])
                self.d.buckets[month] = array("q")
                if keep < pool:  # fewer events asked for than the data makes: keep an even sample (selection sampling)
                    kept = []
                    for value in packed:
                        if rng.random() * pool < keep:
                            kept.append(value)
                            keep -= 1
                        pool -= 1
                    packed = kept
                for number in range(shares[month]):
                    ts = self.d.office_ts(start + rng.randrange(max(1, end - start)))
                    kind = filler_kinds[min(bisect.bisect(thresholds, rng.random() * total), len(filler_kinds) - 1)]
                    if month == months - 1 and number == 0:
                        kind = F_UNRELATED_VIEW  # always at least one read without a relation for log review to find
                    if kind in (F_LOGIN, F_LOGOUT, F_LOGIN_WITHOUT_UNIT):
                        ref = rng.choice(users)
                    elif kind == F_UNRELATED_VIEW:
                        ref = rng.randint(1, max(1, self.persons_before(ts)))
                    else:
                        ref = rng.randrange(max(1, self.registrations_before(ts)))
                    packed.append(ts << TS_SHIFT | kind << KIND_SHIFT | ref)
                packed.sort()
                written += self.d.writer.insert(AuditEvent, columns, (self.event_row(value) for value in packed))
                if month % 12 == 11:
                    self.d.say(f"  {written} events written ({month + 1} of {months} months)")
            self.d.say(f"  {written} events written; building the indexes")

    def persons_before(self, ts: int) -> int:
        return min(len(self.d.p_first), int(ts / (self.d.span - 86_400) * self.d.n_persons) + 1)

    def registrations_before(self, ts: int) -> int:
        person = self.persons_before(ts)
        return self.d.p_reg_first[person - 1] + self.d.p_reg_count[person - 1] if person else 0

    def event_row(self, packed: int) -> tuple[Any, ...]:
        rng = self.d.rng
        ts = packed >> TS_SHIFT
        kind = (packed >> KIND_SHIFT) & KIND_MASK
        ref = packed & REF_MASK
        actor: int | None = None
        unit: int | None = None
        person: int | None = None
        object_type = object_label = ""
        object_uuid: uuid.UUID | None = None
        ground: str = LegalGround.OWN_RECORDS
        relation = True
        detail: dict[str, Any] = {}

        def person_object(person_id: int) -> None:
            nonlocal object_type, object_uuid, object_label
            object_type, object_uuid, object_label = (
                "people.person",
                self.d.uuid(T_PERSON, person_id),
                self.d.person_name(person_id),
            )

        if kind <= E_CONSENT_WITHDRAWN:
            if kind == E_PERSON_CREATED:
                person = ref
                first = self.d.p_reg_first[ref - 1]
                if self.d.p_reg_count[ref - 1]:
                    entry = self.d.units[self.d.r_unit[first]]
                    actor, unit = entry.recorder(first), entry.id
                else:  # a relative in no organisation's own records, registered by the social services
                    entry = self.d.towns[self.d.p_town[ref - 1]].registrar
                    actor, unit = entry.recorder(ref), entry.id
                event = "person.created"
                person_object(ref)
                detail = {"kind": IDENTITY_KINDS[self.d.p_kind[ref - 1]]}
            elif kind in (E_REGISTRATION_ADDED, E_REGISTRATION_ENDED):
                entry = self.d.units[self.d.r_unit[ref]]
                actor, unit, person = entry.recorder(ref), entry.id, self.d.r_person[ref]
                event = "person.registration_added" if kind == E_REGISTRATION_ADDED else "person.registration_ended"
                object_type, object_uuid, object_label = (
                    "people.registration",
                    self.d.uuid(T_REGISTRATION, ref + 1),
                    f"{self.d.person_name(person)} – {entry.label.rsplit(', ', 1)[-1]}",
                )
            elif kind == E_GUARDIAN_ADDED:
                child, related, _ts = self.d.guardianships[ref]
                first = self.d.p_reg_first[child - 1]
                entry = (
                    self.d.units[self.d.r_unit[first]]
                    if self.d.p_reg_count[child - 1]
                    else self.d.towns[self.d.p_town[child - 1]].registrar
                )
                actor, unit, person = entry.recorder(first), entry.id, child
                event = "person.guardian_added"
                object_type, object_uuid, object_label = (
                    "people.guardianship",
                    self.d.uuid(T_GUARDIANSHIP, ref + 1),
                    self.d.person_name(related),
                )
                detail = {"kind": "guardian"}
            else:
                unit, actor, person = self.d.c_unit[ref], self.d.c_user[ref], self.d.c_person[ref]
                event = "consent.recorded" if kind == E_CONSENT_RECORDED else "consent.withdrawn"
                object_type, object_uuid, object_label = (
                    "people.consent",
                    self.d.uuid(T_CONSENT, ref + 1),
                    f"Samtycke – {self.d.person_name(person)}",
                )
        elif kind <= E_VERSION_VIEWED:
            plan = self.d.plan_logs[ref >> 8]
            sub = ref & 0xFF
            person = plan.person
            actor, unit = plan.lead_user, plan.lead_unit
            object_type, object_uuid, object_label = "plans.plan", self.d.uuid(T_PLAN, plan.id), plan.label
            if kind == E_PLAN_REQUESTED:
                event = "plan.requested"
                detail = {"deadline": plan.deadline}
            elif kind == E_PLAN_PREPARED:
                event = "plan.prepared"
                detail = {"fields": ["what_matters", "person_goals", "consent"]}
            elif kind == E_PARTICIPANT_ADDED:
                event = "plan.participant_added"
            elif kind == E_MEETING_BOOKED:
                event = "plan.meeting_booked"
                object_type, object_uuid = "plans.meeting", self.d.uuid(T_MEETING, plan.meetings[0])
            elif kind == E_INVITATIONS_SENT:
                event = "plan.invitations_sent"
                detail = {"units": [self.d.units[u].label for _i, u, _a in plan.invited]}
            elif kind in (E_INVITATION_ACCEPTED, E_INVITATION_DECLINED):
                invitation_id, unit, actor = plan.invited[sub]
                event = "plan.invitation_accepted" if kind == E_INVITATION_ACCEPTED else "plan.invitation_declined"
                object_type, object_uuid = "plans.invitation", self.d.uuid(T_INVITATION, invitation_id)
                ground = LegalGround.CONSENT
            elif kind == E_MEETING_HELD:
                event = "plan.meeting_held"
                object_type, object_uuid = "plans.meeting", self.d.uuid(T_MEETING, plan.meetings[0])
            elif kind == E_ITEM_ADDED:
                table, item_id = plan.items[sub]
                event = "plan.item_added"
                object_type, object_uuid = ITEM_TYPES[table], self.d.uuid(table, item_id)
                detail = {"kind": ITEM_KINDS[table]}
            elif kind == E_TEXT_CHANGED:
                event = "plan.text_changed"
                detail = {"fields": ["next_followup_on", "overall_responsible"]}
            elif kind == E_ESTABLISHED:
                event = "plan.established"
                object_type, object_uuid = "plans.planversion", self.d.uuid(T_VERSION, plan.versions[sub])
                detail = {"version": sub + 1}
            elif kind == E_FOLLOWED_UP:
                event = "plan.followed_up"
                object_type, object_uuid = "plans.followup", self.d.uuid(T_FOLLOWUP, plan.followups[sub])
            elif kind == E_COMMITMENT_STATUS:
                event = "plan.commitment_status"
                object_type, object_uuid = "plans.commitment", self.d.uuid(T_COMMITMENT, plan.commitments[sub])
                detail = {"status": "in_progress"}
            elif kind == E_PLAN_CLOSED:
                event = "plan.closed"
            elif kind == E_VERSION_VIEWED:
                event = "plan.version_viewed"
                object_type, object_uuid = "plans.planversion", self.d.uuid(T_VERSION, plan.versions[sub])
            else:
                actor, unit, ground = plan.viewers[sub]
                event = "plan.viewed" if kind == E_PLAN_VIEWED else "plan.listed"
        else:
            if kind in (F_LOGIN, F_LOGOUT, F_LOGIN_WITHOUT_UNIT):
                actor = ref
                unit = None if kind == F_LOGIN_WITHOUT_UNIT else self.d.user_unit.get(ref)
                event = "auth.logout" if kind == F_LOGOUT else "auth.login"
                detail = {} if kind == F_LOGOUT else {"method": "password"}
                ground = LegalGround.NOT_APPLICABLE
            elif kind == F_UNRELATED_VIEW:
                entry = self.d.units[rng.choice(list(self.d.units))]
                actor, unit, person = entry.recorder(ref), entry.id, ref
                event = "person.viewed"
                person_object(ref)
                ground, relation = LegalGround.NONE, False
            else:
                if self.d.long_history and rng.random() < 0.01:  # persons with a long history are read more often
                    registrations = self.d.registrations_of(rng.choice(self.d.long_history))
                    ref = registrations[rng.randrange(len(registrations))]
                entry = self.d.units[self.d.r_unit[ref]]
                actor, unit, person = entry.recorder(ts), entry.id, self.d.r_person[ref]
                if kind == F_PERSON_SEARCHED:
                    event, person = "person.searched", None
                    detail = {"by": rng.choice(("name", "number")), "hits": rng.randint(0, 5)}
                    ground = LegalGround.NOT_APPLICABLE
                elif kind == F_CONSENT_VIEWED:
                    event = "consent.viewed"
                else:
                    event = "person.viewed" if kind == F_PERSON_VIEWED else "person.listed"
                    if kind == F_PERSON_VIEWED:
                        person_object(person)
        self.next_event_id += 1
        moment = dt.datetime.fromtimestamp(self.d.origin + ts + rng.random(), dt.UTC)
        unit_entry = self.d.units.get(unit) if unit else None
        return (
            self.next_event_id,
            moment,
            event,
            actor,
            self.d.user_label.get(actor, "") if actor else "",
            unit,
            unit_entry.label if unit_entry else "",
            unit_entry.organisation_id if unit_entry else None,
            person,
            self.d.person_name(person) if person else "",
            object_type,
            object_uuid,
            object_label[:300],
            ground,
            relation,
            f"{rng.getrandbits(64):016x}",
            detail,
        )

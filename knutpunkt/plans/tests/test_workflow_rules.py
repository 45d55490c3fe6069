"""The rules of the SIP workflow: deadlines, sharing under consent, invitations, overall responsibility,
establishment, conflicts and follow-up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.http import Http404
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.people.actions import withdraw_consent
from knutpunkt.plans import access, actions
from knutpunkt.plans.models import CommitmentStatus, GoalAssessment, InvitationStatus, PlanStatus, PlanVersion
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import make_profiles, requested_plan, summoned_plan


@pytest.fixture
def world(cast: Cast):  # type: ignore[no-untyped-def]
    return make_profiles(cast)


def _complete(cast: Cast, plan, meeting):  # type: ignore[no-untyped-def]
    """Accept, hold the meeting and fill in the legal contents."""
    invitation = plan.invitations.get(unit=cast.bup_unit)
    actions.answer_invitation(cast.actor(cast.cecilia), invitation, accept=True, representative_name="Cecilia Carlsson")
    actions.record_meeting(cast.actor(cast.anna), meeting, attended_invitations=[invitation], attended_participants=[])
    anna = cast.actor(cast.anna)
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
    today = timezone.localdate()
    actions.save_item(
        anna,
        plan,
        plan.lock_version,
        "commitment",
        {"what": "Boka samtal", "unit": cast.bup_unit, "starts_on": today, "due_on": today + dt.timedelta(days=14)},
    )
    actions.update_plan_text(
        anna,
        plan,
        plan.lock_version,
        {"overall_responsible": cast.social_karlstad, "next_followup_on": today + dt.timedelta(days=60)},
    )


def test_the_deadline_counts_from_the_request_date(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    plan = requested_plan(cast, world, days_ago=5)
    assert plan.deadline == plan.requested_on + dt.timedelta(days=21)


def test_only_an_organisation_with_the_person_in_its_records_may_request(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        actions.request_plan(
            cast.actor(cast.cecilia), cast.elsa, profile=world.children, requested_on=timezone.localdate(), reason="x"
        )


def test_invitations_go_only_to_organisations_the_consent_names(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    plan = requested_plan(cast, world)
    actions.add_invitation(cast.actor(cast.anna), plan, cast.arvika_unit, "Tidigare kontakt")
    start = timezone.now() + dt.timedelta(days=2)
    actions.book_meeting(
        cast.actor(cast.anna), plan, starts_at=start, ends_at=start + dt.timedelta(hours=1), location="Rum 3"
    )
    with pytest.raises(ValidationError, match="Socialtjänsten Arvika"):
        actions.send_invitations(cast.actor(cast.anna), plan)
    assert not plan.invitations.filter(status=InvitationStatus.PENDING).exists()


def test_the_invited_region_sees_the_plan_and_loses_it_when_consent_is_withdrawn(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    plan, _meeting, _invitation = summoned_plan(cast, world)
    assert access.get_plan(cast.actor(cast.cecilia), plan.uuid) == plan
    assert AuditEvent.objects.filter(event="plan.viewed", actor=cast.cecilia, legal_ground=LegalGround.CONSENT).exists()

    withdraw_consent(cast.actor(cast.anna), cast.elsa_consent, "Elsa och föräldrarna återkallade muntligt")
    with pytest.raises(Http404):
        access.get_plan(cast.actor(cast.cecilia), plan.uuid)
    assert plan not in access.visible_plans(cast.actor(cast.cecilia))
    # The organisation that requested the plan keeps what it must document.
    assert access.get_plan(cast.actor(cast.anna), plan.uuid) == plan


def test_the_outsider_never_sees_the_plan(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    plan, _meeting, _invitation = summoned_plan(cast, world)
    with pytest.raises(Http404):
        access.get_plan(cast.actor(cast.olle), plan.uuid)


def test_a_declined_invitation_needs_a_reason_and_reminds_the_requester(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    plan, _meeting, invitation = summoned_plan(cast, world)
    with pytest.raises(ValidationError):
        actions.answer_invitation(cast.actor(cast.cecilia), invitation, accept=False)
    actions.answer_invitation(
        cast.actor(cast.cecilia), invitation, accept=False, decline_reason="Elsa är inte aktuell hos BUP"
    )
    reminder = plan.reminders.get()
    assert reminder.unit == cast.barn_och_unga
    assert "inte aktuell hos BUP" in reminder.message
    assert plan not in access.visible_plans(cast.actor(cast.cecilia))


def test_only_the_invited_unit_answers_its_invitation(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    _plan, _meeting, invitation = summoned_plan(cast, world)
    with pytest.raises(PermissionDenied):
        actions.answer_invitation(cast.actor(cast.bo), invitation, accept=True, representative_name="Bo")


def test_overall_responsibility_must_be_a_municipality_or_region_taking_part(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    plan = requested_plan(cast, world)
    with pytest.raises(ValidationError, match="kommun eller region som deltar"):
        actions.update_plan_text(cast.actor(cast.anna), plan, plan.lock_version, {"overall_responsible": cast.bup})
    actions.update_plan_text(
        cast.actor(cast.anna), plan, plan.lock_version, {"overall_responsible": cast.social_karlstad}
    )


def test_a_plan_cannot_be_established_without_its_legal_contents(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    plan, meeting, _invitation = summoned_plan(cast, world)
    with pytest.raises(ValidationError) as refused:
        actions.establish(cast.actor(cast.anna), plan, plan.lock_version)
    messages = " ".join(refused.value.messages)
    assert "övergripande ansvaret" in messages and "regionen ansvarar" in messages
    _complete(cast, plan, meeting)
    version = actions.establish(cast.actor(cast.anna), plan, plan.lock_version)
    assert version.number == 1
    assert version.content["overall_responsible"] == "Socialtjänsten Karlstad"
    assert {i["responsibility"] for i in version.content["interventions"]} == {"municipality", "region"}
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ESTABLISHED


def test_an_established_version_never_changes(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    plan, meeting, _invitation = summoned_plan(cast, world)
    _complete(cast, plan, meeting)
    version = actions.establish(cast.actor(cast.anna), plan, plan.lock_version)
    with pytest.raises(ValueError, match="never changed"):
        version.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE plans_planversion SET change_note = 'x' WHERE id = %s", [version.pk])
    assert PlanVersion.objects.get(pk=version.pk).change_note == ""


def test_a_save_from_a_stale_version_is_refused(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    plan = requested_plan(cast, world)
    opened_by_both = plan.lock_version
    actions.update_plan_text(cast.actor(cast.anna), plan, opened_by_both, {"person_goals": "Annas text"})
    with pytest.raises(actions.PlanEditConflict) as conflict:
        actions.update_plan_text(cast.actor(cast.bo), plan, opened_by_both, {"person_goals": "Bos text"})
    assert conflict.value.plan.person_goals == "Annas text"
    plan.refresh_from_db()
    assert plan.person_goals == "Annas text"


def test_a_followup_is_recorded_against_the_version_and_sets_the_next_date(cast: Cast, world) -> None:  # type: ignore[no-untyped-def]
    plan, meeting, _invitation = summoned_plan(cast, world)
    _complete(cast, plan, meeting)
    actions.establish(cast.actor(cast.anna), plan, plan.lock_version)
    commitment = plan.commitments.get()
    actions.set_commitment_status(cast.actor(cast.cecilia), commitment, CommitmentStatus.DONE, None)
    today = timezone.localdate()
    followup = actions.record_followup(
        cast.actor(cast.anna),
        plan,
        actions.FollowUpDetails(
            held_on=today,
            goals_assessment=GoalAssessment.PARTLY,
            goals_comment="",
            commitments_comment="",
            person_view="Bättre i skolan",
            plan_changes=False,
            next_followup_on=today + dt.timedelta(days=90),
        ),
    )
    assert followup.version.number == 1
    plan.refresh_from_db()
    assert plan.next_followup_on == today + dt.timedelta(days=90)
    actions.close_plan(cast.actor(cast.anna), plan, "goals_met", "Elsa går i skolan")
    plan.refresh_from_db()
    assert plan.is_closed

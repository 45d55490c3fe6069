from __future__ import annotations

import pytest

from knutpunkt.accounts.models import User
from knutpunkt.audit.models import AuditEvent
from knutpunkt.demo.numbers import skatteverket_numbers
from knutpunkt.demo.seed import DEMO_PASSWORD, DemoSummary, seed_demo
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Branch, Membership, Organisation, OrganisationKind, Role, Unit
from knutpunkt.people.access import visible_persons
from knutpunkt.people.models import Consent, ConsentGiver, Guardianship, Person, Protection, Registration, RelationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary() -> DemoSummary:
    return seed_demo()


def actor(username: str) -> Actor:
    membership = Membership.objects.filter(user__username=username).select_related("unit__organisation").first()
    assert membership is not None
    return Actor(user=membership.user, membership=membership)


def test_seeding_twice_changes_nothing(summary: DemoSummary) -> None:
    again = seed_demo()

    assert summary.created is True
    assert again.created is False
    assert again.counts == summary.counts
    assert again.logins == summary.logins


def test_county_has_about_two_hundred_people_and_its_staff(summary: DemoSummary) -> None:
    assert 180 <= summary.counts["persons"] <= 230
    assert summary.counts["users"] >= 100
    assert summary.counts["registrations"] >= summary.counts["persons"]
    assert summary.counts["consents"] >= 20
    assert summary.counts["audit_events"] >= 20


def test_every_identity_number_is_one_of_skatteverkets_test_numbers(summary: DemoSummary) -> None:
    numbers = set(Person.objects.values_list("identity_number", flat=True))

    assert numbers
    assert numbers <= skatteverket_numbers()


def test_seeding_is_deterministic() -> None:
    """Same seed, same people: compare with a second run in a fresh transaction by rolling back."""
    from django.db import transaction

    class Rollback(Exception):
        pass

    def snapshot() -> list[tuple[str, str, str]]:
        return sorted(Person.objects.values_list("identity_number", "first_name", "last_name"))

    try:
        with transaction.atomic():
            seed_demo()
            first = snapshot()
            raise Rollback
    except Rollback:
        pass
    assert not Person.objects.exists()
    seed_demo()
    assert snapshot() == first


def test_every_organisation_kind_and_municipal_branch_is_present(summary: DemoSummary) -> None:
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    branches = set(Organisation.objects.values_list("branch", flat=True))

    assert kinds == set(OrganisationKind.values)
    assert {
        Branch.SOCIAL_SERVICES,
        Branch.EDUCATION,
        Branch.CULTURE_LEISURE,
        Branch.PRIMARY_CARE,
        Branch.PSYCHIATRY,
        Branch.CHILD_PSYCHIATRY,
        Branch.HOSPITAL_CARE,
        Branch.SOCIAL_INSURANCE,
        Branch.EMPLOYMENT,
        Branch.LAW_ENFORCEMENT,
        Branch.VOLUNTARY,
    } <= branches
    codes = set(Organisation.objects.filter(parent=None).exclude(code="").values_list("code", flat=True))
    assert codes == {"17", "1780", "1784", "1715", "1761"}


def test_every_organisation_with_units_has_every_role(summary: DemoSummary) -> None:
    for organisation in Organisation.objects.filter(units__isnull=False).distinct():
        roles = set(Membership.objects.filter(unit__organisation=organisation).values_list("role", flat=True))
        assert roles == set(Role.values), organisation.name
    for unit in Unit.objects.all():
        assert Membership.objects.filter(unit=unit, role=Role.UNIT_MANAGER).exists(), unit.name


def test_demo_users_are_demo_accounts_with_the_shared_password(summary: DemoSummary) -> None:
    users = User.objects.all()

    assert all(user.is_demo_account for user in users)
    assert not any(user.is_staff or user.is_superuser for user in users)
    assert User.objects.get(username="anna.karlstad").check_password(DEMO_PASSWORD)
    assert {login.username for login in summary.logins} == set(users.values_list("username", flat=True))
    assert all(Membership.objects.filter(user=user).exclude(basis="").exists() for user in users)


def test_protected_people_are_present(summary: DemoSummary) -> None:
    protected = Person.objects.filter(protection=Protection.PROTECTED_REGISTRATION)

    assert protected.exists()
    assert Person.objects.filter(protection=Protection.CONFIDENTIALITY_MARKING).exists()
    assert not protected.exclude(street_address="").exists()


def test_children_have_guardians_and_older_people_relatives(summary: DemoSummary) -> None:
    children = [p for p in Person.objects.all() if p.is_child]
    guardians = {
        child.pk: Guardianship.objects.filter(person=child, kind=RelationKind.GUARDIAN).count() for child in children
    }

    assert len(children) >= 40
    assert all(count >= 1 for count in guardians.values())
    assert sum(count == 2 for count in guardians.values()) > len(children) / 2
    assert Guardianship.objects.filter(kind=RelationKind.RELATIVE).exists()
    assert sum((p.age or 0) >= 80 for p in Person.objects.all()) >= 15


def test_consents_are_active_expired_and_withdrawn(summary: DemoSummary) -> None:
    labels = {consent.status_label for consent in Consent.objects.all()}
    assert labels == {"Gäller", "Upphört", "Återkallat"}
    for consent in Consent.objects.filter(given_by__in=[ConsentGiver.GUARDIANS, ConsentGiver.PERSON_AND_GUARDIANS]):
        guardians = consent.consenting_guardians.count()
        assert guardians == 2 or consent.single_guardian_reason
    for consent in Consent.objects.filter(given_by=ConsentGiver.PERSON_AND_GUARDIANS):
        assert consent.child_view


def test_story_child_is_seen_by_own_unit_and_by_consent_but_not_by_the_outsider(summary: DemoSummary) -> None:
    alva = Person.objects.get(first_name="Alva", last_name="Nordström")

    assert visible_persons(actor("anna.karlstad")).filter(pk=alva.pk).exists()
    assert visible_persons(actor("cecilia.bup")).filter(pk=alva.pk).exists()
    assert not visible_persons(actor("olle.arvika")).filter(pk=alva.pk).exists()
    assert not Registration.objects.filter(person=alva, organisation__name="BUP Värmland").exists()


def test_log_has_views_without_relation_for_the_review(summary: DemoSummary) -> None:
    assert AuditEvent.objects.filter(had_relation=False).exists()
    assert AuditEvent.objects.filter(event="consent.recorded").count() == summary.counts["consents"]


def test_user_with_two_units_exists_for_the_unit_switch(summary: DemoSummary) -> None:
    assert Membership.objects.filter(user__username="maria.chef", ended_at=None).count() == 2


def test_plans_are_seeded_in_every_step_under_at_least_two_profiles(summary: DemoSummary) -> None:
    from knutpunkt.plans import access as plan_access
    from knutpunkt.plans.models import AgreementProfile, InvitationStatus, Plan, PlanStatus

    assert AgreementProfile.objects.count() >= 2
    assert set(Plan.objects.values_list("status", flat=True)) == set(PlanStatus.values)
    assert Plan.objects.filter(invitations__status=InvitationStatus.DECLINED).exists()
    story = Plan.objects.get(person__first_name="Alva", person__last_name="Nordström")
    assert story.status == PlanStatus.ESTABLISHED
    assert story in plan_access.visible_plans(actor("cecilia.bup"))
    assert story not in plan_access.visible_plans(actor("olle.arvika"))

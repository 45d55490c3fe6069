"""The list of plans: what each organisation sees, the filters, paging, and one log event per person shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.organisations.models import Membership, Role, Unit
from knutpunkt.people.actions import withdraw_consent
from knutpunkt.plans import actions
from knutpunkt.plans.models import PlanStatus
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan

LIST = reverse("plans:list")


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def test_staff_see_their_organisations_plans_with_deadline_and_step(cast: Cast, world: PlanWorld) -> None:
    requested_plan(cast, world, days_ago=5)
    response = cast.client(cast.bo).get(LIST)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Elsa Lind" in content
    assert "Barn och unga (Värmland)" in content
    assert "2. Förberedelse" in content
    assert "16 dagar kvar" in content
    assert response["Cache-Control"].startswith("max-age=0")


def test_every_person_shown_is_logged_with_the_ground(cast: Cast, world: PlanWorld) -> None:
    requested_plan(cast, world)
    cast.client(cast.anna).get(LIST)
    event = AuditEvent.objects.get(event="plan.listed")
    assert event.person == cast.elsa
    assert event.legal_ground == LegalGround.OWN_RECORDS


def test_the_region_lists_the_plan_only_once_invited_and_covered_by_consent(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    assert "Elsa Lind" not in cast.client(cast.cecilia).get(LIST).content.decode()  # a draft invitation only
    summoned = summoned_plan(cast, world)[0]
    content = cast.client(cast.cecilia).get(LIST).content.decode()
    assert reverse("plans:detail", kwargs={"plan_uuid": summoned.uuid}) in content
    assert reverse("plans:detail", kwargs={"plan_uuid": plan.uuid}) not in content
    assert AuditEvent.objects.filter(event="plan.listed", actor=cast.cecilia, legal_ground=LegalGround.CONSENT)

    withdraw_consent(cast.actor(cast.anna), cast.elsa_consent, "Återkallat muntligt")
    assert "Elsa Lind" not in cast.client(cast.cecilia).get(LIST).content.decode()


def test_the_outsider_lists_nothing(cast: Cast, world: PlanWorld) -> None:
    summoned_plan(cast, world)
    response = cast.client(cast.olle).get(LIST)
    assert response.status_code == 200
    assert "Elsa Lind" not in response.content.decode()
    assert not AuditEvent.objects.filter(event="plan.listed", actor=cast.olle).exists()


def test_administrators_and_analysts_have_no_list(cast: Cast) -> None:
    assert cast.client(cast.adam).get(LIST).status_code == 404
    assert cast.client(cast.ali).get(LIST).status_code == 404


def test_filter_by_step_and_closed_plans_only_on_request(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    client = cast.client(cast.anna)
    assert "Elsa Lind" in client.get(LIST, {"steg": PlanStatus.PREPARING}).content.decode()
    assert "Elsa Lind" not in client.get(LIST, {"steg": PlanStatus.SUMMONED}).content.decode()
    actions.close_plan(cast.actor(cast.anna), plan, "person_declined")
    assert "Elsa Lind" not in client.get(LIST).content.decode()
    assert "Elsa Lind" in client.get(LIST, {"steg": PlanStatus.CLOSED}).content.decode()


def test_the_list_shows_the_units_plans_unless_the_whole_organisation_is_asked_for(
    cast: Cast, world: PlanWorld
) -> None:
    summoned_plan(cast, world)
    # Bo also works at another unit of the same social services, which has no part in Elsa's plan.
    adults = Unit.objects.create(organisation=cast.social_karlstad, name="Vuxen", email="vuxen@example.org")
    elsewhere = cast.client(cast.bo, Membership.objects.create(user=cast.bo, unit=adults, role=Role.STAFF))

    default = elsewhere.get(LIST).content.decode()
    assert "Elsa Lind" not in default
    assert not AuditEvent.objects.filter(event="plan.listed", actor=cast.bo).exists()

    whole = elsewhere.get(LIST, {"visa": "organisation"}).content.decode()
    assert "Elsa Lind" in whole
    assert "Rensa filtret" in whole
    assert AuditEvent.objects.filter(event="plan.listed", actor=cast.bo, legal_ground=LegalGround.OWN_RECORDS)


def test_the_units_plans_are_those_it_requested_and_those_it_is_invited_to(cast: Cast, world: PlanWorld) -> None:
    summoned_plan(cast, world)
    assert "Elsa Lind" in cast.client(cast.bo).get(LIST).content.decode()  # requested by Bo's unit
    assert "Elsa Lind" in cast.client(cast.cecilia).get(LIST).content.decode()  # BUP is invited, under consent

    withdraw_consent(cast.actor(cast.anna), cast.elsa_consent, "Återkallat muntligt")
    assert "Elsa Lind" not in cast.client(cast.cecilia).get(LIST).content.decode()
    assert "Elsa Lind" in cast.client(cast.bo).get(LIST).content.decode()


def test_an_unknown_scope_is_a_form_error_in_swedish(cast: Cast, world: PlanWorld) -> None:
    response = cast.client(cast.anna).get(LIST, {"visa": "county"})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_an_unknown_step_is_a_form_error_in_swedish(cast: Cast, world: PlanWorld) -> None:
    response = cast.client(cast.anna).get(LIST, {"steg": "nonsense"})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_the_list_is_paged_and_logs_only_the_page_shown(cast: Cast, world: PlanWorld) -> None:
    for _ in range(27):
        requested_plan(cast, world)
    client = cast.client(cast.anna)
    first = client.get(LIST).content.decode()
    assert "Sida 1 av 2" in first and "sida=2" in first
    assert AuditEvent.objects.filter(event="plan.listed").count() == 25
    second = client.get(LIST, {"sida": 2}).content.decode()
    assert "Sida 2 av 2" in second
    assert AuditEvent.objects.filter(event="plan.listed").count() == 27

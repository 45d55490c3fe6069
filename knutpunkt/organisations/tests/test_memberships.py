from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from knutpunkt.accounts.models import User
from knutpunkt.organisations import actions
from knutpunkt.organisations.models import Membership, Role, Unit
from knutpunkt.organisations.tests.helpers import arvika_admin, events
from knutpunkt.testing.cast import Cast


def add_url(user: User) -> str:
    return reverse("organisations:membership_add", kwargs={"user_uuid": user.uuid})


def end_url(membership: Membership) -> str:
    return reverse("organisations:membership_end", kwargs={"membership_uuid": membership.uuid})


def user_url(user: User) -> str:
    return reverse("organisations:user", kwargs={"user_uuid": user.uuid})


def data(unit: Unit, **overrides: Any) -> dict[str, Any]:
    values = {
        "unit": str(unit.uuid),
        "role": Role.UNIT_MANAGER,
        "title": "Enhetschef",
        "basis": "Analys 2026, bilaga 2",
    }
    values.update(overrides)
    return values


@pytest.fixture
def mottagning(cast: Cast) -> Unit:
    return Unit.objects.create(organisation=cast.social_karlstad, name="Mottagningsenheten")


def test_administrator_adds_a_membership_to_a_colleague(cast: Cast, mottagning: Unit) -> None:
    response = cast.client(cast.adam).post(add_url(cast.anna), data(mottagning))

    assert response.status_code == 302
    membership = Membership.objects.get(user=cast.anna, unit=mottagning)
    assert (membership.role, membership.basis) == (Role.UNIT_MANAGER, "Analys 2026, bilaga 2")
    [event] = events("organisation.membership_added")
    assert event.object_uuid == membership.uuid


def test_the_same_active_role_twice_is_refused(cast: Cast) -> None:
    response = cast.client(cast.adam).post(add_url(cast.anna), data(cast.barn_och_unga, role=Role.STAFF))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_role_in_a_unit_of_another_organisation_is_refused(cast: Cast) -> None:
    response = cast.client(cast.adam).post(add_url(cast.anna), data(cast.bup_unit))

    assert "unit" in response.context["form"].errors
    assert not Membership.objects.filter(unit=cast.bup_unit, user=cast.anna).exists()


def test_action_refuses_a_unit_of_another_organisation(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        actions.add_membership(
            cast.actor(cast.adam), cast.anna, unit=cast.bup_unit, role=Role.STAFF, title="", basis="x"
        )


def test_user_without_membership_in_the_organisation_is_not_found(cast: Cast, mottagning: Unit) -> None:
    client = cast.client(cast.adam)

    assert client.get(user_url(cast.cecilia)).status_code == 404
    assert client.post(add_url(cast.cecilia), data(mottagning)).status_code == 404
    assert not Membership.objects.filter(user=cast.cecilia, unit=mottagning).exists()


def test_action_refuses_a_user_of_another_organisation(cast: Cast, mottagning: Unit) -> None:
    with pytest.raises(PermissionDenied):
        actions.add_membership(cast.actor(cast.adam), cast.olle, unit=mottagning, role=Role.STAFF, title="", basis="x")


def test_administrator_cannot_grant_themselves_a_role(cast: Cast, mottagning: Unit) -> None:
    response = cast.client(cast.adam).post(add_url(cast.adam), data(mottagning, role=Role.STAFF))

    assert response.status_code == 404
    assert not Membership.objects.filter(user=cast.adam, unit=mottagning).exists()


def test_user_page_shows_only_memberships_in_own_organisation(cast: Cast) -> None:
    Membership.objects.create(user=cast.anna, unit=cast.bup_unit, role=Role.STAFF)

    response = cast.client(cast.adam).get(user_url(cast.anna))

    assert response.status_code == 200
    assert [m.unit for m in response.context["active_memberships"]] == [cast.barn_och_unga]
    assert "BUP Karlstad" not in response.content.decode()


def test_ending_a_membership_keeps_it_and_logs_it(cast: Cast) -> None:
    membership = cast.membership(cast.bo)

    response = cast.client(cast.adam).post(end_url(membership), {"reason": "Slutat sin anställning"})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.ended_at is not None
    [event] = events("organisation.membership_ended")
    assert event.object_uuid == membership.uuid
    assert event.detail["reason"] == "Slutat sin anställning"


def test_former_staff_member_can_get_a_new_membership(cast: Cast) -> None:
    cast.client(cast.adam).post(end_url(cast.membership(cast.bo)), {})

    response = cast.client(cast.adam).post(add_url(cast.bo), data(cast.barn_och_unga, role=Role.STAFF))

    assert response.status_code == 302
    assert Membership.objects.filter(user=cast.bo).count() == 2
    assert Membership.objects.filter(user=cast.bo, ended_at__isnull=True).count() == 1


def test_ended_membership_cannot_be_ended_again(cast: Cast) -> None:
    membership = cast.membership(cast.bo)
    client = cast.client(cast.adam)
    client.post(end_url(membership), {})

    assert client.post(end_url(membership), {}).status_code == 404
    assert len(events("organisation.membership_ended")) == 1


def test_administrator_cannot_end_their_own_membership(cast: Cast) -> None:
    membership = cast.membership(cast.adam)

    assert cast.client(cast.adam).post(end_url(membership), {}).status_code == 404
    membership.refresh_from_db()
    assert membership.ended_at is None


def test_membership_in_another_organisation_is_not_found(cast: Cast) -> None:
    membership = cast.membership(cast.olle)

    assert cast.client(cast.adam).post(end_url(membership), {}).status_code == 404
    membership.refresh_from_db()
    assert membership.ended_at is None


def test_administrator_of_another_organisation_cannot_end_our_memberships(cast: Cast) -> None:
    membership = cast.membership(cast.anna)

    assert cast.client(arvika_admin(cast)).post(end_url(membership), {}).status_code == 404
    membership.refresh_from_db()
    assert membership.ended_at is None


def test_outsider_is_refused(cast: Cast, mottagning: Unit) -> None:
    client = cast.client(cast.olle)

    assert client.get(user_url(cast.anna)).status_code == 404
    assert client.post(add_url(cast.anna), data(mottagning)).status_code == 404
    assert client.post(end_url(cast.membership(cast.anna)), {}).status_code == 404
    assert Membership.objects.filter(user=cast.anna, ended_at__isnull=True).count() == 1

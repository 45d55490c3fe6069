from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from knutpunkt.accounts.models import User
from knutpunkt.organisations import actions
from knutpunkt.organisations.models import Membership, Role
from knutpunkt.organisations.tests.helpers import events
from knutpunkt.testing.cast import Cast

URL = reverse("organisations:user_create")


def form_data(cast: Cast, **overrides: Any) -> dict[str, Any]:
    data = {
        "username": "stina",
        "first_name": "Stina",
        "last_name": "Svensson",
        "email": "stina@example.org",
        "password_choice": "generate",
        "unit": str(cast.barn_och_unga.uuid),
        "role": Role.STAFF,
        "title": "Socialsekreterare",
        "basis": "Behovs- och riskanalys IFO 2026, dnr SN 2026/12, avsnitt 3",
    }
    data.update(overrides)
    return data


def test_generated_password_is_shown_once_and_works(cast: Cast) -> None:
    response = cast.client(cast.adam).post(URL, form_data(cast))

    assert response.status_code == 200
    password = response.context["password"]
    assert password
    assert password in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    user = User.objects.get(username="stina")
    assert user.check_password(password)
    membership = Membership.objects.get(user=user)
    assert (membership.unit, membership.role, membership.title) == (cast.barn_och_unga, Role.STAFF, "Socialsekreterare")
    assert membership.basis.startswith("Behovs- och riskanalys")


def test_creating_a_user_writes_both_audit_events(cast: Cast) -> None:
    cast.client(cast.adam).post(URL, form_data(cast))

    user = User.objects.get(username="stina")
    [created] = events("organisation.user_created")
    [added] = events("organisation.membership_added")
    assert created.object_uuid == user.uuid
    assert added.detail["basis"].startswith("Behovs- och riskanalys")
    assert password_not_logged(created.detail)
    assert password_not_logged(added.detail)


def password_not_logged(detail: dict[str, Any]) -> bool:
    return not any("password" in key for key in detail)


def test_administrator_sets_a_password_of_their_own_choice(cast: Cast) -> None:
    response = cast.client(cast.adam).post(
        URL,
        form_data(cast, password_choice="set", password1="Klarälven-rinner-1780", password2="Klarälven-rinner-1780"),
    )

    assert response.status_code == 200
    assert response.context["password"] is None
    assert User.objects.get(username="stina").check_password("Klarälven-rinner-1780")


@pytest.mark.parametrize("password", ["kort", "password1234", "123456789012345", "stinasvensson"])
def test_weak_password_is_refused_by_the_validators(cast: Cast, password: str) -> None:
    response = cast.client(cast.adam).post(
        URL, form_data(cast, password_choice="set", password1=password, password2=password)
    )

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert not User.objects.filter(username="stina").exists()


def test_passwords_must_match(cast: Cast) -> None:
    response = cast.client(cast.adam).post(
        URL, form_data(cast, password_choice="set", password1="Klarälven-rinner-1780", password2="Klaralven")
    )

    assert "password2" in response.context["form"].errors


def test_basis_from_the_needs_and_risk_analysis_is_required(cast: Cast) -> None:
    response = cast.client(cast.adam).post(URL, form_data(cast, basis=""))

    assert "basis" in response.context["form"].errors
    assert not User.objects.filter(username="stina").exists()


def test_username_taken_in_any_case_is_refused(cast: Cast) -> None:
    response = cast.client(cast.adam).post(URL, form_data(cast, username="Anna"))

    assert "username" in response.context["form"].errors
    assert events("organisation.user_created") == []


def test_unit_of_another_organisation_is_not_offered_and_refused(cast: Cast) -> None:
    client = cast.client(cast.adam)

    offered = list(client.get(URL).context["form"].fields["unit"].queryset)
    response = client.post(URL, form_data(cast, unit=str(cast.bup_unit.uuid)))

    assert offered == [cast.barn_och_unga]
    assert "unit" in response.context["form"].errors
    assert not User.objects.filter(username="stina").exists()


def test_action_refuses_a_unit_of_another_organisation(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_user(
            cast.actor(cast.adam),
            username="stina",
            first_name="Stina",
            last_name="Svensson",
            email="stina@example.org",
            password=actions.generate_password(),
            unit=cast.bup_unit,
            role=Role.STAFF,
            title="",
            basis="Analys 2026",
        )
    assert not User.objects.filter(username="stina").exists()


def test_inactive_units_are_not_offered(cast: Cast) -> None:
    cast.barn_och_unga.active = False
    cast.barn_och_unga.save()
    # adam's only unit is now inactive, so he no longer acts as its administrator at all.
    assert cast.client(cast.adam).get(URL).status_code == 404


def test_outsider_is_refused(cast: Cast) -> None:
    client = cast.client(cast.olle)

    assert client.get(URL).status_code == 404
    assert client.post(URL, form_data(cast, unit=str(cast.arvika_unit.uuid))).status_code == 404
    assert not User.objects.filter(username="stina").exists()


def test_generated_passwords_pass_the_validators_and_differ(cast: Cast) -> None:
    from django.contrib.auth.password_validation import validate_password

    first, second = actions.generate_password(), actions.generate_password()
    validate_password(first)
    assert first != second

from __future__ import annotations

from django.urls import reverse

from knutpunkt.organisations.models import Membership, Role, Unit
from knutpunkt.organisations.tests.helpers import arvika_admin
from knutpunkt.testing.cast import Cast

URL = reverse("organisations:admin")


def test_administrator_sees_own_units_with_active_member_counts(cast: Cast) -> None:
    Unit.objects.create(organisation=cast.social_karlstad, name="Mottagningsenheten")
    Membership.objects.filter(user=cast.bo).update(ended_at="2026-01-01T00:00:00Z")

    response = cast.client(cast.adam).get(URL)

    assert response.status_code == 200
    units = {unit.name: unit.active_members for unit in response.context["units"]}
    # anna, maria, adam and ali are active in Barn och unga; bo's membership has ended.
    assert units == {"Barn och unga": 4, "Mottagningsenheten": 0}
    assert "BUP Karlstad" not in response.content.decode()
    assert "Barn och familj" not in response.content.decode()


def test_overview_lists_staff_with_roles_and_former_staff_apart(cast: Cast) -> None:
    Membership.objects.filter(user=cast.bo).update(ended_at="2026-01-01T00:00:00Z")

    response = cast.client(cast.adam).get(URL)

    staff = {row.user.username: [m.role for m in row.memberships] for row in response.context["staff"]}
    assert staff == {
        "anna": [Role.STAFF],
        "maria": [Role.UNIT_MANAGER],
        "adam": [Role.ADMINISTRATOR],
        "ali": [Role.ANALYST],
    }
    assert [user.username for user in response.context["former"]] == ["bo"]
    assert "behovs- och riskanalys" in response.content.decode()


def test_overview_shows_no_staff_of_other_organisations(cast: Cast) -> None:
    response = cast.client(cast.adam).get(URL)

    usernames = {row.user.username for row in response.context["staff"]}
    assert "olle" not in usernames
    assert "cecilia" not in usernames


def test_outsider_is_refused(cast: Cast) -> None:
    assert cast.client(cast.olle).get(URL).status_code == 404


def test_staff_and_unit_managers_and_analysts_are_refused(cast: Cast) -> None:
    for user in (cast.anna, cast.maria, cast.ali):
        assert cast.client(user).get(URL).status_code == 404


def test_administrator_of_another_organisation_sees_only_their_own(cast: Cast) -> None:
    response = cast.client(arvika_admin(cast)).get(URL)

    assert [unit.name for unit in response.context["units"]] == ["Barn och familj"]
    assert "Barn och unga" not in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(cast: Cast) -> None:
    from django.test import Client

    response = Client().get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))

from __future__ import annotations

from django.urls import reverse

from knutpunkt.organisations.models import Unit
from knutpunkt.organisations.tests.helpers import arvika_admin, events
from knutpunkt.testing.cast import Cast

CREATE = reverse("organisations:unit_create")


def edit_url(unit: Unit) -> str:
    return reverse("organisations:unit_edit", kwargs={"unit_uuid": unit.uuid})


def test_administrator_creates_a_unit_in_own_organisation(cast: Cast) -> None:
    response = cast.client(cast.adam).post(
        CREATE, {"name": "Mottagningsenheten", "email": "mottagning@example.org", "phone": "070-174 06 10"}
    )

    assert response.status_code == 302
    unit = Unit.objects.get(name="Mottagningsenheten")
    assert unit.organisation == cast.social_karlstad
    assert unit.active
    [event] = events("organisation.unit_created")
    assert event.object_uuid == unit.uuid
    assert event.actor == cast.adam
    assert event.unit == cast.barn_och_unga


def test_unit_name_must_be_unique_in_the_organisation(cast: Cast) -> None:
    response = cast.client(cast.adam).post(CREATE, {"name": "barn och unga"})

    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Unit.objects.filter(organisation=cast.social_karlstad).count() == 1
    assert events("organisation.unit_created") == []


def test_same_unit_name_is_allowed_in_another_organisation(cast: Cast) -> None:
    response = cast.client(arvika_admin(cast)).post(CREATE, {"name": "Barn och unga"})

    assert response.status_code == 302
    assert Unit.objects.filter(name="Barn och unga").count() == 2


def test_administrator_edits_a_unit_and_the_change_is_logged(cast: Cast) -> None:
    other = Unit.objects.create(organisation=cast.social_karlstad, name="Vuxen")

    response = cast.client(cast.adam).post(
        edit_url(other), {"name": "Vuxen – missbruk och beroende", "email": "vuxen@example.org", "phone": ""}
    )

    assert response.status_code == 302
    other.refresh_from_db()
    assert other.name == "Vuxen – missbruk och beroende"
    assert other.active is False  # an unticked box deactivates
    [event] = events("organisation.unit_changed")
    assert event.detail["changes"]["name"] == {"from": "Vuxen", "to": "Vuxen – missbruk och beroende"}
    assert event.detail["changes"]["active"] == {"from": True, "to": False}


def test_edit_form_shows_current_values(cast: Cast) -> None:
    response = cast.client(cast.adam).get(edit_url(cast.barn_och_unga))

    assert response.status_code == 200
    assert response.context["form"]["email"].value() == "barnochunga@example.org"


def test_administrator_cannot_deactivate_the_unit_they_act_in(cast: Cast) -> None:
    response = cast.client(cast.adam).post(edit_url(cast.barn_och_unga), {"name": "Barn och unga"})

    assert response.status_code == 200
    assert "active" in response.context["form"].errors
    cast.barn_och_unga.refresh_from_db()
    assert cast.barn_och_unga.active


def test_unchanged_unit_writes_no_event(cast: Cast) -> None:
    cast.client(cast.adam).post(
        edit_url(cast.barn_och_unga), {"name": "Barn och unga", "email": "barnochunga@example.org", "active": "on"}
    )

    assert events("organisation.unit_changed") == []


def test_unit_of_another_organisation_is_not_found(cast: Cast) -> None:
    client = cast.client(cast.adam)

    assert client.get(edit_url(cast.arvika_unit)).status_code == 404
    assert client.post(edit_url(cast.bup_unit), {"name": "Kapad", "active": "on"}).status_code == 404
    cast.bup_unit.refresh_from_db()
    assert cast.bup_unit.name == "BUP Karlstad"


def test_outsider_is_refused(cast: Cast) -> None:
    client = cast.client(cast.olle)

    assert client.get(CREATE).status_code == 404
    assert client.post(CREATE, {"name": "Ny"}).status_code == 404
    assert client.get(edit_url(cast.barn_och_unga)).status_code == 404
    assert not Unit.objects.filter(name="Ny").exists()


def test_staff_member_cannot_create_units(cast: Cast) -> None:
    assert cast.client(cast.anna).post(CREATE, {"name": "Ny"}).status_code == 404

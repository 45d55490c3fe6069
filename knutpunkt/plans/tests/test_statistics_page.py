"""The statistics page and its CSV export: only unit managers and analysts, aggregates without names, a chart
specification with a table under it, and a CSV file for Swedish Excel."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.organisations.models import Unit
from knutpunkt.plans.models import Plan, PlanStatus
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles

PAGE = reverse("plans:statistics")
CSV = reverse("plans:statistics_csv")


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    world = make_profiles(cast)
    today = timezone.localdate()
    for days in (1, 2, 3, 4, 5, 6):
        requested = today - dt.timedelta(days=30 + days)
        Plan.objects.create(
            person=cast.elsa,
            profile=world.children,
            status=PlanStatus.PLANNING,
            requested_on=requested,
            request_reason="Samordning behövs",
            requested_by=cast.anna,
            initiating_unit=cast.barn_och_unga,
            deadline=requested + dt.timedelta(days=21),
            first_meeting_on=requested + dt.timedelta(days=10 + days),
        )
    return world


@pytest.mark.parametrize("user", ["maria", "ali"])
def test_managers_and_analysts_see_the_numbers_without_names(cast: Cast, world: PlanWorld, user: str) -> None:
    response = cast.client(getattr(cast, user)).get(PAGE, {"per": "unit"})
    content = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert "Barn och unga, Socialtjänsten Karlstad" in content
    assert "Elsa" not in content and "Lind" not in content
    assert "färre än 5" in content


def test_the_chart_comes_as_json_with_its_numbers_in_a_table_under_it(cast: Cast, world: PlanWorld) -> None:
    content = cast.client(cast.maria).get(PAGE).content.decode()

    spec_block = re.search(r'<script id="chart-spec-requests" type="application/json">(.*?)</script>', content, re.S)
    assert spec_block is not None
    spec = json.loads(spec_block.group(1))
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
    [values] = spec["datasets"].values()
    assert {row["group"] for row in values} == {"Barn och unga, Socialtjänsten Karlstad"}
    assert 'data-chart-spec="chart-spec-requests"' in content
    assert "Siffrorna i diagrammet: SIP begärda per månad" in content
    assert '<th scope="row">Barn och unga, Socialtjänsten Karlstad</th>' in content
    # No inline script runs: the only script blocks are data.
    assert not re.search(r"<script(?![^>]*(src=|application/json))", content)


def test_a_period_that_ends_before_it_starts_is_explained(cast: Cast, world: PlanWorld) -> None:
    response = cast.client(cast.maria).get(PAGE, {"fran": "2025-03-01", "till": "2025-02-01"})
    assert response.status_code == 200
    assert "Slutdatumet kan inte ligga före startdatumet." in response.content.decode()
    assert cast.client(cast.maria).get(CSV, {"fran": "2025-03-01", "till": "2025-02-01"}).status_code == 404


def test_the_csv_file_is_for_swedish_excel(cast: Cast, world: PlanWorld) -> None:
    response = cast.client(cast.ali).get(CSV, {"per": "organisation"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="sip-statistik-')
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffOrganisation;Månad;SIP begärda;")
    lines = body.lstrip("\ufeff").split("\r\n")
    assert "Tidsfristen hållen (%)" in lines[0]
    total = lines[1].split(";")
    assert total[:3] == ["Socialtjänsten Karlstad", "Hela perioden", "6"]
    assert total[4] == "100,0"
    assert "Elsa" not in body


@pytest.mark.parametrize("user", ["anna", "olle", "cecilia", "adam"])
def test_staff_the_outsider_and_administrators_are_refused(cast: Cast, world: PlanWorld, user: str) -> None:
    client = cast.client(getattr(cast, user))
    assert client.get(PAGE).status_code == 404
    assert client.get(CSV).status_code == 404


def test_a_manager_starts_from_their_unit_and_may_choose_the_organisation_or_the_whole_principal(
    cast: Cast, world: PlanWorld
) -> None:
    # Six more plans from another unit of the same social services: counted for the organisation, not the unit.
    adults = Unit.objects.create(organisation=cast.social_karlstad, name="Vuxen", email="vuxen@example.org")
    for plan in Plan.objects.all():
        plan.pk, plan.uuid, plan.initiating_unit = None, uuid.uuid4(), adults
        plan.save()
    client = cast.client(cast.maria)

    first = client.get(PAGE).content.decode()
    assert '<option value="enhet" selected>Min enhet: Barn och unga</option>' in first
    assert "Barn och unga, Socialtjänsten Karlstad, perioden" in first
    assert "Vuxen, Socialtjänsten Karlstad" not in first

    organisation = client.get(PAGE, {"organisation": str(cast.social_karlstad.uuid)}).content.decode()
    assert "Socialtjänsten Karlstad, perioden" in organisation
    assert "Vuxen, Socialtjänsten Karlstad" in organisation

    whole = client.get(PAGE, {"organisation": "alla"}).content.decode()
    assert "Karlstads kommun, perioden" in whole


def test_the_own_unit_counts_only_the_units_plans(cast: Cast, world: PlanWorld) -> None:
    adults = Unit.objects.create(organisation=cast.social_karlstad, name="Vuxen", email="vuxen@example.org")
    Plan.objects.filter(pk=Plan.objects.order_by("pk")[0].pk).update(initiating_unit=adults)

    unit = cast.client(cast.maria).get(CSV, {"organisation": "enhet"}).content.decode("utf-8")
    organisation = cast.client(cast.maria).get(CSV, {"organisation": str(cast.social_karlstad.uuid)})

    assert unit.lstrip("\ufeff").split("\r\n")[1].split(";")[:3] == [
        "Barn och unga, Socialtjänsten Karlstad",
        "Hela perioden",
        "5",
    ]
    assert "Vuxen, Socialtjänsten Karlstad;Hela perioden;färre än 5" in organisation.content.decode("utf-8")


def test_an_organisation_of_another_principal_cannot_be_chosen(cast: Cast, world: PlanWorld) -> None:
    response = cast.client(cast.maria).get(PAGE, {"organisation": str(cast.bup.uuid)})
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert cast.client(cast.maria).get(CSV, {"organisation": str(cast.bup.uuid)}).status_code == 404

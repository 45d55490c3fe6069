"""Follow-ups of a decided plan and of its measures: each is its own recorded event, with the linked key figures as
they stood then (baseline → newest published value → target) and which way they went."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from knutpunkt.indicators.models import Direction, IndicatorValue
from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import actions
from knutpunkt.prevention.figures import Heading, Reading, heading
from knutpunkt.prevention.models import FollowUp, MeasureStatus
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures, decidable_plan, decide, fresh, link

TODAY = timezone.localdate


@pytest.mark.parametrize(
    ("latest", "target", "direction", "expected"),
    [
        (Reading(2023, 950.0), 800.0, Direction.LOWER_IS_BETTER, Heading.TOWARDS),
        (Reading(2023, 1050.0), 800.0, Direction.LOWER_IS_BETTER, Heading.WRONG_WAY),
        (Reading(2023, 980.0), 800.0, Direction.LOWER_IS_BETTER, Heading.UNCHANGED),
        (Reading(2021, 900.0), 800.0, Direction.LOWER_IS_BETTER, Heading.NO_NEW),
        (None, 800.0, Direction.LOWER_IS_BETTER, Heading.NO_NEW),
        (Reading(2023, 990.0), 1100.0, Direction.NEUTRAL, Heading.TOWARDS),  # a target above the baseline
        (Reading(2023, 990.0), 980.0, Direction.LOWER_IS_BETTER, Heading.WRONG_WAY),  # holding the level
        (Reading(2023, 970.0), 980.0, Direction.LOWER_IS_BETTER, Heading.TOWARDS),
    ],
)
def test_the_heading_from_baseline_towards_target(
    latest: Reading | None, target: float, direction: str, expected: Heading
) -> None:
    assert heading(2021, 980.0, target, latest, direction) == expected


def test_a_measure_followup_freezes_the_key_figures_with_their_heading(ali: Actor, figures: Figures) -> None:
    plan, measure = decidable_plan(ali, figures)  # violent crime: 980 (2021) → 800 (2028); newest 950.5 (2023)
    decide(ali, plan)
    followup = actions.record_followup(ali, plan, measure=measure, held_on=TODAY(), text="Kvällsöppet på tre gårdar.")
    assert followup.status_then == MeasureStatus.ONGOING
    (reading,) = followup.readings
    assert reading["code"] == "n07403"
    assert (reading["baseline_year"], reading["baseline_value"]) == (2021, 980.0)
    assert (reading["latest_year"], reading["latest_value"]) == (2023, 950.5)
    assert (reading["target_year"], reading["target_value"]) == (2028, 800.0)
    assert reading["heading"] == "towards"
    # Values published later do not change what the follow-up saw.
    IndicatorValue.objects.create(indicator=figures.violence, area=figures.karlstad, year=2024, value=1200.0)
    assert FollowUp.objects.get(pk=followup.pk).readings[0]["latest_value"] == 950.5


def test_a_plan_followup_covers_every_measure_and_sets_the_next_date(ali: Actor, figures: Figures) -> None:
    plan, measure = decidable_plan(ali, figures)
    link(ali, measure, figures.unsafe, baseline_year=2021, baseline_value=24.0, target_value=20.0)
    decide(ali, plan)
    next_date = TODAY() + dt.timedelta(days=180)
    followup = actions.record_followup(ali, plan, held_on=TODAY(), text="Årlig", next_followup_on=next_date)
    assert {r["code"]: r["heading"] for r in followup.readings} == {"n07403": "towards", "n07609": "wrong_way"}
    assert fresh(plan).next_followup_on == next_date


def test_a_plan_is_followed_up_once_it_is_decided(ali: Actor, figures: Figures) -> None:
    plan, _measure = decidable_plan(ali, figures)
    with pytest.raises(ValidationError, match="beslutad"):
        actions.record_followup(ali, plan, held_on=TODAY(), text="För tidigt")
    assert not FollowUp.objects.exists()


def test_the_followup_form_refuses_a_date_in_the_future(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, _measure = decidable_plan(ali, figures)
    decide(ali, plan)
    response = cast.client(cast.ali).post(
        reverse("prevention:plan_followup", kwargs={"plan_uuid": plan.uuid}),
        {"held_on": (TODAY() + dt.timedelta(days=3)).isoformat(), "text": "Framtiden"},
    )
    assert "Uppföljningen kan inte registreras i förväg." in response.content.decode()
    assert not FollowUp.objects.exists()


def test_a_followup_through_the_page_shows_in_the_timeline_with_its_readings(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, measure = decidable_plan(ali, figures)
    decide(ali, plan)
    client = cast.client(cast.ali)
    url = reverse("prevention:measure_followup", kwargs={"plan_uuid": plan.uuid, "measure_uuid": measure.uuid})
    page = client.get(url).content.decode()
    assert "På väg mot målet" in page  # the key figures as they stand, before recording
    response = client.post(url, {"held_on": TODAY().isoformat(), "text": "Fler besökare än väntat."})
    assert response.status_code == 302
    body = cast.client(cast.anna).get(reverse("prevention:plan", kwargs={"plan_uuid": plan.uuid})).content.decode()
    assert "Fler besökare än väntat." in body
    assert "1 på väg mot målet, 0 åt fel håll" in body
    assert "Status då: Pågår." in body


def test_the_plan_page_shows_baseline_newest_value_target_and_heading(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, measure = decidable_plan(ali, figures)
    link(ali, measure, figures.narcotics, baseline_year=2022, baseline_value=90.0, target_value=80.0)
    body = cast.client(cast.anna).get(reverse("prevention:plan", kwargs={"plan_uuid": plan.uuid})).content.decode()
    body = body.replace("\u202f", " ")
    assert "980,0 (2021)" in body and "950,5 (2023)" in body and "800,0 (2028)" in body
    assert "På väg mot målet" in body
    assert "Ingen ny uppgift" in body  # narcotics: nothing published for Karlstad
    assert "Källa: Kolada" in body


def test_a_followup_registered_late_shows_the_values_it_could_have_seen(ali: Actor, figures: Figures) -> None:
    plan, measure = decidable_plan(ali, figures)
    decide(ali, plan, days_ago=2000)
    followup = actions.record_followup(
        ali, plan, measure=measure, held_on=dt.date(2023, 6, 1), text="Registrerad i efterhand"
    )
    (reading,) = followup.readings
    assert (reading["latest_year"], reading["latest_value"]) == (2022, 1005.0)  # 2023's values came in 2024
    assert reading["heading"] == "wrong_way"

"""A measure must say which key figure it should move before it can be under way, and a plan cannot be decided
while one of its measures lacks that link."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import actions
from knutpunkt.prevention.models import Measure, MeasureStatus
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures, add_measure, decidable_plan, link, new_plan


def test_a_new_measure_cannot_be_ongoing_without_a_linked_key_figure(ali: Actor, figures: Figures) -> None:
    plan = new_plan(ali)
    with pytest.raises(ValidationError) as refused:
        add_measure(ali, plan, status=MeasureStatus.ONGOING)
    assert "status" in refused.value.message_dict
    assert not Measure.objects.exists()


def test_a_planned_measure_cannot_be_set_ongoing_before_it_is_linked(ali: Actor, figures: Figures) -> None:
    plan = new_plan(ali)
    measure = add_measure(ali, plan)
    with pytest.raises(ValidationError, match="minst ett nyckeltal"):
        actions.save_measure(ali, plan, plan.lock_version, {"status": MeasureStatus.ONGOING}, measure)
    assert Measure.objects.get(pk=measure.pk).status == MeasureStatus.PLANNED


def test_a_linked_measure_can_be_set_ongoing(ali: Actor, figures: Figures) -> None:
    plan = new_plan(ali)
    measure = add_measure(ali, plan)
    link(ali, measure, figures.violence)
    actions.save_measure(ali, plan, plan.lock_version, {"status": MeasureStatus.ONGOING}, measure)
    assert Measure.objects.get(pk=measure.pk).status == MeasureStatus.ONGOING


def test_the_last_key_figure_of_an_ongoing_measure_cannot_be_removed(ali: Actor, figures: Figures) -> None:
    plan, measure = decidable_plan(ali, figures)
    only = measure.indicator_links.get()
    with pytest.raises(ValidationError, match="enda nyckeltal"):
        actions.unlink_indicator(ali, measure, plan.lock_version, only)
    assert measure.indicator_links.filter(removed=False).count() == 1


def test_a_plan_cannot_be_decided_while_a_measure_lacks_a_key_figure(ali: Actor, figures: Figures) -> None:
    plan, _measure = decidable_plan(ali, figures)
    add_measure(ali, plan, title="Läxhjälp med föreningar")
    with pytest.raises(ValidationError) as refused:
        actions.decide_plan(ali, plan, plan.lock_version, actions.Decision("Kommunstyrelsen", plan.period_from))
    assert any("Läxhjälp med föreningar" in message for message in refused.value.messages)
    assert not plan.versions.exists()


def test_a_stopped_measure_without_a_key_figure_does_not_block_the_decision(ali: Actor, figures: Figures) -> None:
    plan, _measure = decidable_plan(ali, figures)
    add_measure(ali, plan, title="Avbruten åtgärd", status=MeasureStatus.STOPPED)
    actions.decide_plan(ali, plan, plan.lock_version, actions.Decision("Kommunstyrelsen", plan.period_from))
    assert plan.versions.count() == 1


def test_the_measure_form_explains_in_swedish_why_it_cannot_be_ongoing(cast: Cast, figures: Figures) -> None:
    plan = new_plan(cast.actor(cast.ali))
    response = cast.client(cast.ali).post(
        reverse("prevention:measure_add", kwargs={"plan_uuid": plan.uuid}),
        {
            "lock_version": plan.lock_version,
            "title": "Fältassistenter",
            "responsible_kind": "social_services",
            "evidence_level": "unknown",
            "status": "ongoing",
        },
    )
    assert response.status_code == 200
    assert "Koppla åtgärden till minst ett nyckeltal" in response.content.decode()
    assert not Measure.objects.exists()


def test_a_new_measure_leads_straight_on_to_linking_a_key_figure(cast: Cast, figures: Figures) -> None:
    plan = new_plan(cast.actor(cast.ali))
    response = cast.client(cast.ali).post(
        reverse("prevention:measure_add", kwargs={"plan_uuid": plan.uuid}),
        {
            "lock_version": plan.lock_version,
            "title": "Fältassistenter",
            "responsible_kind": "social_services",
            "evidence_level": "unknown",
            "status": "planned",
            "budget": "450 000",
        },
    )
    measure = Measure.objects.get()
    assert measure.budget == 450_000
    assert response["Location"] == reverse(
        "prevention:link_add", kwargs={"plan_uuid": plan.uuid, "measure_uuid": measure.uuid}
    )


def test_the_plan_page_flags_a_measure_without_a_key_figure(cast: Cast, figures: Figures) -> None:
    plan = new_plan(cast.actor(cast.ali))
    add_measure(cast.actor(cast.ali), plan)
    body = cast.client(cast.anna).get(reverse("prevention:plan", kwargs={"plan_uuid": plan.uuid})).content.decode()
    assert "Inte kopplad till något nyckeltal" in body


def test_a_measure_in_a_statistical_area_of_the_municipality(cast: Cast, figures: Figures) -> None:
    plan = new_plan(cast.actor(cast.ali))
    cast.client(cast.ali).post(
        reverse("prevention:measure_add", kwargs={"plan_uuid": plan.uuid}),
        {
            "lock_version": plan.lock_version,
            "title": "Nattvandring",
            "responsible_kind": "civil_society",
            "responsible_name": "Nattvandrarna Karlstad",
            "area": "1780R004",
            "area_text": "Kring centrum",
            "evidence_level": "promising",
            "status": "planned",
        },
    )
    measure = Measure.objects.get()
    assert measure.area == figures.kronoparken
    assert measure.area_label == "Kronoparken – Kring centrum"
    assert measure.responsible == "Nattvandrarna Karlstad"

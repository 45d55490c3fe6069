"""Preparation with the person: own words, the consent the plan rests on, and concurrent edits that never
overwrite each other."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.people.models import Consent, ConsentForm, ConsentGiver, ConsentPurpose
from knutpunkt.plans.models import Plan, PlanStatus
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _url(plan: Plan) -> str:
    return reverse("plans:prepare", kwargs={"plan_uuid": plan.uuid})


def _form(plan: Plan, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "what_matters": plan.what_matters,
        "person_goals": plan.person_goals,
        "person_own_part": plan.person_own_part,
        "meeting_questions": plan.meeting_questions,
        "consent": plan.consent.pk if plan.consent else "",
        "lock_version": plan.lock_version,
    }
    data.update(overrides)
    return data


def test_the_form_shows_the_saved_preparation_and_the_consents_in_force(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    response = cast.client(cast.anna).get(_url(plan))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Att få gå i skolan utan att ha ont i magen." in content
    assert f'<option value="{cast.elsa_consent.pk}" selected>' in content
    assert "BUP Värmland, Socialtjänsten Karlstad" in content
    assert reverse("people:consent_create", kwargs={"person_uuid": cast.elsa.uuid}) in content


def test_saving_the_preparation(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    response = cast.client(cast.bo).post(
        _url(plan),
        _form(plan, person_own_part="Går till skolan med en kompis", meeting_questions="Kan BUP ses i skolan?"),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.person_own_part == "Går till skolan med en kompis"
    assert plan.meeting_questions == "Kan BUP ses i skolan?"
    assert plan.status == PlanStatus.PREPARING


def test_a_stale_save_is_refused_and_shows_both_versions(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    opened = _form(plan)
    assert cast.client(cast.bo).post(_url(plan), {**opened, "person_goals": "Bos text"}).status_code == 302

    response = cast.client(cast.anna).post(_url(plan), {**opened, "person_goals": "Annas text"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar i planen medan du arbetade." in content
    assert "Bos text" in content and "Annas text" in content  # theirs next to mine, nothing lost
    plan.refresh_from_db()
    assert plan.person_goals == "Bos text"
    assert f'name="lock_version" value="{plan.lock_version}"' in content

    again = cast.client(cast.anna).post(_url(plan), _form(plan, person_goals="Annas text"))
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.person_goals == "Annas text"


def test_a_withdrawn_or_foreign_consent_cannot_be_chosen(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    today = timezone.localdate()
    karins = Consent.objects.create(
        person=cast.karin,
        purpose=ConsentPurpose.COORDINATED_PLAN,
        given_by=ConsentGiver.PERSON,
        form=ConsentForm.ORAL,
        valid_from=today,
        valid_until=today + dt.timedelta(days=30),
        recorded_by=cast.anna,
        recorded_unit=cast.barn_och_unga,
    )
    karins.organisations.set([cast.social_karlstad])
    response = cast.client(cast.anna).post(_url(plan), _form(plan, consent=karins.pk))
    assert "Välj ett giltigt alternativ" in response.content.decode()
    plan.refresh_from_db()
    assert plan.consent == cast.elsa_consent


def test_the_invited_region_may_read_but_not_prepare(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, _invitation = summoned_plan(cast, world)
    assert cast.client(cast.cecilia).get(_url(plan)).status_code == 404
    assert cast.client(cast.cecilia).post(_url(plan), _form(plan, person_goals="x")).status_code == 404


def test_the_outsider_is_refused(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    assert cast.client(cast.olle).get(_url(plan)).status_code == 404
    assert cast.client(cast.olle).post(_url(plan), _form(plan, person_goals="x")).status_code == 404
    plan.refresh_from_db()
    assert plan.person_goals == "Jag vill klara en hel skoldag och ha en kompis."

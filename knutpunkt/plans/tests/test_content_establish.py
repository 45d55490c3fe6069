"""Establishing the plan: a checklist of what the law and the agreement require (in words, not colour), refused
while something is missing, done by the plan's lead only, and shown on the plan page as the version in force."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knutpunkt.plans import actions
from knutpunkt.plans.models import Plan, PlanStatus, PlanVersion
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, fill_contents, make_profiles, planning_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


@pytest.fixture
def plan(cast: Cast, world: PlanWorld) -> Plan:
    return planning_plan(cast, world)


def _url(plan: Plan) -> str:
    return reverse("plans:establish", kwargs={"plan_uuid": plan.uuid})


def test_the_outsider_is_refused(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    olle = cast.client(cast.olle)
    assert olle.get(_url(plan)).status_code == 404
    assert olle.post(_url(plan), {"lock_version": plan.lock_version}).status_code == 404
    assert not PlanVersion.objects.exists()


def test_an_incomplete_plan_shows_what_is_missing_in_words_and_no_button(cast: Cast, plan: Plan) -> None:
    body = cast.client(cast.anna).get(_url(plan)).content.decode()
    assert "Saknas:" in body and "Insatser som regionen ansvarar för" in body
    assert "Klart:" in body  # the person's goals came from the preparation
    assert "✗" in body and "✓" in body
    assert "Fastställ planen</button>" not in body


def test_establishing_an_incomplete_plan_is_refused_with_the_checklist(cast: Cast, plan: Plan) -> None:
    response = cast.client(cast.anna).post(_url(plan), {"lock_version": plan.lock_version})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ingen huvudman har utsetts att ha det övergripande ansvaret." in body
    assert 'class="error-summary"' in body
    assert not PlanVersion.objects.exists()


def test_the_lead_establishes_a_complete_plan_and_the_plan_page_shows_the_version(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    anna = cast.client(cast.anna)
    page = anna.get(_url(plan)).content.decode()
    assert "Saknas:" not in page and "Fastställ planen</button>" in page
    assert "Vad har ändrats sedan förra versionen?" not in page  # no change note for the first version
    response = anna.post(_url(plan), {"lock_version": plan.lock_version}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:detail", kwargs={"plan_uuid": plan.uuid})
    body = response.content.decode()
    assert "Planen är fastställd som version 1." in body
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ESTABLISHED and plan.established_version == 1
    assert plan.versions.get().content["needs"] == ["Tryggare skolgång"]


def test_the_region_taking_part_sees_the_checklist_but_cannot_establish(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    cecilia = cast.client(cast.cecilia)
    page = cecilia.get(_url(plan)).content.decode()
    assert "Det är den huvudman som leder planen som fastställer den." in page
    assert "Fastställ planen</button>" not in page
    assert cecilia.post(_url(plan), {"lock_version": plan.lock_version}).status_code == 404
    assert not PlanVersion.objects.exists()


def test_a_second_version_carries_a_change_note_and_the_page_lists_the_changes(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    actions.establish(cast.actor(cast.anna), plan, plan.lock_version)
    actions.save_item(cast.actor(cast.cecilia), plan, plan.lock_version, "need", {"description": "Bättre sömn"})
    anna = cast.client(cast.anna)
    page = anna.get(_url(plan)).content.decode()
    assert "Ändringar sedan version 1" in page and "Tillagt:" in page and "Bättre sömn" in page
    plan.refresh_from_db()
    anna.post(_url(plan), {"lock_version": plan.lock_version, "change_note": "Sömnen lades till"})
    version = plan.versions.get(number=2)
    assert version.change_note == "Sömnen lades till"
    assert version.content["needs"] == ["Tryggare skolgång", "Bättre sömn"]


def test_establishing_from_a_stale_page_is_refused(cast: Cast, plan: Plan) -> None:
    fill_contents(cast, plan)
    opened = plan.lock_version
    actions.save_item(cast.actor(cast.cecilia), plan, plan.lock_version, "need", {"description": "Bättre sömn"})
    response = cast.client(cast.anna).post(_url(plan), {"lock_version": opened})
    body = response.content.decode()
    assert "Någon annan har sparat planen medan du arbetade" in body
    assert not PlanVersion.objects.exists()
    plan.refresh_from_db()
    assert f'name="lock_version" value="{plan.lock_version}"' in body

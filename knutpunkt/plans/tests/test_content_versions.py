"""Established versions: listed, shown as frozen (the draft may have moved on), compared section by section with
removed and added lines marked in words, and every view of a version logged."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from knutpunkt.audit.models import AuditEvent
from knutpunkt.plans import actions
from knutpunkt.plans.models import Plan
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, established_plan, make_profiles


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


@pytest.fixture
def plan(cast: Cast, world: PlanWorld) -> Plan:
    """Version 1, then version 2 with the first need changed and a need added."""
    plan = established_plan(cast, world)
    anna = cast.actor(cast.anna)
    need = plan.needs.get()
    actions.save_item(anna, plan, plan.lock_version, "need", {"description": "Trygg skolgång varje dag"}, need)
    actions.save_item(anna, plan, plan.lock_version, "need", {"description": "Bättre sömn"})
    actions.establish(anna, plan, plan.lock_version, "Behoven skrevs om")
    plan.refresh_from_db()
    return plan


def _url(name: str, plan: Plan, **kwargs: Any) -> str:
    return reverse(f"plans:{name}", kwargs={"plan_uuid": plan.uuid, **kwargs})


def test_the_outsider_is_refused_every_version_page(cast: Cast, plan: Plan) -> None:
    first, second = plan.versions.order_by("number")
    olle = cast.client(cast.olle)
    for url in (
        _url("versions", plan),
        _url("version", plan, version_uuid=first.uuid),
        _url("version_compare", plan) + f"?a={first.uuid}&b={second.uuid}",
    ):
        assert olle.get(url).status_code == 404, url


def test_the_versions_are_listed_newest_first_with_their_change_notes(cast: Cast, plan: Plan) -> None:
    body = cast.client(cast.cecilia).get(_url("versions", plan)).content.decode()
    assert body.index("Version 2") < body.index("Version 1")
    assert "Behoven skrevs om" in body and "Gällande" in body
    assert "Jämför två versioner" in body


def test_a_version_shows_what_it_said_even_after_the_draft_changed(cast: Cast, plan: Plan) -> None:
    first = plan.versions.get(number=1)
    actions.save_item(cast.actor(cast.anna), plan, plan.lock_version, "need", {"description": "Ett nytt utkast"})
    body = cast.client(cast.anna).get(_url("version", plan, version_uuid=first.uuid)).content.decode()
    assert "Tryggare skolgång" in body
    assert "Ett nytt utkast" not in body and "Bättre sömn" not in body
    assert "Nej, version 2 gäller." in body
    assert AuditEvent.objects.filter(event="plan.version_viewed", actor=cast.anna, person=cast.elsa).exists()


def test_a_version_of_another_plan_is_not_found(cast: Cast, world: PlanWorld, plan: Plan) -> None:
    other = established_plan(cast, world).versions.get()
    assert cast.client(cast.anna).get(_url("version", plan, version_uuid=other.uuid)).status_code == 404


def test_two_versions_are_compared_with_removed_and_added_lines_in_words(cast: Cast, plan: Plan) -> None:
    first, second = plan.versions.order_by("number")
    # Either order: the older one is always the starting point.
    body = cast.client(cast.anna).get(_url("version_compare", plan) + f"?a={second.uuid}&b={first.uuid}").content
    text = body.decode()
    assert "Från version 1 till version 2" in text
    assert "Borttaget:</span> <del>Tryggare skolgång</del>" in text
    assert "Tillagt:</span> <ins>Trygg skolgång varje dag</ins>" in text
    assert "Tillagt:</span> <ins>Bättre sömn</ins>" in text
    assert ">Mätbara mål<" not in text  # unchanged sections are not listed
    assert AuditEvent.objects.filter(event="plan.version_viewed", actor=cast.anna).exists()


def test_comparing_a_version_with_itself_asks_for_two(cast: Cast, plan: Plan) -> None:
    first = plan.versions.get(number=1)
    body = cast.client(cast.anna).get(_url("version_compare", plan) + f"?a={first.uuid}&b={first.uuid}").content
    assert "Välj två olika versioner." in body.decode()


def test_versions_are_immutable(cast: Cast, plan: Plan) -> None:
    version = plan.versions.get(number=1)
    version.change_note = "ändrad"
    with pytest.raises(ValueError, match="never changed"):
        version.save()

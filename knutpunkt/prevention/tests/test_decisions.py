"""The committee's decision: deciding freezes the plan as an immutable version, a later change and a new decision
make the next version, and two versions are compared section by section."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import actions
from knutpunkt.prevention.models import ActionPlan, PlanKind, PlanStatus, PlanVersion
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures, add_measure, decidable_plan, decide, fresh, link


def test_deciding_freezes_the_plan_as_version_one(ali: Actor, figures: Figures) -> None:
    plan, _measure = decidable_plan(ali, figures)
    version = decide(ali, plan, days_ago=3)
    plan = fresh(plan)
    assert plan.status == PlanStatus.DECIDED and plan.decided_version == 1
    assert plan.committee == "Kommunstyrelsen" and plan.decided_on == timezone.localdate() - dt.timedelta(days=3)
    assert version.number == 1 and version.committee == "Kommunstyrelsen"
    assert version.content["goals"] == [{"text": "Färre våldsbrott", "measurable": True}]
    (measure,) = version.content["measures"]
    assert measure["status"] == "ongoing"
    assert measure["indicators"][0]["code"] == "n07403" and measure["indicators"][0]["target_value"] == 800.0


def test_a_decided_version_is_never_changed(ali: Actor, figures: Figures) -> None:
    plan, _measure = decidable_plan(ali, figures)
    version = decide(ali, plan)
    version.change_note = "ändrad"
    with pytest.raises(ValueError, match="never changed"):
        version.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(change_note="ändrad")


def test_a_later_change_and_decision_make_version_two_and_version_one_stays(ali: Actor, figures: Figures) -> None:
    plan, measure = decidable_plan(ali, figures)
    decide(ali, plan, days_ago=30)
    actions.save_measure(ali, plan, plan.lock_version, {"title": "Fritidsgård öppen alla kvällar"}, measure)
    assert actions.changed_since_decision(fresh(plan))
    second = decide(ali, plan, days_ago=2, note="Utökade öppettider")
    first = PlanVersion.objects.get(plan=plan, number=1)
    assert second.number == 2 and fresh(plan).decided_version == 2
    assert first.content["measures"][0]["title"] == "Öppen fritidsverksamhet på kvällar"
    assert second.content["measures"][0]["title"] == "Fritidsgård öppen alla kvällar"
    assert not actions.changed_since_decision(fresh(plan))


def test_a_decision_needs_a_committee_and_a_date_not_in_the_future(ali: Actor, figures: Figures) -> None:
    plan, _measure = decidable_plan(ali, figures)
    with pytest.raises(ValidationError, match="nämnd"):
        actions.decide_plan(ali, plan, plan.lock_version, actions.Decision(" ", timezone.localdate()))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="i förväg"):
        actions.decide_plan(ali, plan, plan.lock_version, actions.Decision("Kommunstyrelsen", tomorrow))
    assert not plan.versions.exists()


def test_a_crime_prevention_plan_is_decided_only_on_a_finished_situation_report(ali: Actor, figures: Figures) -> None:
    plan, _measure = decidable_plan(ali, figures, kind=PlanKind.CRIME)
    with pytest.raises(ValidationError, match="lägesbild"):
        decide(ali, plan)


def test_deciding_a_plan_built_on_a_new_report_replaces_the_plan_in_force(ali: Actor, figures: Figures) -> None:
    details = actions.ReportDetails("Lägesbild", dt.date(2025, 1, 1), dt.date(2026, 12, 31), ["n07403"], "", "Analys")
    report = actions.create_report(ali, details)
    actions.finish_report(ali, report, report.lock_version, done_on=timezone.localdate())
    first = actions.create_plan_from_report(
        ali, report, title="Åtgärdsplan 1", period_from=dt.date(2025, 1, 1), period_to=dt.date(2026, 12, 31)
    )
    for plan in (first,):
        actions.save_goal(ali, plan, plan.lock_version, text="Mål", measurable=False)
        link(ali, add_measure(ali, plan), figures.violence)
    decide(ali, first, days_ago=40)
    second = actions.create_plan_from_report(
        ali, report, title="Åtgärdsplan 2", period_from=dt.date(2026, 1, 1), period_to=dt.date(2027, 12, 31)
    )
    assert second.replaces == first
    actions.save_goal(ali, second, second.lock_version, text="Mål", measurable=False)
    link(ali, add_measure(ali, second), figures.violence)
    decide(ali, second, days_ago=1)
    assert fresh(first).status == PlanStatus.REPLACED
    assert fresh(second).status == PlanStatus.DECIDED


def test_two_versions_are_compared_with_removed_and_added_lines(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, _measure = decidable_plan(ali, figures)
    decide(ali, plan, days_ago=30)
    actions.save_goal(ali, plan, plan.lock_version, text="Fler känner sig trygga", measurable=True)
    first, second = PlanVersion.objects.get(plan=plan), decide(ali, plan, days_ago=1)
    url = reverse("prevention:version_compare", kwargs={"plan_uuid": plan.uuid})
    body = cast.client(cast.anna).get(f"{url}?a={second.uuid}&b={first.uuid}").content.decode()
    assert "Från version 1 till version 2" in body
    assert "Tillagt:</span> <ins>Fler känner sig trygga</ins>" in body
    assert ">Åtgärder<" not in body  # unchanged sections are not listed


def test_comparing_a_version_with_itself_asks_for_two(cast: Cast, figures: Figures) -> None:
    plan, _measure = decidable_plan(cast.actor(cast.ali), figures)
    version = decide(cast.actor(cast.ali), plan)
    url = reverse("prevention:version_compare", kwargs={"plan_uuid": plan.uuid})
    body = cast.client(cast.anna).get(f"{url}?a={version.uuid}&b={version.uuid}").content.decode()
    assert "Välj två olika versioner." in body


def test_the_decision_page_registers_the_decision_as_a_version(cast: Cast, figures: Figures) -> None:
    plan, _measure = decidable_plan(cast.actor(cast.ali), figures)
    today = timezone.localdate()
    response = cast.client(cast.ali).post(
        reverse("prevention:decide", kwargs={"plan_uuid": plan.uuid}),
        {
            "lock_version": plan.lock_version,
            "committee": "Socialnämnden",
            "decided_on": today.isoformat(),
            "next_followup_on": (today + dt.timedelta(days=365)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert fresh(plan).versions.get().committee == "Socialnämnden"
    page = cast.client(cast.anna).get(reverse("prevention:plan", kwargs={"plan_uuid": plan.uuid})).content.decode()
    assert "Version 1" in page and "Gällande" in page


def test_the_plan_page_says_when_the_plan_changed_since_its_decision(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, measure = decidable_plan(ali, figures)
    decide(ali, plan)
    actions.save_measure(ali, plan, plan.lock_version, {"budget": 2_000_000}, measure)
    body = cast.client(cast.anna).get(reverse("prevention:plan", kwargs={"plan_uuid": plan.uuid})).content.decode()
    assert "Planen har ändrats sedan den senast beslutades." in body
    assert ActionPlan.objects.get(pk=plan.pk).decided_version == 1


def test_a_version_page_shows_what_the_plan_said_when_it_was_decided(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, measure = decidable_plan(ali, figures)
    first = decide(ali, plan, days_ago=30)
    actions.save_measure(ali, plan, plan.lock_version, {"title": "Ett nytt namn"}, measure)
    decide(ali, plan, days_ago=1)
    url = reverse("prevention:version", kwargs={"plan_uuid": plan.uuid, "version_uuid": first.uuid})
    body = cast.client(cast.anna).get(url).content.decode()
    assert "Öppen fritidsverksamhet på kvällar" in body and "Ett nytt namn" not in body
    assert "Version 2 gäller nu." in body
    assert "Kultur och fritid" in body  # the responsible actor, in words

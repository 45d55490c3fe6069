"""The start page leads with what is due: plan follow-ups, the situation report's next update, and measures under
way that nobody has followed up for twelve months."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import formats, timezone

from knutpunkt.prevention import actions, due
from knutpunkt.prevention.models import ActionPlan
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures, decidable_plan, decide


def test_a_measure_without_a_followup_for_twelve_months_is_flagged(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, measure = decidable_plan(ali, figures)
    decide(ali, plan, days_ago=400)
    today = timezone.localdate()
    flagged = due.unfollowed_measures(ActionPlan.objects.all(), today)
    assert [item.measure.pk for item in flagged] == [measure.pk]
    body = cast.client(cast.anna).get(reverse("prevention:start")).content.decode()
    assert "Pågående åtgärder utan uppföljning på tolv månader" in body and measure.title in body
    plan_page = cast.client(cast.anna).get(reverse("prevention:plan", kwargs={"plan_uuid": plan.uuid}))
    assert "Mer än 12 månader sedan" in plan_page.content.decode()


def test_a_recent_followup_takes_the_measure_off_the_list(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, measure = decidable_plan(ali, figures)
    decide(ali, plan, days_ago=400)
    actions.record_followup(ali, plan, measure=measure, held_on=timezone.localdate(), text="Följd")
    assert due.unfollowed_measures(ActionPlan.objects.all(), timezone.localdate()) == []


def test_a_measure_decided_recently_is_not_yet_due(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, _measure = decidable_plan(ali, figures)
    decide(ali, plan, days_ago=30)
    assert due.unfollowed_measures(ActionPlan.objects.all(), timezone.localdate()) == []


def test_an_overdue_plan_followup_is_listed_first(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, _measure = decidable_plan(ali, figures)
    decide(ali, plan, days_ago=300)  # follow-up set 200 days after the decision: 100 days ago
    body = cast.client(cast.anna).get(reverse("prevention:start")).content.decode()
    expected = formats.date_format(timezone.localdate() - dt.timedelta(days=100), "j F Y")
    assert f"Uppföljning {expected}:" in body
    assert body.index('id="due"') < body.index("Försenad") < body.index('id="reports"')


def test_staff_see_no_buttons_for_new_plans_or_reports(cast: Cast, figures: Figures) -> None:
    body = cast.client(cast.anna).get(reverse("prevention:start")).content.decode()
    assert "Ny lägesbild" not in body
    assert "Ny lägesbild" in cast.client(cast.ali).get(reverse("prevention:start")).content.decode()

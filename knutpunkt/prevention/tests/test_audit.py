"""Every write in prevention work leaves its audit event, by the acting user and unit. The data is aggregate: no
person is named in any of these events."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from knutpunkt.audit.models import AuditEvent
from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import actions
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures, decidable_plan, decide


def _events(actor: Actor) -> list[str]:
    return list(AuditEvent.objects.filter(actor=actor.user).order_by("id").values_list("event", flat=True))


def test_the_plan_cycle_is_audited(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    plan, measure = decidable_plan(ali, figures)
    decide(ali, plan)
    actions.record_followup(ali, plan, measure=measure, held_on=timezone.localdate(), text="Uppföljd")
    events = _events(ali)
    for expected in (
        "prevention.plan_created",
        "prevention.goal_saved",
        "prevention.measure_added",
        "prevention.indicator_linked",
        "prevention.measure_changed",
        "prevention.plan_decided",
        "prevention.followup_recorded",
    ):
        assert expected in events, expected
    decided = AuditEvent.objects.get(event="prevention.plan_decided")
    assert decided.object_uuid == plan.uuid and decided.unit == cast.barn_och_unga
    assert decided.detail["version"] == 1 and decided.person is None


def test_the_situation_report_and_the_calculation_are_audited(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    details = actions.ReportDetails("Lägesbild", dt.date(2025, 1, 1), dt.date(2026, 12, 31), ["n07403"], "", "Analys")
    report = actions.create_report(ali, details)
    actions.finish_report(ali, report, report.lock_version, done_on=dt.date(2025, 2, 1))
    _plan, measure = decidable_plan(ali, figures)
    actions.save_costs(
        ali,
        measure,
        0,
        actions.CostDetails(
            5, Decimal(10), Decimal(20), 1, 2, Decimal(3), Decimal(0), Decimal(0), "", {"state": (Decimal(9), "")}
        ),
    )
    done = AuditEvent.objects.get(event="prevention.report_done")
    assert done.object_uuid == report.uuid and done.detail["next_update_due"] == "2027-02-01"
    assert {"prevention.report_created", "prevention.report_done", "prevention.costs_saved"} <= set(_events(ali))

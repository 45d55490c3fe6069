"""Dismissing a reminder: a POST by someone in the unit, logged, with or without htmx; nobody else can."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent
from knutpunkt.plans.models import Plan, Reminder, ReminderKind
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import make_profiles, requested_plan


@pytest.fixture
def plan(cast: Cast) -> Plan:
    return requested_plan(cast, make_profiles(cast))


def _reminder(cast: Cast, plan: Plan) -> Reminder:
    return Reminder.objects.create(
        unit=cast.barn_och_unga,
        plan=plan,
        kind=ReminderKind.DEADLINE_NEAR,
        message="Tidsfristen för en SIP som ni har begärt går ut snart.",
        due_on=timezone.localdate(),
        key=f"deadline_near:{plan.uuid}:3",
    )


def test_a_colleague_dismisses_the_units_reminder(cast: Cast, plan: Plan) -> None:
    reminder = _reminder(cast, plan)
    response = cast.client(cast.bo).post(reverse("plans:reminder_dismiss", args=[reminder.uuid]), {"tillbaka": ""})

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:my_work")
    reminder.refresh_from_db()
    assert reminder.dismissed_at is not None
    event = AuditEvent.objects.get(event="plan.reminder_dismissed")
    assert event.person == cast.elsa
    assert event.object_uuid == reminder.uuid
    assert "Tidsfristen för en SIP" not in cast.client(cast.bo).get(reverse("plans:my_work")).content.decode()


def test_the_manager_goes_back_to_the_unit_list(cast: Cast, plan: Plan) -> None:
    reminder = _reminder(cast, plan)
    response = cast.client(cast.maria).post(
        reverse("plans:reminder_dismiss", args=[reminder.uuid]), {"tillbaka": "unit_work"}
    )
    assert response["Location"] == reverse("plans:unit_work")


def test_with_htmx_the_reminder_is_replaced_by_a_status_message(cast: Cast, plan: Plan) -> None:
    reminder = _reminder(cast, plan)
    response = cast.client(cast.anna).post(
        reverse("plans:reminder_dismiss", args=[reminder.uuid]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()
    assert "Påminnelsen är avfärdad." in response.content.decode()


def test_a_dismissed_reminder_cannot_be_dismissed_again(cast: Cast, plan: Plan) -> None:
    reminder = _reminder(cast, plan)
    client = cast.client(cast.anna)
    url = reverse("plans:reminder_dismiss", args=[reminder.uuid])
    client.post(url)
    assert client.post(url).status_code == 404


def test_dismissal_needs_a_post(cast: Cast, plan: Plan) -> None:
    reminder = _reminder(cast, plan)
    assert cast.client(cast.anna).get(reverse("plans:reminder_dismiss", args=[reminder.uuid])).status_code == 405


@pytest.mark.parametrize("user", ["olle", "cecilia", "ali", "adam"])
def test_nobody_outside_the_unit_can_dismiss(cast: Cast, plan: Plan, user: str) -> None:
    reminder = _reminder(cast, plan)
    response = cast.client(getattr(cast, user)).post(reverse("plans:reminder_dismiss", args=[reminder.uuid]))
    assert response.status_code == 404
    reminder.refresh_from_db()
    assert reminder.dismissed_at is None

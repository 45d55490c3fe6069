"""Cancelling a planned meeting: with a reason the plan page shows, logged, and a calendar cancellation with the
invitation's UID to every invited unit, naming neither the person nor the reason."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from knutpunkt.audit.models import AuditEvent
from knutpunkt.plans.models import Meeting
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, summoned_plan

REASON = "Elsa är sjuk"


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _cancel(meeting: Meeting) -> str:
    return reverse("plans:meeting_cancel", kwargs={"plan_uuid": meeting.plan.uuid, "meeting_uuid": meeting.uuid})


def test_the_invited_units_get_a_calendar_cancellation_with_the_same_uid(
    cast: Cast, world: PlanWorld, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _plan, meeting, _invitation = summoned_plan(cast, world)
    invitation_file = mail.outbox[-1].attachments[0][1]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client(cast.anna).post(_cancel(meeting), {"reason": REASON})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["bup@example.org"]]
    _name, calendar, content_type = mail.outbox[0].attachments[0]
    assert content_type.startswith("text/calendar; method=CANCEL")
    assert "METHOD:CANCEL" in calendar and "STATUS:CANCELLED" in calendar and "SEQUENCE:1" in calendar
    uid = f"UID:{meeting.uuid}@knutpunkt"
    assert uid in invitation_file and uid in calendar


def test_the_e_mail_names_neither_the_person_nor_the_reason(
    cast: Cast, world: PlanWorld, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    _plan, meeting, _invitation = summoned_plan(cast, world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cast.client(cast.anna).post(_cancel(meeting), {"reason": REASON})
    message = mail.outbox[0]
    assert "inställt" in message.body
    for text in (message.subject, message.body, message.attachments[0][1]):
        assert "Elsa" not in text and "sjuk" not in text


def test_the_plan_page_shows_the_reason_and_the_log_records_the_cancellation(cast: Cast, world: PlanWorld) -> None:
    plan, meeting, _invitation = summoned_plan(cast, world)
    client = cast.client(cast.anna)
    client.post(_cancel(meeting), {"reason": REASON})
    meeting.refresh_from_db()
    assert (meeting.cancelled, meeting.cancel_reason) == (True, REASON)
    page = client.get(reverse("plans:detail", kwargs={"plan_uuid": plan.uuid})).content.decode()
    assert "Skäl: Elsa är sjuk" in page
    assert AuditEvent.objects.filter(event="plan.meeting_cancelled", object_uuid=meeting.uuid).count() == 1
    assert client.get(_cancel(meeting)).status_code == 404  # cancelled already


def test_a_cancellation_needs_a_reason(cast: Cast, world: PlanWorld) -> None:
    _plan, meeting, _invitation = summoned_plan(cast, world)
    response = cast.client(cast.anna).post(_cancel(meeting), {"reason": "  "})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert not meeting.cancelled


def test_only_the_leading_organisation_cancels(cast: Cast, world: PlanWorld) -> None:
    _plan, meeting, _invitation = summoned_plan(cast, world)
    assert cast.client(cast.cecilia).post(_cancel(meeting), {"reason": REASON}).status_code == 404
    assert cast.client(cast.olle).post(_cancel(meeting), {"reason": REASON}).status_code == 404
    meeting.refresh_from_db()
    assert not meeting.cancelled

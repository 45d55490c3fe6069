"""Meetings: booking and rescheduling in Swedish time (with updated calendar files to the invited units),
recording who came, and the calendar file download."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from knutpunkt.plans import actions
from knutpunkt.plans.models import Attendance, Meeting, ParticipantRole, Plan, PlanStatus
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _book(plan: Plan) -> str:
    return reverse("plans:meeting_book", kwargs={"plan_uuid": plan.uuid})


def _edit(meeting: Meeting) -> str:
    return reverse("plans:meeting_edit", kwargs={"plan_uuid": meeting.plan.uuid, "meeting_uuid": meeting.uuid})


def _record(meeting: Meeting) -> str:
    return reverse("plans:meeting_record", kwargs={"plan_uuid": meeting.plan.uuid, "meeting_uuid": meeting.uuid})


def _ics(meeting: Meeting) -> str:
    return reverse("plans:meeting_ics", kwargs={"plan_uuid": meeting.plan.uuid, "meeting_uuid": meeting.uuid})


def _local(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=STOCKHOLM)


def _form(start: dt.datetime, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "sip",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Familjecentralen, Karlstad",
        "video_link": "",
    }
    data.update(overrides)
    return data


def _held_in_the_past(meeting: Meeting) -> None:
    """Time passes: the booked meeting has started."""
    start = timezone.now() - dt.timedelta(hours=1)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=1))
    meeting.refresh_from_db()


def test_booking_reads_the_time_as_swedish_local_time(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    start = _local(7, 9)
    response = cast.client(cast.anna).post(_book(plan), _form(start))
    assert response.status_code == 302
    meeting = plan.meetings.get()
    assert meeting.starts_at == start
    assert meeting.location == "Familjecentralen, Karlstad"


def test_booking_checks_times_and_place_in_swedish(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    client = cast.client(cast.anna)
    start = _local(7, 9)
    response = client.post(_book(plan), _form(start, ends_at=start.strftime("%Y-%m-%dT%H:%M"), location=""))
    content = response.content.decode()
    assert "Mötet måste sluta efter att det börjat." in content
    assert "Ange en plats eller en länk till videomöte." in content
    response = client.post(_book(plan), _form(_local(-2, 9)))
    assert "Ett möte kan inte bokas bakåt i tiden." in response.content.decode()
    assert not plan.meetings.exists()


def test_a_video_meeting_needs_no_place(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    form = _form(_local(3, 13), location="", video_link="https://meet.example.org/sip-42")
    assert cast.client(cast.anna).post(_book(plan), form).status_code == 302
    assert plan.meetings.get().video_link == "https://meet.example.org/sip-42"


def test_rescheduling_sends_the_updated_calendar_file_with_a_higher_sequence(
    cast: Cast, world: PlanWorld, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    _plan, meeting, _invitation = summoned_plan(cast, world)
    client = cast.client(cast.anna)
    page = client.get(_edit(meeting)).content.decode()
    shown = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{shown}"' in page
    mail.outbox.clear()
    new_start = _local(5, 14)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_edit(meeting), _form(new_start, location="BUP, Rum 2"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.location, meeting.sequence) == (new_start, "BUP, Rum 2", 1)
    assert [m.to for m in mail.outbox] == [["bup@example.org"]]
    calendar = mail.outbox[0].attachments[0][1]
    assert "SEQUENCE:1" in calendar and f"UID:{meeting.uuid}@knutpunkt" in calendar
    assert "Elsa" not in calendar and "Elsa" not in mail.outbox[0].body


def test_recording_attendance_moves_the_plan_to_the_meeting_step(cast: Cast, world: PlanWorld) -> None:
    plan, meeting, invitation = summoned_plan(cast, world)
    actions.answer_invitation(cast.actor(cast.cecilia), invitation, accept=True, representative_name="Cecilia")
    elsa = actions.add_participant(cast.actor(cast.anna), plan, role=ParticipantRole.PERSON, name="Elsa Lind")
    karin = actions.add_participant(cast.actor(cast.anna), plan, role=ParticipantRole.GUARDIAN, name="Karin Lind")
    _held_in_the_past(meeting)
    client = cast.client(cast.anna)
    page = client.get(_record(meeting)).content.decode()
    assert "BUP Karlstad, BUP Värmland (Cecilia)" in page and "Karin Lind (vårdnadshavare)" in page
    response = client.post(
        _record(meeting),
        {"units_attended": [invitation.pk], "participants_attended": [elsa.pk], "notes": "Bra möte"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    plan.refresh_from_db()
    assert meeting.held and meeting.notes == "Bra möte"
    assert plan.status == PlanStatus.PLANNING
    assert plan.first_meeting_on == timezone.localdate(meeting.starts_at)
    assert Attendance.objects.get(meeting=meeting, invitation=invitation).attended
    assert Attendance.objects.get(meeting=meeting, participant=elsa).attended
    assert not Attendance.objects.get(meeting=meeting, participant=karin).attended
    assert client.get(_record(meeting)).status_code == 404  # a held meeting is recorded once
    assert client.get(_edit(meeting)).status_code == 404
    detail = client.get(reverse("plans:detail", kwargs={"plan_uuid": plan.uuid})).content.decode()
    assert "<strong>frånvarande</strong>" in detail


def test_a_meeting_that_has_not_started_cannot_be_recorded(cast: Cast, world: PlanWorld) -> None:
    _plan, meeting, _invitation = summoned_plan(cast, world)
    response = cast.client(cast.anna).post(_record(meeting), {"notes": ""})
    assert "Registrera det när det har hållits." in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.held


def test_the_calendar_file_names_no_person(cast: Cast, world: PlanWorld) -> None:
    _plan, meeting, _invitation = summoned_plan(cast, world)
    response = cast.client(cast.cecilia).get(_ics(meeting))
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="sip-mote.ics"' in response["Content-Disposition"]
    assert "BEGIN:VCALENDAR" in body and "SUMMARY:SIP-möte (Knutpunkt)" in body
    assert "Elsa" not in body and "Lind" not in body


def test_the_invited_region_cannot_book_or_record(cast: Cast, world: PlanWorld) -> None:
    plan, meeting, _invitation = summoned_plan(cast, world)
    cecilia = cast.client(cast.cecilia)
    assert cecilia.post(_book(plan), _form(_local(7, 9))).status_code == 404
    assert cecilia.post(_edit(meeting), _form(_local(7, 9))).status_code == 404
    assert cecilia.post(_record(meeting), {"notes": ""}).status_code == 404


def test_the_outsider_is_refused(cast: Cast, world: PlanWorld) -> None:
    plan, meeting, _invitation = summoned_plan(cast, world)
    olle = cast.client(cast.olle)
    for url in (_book(plan), _edit(meeting), _record(meeting), _ics(meeting)):
        assert olle.get(url).status_code == 404
    for url in (_book(plan), _edit(meeting), _record(meeting)):
        assert olle.post(url, _form(_local(7, 9))).status_code == 404
    assert plan.meetings.count() == 1
    meeting.refresh_from_db()
    assert meeting.sequence == 0 and not meeting.held

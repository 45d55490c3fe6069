"""iCalendar (RFC 5545) invitations for SIP meetings, attached to the e-mail sent to each invited unit."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from knutpunkt.plans.models import Meeting


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets are folded with a leading space (RFC 5545 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return [line]
    parts: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return [parts[0]] + [" " + part for part in parts[1:]]


def meeting_ics(meeting: Meeting, *, summary: str, description: str, cancelled: bool = False) -> str:
    """One VEVENT. The summary names no person: the calendar file may be read outside the secrecy domain."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Knutpunkt//SIP//SV",
        "METHOD:" + ("CANCEL" if cancelled else "REQUEST"),
        "BEGIN:VEVENT",
        f"UID:{meeting.uuid}@knutpunkt",
        f"SEQUENCE:{meeting.sequence}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        f"LOCATION:{_escape(meeting.location or meeting.video_link)}",
        f"ORGANIZER:mailto:{settings.DEFAULT_FROM_EMAIL}",
        "STATUS:" + ("CANCELLED" if cancelled or meeting.cancelled else "CONFIRMED"),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    if meeting.video_link:
        lines.insert(-2, f"URL:{meeting.video_link}")
    folded = [part for line in lines for part in _fold(line)]
    return "\r\n".join(folded) + "\r\n"

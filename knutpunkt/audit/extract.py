"""The log extract (loggutdrag) a person has a right to: which units accessed their data, and when.

The extract names units and organisations, not the staff who acted. The rule the sector follows (HSLF-FS 2016:40
4 kap. 9 §, and the right to an extract in patientdatalagen 8 kap.) gives the person the units; staff names stay
in the log for the unit's own log review and for an investigation, where a suspected unauthorised access is
followed up. Handing out names in an extract that goes home with the person would expose staff (to threats,
among other things) without giving the person a right they do not already have through the unit.

Every organisation's accesses are listed, not only the producing one's: the extract is made to be handed to the
person, about data held in Knutpunkt, a system shared by all of them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from knutpunkt.audit.events import label
from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.core.choices import choice_label
from knutpunkt.organisations.access import Actor
from knutpunkt.people.models import Person

NO_VALUE = "–"


@dataclass(frozen=True)
class ExtractRow:
    occurred_at: dt.datetime  # in Swedish time
    unit: str
    organisation: str
    event: str
    legal_ground: str

    @property
    def occurred_at_text(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M}"


def _legal_ground_label(value: str) -> str:
    return choice_label(LegalGround, value) if value else NO_VALUE


def extract_rows(person: Person) -> list[ExtractRow]:
    """Every logged access to the person's data, oldest first. Served by the (person, occurred_at) index."""
    rows = (
        AuditEvent.objects.filter(person=person)
        .order_by("occurred_at", "id")
        .values_list("occurred_at", "unit_label", "organisation__name", "event", "legal_ground")
    )
    return [
        ExtractRow(
            occurred_at=timezone.localtime(occurred_at),
            unit=unit_label or NO_VALUE,
            organisation=organisation or NO_VALUE,
            event=label(event),
            legal_ground=_legal_ground_label(ground),
        )
        for occurred_at, unit_label, organisation, event, ground in rows
    ]


def _csv_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def render_csv(rows: list[ExtractRow]) -> bytes:
    """Semicolon-separated with a UTF-8 byte order mark, so that Excel with Swedish settings opens it as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Datum och tid"), _("Enhet"), _("Organisation"), _("Händelse"), _("Rättslig grund")])
    for row in rows:
        values = (row.occurred_at_text, row.unit, row.organisation, row.event, row.legal_ground)
        writer.writerow([_csv_cell(value) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_html(actor: Actor, person: Person, rows: list[ExtractRow], created_at: dt.datetime) -> str:
    """The extract as a standalone HTML document, the source of the PDF."""
    return render_to_string(
        "audit/extract_document.html",
        {
            "person": person,
            "rows": rows,
            "created_at": timezone.localtime(created_at),
            "producer": actor.label,
            "producer_unit": str(actor.unit) if actor.unit else "",
        },
    )


def render_pdf(html: str, *, compress: bool = True) -> bytes:
    """A4, tagged PDF (PDF/UA-1) so that a screen reader can read the extract."""
    from weasyprint import HTML  # imported here: it is slow to load

    pdf: bytes = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=not compress)
    return pdf


def filename(created_at: dt.datetime, extension: str) -> str:
    """No name and no number in the file name: it shows up in download lists and shared folders."""
    return f"loggutdrag-{timezone.localtime(created_at):%Y-%m-%d-%H%M}.{extension}"

"""The log extract (loggutdrag) for a person: every access, by unit and organisation, with its legal ground."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.extract import extract_rows, render_csv, render_html, render_pdf
from knutpunkt.audit.models import AuditEvent
from knutpunkt.people.access import get_person
from knutpunkt.testing.cast import Cast


def _urls(cast: Cast) -> list[str]:
    names = ("audit:extract", "audit:extract_pdf", "audit:extract_csv")
    return [reverse(name, args=[cast.elsa.uuid]) for name in names]


@pytest.mark.parametrize("who", ["olle", "adam", "ali"])
def test_no_extract_for_someone_who_may_not_see_the_person(cast: Cast, who: str) -> None:
    client = cast.client(getattr(cast, who))
    for url in _urls(cast):
        assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(event="audit.extract_created").exists()


def test_extract_lists_bups_consent_based_access_with_its_legal_ground(cast: Cast) -> None:
    get_person(cast.actor(cast.cecilia), cast.elsa.uuid)
    rows = extract_rows(cast.elsa)
    bup = [row for row in rows if row.organisation == "BUP Värmland"]
    assert len(bup) == 1
    assert bup[0].unit == "BUP Karlstad, BUP Värmland"
    assert bup[0].event == "Personuppgifter visade"
    assert bup[0].legal_ground.startswith("Samtycke")


def test_extract_lists_only_the_persons_own_events(cast: Cast) -> None:
    get_person(cast.actor(cast.anna), cast.elsa.uuid)
    get_person(cast.actor(cast.anna), cast.karin.uuid)
    assert len(extract_rows(cast.elsa)) == 1


def test_csv_extract_has_a_bom_semicolons_and_the_rows_without_staff_names(cast: Cast) -> None:
    get_person(cast.actor(cast.cecilia), cast.elsa.uuid)
    get_person(cast.actor(cast.anna), cast.elsa.uuid)
    response = cast.client(cast.anna).get(reverse("audit:extract_csv", args=[cast.elsa.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "2394" not in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Datum och tid", "Enhet", "Organisation", "Händelse", "Rättslig grund"]
    assert [row[2] for row in rows[1:]] == ["BUP Värmland", "Socialtjänsten Karlstad"]
    assert rows[1][4].startswith("Samtycke")
    assert rows[2][4].startswith("Egen verksamhet")
    text = content.decode("utf-8-sig")
    assert "Cecilia" not in text
    assert "Anna" not in text


def test_the_extract_is_itself_logged(cast: Cast) -> None:
    cast.client(cast.anna).get(reverse("audit:extract_csv", args=[cast.elsa.uuid]))
    logged = AuditEvent.objects.get(event="audit.extract_created")
    assert logged.actor == cast.anna
    assert logged.person == cast.elsa
    assert logged.unit == cast.barn_och_unga
    assert logged.legal_ground == "own_records"
    assert logged.had_relation
    assert logged.detail == {"format": "csv", "rows": 0}
    # The next extract lists the first one: producing an extract is an access too.
    assert [row.event for row in extract_rows(cast.elsa)] == ["Loggutdrag skapat"]


def test_an_organisation_that_sees_the_person_only_through_consent_refers_the_person_on(cast: Cast) -> None:
    for name in ("audit:extract", "audit:extract_csv", "audit:extract_pdf"):
        assert cast.client(cast.cecilia).get(reverse(name, args=[cast.elsa.uuid])).status_code == 404
    assert not AuditEvent.objects.filter(event="audit.extract_created").exists()


def test_pdf_extract_is_a_tagged_a4_pdf(cast: Cast) -> None:
    get_person(cast.actor(cast.cecilia), cast.elsa.uuid)
    response = cast.client(cast.anna).get(reverse("audit:extract_pdf", args=[cast.elsa.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.get(event="audit.extract_created").detail["format"] == "pdf"
    # The same document uncompressed shows its structure: tagged (PDF/UA), Swedish, A4 (595 x 842 points).
    actor = cast.actor(cast.anna)
    pdf = render_pdf(render_html(actor, cast.elsa, extract_rows(cast.elsa), timezone.now()), compress=False)
    assert b"/StructTreeRoot" in pdf
    assert b"/Lang (sv)" in pdf
    assert b"/MediaBox [0 0 595" in pdf


def test_pdf_source_names_the_person_masked_the_producer_and_the_rows(cast: Cast) -> None:
    get_person(cast.actor(cast.cecilia), cast.elsa.uuid)
    html = render_html(cast.actor(cast.anna), cast.elsa, extract_rows(cast.elsa), timezone.now())
    assert "Elsa Lind" in html
    assert "20110106-****" in html
    assert "201101062394" not in html
    assert "Anna Andersson, Barn och unga, Socialtjänsten Karlstad" in html
    assert "BUP Karlstad, BUP Värmland" in html
    assert "Samtycke (OSL 12 kap. 2 §)" in html
    assert "Cecilia" not in html


def test_extract_page_links_to_both_formats_and_logs_the_view(cast: Cast) -> None:
    response = cast.client(cast.anna).get(reverse("audit:extract", args=[cast.elsa.uuid]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("audit:extract_pdf", args=[cast.elsa.uuid]) in html
    assert reverse("audit:extract_csv", args=[cast.elsa.uuid]) in html
    assert "20110106-****" in html
    assert AuditEvent.objects.filter(event="person.viewed", actor=cast.anna, person=cast.elsa).exists()


def test_csv_cells_that_look_like_formulas_are_defused(cast: Cast) -> None:
    AuditEvent.objects.create(event="person.viewed", person=cast.elsa, unit_label='=HYPERLINK("x")')
    content = render_csv(extract_rows(cast.elsa)).decode("utf-8-sig")
    assert "'=HYPERLINK" in content

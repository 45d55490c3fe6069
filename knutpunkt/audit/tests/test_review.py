"""The log review page (loggkontroll): only a unit's manager sees it, and only their own unit's events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knutpunkt.accounts.models import User
from knutpunkt.audit.access import ReviewFilter, review_page
from knutpunkt.audit.actions import record
from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Membership
from knutpunkt.testing.cast import Cast

URL = reverse("audit:review")


def _viewed(cast: Cast, user: User, *, had_relation: bool = True, **kwargs: object) -> AuditEvent:
    ground = LegalGround.OWN_RECORDS if had_relation else LegalGround.NONE
    return record(
        cast.actor(user), "person.viewed", person=cast.elsa, legal_ground=ground, had_relation=had_relation, **kwargs
    )


def _rows(client: Client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["olle", "anna", "cecilia", "adam", "ali"])
def test_review_page_refuses_everyone_but_a_unit_manager(cast: Cast, who: str) -> None:
    assert cast.client(getattr(cast, who)).get(URL).status_code == 404


def test_review_page_needs_sign_in(cast: Cast) -> None:
    assert Client().get(URL).status_code == 302


def test_manager_sees_own_units_events_and_not_other_units(cast: Cast) -> None:
    _viewed(cast, cast.anna)
    record(cast.actor(cast.olle), "person.searched", detail={"by": "name", "hits": 0})
    record(cast.actor(cast.cecilia), "consent.viewed", person=cast.elsa, legal_ground=LegalGround.CONSENT)
    html = _rows(cast.client(cast.maria))
    assert "Anna Andersson" in html
    assert "Olle Olsson" not in html
    assert "Cecilia Carlsson" not in html


def test_other_units_manager_sees_nothing_of_this_unit(cast: Cast) -> None:
    arvika_manager = User.objects.create_user(username="greta", first_name="Greta", last_name="Gran")
    Membership.objects.create(user=arvika_manager, unit=cast.arvika_unit, role="unit_manager")
    _viewed(cast, cast.anna)
    html = _rows(cast.client(arvika_manager))
    assert "Anna Andersson" not in html
    assert "Elsa Lind" not in html


def test_members_events_outside_any_unit_are_included_but_not_their_work_for_another_unit(cast: Cast) -> None:
    record(Actor(user=cast.bo, membership=None), "auth.login")
    arvika = Membership.objects.create(user=cast.bo, unit=cast.arvika_unit, role="staff")
    record(Actor(user=cast.bo, membership=arvika), "person.searched", detail={"by": "name", "hits": 0})
    events = review_page(cast.barn_och_unga, ReviewFilter()).events
    assert [event.event for event in events] == ["auth.login"]


def test_access_without_relation_is_highlighted_with_class_and_text(cast: Cast) -> None:
    _viewed(cast, cast.anna, had_relation=False)
    html = _rows(cast.client(cast.maria))
    assert 'class="flagged"' in html
    assert "Utan aktiv relation" in html


def test_access_with_relation_is_not_highlighted(cast: Cast) -> None:
    _viewed(cast, cast.anna)
    html = _rows(cast.client(cast.maria))
    assert 'class="flagged"' not in html
    assert "Aktiv relation" in html


def test_filter_by_staff_member(cast: Cast) -> None:
    _viewed(cast, cast.anna)
    record(cast.actor(cast.bo), "person.viewed", person=cast.karin, legal_ground=LegalGround.OWN_RECORDS)
    client = cast.client(cast.maria)
    response = client.post(URL, {"staff": str(cast.bo.uuid)})
    assert response.status_code == 302
    html = _rows(client)
    assert f'<option value="{cast.bo.uuid}" selected>' in html
    assert "Karin Lind" in html
    assert "Elsa Lind" not in html


def test_filter_by_identity_number_is_posted_and_never_in_the_url_or_the_log(cast: Cast) -> None:
    _viewed(cast, cast.anna)
    record(cast.actor(cast.bo), "person.viewed", person=cast.karin, legal_ground=LegalGround.OWN_RECORDS)
    client = cast.client(cast.maria)
    response = client.post(URL, {"identity_number": "20110106-2394"})
    assert response.status_code == 302
    assert response["Location"] == URL
    html = _rows(client)
    assert "Elsa Lind" in html
    assert "Karin Lind" not in html
    assert "20110106-****" in html
    assert "201101062394" not in html
    search = AuditEvent.objects.filter(event="person.searched", actor=cast.maria).get()
    assert "2394" not in str(search.detail)


def test_unknown_identity_number_shows_no_events_and_does_not_say_so(cast: Cast) -> None:
    _viewed(cast, cast.anna)
    client = cast.client(cast.maria)
    client.post(URL, {"identity_number": "201701012393"})
    html = _rows(client)
    assert "Elsa Lind" not in html
    assert "Inga händelser." in html


def test_invalid_identity_number_is_refused_with_a_message(cast: Cast) -> None:
    response = cast.client(cast.maria).post(URL, {"identity_number": "201101062395"})
    assert response.status_code == 200
    assert "Kontrollsiffran" in response.content.decode()


def test_choosing_the_person_of_a_row_filters_by_that_person(cast: Cast) -> None:
    event = _viewed(cast, cast.anna)
    record(cast.actor(cast.bo), "person.viewed", person=cast.karin, legal_ground=LegalGround.OWN_RECORDS)
    client = cast.client(cast.maria)
    assert client.post(reverse("audit:review_choose_person"), {"event": event.pk}).status_code == 302
    html = _rows(client)
    assert "Karin Lind" not in html
    assert "Elsa Lind" in html


def test_choosing_the_person_of_another_units_event_is_refused(cast: Cast) -> None:
    event = record(cast.actor(cast.cecilia), "person.viewed", person=cast.elsa, legal_ground=LegalGround.CONSENT)
    response = cast.client(cast.maria).post(reverse("audit:review_choose_person"), {"event": event.pk})
    assert response.status_code == 404


def test_filter_only_without_relation_and_clearing_it(cast: Cast) -> None:
    _viewed(cast, cast.anna, had_relation=False)
    record(cast.actor(cast.bo), "person.viewed", person=cast.karin, legal_ground=LegalGround.OWN_RECORDS)
    client = cast.client(cast.maria)
    client.post(URL, {"without_relation_only": "on"})
    html = _rows(client)
    assert "Elsa Lind" in html
    assert "Karin Lind" not in html
    client.post(reverse("audit:review_clear"), {"part": "all"})
    html = _rows(client)
    assert "Elsa Lind" in html
    assert "Karin Lind" in html


def test_filter_by_event_type_and_period(cast: Cast) -> None:
    _viewed(cast, cast.anna)
    old = AuditEvent.objects.create(
        event="consent.recorded",
        actor=cast.anna,
        actor_label="Anna Andersson",
        unit=cast.barn_och_unga,
        person=cast.lars,
        person_label="Lars Lind",
        occurred_at=timezone.now() - dt.timedelta(days=40),
    )
    client = cast.client(cast.maria)
    client.post(URL, {"event": "consent.recorded"})
    html = _rows(client)
    assert "Lars Lind" in html
    assert "Elsa Lind" not in html
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    client.post(URL, {"event": "", "date_from": yesterday.isoformat(), "date_to": today.isoformat()})
    html = _rows(client)
    assert "Elsa Lind" in html
    assert "Lars Lind" not in html
    day = timezone.localdate(old.occurred_at).isoformat()
    client.post(URL, {"date_from": day, "date_to": day})
    html = _rows(client)
    assert "Lars Lind" in html
    assert "Elsa Lind" not in html


def test_period_ending_before_it_starts_is_refused(cast: Cast) -> None:
    response = cast.client(cast.maria).post(URL, {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert response.status_code == 200
    assert "Slutdatumet kan inte ligga före startdatumet." in response.content.decode()


def test_pages_follow_each_other_without_gaps_or_repeats(cast: Cast) -> None:
    moment = timezone.now()
    for index in range(7):
        # Pairs with the same timestamp test the id tie-break of the keyset.
        AuditEvent.objects.create(
            event="person.viewed",
            actor=cast.anna,
            unit=cast.barn_och_unga,
            occurred_at=moment - dt.timedelta(seconds=index // 2),
        )
    seen: list[int] = []
    page = review_page(cast.barn_och_unga, ReviewFilter(), size=3)
    seen += [event.pk for event in page.events]
    while page.next_cursor is not None:
        page = review_page(cast.barn_och_unga, ReviewFilter(), after=page.next_cursor, size=3)
        seen += [event.pk for event in page.events]
    expected = list(
        AuditEvent.objects.filter(unit=cast.barn_och_unga).order_by("-occurred_at", "-id").values_list("pk", flat=True)
    )
    assert seen == expected


def test_next_page_link_appears_only_when_there_are_older_events(cast: Cast) -> None:
    client = cast.client(cast.maria)
    for _ in range(50):
        _viewed(cast, cast.anna)
    assert "?efter=" not in _rows(client)
    AuditEvent.objects.create(
        event="person.viewed",
        actor=cast.anna,
        unit=cast.barn_och_unga,
        occurred_at=timezone.now() - dt.timedelta(days=1),
    )
    html = _rows(client)
    assert "?efter=" in html
    cursor = html.split("?efter=")[1].split('"')[0]
    older = client.get(URL, {"efter": cursor})
    assert older.status_code == 200
    assert older.content.decode().count("<tr") == 2  # the header and the one older event


def test_a_broken_page_cursor_shows_the_first_page(cast: Cast) -> None:
    _viewed(cast, cast.anna)
    response = cast.client(cast.maria).get(URL, {"efter": "not-a-cursor"})
    assert response.status_code == 200
    assert "Elsa Lind" in response.content.decode()


def test_the_page_lists_a_fixed_number_of_queries_whatever_the_number_of_rows(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    for _ in range(60):
        _viewed(cast, cast.anna, had_relation=False)
    client = cast.client(cast.maria)
    client.get(URL)
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get(URL).status_code == 200


def test_removing_the_person_keeps_the_rest_of_the_filter(cast: Cast) -> None:
    _viewed(cast, cast.anna, had_relation=False)
    record(cast.actor(cast.bo), "person.viewed", person=cast.karin, legal_ground=LegalGround.NONE, had_relation=False)
    _viewed(cast, cast.anna)
    client = cast.client(cast.maria)
    client.post(URL, {"identity_number": "201101062394", "without_relation_only": "on"})
    client.post(reverse("audit:review_clear"), {"part": "person"})
    html = _rows(client)
    assert "Karin Lind" in html
    assert html.count('class="flagged"') == 2
    assert "Aktiv relation" not in html


def test_an_invalid_sample_request_is_shown_on_the_review_page(cast: Cast) -> None:
    data = {"sample-date_from": "2026-02-01", "sample-date_to": "2026-01-01", "sample-size": "0"}
    response = cast.client(cast.maria).post(reverse("audit:review_sample"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Slutdatumet kan inte ligga före startdatumet." in html
    assert "error-summary" in html

"""Random samples and documented log reviews (loggkontroll, HSLF-FS 2016:40 4 kap. 9 §)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.access import ReviewFilter, draw_sample, reservoir_sample
from knutpunkt.audit.actions import record
from knutpunkt.audit.models import AuditEvent, LegalGround, LogReview
from knutpunkt.testing.cast import Cast

CREATE = reverse("audit:review_create")
SAMPLE = reverse("audit:review_sample")


def _events(cast: Cast, count: int, *, had_relation: bool = True) -> list[AuditEvent]:
    return [
        record(
            cast.actor(cast.anna),
            "person.viewed",
            person=cast.elsa,
            had_relation=had_relation,
            legal_ground=LegalGround.OWN_RECORDS if had_relation else LegalGround.NONE,
        )
        for _ in range(count)
    ]


def _today() -> str:
    return timezone.localdate().isoformat()


def _review_data(**overrides: str) -> dict[str, str]:
    data = {
        "period_start": _today(),
        "period_end": _today(),
        "sample_description": "Alla markerade åtkomster.",
        "findings": "Inga avvikelser.",
        "outcome": LogReview.Outcome.NO_REMARKS,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("url", [CREATE, SAMPLE])
@pytest.mark.parametrize("who", ["olle", "anna", "cecilia", "adam"])
def test_reviews_and_samples_refuse_everyone_but_a_unit_manager(cast: Cast, who: str, url: str) -> None:
    client = cast.client(getattr(cast, who))
    data = _review_data() | {"sample-date_from": _today(), "sample-date_to": _today(), "sample-size": "5"}
    assert client.post(url, data).status_code == 404
    assert LogReview.objects.count() == 0


def test_same_seed_draws_the_same_sample_and_another_seed_usually_not() -> None:
    ids = range(1, 10_001)
    first, population, last_id = reservoir_sample(ids, 20, seed=42)
    again = reservoir_sample(ids, 20, seed=42)[0]
    other = reservoir_sample(ids, 20, seed=43)[0]
    assert (population, last_id) == (10_000, 10_000)
    assert first == again
    assert len(first) == 20
    assert len(set(first)) == 20
    assert first != other


def test_a_sample_is_drawn_from_the_filtered_events_of_the_unit_only(cast: Cast) -> None:
    flagged = _events(cast, 5, had_relation=False)
    _events(cast, 5)
    record(cast.actor(cast.cecilia), "person.viewed", person=cast.elsa, had_relation=False)
    today = timezone.localdate()
    review_filter = ReviewFilter(date_from=today, date_to=today, without_relation_only=True)
    sample = draw_sample(cast.barn_och_unga, review_filter, size=3, seed=7)
    assert sample.population == 5
    assert set(sample.event_ids) <= {event.pk for event in flagged}
    assert draw_sample(cast.barn_och_unga, review_filter, size=3, seed=7).event_ids == sample.event_ids


def test_a_drawn_sample_is_stored_with_the_review_with_its_seed(cast: Cast) -> None:
    events = _events(cast, 30)
    client = cast.client(cast.maria)
    response = client.post(SAMPLE, {"sample-date_from": _today(), "sample-date_to": _today(), "sample-size": "20"})
    assert response.status_code == 302
    assert response["Location"] == CREATE
    page = client.get(CREATE).content.decode()
    assert "20 händelser av 30" in page
    description = page.split('name="sample_description"')[1].split(">", 1)[1].split("</textarea>")[0]
    assert "Slumpfrö" in description

    response = client.post(CREATE, _review_data(sample_description=description.strip()))
    assert response.status_code == 302
    review = LogReview.objects.get()
    assert review.unit == cast.barn_och_unga
    assert review.reviewer == cast.maria
    sampled = set(review.events.values_list("pk", flat=True))
    assert len(sampled) == 20
    assert sampled <= {event.pk for event in events}
    logged = AuditEvent.objects.get(event="audit.reviewed")
    assert logged.actor == cast.maria
    assert logged.unit == cast.barn_och_unga
    assert set(logged.detail["events"]) == sampled
    seed, up_to_id = logged.detail["seed"], logged.detail["up_to_id"]
    assert f"Slumpfrö: {seed}, bland händelser till och med löpnummer {up_to_id}" in review.sample_description
    # The seed reproduces the sample over the same set, although events have been written since (the review's).
    today = timezone.localdate()
    again = draw_sample(cast.barn_och_unga, ReviewFilter(date_from=today, date_to=today), 20, seed, up_to_id=up_to_id)
    assert set(again.event_ids) == sampled
    assert response["Location"] == reverse("audit:review_detail", args=[review.uuid])


def test_a_review_without_a_sample_can_be_documented(cast: Cast) -> None:
    response = cast.client(cast.maria).post(CREATE, _review_data())
    assert response.status_code == 302
    review = LogReview.objects.get()
    assert review.events.count() == 0
    assert review.findings == "Inga avvikelser."


def test_findings_are_required(cast: Cast) -> None:
    response = cast.client(cast.maria).post(CREATE, _review_data(findings=""))
    assert response.status_code == 200
    assert LogReview.objects.count() == 0
    assert "error-summary" in response.content.decode()


def test_review_period_must_not_end_before_it_starts(cast: Cast) -> None:
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = cast.client(cast.maria).post(CREATE, _review_data(period_end=yesterday))
    assert response.status_code == 200
    assert "Slutdatumet kan inte ligga före startdatumet." in response.content.decode()
    assert LogReview.objects.count() == 0


def test_review_period_must_cover_the_sample(cast: Cast) -> None:
    _events(cast, 3)
    client = cast.client(cast.maria)
    client.post(SAMPLE, {"sample-date_from": _today(), "sample-date_to": _today(), "sample-size": "2"})
    later = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(CREATE, _review_data(period_start=later, period_end=later))
    assert response.status_code == 200
    assert "Urvalet är draget ur perioden" in response.content.decode()


def test_sampling_an_empty_period_draws_nothing(cast: Cast) -> None:
    client = cast.client(cast.maria)
    data = {"sample-date_from": "2020-01-01", "sample-date_to": "2020-01-31", "sample-size": "5"}
    response = client.post(SAMPLE, data, follow=True)
    assert "Inga händelser matchar filtret" in response.content.decode()
    assert "audit.review_sample" not in client.session


def test_reviews_are_listed_and_shown_to_the_units_manager_only(cast: Cast) -> None:
    event = _events(cast, 1, had_relation=False)[0]
    client = cast.client(cast.maria)
    client.post(SAMPLE, {"sample-date_from": _today(), "sample-date_to": _today(), "sample-size": "5"})
    client.post(CREATE, _review_data(findings="Anna öppnade Elsa utan relation.", outcome=LogReview.Outcome.FOLLOW_UP))
    review = LogReview.objects.get()
    listing = client.get(reverse("audit:review")).content.decode()
    assert "Genomförda loggkontroller" in listing
    assert reverse("audit:review_detail", args=[review.uuid]) in listing
    detail = client.get(reverse("audit:review_detail", args=[review.uuid]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Anna öppnade Elsa utan relation." in html
    assert "Kräver uppföljning" in html
    assert 'class="flagged"' in html
    assert event.person_label in html
    for who in (cast.anna, cast.olle, cast.cecilia):
        assert cast.client(who).get(reverse("audit:review_detail", args=[review.uuid])).status_code == 404

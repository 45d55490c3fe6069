"""Withdrawing consent: any organisation the consent covers may register it, it takes effect at once, and it can
be neither undone nor recorded twice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knutpunkt.audit.models import AuditEvent
from knutpunkt.people import actions
from knutpunkt.people.models import Consent
from knutpunkt.testing.cast import Cast


def _withdraw_url(cast: Cast) -> str:
    return reverse(
        "people:consent_withdraw", kwargs={"person_uuid": cast.elsa.uuid, "consent_uuid": cast.elsa_consent.uuid}
    )


def _elsa(cast: Cast) -> str:
    return reverse("people:detail", kwargs={"person_uuid": cast.elsa.uuid})


@pytest.mark.django_db
def test_region_registers_withdrawal_and_loses_sight_of_elsa_at_once(cast: Cast) -> None:
    client = cast.client(cast.cecilia)
    assert client.get(_withdraw_url(cast)).status_code == 200
    response = client.post(_withdraw_url(cast), {"reason": "Elsa ringde BUP och återkallade muntligt"})
    assert response["Location"] == reverse("people:search")
    cast.elsa_consent.refresh_from_db()
    assert cast.elsa_consent.withdrawn_at is not None
    assert cast.elsa_consent.withdrawn_by == cast.cecilia
    assert not cast.elsa_consent.is_active()
    assert client.get(_elsa(cast)).status_code == 404
    event = AuditEvent.objects.get(event="consent.withdrawn")
    assert (event.person, event.unit, event.legal_ground) == (cast.elsa, cast.bup_unit, "consent")


@pytest.mark.django_db
def test_recording_organisation_keeps_the_person_and_sees_the_withdrawal(cast: Cast) -> None:
    client = cast.client(cast.anna)
    response = client.post(_withdraw_url(cast), {"reason": "Vårdnadshavarna återkallade skriftligt"})
    detail = reverse(
        "people:consent_detail", kwargs={"person_uuid": cast.elsa.uuid, "consent_uuid": cast.elsa_consent.uuid}
    )
    assert response["Location"] == detail
    content = client.get(detail).content.decode()
    assert "Återkallat" in content and "Vårdnadshavarna återkallade skriftligt" in content
    assert "Registrera återkallande" not in content
    assert cast.client(cast.cecilia).get(_elsa(cast)).status_code == 404


@pytest.mark.django_db
def test_withdrawal_needs_a_reason(cast: Cast) -> None:
    response = cast.client(cast.anna).post(_withdraw_url(cast), {"reason": ""})
    assert "Detta fält måste fyllas i." in response.content.decode()
    cast.elsa_consent.refresh_from_db()
    assert cast.elsa_consent.withdrawn_at is None


@pytest.mark.django_db
def test_withdrawal_cannot_be_recorded_twice_or_undone(cast: Cast) -> None:
    client = cast.client(cast.anna)
    client.post(_withdraw_url(cast), {"reason": "Första"})
    cast.elsa_consent.refresh_from_db()
    first = (cast.elsa_consent.withdrawn_at, cast.elsa_consent.withdrawn_by, cast.elsa_consent.withdrawal_reason)

    response = client.post(_withdraw_url(cast), {"reason": "Andra"})
    assert response.status_code == 302
    with pytest.raises(actions.ConsentAlreadyWithdrawn):
        actions.withdraw_consent(cast.actor(cast.anna), cast.elsa_consent, "Tredje")
    cast.elsa_consent.refresh_from_db()
    assert (
        cast.elsa_consent.withdrawn_at,
        cast.elsa_consent.withdrawn_by,
        cast.elsa_consent.withdrawal_reason,
    ) == first
    assert AuditEvent.objects.filter(event="consent.withdrawn").count() == 1
    assert Consent.objects.filter(pk=cast.elsa_consent.pk).exists()


@pytest.mark.django_db
def test_stale_copy_cannot_withdraw_again(cast: Cast) -> None:
    stale = Consent.objects.get(pk=cast.elsa_consent.pk)
    actions.withdraw_consent(cast.actor(cast.anna), cast.elsa_consent, "Första")
    with pytest.raises(actions.ConsentAlreadyWithdrawn):
        actions.withdraw_consent(cast.actor(cast.anna), stale, "Andra")
    assert Consent.objects.get(pk=stale.pk).withdrawal_reason == "Första"


@pytest.mark.django_db
def test_withdraw_needs_post_to_change_anything(cast: Cast) -> None:
    cast.client(cast.anna).get(_withdraw_url(cast))
    cast.elsa_consent.refresh_from_db()
    assert cast.elsa_consent.withdrawn_at is None

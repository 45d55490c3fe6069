"""A user with several memberships chooses which unit they act for; access follows that unit's organisation."""

from __future__ import annotations

from django.urls import reverse

from knutpunkt.audit.models import AuditEvent
from knutpunkt.organisations.models import Membership, Role
from knutpunkt.testing.cast import Cast


def test_switching_to_another_organisation_changes_what_the_user_sees(cast: Cast) -> None:
    second = Membership.objects.create(user=cast.olle, unit=cast.barn_och_unga, role=Role.STAFF)
    client = cast.client(cast.olle)
    elsa_page = reverse("people:detail", args=[cast.elsa.uuid])
    assert client.get(elsa_page).status_code == 404

    client.post(reverse("accounts:switch_unit"), {"membership": str(second.uuid)})
    assert client.get(elsa_page).status_code == 200
    assert AuditEvent.objects.filter(event="auth.unit_switched", actor=cast.olle, unit=cast.barn_och_unga).exists()


def test_a_user_cannot_switch_to_a_membership_that_is_not_theirs(cast: Cast) -> None:
    annas = cast.membership(cast.anna)
    client = cast.client(cast.olle)
    client.post(reverse("accounts:switch_unit"), {"membership": str(annas.uuid)})
    assert client.get(reverse("people:detail", args=[cast.elsa.uuid])).status_code == 404


def test_an_ended_membership_gives_no_access(cast: Cast) -> None:
    from django.utils import timezone

    membership = cast.membership(cast.bo)
    client = cast.client(cast.bo)
    assert client.get(reverse("people:detail", args=[cast.elsa.uuid])).status_code == 200
    membership.ended_at = timezone.now()
    membership.save()
    assert client.get(reverse("people:detail", args=[cast.elsa.uuid])).status_code == 404

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from knutpunkt.accounts.models import User
from knutpunkt.accounts.second_factor import new_backup_codes
from knutpunkt.organisations import actions
from knutpunkt.organisations.models import Membership
from knutpunkt.organisations.tests.helpers import events
from knutpunkt.testing.cast import Cast

FORM = {"reason": "Borttappad telefon", "identity_checked": "on"}


def url(user: User) -> str:
    return reverse("organisations:second_factor_reset", kwargs={"user_uuid": user.uuid})


def enrol(user: User) -> None:
    TOTPDevice.objects.create(user=user, name="Knutpunkt", confirmed=True)
    new_backup_codes(user)


def test_reset_removes_the_app_and_backup_codes_and_is_logged(cast: Cast) -> None:
    enrol(cast.anna)

    response = cast.client(cast.adam).post(url(cast.anna), FORM)

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.anna).exists()
    assert not StaticDevice.objects.filter(user=cast.anna).exists()
    [event] = events("auth.second_factor_reset")
    assert (event.actor, event.object_uuid, event.detail["reason"]) == (cast.adam, cast.anna.uuid, "Borttappad telefon")


def test_reset_requires_a_reason_and_an_identity_check(cast: Cast) -> None:
    enrol(cast.anna)

    response = cast.client(cast.adam).post(url(cast.anna), {"reason": ""})

    assert set(response.context["form"].errors) == {"reason", "identity_checked"}
    assert TOTPDevice.objects.filter(user=cast.anna).exists()


def test_user_of_another_organisation_is_not_found(cast: Cast) -> None:
    enrol(cast.cecilia)

    assert cast.client(cast.adam).post(url(cast.cecilia), FORM).status_code == 404
    assert TOTPDevice.objects.filter(user=cast.cecilia).exists()


def test_former_staff_member_cannot_be_reset(cast: Cast) -> None:
    enrol(cast.bo)
    Membership.objects.filter(user=cast.bo).update(ended_at="2026-01-01T00:00:00Z")

    assert cast.client(cast.adam).post(url(cast.bo), FORM).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.reset_user_second_factor(cast.actor(cast.adam), cast.bo, reason="x")
    assert TOTPDevice.objects.filter(user=cast.bo).exists()


def test_administrator_cannot_reset_their_own_second_factor(cast: Cast) -> None:
    enrol(cast.adam)

    assert cast.client(cast.adam).post(url(cast.adam), FORM).status_code == 404
    assert TOTPDevice.objects.filter(user=cast.adam).exists()


def test_outsider_is_refused(cast: Cast) -> None:
    enrol(cast.anna)

    assert cast.client(cast.olle).get(url(cast.anna)).status_code == 404
    assert cast.client(cast.olle).post(url(cast.anna), FORM).status_code == 404
    assert TOTPDevice.objects.filter(user=cast.anna).exists()
    assert events("auth.second_factor_reset") == []

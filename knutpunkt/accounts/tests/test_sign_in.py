"""Sign-in: password, then a second factor for every account; lock-out; demo accounts only in demo mode."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings as SettingsWrapper

from knutpunkt.audit.models import AuditEvent
from knutpunkt.testing.cast import PASSWORD, Cast

LOGIN = "/konto/logga-in/"


def _sign_in(client: Client, username: str, password: str = PASSWORD) -> None:
    client.post(LOGIN, {"username": username, "password": password})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def test_password_alone_does_not_reach_any_page(cast: Cast) -> None:
    client = Client()
    _sign_in(client, "anna")
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:setup_second_factor")
    assert client.get(reverse("people:search")).status_code == 302


def test_an_account_with_a_device_must_give_the_code(cast: Cast, settings: SettingsWrapper) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp delays the next try after a wrong code; not under test here
    device = TOTPDevice.objects.create(user=cast.anna, name="app", confirmed=True)
    client = Client()
    _sign_in(client, "anna")
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:verify")

    wrong = client.post(reverse("accounts:verify"), {"code": "000000" if _code(device) != "000000" else "111111"})
    assert "Koden stämmer inte" in wrong.content.decode()
    assert client.get(reverse("core:home")).status_code == 302

    client.post(reverse("accounts:verify"), {"code": _code(device)})
    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    assert "Välkommen, Anna" in home.content.decode()


def test_enrolment_confirms_the_device_and_shows_backup_codes_once(cast: Cast) -> None:
    client = Client()
    _sign_in(client, "bo")
    page = client.get(reverse("accounts:setup_second_factor"))
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=cast.bo, confirmed=False)

    done = client.post(reverse("accounts:setup_second_factor"), {"code": _code(device)})
    codes = done.context["codes"]
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(event="auth.second_factor_enrolled", actor=cast.bo).count() == 1

    # A backup code works once in a later sign-in, then never again.
    client.post(reverse("accounts:logout"))
    _sign_in(client, "bo")
    client.post(reverse("accounts:verify"), {"code": codes[0]})
    assert client.get(reverse("core:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    _sign_in(client, "bo")
    reused = client.post(reverse("accounts:verify"), {"code": codes[0]})
    assert "Koden stämmer inte" in reused.content.decode()


def test_demo_accounts_skip_the_second_factor_only_in_demo_mode(cast: Cast, settings: SettingsWrapper) -> None:
    cast.anna.is_demo_account = True
    cast.anna.save()
    client = Client()
    _sign_in(client, "anna")

    settings.DEMO_MODE = False
    assert client.get(reverse("core:home")).status_code == 302

    settings.DEMO_MODE = True
    page = client.get(reverse("core:home"))
    assert page.status_code == 200
    assert "Demoläge" in page.content.decode()


def test_a_wrong_password_is_refused_in_swedish_and_logged(cast: Cast) -> None:
    response = Client().post(LOGIN, {"username": "anna", "password": "fel lösenord"})
    assert response.status_code == 200
    assert "korrekt användarnamn och lösenord" in response.content.decode()
    assert AuditEvent.objects.filter(event="auth.login_failed").count() == 1


def test_repeated_failures_lock_the_account_even_for_the_right_password(cast: Cast, settings: SettingsWrapper) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "anna", "password": "fel lösenord"})
    locked = client.post(LOGIN, {"username": "anna", "password": PASSWORD})
    assert locked.status_code == 429
    assert "tillfälligt låst" in locked.content.decode()
    assert client.get(reverse("core:home")).status_code == 302


def test_sessions_expire_after_idle_minutes_and_renew_on_each_request(settings: SettingsWrapper) -> None:
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_sign_in_and_out_are_logged_with_the_unit(cast: Cast) -> None:
    client = Client()
    _sign_in(client, "maria")
    event = AuditEvent.objects.get(event="auth.login", actor=cast.maria)
    assert event.unit == cast.barn_och_unga
    client.post(reverse("accounts:logout"))
    assert AuditEvent.objects.filter(event="auth.logout", actor=cast.maria).exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_sign_in_never_redirects_to_another_site(cast: Cast, target: str) -> None:
    response = Client().post(LOGIN, {"username": "anna", "password": PASSWORD, "next": target})
    assert response["Location"] == "/"


def test_wrong_codes_slow_down_further_attempts(cast: Cast) -> None:
    device = TOTPDevice.objects.create(user=cast.anna, name="app", confirmed=True)
    client = Client()
    _sign_in(client, "anna")
    right = _code(device)
    client.post(reverse("accounts:verify"), {"code": "000000" if right != "000000" else "111111"})
    # Straight after a wrong code even the right one is refused: guessing six digits cannot be done quickly.
    response = client.post(reverse("accounts:verify"), {"code": right})
    assert "Koden stämmer inte" in response.content.decode()


def test_an_administrator_chosen_password_must_be_changed_after_the_second_factor(cast: Cast) -> None:
    cast.bo.must_change_password = True
    cast.bo.save()
    client = cast.client(cast.bo)
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:password_change")
    refused = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert refused.status_code == 200
    assert refused.context["form"].errors
    client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "ett eget långt lösenord 42",
            "new_password2": "ett eget långt lösenord 42",
        },
    )
    assert client.get(reverse("core:home")).status_code == 200
    cast.bo.refresh_from_db()
    assert cast.bo.must_change_password is False
    assert AuditEvent.objects.filter(event="auth.password_changed", actor=cast.bo).exists()


def test_the_password_page_needs_the_second_factor_first(cast: Cast) -> None:
    client = Client()
    _sign_in(client, "bo")
    assert client.get(reverse("accounts:password_change"))["Location"] == reverse("accounts:setup_second_factor")

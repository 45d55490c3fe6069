"""The second factor: TOTP devices (django-otp) with one-time backup codes, or an eID sign-in via OpenID Connect."""

from __future__ import annotations

import base64
import secrets

import segno
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from knutpunkt.accounts.models import User

SESSION_STRONG_AUTH = "knutpunkt_strong_auth"
BACKUP_CODE_COUNT = 10


def is_strongly_authenticated(request: HttpRequest) -> bool:
    user = request.user
    verified = getattr(user, "is_verified", None)
    return bool((verified and verified()) or request.session.get(SESSION_STRONG_AUTH))


def has_confirmed_device(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up, created on first call so a page reload shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Knutpunkt", confirmed=False)
    return device


def qr_code_data_uri(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, dark="#111111"))


def secret_for_manual_entry(device: TOTPDevice) -> str:
    encoded = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


def verify_code(request: HttpRequest, user: User, code: str, device: TOTPDevice | None = None) -> bool:
    """Check a TOTP code (or an unused backup code) and mark the session as verified when it matches."""
    code = code.replace(" ", "")
    candidates: list[TOTPDevice | StaticDevice] = (
        [device]
        if device is not None
        else [
            *TOTPDevice.objects.filter(user=user, confirmed=True),
            *StaticDevice.objects.filter(user=user, confirmed=True),
        ]
    )
    for candidate in candidates:
        if candidate.verify_token(code):
            if isinstance(candidate, TOTPDevice) and not candidate.confirmed:
                candidate.confirmed = True
                candidate.save(update_fields=["confirmed"])
            otp_login(request, candidate)
            return True
    return False


def new_backup_codes(user: User) -> list[str]:
    """Replace the user's backup codes with fresh ones, shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Reservkoder", confirmed=True)
    codes = [secrets.token_hex(4) for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def reset_second_factor(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()

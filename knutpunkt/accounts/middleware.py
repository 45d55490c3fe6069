from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from knutpunkt.accounts.second_factor import has_confirmed_device, is_strongly_authenticated

# Paths a user who has given only a password may reach: the second-factor steps, sign-out, and no data.
_OPEN_PREFIXES = (
    "/konto/logga-in/",
    "/konto/verifiera/",
    "/konto/tvafaktor/",
    "/konto/logga-ut/",
    "/static/",
    "/healthz",
    "/oidc/",
    "/sprak/",
    "/api/v1/",
)
_PASSWORD_CHANGE_PATH = "/konto/losenord/"  # noqa: S105 - a URL path, not a password


class SecondFactorMiddleware:
    """Every signed-in account must have passed a second factor (TOTP, or a strong eID sign-in through OpenID
    Connect) before it reaches any page. Only demo accounts, and only in demo mode, are let through without.
    After that, an account whose password was chosen by an administrator must first choose its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or request.path.startswith(_OPEN_PREFIXES):
            return self.get_response(request)
        demo_pass = settings.DEMO_MODE and user.is_demo_account
        if not is_strongly_authenticated(request) and not demo_pass:
            target = "accounts:verify" if has_confirmed_device(user) else "accounts:setup_second_factor"
            return redirect(target)
        if user.must_change_password and not request.path.startswith(_PASSWORD_CHANGE_PATH):
            return redirect("accounts:password_change")
        return self.get_response(request)

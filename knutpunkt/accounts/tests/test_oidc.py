"""OpenID Connect sign-in links to existing accounts only, and counts as a strong authentication."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from knutpunkt.accounts.oidc import KnutpunktOIDCBackend
from knutpunkt.accounts.second_factor import SESSION_STRONG_AUTH
from knutpunkt.testing.cast import Cast


def test_accounts_are_matched_by_subject_then_verified_email(cast: Cast) -> None:
    cast.anna.oidc_subject = "siths-anna-1"
    cast.anna.save()
    backend = KnutpunktOIDCBackend.__new__(KnutpunktOIDCBackend)
    assert list(backend.filter_users_by_claims({"sub": "siths-anna-1"})) == [cast.anna]
    assert list(backend.filter_users_by_claims({"sub": "x", "email": "bo@example.org", "email_verified": True})) == [
        cast.bo
    ]
    assert list(backend.filter_users_by_claims({"sub": "x", "email": "bo@example.org"})) == []
    assert list(backend.filter_users_by_claims({"sub": "unknown"})) == []


def test_an_unknown_identity_gets_no_account() -> None:
    backend = KnutpunktOIDCBackend.__new__(KnutpunktOIDCBackend)
    assert backend.create_user({"sub": "new", "email": "new@example.org"}) is None


def test_a_provider_sign_in_marks_the_session_as_strongly_authenticated(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(OIDCAuthenticationBackend, "authenticate", lambda self, request, **kwargs: cast.anna)
    request = RequestFactory().get("/oidc/callback/")
    request.session = SessionStore()
    backend = KnutpunktOIDCBackend.__new__(KnutpunktOIDCBackend)
    assert backend.authenticate(request) == cast.anna
    assert request.session[SESSION_STRONG_AUTH] is True

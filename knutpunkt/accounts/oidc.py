"""OpenID Connect sign-in, for an eID (BankID, Freja) or SITHS identity provider configured in the environment.

Accounts are never created by the provider: an administrator links an existing account by its subject claim (or
the provider's verified e-mail matches the account's). A sign-in through such a provider is a strong
authentication in itself, so the session counts as having passed the second factor.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from knutpunkt.accounts.models import User
from knutpunkt.accounts.second_factor import SESSION_STRONG_AUTH


class KnutpunktOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        subject = claims.get("sub", "")
        by_subject = User.objects.filter(oidc_subject=subject, is_active=True) if subject else User.objects.none()
        if by_subject.exists():
            return by_subject
        email = claims.get("email", "")
        if email and claims.get("email_verified", False):
            return User.objects.filter(email__iexact=email, is_active=True)
        return User.objects.none()

    def create_user(self, claims: dict[str, Any]) -> User | None:
        """Never: an unknown identity gets no account, whatever OIDC_CREATE_USER says."""
        return None

    def authenticate(self, request: Any, **kwargs: Any) -> User | None:
        user: User | None = super().authenticate(request, **kwargs)
        if user is not None and request is not None:
            request.session[SESSION_STRONG_AUTH] = True
        return user

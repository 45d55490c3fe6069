"""Test-wide fixtures. The cast lives in knutpunkt/testing/cast.py."""

from __future__ import annotations

import pytest

from knutpunkt.testing.cast import Cast, make_cast


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def cast(db: None) -> Cast:
    return make_cast()

"""Test-wide fixtures. The cast lives in knutpunkt/testing/cast.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from pytest_django.fixtures import Settings

from knutpunkt.testing.cast import Cast, make_cast


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _swedish_by_default() -> Iterator[None]:
    """Each test starts in Swedish: a request in English leaves its language active in the thread afterwards."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def cast(db: None) -> Cast:
    return make_cast()

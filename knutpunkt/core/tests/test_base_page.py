"""What every page's head carries."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client


@pytest.mark.django_db
def test_every_page_names_its_icon_so_browsers_do_not_ask_for_a_missing_favicon(client: Client) -> None:
    content = client.get("/konto/logga-in/").content.decode()

    assert '<link rel="icon" href="/static/knutpunkt/favicon.svg" type="image/svg+xml">' in content
    assert finders.find("knutpunkt/favicon.svg") is not None

"""A web server process freezes what it loaded at start-up out of the garbage collector's full collections."""

from __future__ import annotations

import gc
import importlib
import sys

from django.core.handlers.wsgi import WSGIHandler


def test_the_wsgi_application_freezes_what_start_up_loaded() -> None:
    sys.modules.pop("knutpunkt.wsgi", None)
    try:
        wsgi = importlib.import_module("knutpunkt.wsgi")

        assert isinstance(wsgi.application, WSGIHandler)
        # Django, the apps, the URL configuration and the catalogues: tens of thousands of objects.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()

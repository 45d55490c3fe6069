"""What a web server process does once Knutpunkt is loaded, before it answers its first request.

Python's cyclic garbage collector now and then examines every object that has lived long enough. Most of those are
the ones loaded at start-up (Django, the apps, the URL configuration, the translation catalogue), which live as long
as the process: examining them again and again made every full collection cost about 100 ms, which some request
paid for (at a million persons, 1 request in 20). Frozen, they are left out of every collection, and a full
collection costs what the requests' own objects cost. See the Python documentation of `gc.freeze`.
"""

from __future__ import annotations

import gc

from django.conf import settings
from django.urls import get_resolver
from django.utils import translation


def settle_after_startup() -> None:
    """Load what every request needs, then move everything alive now out of the garbage collector's view."""
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext(settings.LANGUAGE_CODE)  # any message loads the language's catalogue
    gc.collect()
    gc.freeze()

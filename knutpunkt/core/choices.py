"""Labels of model choices."""

from __future__ import annotations

from django.db import models


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """A choice's label as get_FOO_display() gives it, without translating every choice to find the one (a listing
    of fifty rows paid for hundreds of translations); a value that is not a choice as it is."""
    return str(choices(value).label) if value in choices.values else value

"""What the prevention views share: the actor, posted data, and the answer to a save refused because someone else
saved first (the user's input stays in the form, next to what is saved now)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy

from knutpunkt.core.forms import LockedForm, conflict_form
from knutpunkt.organisations.access import Actor

GET_POST = ["GET", "POST"]

CONFLICT_MESSAGE = gettext_lazy(
    "Någon annan har sparat ändringar medan du arbetade. Det du skrev är inte sparat, men finns kvar i formuläret. "
    "Jämför med det som är sparat nu och spara igen om ditt förslag ska gälla."
)

F = TypeVar("F", bound=LockedForm)


def actor_of(request: HttpRequest) -> Actor | None:
    actor: Actor | None = getattr(request, "actor", None)
    return actor


def posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def after_conflict(request: HttpRequest, form_class: type[F], saved_lock: int, **kwargs: Any) -> F:
    """The user's input again, now based on the version saved (`saved_lock`), with the conflict message."""
    return conflict_form(form_class, request.POST, saved_lock, str(CONFLICT_MESSAGE), **kwargs)

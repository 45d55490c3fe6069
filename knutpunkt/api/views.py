"""Pages where a user manages their own API keys."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knutpunkt.api import access, actions
from knutpunkt.api.forms import ApiKeyForm
from knutpunkt.organisations.access import Actor


def _actor(request: HttpRequest) -> Actor:
    actor = getattr(request, "actor", None)
    assert isinstance(actor, Actor)
    return actor


def keys(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = ApiKeyForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        key, secret = actions.create_api_key(actor, **form.cleaned_data)
        return render(request, "api/key_created.html", {"key": key, "secret": secret})
    return render(request, "api/keys.html", {"form": form, "keys": access.own_keys(actor)})


@require_POST
def revoke(request: HttpRequest, key_uuid: str) -> HttpResponse:
    actor = _actor(request)
    actions.revoke_api_key(actor, access.get_own_key(actor, key_uuid))
    messages.success(request, _("Nyckeln är spärrad."))
    return redirect("api_keys:list")

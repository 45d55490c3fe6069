"""Local administration: a local administrator manages the units and staff of their own organisation only.

Every lookup goes through `knutpunkt.organisations.access` (404 for not-found and not-allowed alike), and every
change through `knutpunkt.organisations.actions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from knutpunkt.accounts.models import User
from knutpunkt.accounts.second_factor import has_confirmed_device
from knutpunkt.organisations import actions
from knutpunkt.organisations.access import (
    Actor,
    administered_memberships,
    administered_organisation,
    administered_units,
    administered_users,
    get_administered_membership,
    get_administered_unit,
    get_administered_user,
    may_manage_access_of,
    may_reset_second_factor,
)
from knutpunkt.organisations.forms import (
    EndMembershipForm,
    MembershipForm,
    NewUserForm,
    PasswordChoice,
    ResetSecondFactorForm,
    UnitForm,
)
from knutpunkt.organisations.models import Membership


def _actor(request: HttpRequest) -> Actor:
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None:
        raise Http404
    return actor


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data on POST (even when empty, so that the form is bound and validated), else None."""
    return request.POST if request.method == "POST" else None


@dataclass
class StaffRow:
    user: User
    memberships: list[Membership] = field(default_factory=list)


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    organisation = administered_organisation(actor)
    units = (
        administered_units(actor)
        .annotate(
            active_members=Count("memberships__user", filter=Q(memberships__ended_at__isnull=True), distinct=True)
        )
        .order_by("-active", "name")
    )
    active = (
        administered_memberships(actor)
        .filter(ended_at__isnull=True)
        .order_by("user__last_name", "user__first_name", "user__username", "unit__name", "role")
    )
    rows: dict[int, StaffRow] = {}
    for membership in active:
        rows.setdefault(membership.user_id, StaffRow(user=membership.user)).memberships.append(membership)
    former = administered_users(actor).exclude(pk__in=list(rows)).order_by("last_name", "first_name", "username")
    return render(
        request,
        "organisations/overview.html",
        {"organisation": organisation, "units": units, "staff": list(rows.values()), "former": former},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    organisation = administered_organisation(actor)
    form = UnitForm(_posted(request), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        unit = actions.create_unit(
            actor, name=form.cleaned_data["name"], email=form.cleaned_data["email"], phone=form.cleaned_data["phone"]
        )
        messages.success(request, _("Enheten %(name)s är skapad.") % {"name": unit.name})
        return redirect("organisations:admin")
    return render(request, "organisations/unit_form.html", {"form": form, "organisation": organisation, "unit": None})


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, unit_uuid: UUID) -> HttpResponse:
    actor = _actor(request)
    unit = get_administered_unit(actor, unit_uuid)
    form = UnitForm(_posted(request), organisation=unit.organisation, unit=unit, acting_unit=actor.unit)
    if request.method == "POST" and form.is_valid():
        actions.change_unit(
            actor,
            unit,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
            active=form.cleaned_data["active"],
        )
        messages.success(request, _("Enheten %(name)s är sparad.") % {"name": unit.name})
        return redirect("organisations:admin")
    return render(
        request, "organisations/unit_form.html", {"form": form, "organisation": unit.organisation, "unit": unit}
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    organisation = administered_organisation(actor)
    form = NewUserForm(_posted(request), units=administered_units(actor).filter(active=True))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        generated = data["password_choice"] == PasswordChoice.GENERATE
        password = actions.generate_password() if generated else data["password1"]
        user, membership = actions.create_user(
            actor,
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            password=password,
            unit=data["unit"],
            role=data["role"],
            title=data["title"],
            basis=data["basis"],
        )
        # The generated password is shown in this response only: it is neither stored in clear text nor cached.
        return render(
            request,
            "organisations/user_created.html",
            {"new_user": user, "membership": membership, "password": password if generated else None},
        )
    return render(request, "organisations/user_form.html", {"form": form, "organisation": organisation})


@login_required
@require_GET
def user_detail(request: HttpRequest, user_uuid: UUID) -> HttpResponse:
    actor = _actor(request)
    user = get_administered_user(actor, user_uuid)
    memberships = administered_memberships(actor).filter(user=user).order_by("ended_at", "unit__name", "role")
    return render(
        request,
        "organisations/user_detail.html",
        {
            "staff_user": user,
            "organisation": administered_organisation(actor),
            "active_memberships": [m for m in memberships if m.ended_at is None],
            "ended_memberships": [m for m in memberships if m.ended_at is not None],
            "has_second_factor": has_confirmed_device(user),
            "may_manage": may_manage_access_of(actor, user),
            "may_reset": may_reset_second_factor(actor, user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, user_uuid: UUID) -> HttpResponse:
    actor = _actor(request)
    user = get_administered_user(actor, user_uuid)
    if not may_manage_access_of(actor, user):
        raise Http404
    form = MembershipForm(_posted(request), units=administered_units(actor).filter(active=True), user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = actions.add_membership(
            actor, user, unit=data["unit"], role=data["role"], title=data["title"], basis=data["basis"]
        )
        messages.success(
            request,
            _("%(user)s har fått rollen %(role)s i %(unit)s.")
            % {"user": user, "role": membership.get_role_display(), "unit": membership.unit.name},
        )
        return redirect("organisations:user", user_uuid=user.uuid)
    return render(
        request,
        "organisations/membership_form.html",
        {"form": form, "staff_user": user, "organisation": administered_organisation(actor)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, membership_uuid: UUID) -> HttpResponse:
    actor = _actor(request)
    membership = get_administered_membership(actor, membership_uuid)
    if membership.ended_at is not None or not may_manage_access_of(actor, membership.user):
        raise Http404
    form = EndMembershipForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        actions.end_membership(actor, membership, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("Rollen %(role)s i %(unit)s är avslutad för %(user)s.")
            % {"role": membership.get_role_display(), "unit": membership.unit.name, "user": membership.user},
        )
        return redirect("organisations:user", user_uuid=membership.user.uuid)
    return render(request, "organisations/membership_end.html", {"form": form, "membership": membership})


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_reset(request: HttpRequest, user_uuid: UUID) -> HttpResponse:
    actor = _actor(request)
    user = get_administered_user(actor, user_uuid)
    if not may_reset_second_factor(actor, user):
        raise Http404
    form = ResetSecondFactorForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        actions.reset_user_second_factor(actor, user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("Tvåfaktorsinloggningen för %(user)s är återställd. Vid nästa inloggning kopplar personen en ny app.")
            % {"user": user},
        )
        return redirect("organisations:user", user_uuid=user.uuid)
    return render(
        request,
        "organisations/second_factor_reset.html",
        {"form": form, "staff_user": user, "has_second_factor": has_confirmed_device(user)},
    )

"""Changes made by a local administrator. Each action runs in one transaction and writes its audit event in it.

The views only offer units of the administrator's own organisation; the actions check the same rule again, so a
forged form cannot grant a role in another organisation's unit.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from knutpunkt.accounts.models import User
from knutpunkt.accounts.second_factor import reset_second_factor
from knutpunkt.audit.actions import record
from knutpunkt.organisations.access import (
    Actor,
    administered_organisation,
    administered_users,
    may_manage_access_of,
    may_reset_second_factor,
)
from knutpunkt.organisations.models import Membership, Unit

# No 0/O, 1/l/I: the password is read from the screen and typed or passed on by hand.
_READABLE_CHARACTERS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_password() -> str:
    """Four groups of four characters, about 93 bits of randomness."""
    groups = ["".join(secrets.choice(_READABLE_CHARACTERS) for _ in range(4)) for _ in range(4)]
    return "-".join(groups)


def _check_own_unit(actor: Actor, unit: Unit) -> None:
    if unit.organisation_id != administered_organisation(actor).pk:
        raise PermissionDenied("The unit belongs to another organisation")


def create_unit(actor: Actor, *, name: str, email: str = "", phone: str = "") -> Unit:
    organisation = administered_organisation(actor)
    with transaction.atomic():
        unit = Unit.objects.create(organisation=organisation, name=name, email=email, phone=phone)
        record(actor, "organisation.unit_created", obj=unit, detail={"name": name})
    return unit


def change_unit(actor: Actor, unit: Unit, *, name: str, email: str, phone: str, active: bool) -> Unit:
    _check_own_unit(actor, unit)
    new_values: dict[str, Any] = {"name": name, "email": email, "phone": phone, "active": active}
    changes = {
        field: {"from": getattr(unit, field), "to": value}
        for field, value in new_values.items()
        if getattr(unit, field) != value
    }
    if not changes:
        return unit
    with transaction.atomic():
        for field, value in new_values.items():
            setattr(unit, field, value)
        unit.save(update_fields=list(new_values))
        record(actor, "organisation.unit_changed", obj=unit, detail={"changes": changes})
    return unit


def _membership(actor: Actor, user: User, *, unit: Unit, role: str, title: str, basis: str) -> Membership:
    membership = Membership.objects.create(user=user, unit=unit, role=role, title=title, basis=basis)
    record(
        actor,
        "organisation.membership_added",
        obj=membership,
        detail={"user": user.username, "unit": str(unit), "role": role, "title": title, "basis": basis},
    )
    return membership


def create_user(
    actor: Actor,
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    unit: Unit,
    role: str,
    title: str,
    basis: str,
) -> tuple[User, Membership]:
    """A staff account and its first membership. The password is checked against Django's validators here too."""
    _check_own_unit(actor, unit)
    if not basis.strip():
        raise ValueError("A membership needs its documented basis")
    with transaction.atomic():
        # The administrator knows the first password, so the user must choose their own at first sign-in.
        user = User(
            username=username, first_name=first_name, last_name=last_name, email=email, must_change_password=True
        )
        password_validation.validate_password(password, user=user)
        user.set_password(password)
        user.save()
        record(actor, "organisation.user_created", obj=user, detail={"username": username})
        membership = _membership(actor, user, unit=unit, role=role, title=title, basis=basis)
    return user, membership


def add_membership(actor: Actor, user: User, *, unit: Unit, role: str, title: str, basis: str) -> Membership:
    """A further role for someone who already works in the organisation (or used to)."""
    _check_own_unit(actor, unit)
    if not administered_users(actor).filter(pk=user.pk).exists() or not may_manage_access_of(actor, user):
        raise PermissionDenied("Not a user this administrator may manage")
    if not basis.strip():
        raise ValueError("A membership needs its documented basis")
    with transaction.atomic():
        return _membership(actor, user, unit=unit, role=role, title=title, basis=basis)


def end_membership(actor: Actor, membership: Membership, *, reason: str = "") -> Membership:
    """End, never delete: the audit log keeps pointing at the membership."""
    _check_own_unit(actor, membership.unit)
    if not may_manage_access_of(actor, membership.user):
        raise PermissionDenied("Administrators do not end their own memberships")
    if membership.ended_at is not None:
        return membership
    with transaction.atomic():
        membership.ended_at = timezone.now()
        membership.save(update_fields=["ended_at"])
        record(
            actor,
            "organisation.membership_ended",
            obj=membership,
            detail={
                "user": membership.user.username,
                "unit": str(membership.unit),
                "role": membership.role,
                "reason": reason,
            },
        )
    return membership


def reset_user_second_factor(actor: Actor, user: User, *, reason: str) -> None:
    """Remove the user's authenticator and backup codes; at the next sign-in they enrol a new device."""
    if not may_reset_second_factor(actor, user):
        raise PermissionDenied("Not a user this administrator may reset")
    with transaction.atomic():
        reset_second_factor(user)
        record(actor, "auth.second_factor_reset", obj=user, detail={"username": user.username, "reason": reason})

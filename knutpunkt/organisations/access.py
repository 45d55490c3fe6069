"""Who is acting, for which unit, and what an organisation administrator may manage.

Every request by a signed-in user carries an `Actor`: the user and the one membership they act under. A user with
memberships in several units chooses which one they work in; access to personal data is decided for that unit's
organisation, and the audit log records that unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from knutpunkt.accounts.models import User
from knutpunkt.organisations.models import Membership, Organisation, OrganisationKind, Role, Unit


@dataclass(frozen=True)
class Actor:
    user: User
    membership: Membership | None
    request_id: str = ""

    @property
    def unit(self) -> Unit | None:
        return self.membership.unit if self.membership else None

    @property
    def organisation(self) -> Organisation | None:
        return self.membership.unit.organisation if self.membership else None

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def sees_personal_data(self) -> bool:
        return self.membership is not None and self.membership.sees_personal_data

    @property
    def is_unit_manager(self) -> bool:
        return self.role == Role.UNIT_MANAGER

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def is_analyst(self) -> bool:
        return self.role == Role.ANALYST

    @property
    def label(self) -> str:
        return str(self.user)


def active_memberships(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, ended_at__isnull=True, unit__active=True, unit__organisation__active=True)
        .select_related("unit__organisation__parent")
        .order_by("unit__organisation__name", "unit__name", "role")
    )


def membership_for(user: User, membership_uuid: str | None) -> Membership | None:
    """The membership the user acts under: the one chosen in the session if still active, else their first."""
    return choose_membership(list(active_memberships(user)), membership_uuid)


def choose_membership(memberships: list[Membership], membership_uuid: str | None) -> Membership | None:
    """From the user's active memberships (in the order of `active_memberships`), the one chosen in the session if
    it is among them, else the first. Lets a request read the memberships once for both the actor and the page's
    unit switch."""
    if membership_uuid:
        chosen = next((m for m in memberships if str(m.uuid) == str(membership_uuid)), None)
        if chosen is not None:
            return chosen
    return memberships[0] if memberships else None


def municipality_of(actor: Actor | None) -> Organisation | None:
    """The municipality the actor works for, or None (a region, another actor, no membership)."""
    if actor is None or actor.organisation is None:
        return None
    principal = actor.organisation.principal
    return principal if principal.kind == OrganisationKind.MUNICIPALITY else None


# --- Administration of one's own organisation -------------------------------------------------------------------


def administered_organisation(actor: Actor) -> Organisation:
    """The organisation a local administrator manages; 404 for everyone else."""
    if not actor.is_administrator or actor.organisation is None:
        raise Http404
    return actor.organisation


def administered_units(actor: Actor) -> QuerySet[Unit]:
    organisation = administered_organisation(actor)
    return Unit.objects.filter(organisation=organisation).select_related("organisation")


def get_administered_unit(actor: Actor, unit_uuid: UUID | str) -> Unit:
    unit = administered_units(actor).filter(uuid=unit_uuid).first()
    if unit is None:
        raise Http404
    return unit


def administered_memberships(actor: Actor) -> QuerySet[Membership]:
    organisation = administered_organisation(actor)
    return Membership.objects.filter(unit__organisation=organisation).select_related("user", "unit__organisation")


def get_administered_membership(actor: Actor, membership_uuid: UUID | str) -> Membership:
    membership = administered_memberships(actor).filter(uuid=membership_uuid).first()
    if membership is None:
        raise Http404
    return membership


def administered_users(actor: Actor) -> QuerySet[User]:
    """Users with a membership, active or ended, in the administered organisation; nobody else's accounts."""
    organisation = administered_organisation(actor)
    return User.objects.filter(memberships__unit__organisation=organisation).distinct()


def get_administered_user(actor: Actor, user_uuid: UUID | str) -> User:
    user = administered_users(actor).filter(uuid=user_uuid).first()
    if user is None:
        raise Http404
    return user


def may_manage_access_of(actor: Actor, user: User) -> bool:
    """An administrator never grants, ends or resets their own access: another administrator does that."""
    return user.pk != actor.user.pk


def may_reset_second_factor(actor: Actor, user: User) -> bool:
    """Only for someone who works in the organisation now, and never for oneself."""
    organisation = administered_organisation(actor)
    return (
        may_manage_access_of(actor, user)
        and Membership.objects.filter(user=user, unit__organisation=organisation, ended_at__isnull=True).exists()
    )

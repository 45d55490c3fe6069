"""Small helpers shared by the administration tests."""

from __future__ import annotations

from knutpunkt.accounts.models import User
from knutpunkt.audit.models import AuditEvent
from knutpunkt.organisations.models import Membership, Role
from knutpunkt.testing.cast import PASSWORD, Cast


def arvika_admin(cast: Cast) -> User:
    """A local administrator of another organisation (Socialtjänsten Arvika)."""
    user = User.objects.create_user(username="arvid", password=PASSWORD, first_name="Arvid", last_name="Admin")
    Membership.objects.create(user=user, unit=cast.arvika_unit, role=Role.ADMINISTRATOR)
    return user


def events(name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=name))

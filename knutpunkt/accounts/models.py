"""User accounts. Who a user works for is in organisations.Membership, not here."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Seeded by `knutpunkt demo`: may sign in without a second factor, but only while KNUTPUNKT_DEMO is on.
    is_demo_account = models.BooleanField(_("demokonto"), default=False)
    # Set when an administrator chose the password: the user must pick their own before anything else.
    must_change_password = models.BooleanField(_("måste byta lösenord"), default=False)
    # The subject claim from the OpenID Connect provider, set by an administrator when linking an eID/SITHS login.
    oidc_subject = models.CharField(_("identitet hos inloggningstjänsten"), max_length=255, blank=True, db_index=True)

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

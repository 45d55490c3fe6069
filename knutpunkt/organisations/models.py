"""Who works where: organisations (secrecy domains), their units, and staff memberships with roles."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    """The kind of principal or actor an organisation belongs to."""

    MUNICIPALITY = "municipality", _("Kommun")
    REGION = "region", _("Region")
    SCHOOL = "school", _("Fristående skola")
    STATE_AGENCY = "state_agency", _("Statlig myndighet")
    POLICE = "police", _("Polis")
    CIVIL_SOCIETY = "civil_society", _("Civilsamhällets organisation")


class Branch(models.TextChoices):
    """The area of activity. Secrecy applies between branches even inside one principal (OSL 8 kap.)."""

    PRINCIPAL = "principal", _("Huvudman (hela organisationen)")
    SOCIAL_SERVICES = "social_services", _("Socialtjänst")
    EDUCATION = "education", _("Skola och elevhälsa")
    CULTURE_LEISURE = "culture_leisure", _("Kultur och fritid")
    ELDERLY_DISABILITY = "elderly_disability", _("Äldre- och funktionshinderomsorg")
    PRIMARY_CARE = "primary_care", _("Primärvård")
    PSYCHIATRY = "psychiatry", _("Vuxenpsykiatri")
    CHILD_PSYCHIATRY = "child_psychiatry", _("Barn- och ungdomspsykiatri")
    HOSPITAL_CARE = "hospital_care", _("Sjukhusvård")
    SOCIAL_INSURANCE = "social_insurance", _("Socialförsäkring")
    EMPLOYMENT = "employment", _("Arbetsförmedling")
    LAW_ENFORCEMENT = "law_enforcement", _("Polisverksamhet")
    VOLUNTARY = "voluntary", _("Ideell verksamhet")


# Branches that are health care under the Health and Medical Services Act; the rest are other activity.
HEALTH_CARE_BRANCHES = frozenset(
    {Branch.PRIMARY_CARE, Branch.PSYCHIATRY, Branch.CHILD_PSYCHIATRY, Branch.HOSPITAL_CARE}
)


class Organisation(models.Model):
    """One secrecy domain: a principal (a municipality, a region) or one of its branches, or another actor.

    A municipality is a root organisation with code (SCB's four-digit municipality code) and its branches
    (social services, school, culture and leisure) as children; a region likewise with SCB's two-digit county
    code. Units and staff always belong to a leaf organisation.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=80, blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=OrganisationKind.choices)
    branch = models.CharField(_("verksamhet"), max_length=30, choices=Branch.choices, default=Branch.PRINCIPAL)
    parent = models.ForeignKey(
        "self", verbose_name=_("del av"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(
        _("kod"),
        max_length=20,
        blank=True,
        help_text=_("SCB:s kommunkod (4 siffror) eller länskod (2 siffror) för en huvudman, annars tomt."),
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=Q(parent__isnull=True) & ~Q(code=""), name="unique_principal_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def principal(self) -> Organisation:
        """The root organisation: the municipality or region that is responsible in law."""
        node = self
        while node.parent_id is not None:
            assert node.parent is not None
            node = node.parent
        return node

    @property
    def is_principal_for_plans(self) -> bool:
        """Only a municipality or a region can hold overall responsibility for a coordinated plan."""
        return self.principal.kind in {OrganisationKind.MUNICIPALITY, OrganisationKind.REGION}

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Unit(models.Model):
    """A team inside an organisation; the level at which access is granted and invitations are addressed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(
        _("funktionsadress (e-post)"), blank=True, help_text=_("En gemensam adress, inte en persons.")
    )
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_unit_name_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation.display_name}"


class Role(models.TextChoices):
    STAFF = "staff", _("Medarbetare")
    UNIT_MANAGER = "unit_manager", _("Enhetschef")
    ADMINISTRATOR = "administrator", _("Administratör")
    ANALYST = "analyst", _("Analytiker")


# Roles whose work needs personal data about individuals. Administrators manage accounts, analysts see aggregates.
PERSONAL_DATA_ROLES = frozenset({Role.STAFF, Role.UNIT_MANAGER})


class Membership(models.Model):
    """A user's place in a unit with one role. Ended, never deleted, so the audit log keeps its meaning."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), on_delete=models.PROTECT, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.STAFF)
    title = models.CharField(_("befattning"), max_length=100, blank=True)
    # Access rights must follow a documented needs-and-risk analysis, not the job title alone: where it is found.
    basis = models.CharField(_("grund för behörigheten (behovs- och riskanalys)"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("från"), auto_now_add=True)
    ended_at = models.DateTimeField(_("till"), null=True, blank=True)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["unit__organisation__name", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], condition=Q(ended_at__isnull=True), name="unique_active_membership"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.unit}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    @property
    def sees_personal_data(self) -> bool:
        return self.role in PERSONAL_DATA_ROLES

"""People, their relations to organisations, and consent to share information (samtycke under OSL 12 kap. 2 §)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutpunkt.organisations.models import Organisation, Unit
from knutpunkt.people.identity import IdentityKind, mask


class Protection(models.TextChoices):
    """Protected identity as Skatteverket records it. A fictitious identity carries no flag at all, so NONE means
    only that no flag is known, never that the person is safe."""

    NONE = "none", _("Ingen känd markering")
    CONFIDENTIALITY_MARKING = "confidentiality_marking", _("Sekretessmarkering")
    PROTECTED_REGISTRATION = "protected_registration", _("Skyddad folkbokföring")


class Person(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identity_number = models.CharField(_("identitetsnummer"), max_length=20, unique=True)
    identity_kind = models.CharField(_("nummertyp"), max_length=20, choices=IdentityKind.choices)
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    date_of_birth = models.DateField(_("födelsedatum"), null=True, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    street_address = models.CharField(_("gatuadress"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=10, blank=True)
    city = models.CharField(_("postort"), max_length=100, blank=True)
    protection = models.CharField(
        _("skyddade personuppgifter"), max_length=30, choices=Protection.choices, default=Protection.NONE
    )
    # The organisation that registered the person and owns the address: a protected person's address and
    # location never reach any other organisation.
    registered_by = models.ForeignKey(
        Organisation, verbose_name=_("registrerad av"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    # Optimistic locking: an edit names the version it started from and is refused if someone saved in between.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="person_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_protected(self) -> bool:
        return self.protection != Protection.NONE

    @property
    def masked_number(self) -> str:
        return mask(self.identity_number)

    @property
    def formatted_number(self) -> str:
        if self.identity_kind == IdentityKind.RESERVE:
            return self.identity_number
        return f"{self.identity_number[:8]}-{self.identity_number[8:]}"

    def age_on(self, day: dt.date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def is_child(self) -> bool:
        age = self.age
        return age is not None and age < 18


class RelationKind(models.TextChoices):
    GUARDIAN = "guardian", _("Vårdnadshavare")
    RELATIVE = "relative", _("Närstående")


class Guardianship(models.Model):
    """A guardian of a child, or a relative who supports an adult. Ended, never deleted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="guardianships")
    related = models.ForeignKey(
        Person, verbose_name=_("vårdnadshavare/närstående"), on_delete=models.PROTECT, related_name="cared_for"
    )
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    valid_from = models.DateField(_("från"), default=dt.date.today)
    valid_until = models.DateField(_("till"), null=True, blank=True)

    class Meta:
        verbose_name = _("vårdnadshavare eller närstående")
        verbose_name_plural = _("vårdnadshavare och närstående")
        constraints = [
            models.CheckConstraint(condition=~Q(person=F("related")), name="guardian_is_another_person"),
            models.UniqueConstraint(
                fields=["person", "related", "kind"], condition=Q(valid_until__isnull=True), name="unique_open_relation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.related} ({self.get_kind_display()}) för {self.person}"


class Registration(models.Model):
    """An organisation has the person in its own records (an open case, a patient, a pupil). This is the
    relation that lets its staff see the person without consent; it is ended, never deleted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="registrations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="registrations"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="registrations")
    reason = models.CharField(_("anledning"), max_length=200)
    started_at = models.DateTimeField(_("från"), default=timezone.now)
    ended_at = models.DateTimeField(_("till"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("registrering")
        verbose_name_plural = _("registreringar")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"], condition=Q(ended_at__isnull=True), name="unique_open_registration"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="registration_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "ended_at"], name="registration_org_idx"),
            # A person's registrations at one organisation (the person page): without it, the database may walk
            # the organisation's index instead, every registration the organisation has (bench/README.md).
            models.Index(fields=["person", "organisation", "ended_at"], name="registration_person_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation}"


class ConsentPurpose(models.TextChoices):
    COORDINATED_PLAN = "coordinated_plan", _("Samordnad individuell plan (SIP)")
    SSPF = "sspf", _("Samverkan skola, socialtjänst, polis, fritid (SSPF)")
    DISCHARGE = "discharge", _("Samordnad utskrivning från sluten vård")
    EARLY_SUPPORT = "early_support", _("Tidiga insatser och stöd")


class ConsentGiver(models.TextChoices):
    PERSON = "person", _("Personen själv")
    GUARDIANS = "guardians", _("Vårdnadshavare")
    PERSON_AND_GUARDIANS = "person_and_guardians", _("Personen och vårdnadshavare")


class ConsentForm(models.TextChoices):
    ORAL = "oral", _("Muntligt")
    WRITTEN = "written", _("Skriftligt")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def active_on(self, moment: dt.datetime | None = None) -> ConsentQuerySet:
        """Consents in force at `moment`: started, not expired, not withdrawn."""
        moment = moment or timezone.now()
        day = timezone.localdate(moment)
        return self.filter(valid_from__lte=day, valid_until__gte=day).filter(
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=moment)
        )


class Consent(models.Model):
    """Consent that lifts secrecy between the listed organisations, for one purpose, for a limited time.

    A consent record is archived, never deleted or edited: a change is a new consent, an end is a withdrawal,
    which takes effect the moment it is recorded.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("syfte"), max_length=30, choices=ConsentPurpose.choices)
    purpose_detail = models.CharField(_("syftet i ord"), max_length=300, blank=True)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisationer som får dela med varandra"), related_name="consents"
    )
    included_information = models.TextField(_("uppgifter som får delas"), blank=True)
    excluded_information = models.TextField(_("undantaget – får inte delas"), blank=True)
    given_by = models.CharField(_("samtycket lämnat av"), max_length=30, choices=ConsentGiver.choices)
    consenting_guardians = models.ManyToManyField(
        Person, verbose_name=_("vårdnadshavare som samtyckt"), related_name="consents_given_as_guardian", blank=True
    )
    single_guardian_reason = models.CharField(
        _("skäl till att bara en vårdnadshavare samtyckt"), max_length=300, blank=True
    )
    child_view = models.TextField(_("barnets egen inställning"), blank=True)
    form = models.CharField(_("form"), max_length=10, choices=ConsentForm.choices)
    valid_from = models.DateField(_("gäller från"))
    valid_until = models.DateField(_("gäller till"))
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrerat av"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("återkallat"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("återkallande registrerat av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_reason = models.CharField(_("anledning till återkallandet"), max_length=300, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("samtycke")
        verbose_name_plural = _("samtycken")
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gte=F("valid_from")), name="consent_ends_after_start"),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True)
                | Q(withdrawn_at__isnull=False, withdrawn_by__isnull=False),
                name="consent_withdrawal_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} – {self.person}"

    def is_active(self, moment: dt.datetime | None = None) -> bool:
        moment = moment or timezone.now()
        day = timezone.localdate(moment)
        withdrawn = self.withdrawn_at is not None and self.withdrawn_at <= moment
        return self.valid_from <= day <= self.valid_until and not withdrawn

    @property
    def status_label(self) -> str:
        now = timezone.now()
        if self.withdrawn_at is not None:
            return str(_("Återkallat"))
        if timezone.localdate(now) > self.valid_until:
            return str(_("Upphört"))
        if timezone.localdate(now) < self.valid_from:
            return str(_("Gäller ännu inte"))
        return str(_("Gäller"))

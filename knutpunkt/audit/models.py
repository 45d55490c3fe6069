"""The append-only audit log and the documented log reviews (loggkontroll)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutpunkt.audit.events import EVENTS, label
from knutpunkt.core.choices import choice_label


class LegalGround(models.TextChoices):
    """Why personal data was read or written. Anything but OWN_RECORDS means the data crossed an organisation."""

    OWN_RECORDS = "own_records", _("Egen verksamhet (personen är registrerad hos organisationen)")
    CONSENT = "consent", _("Samtycke (OSL 12 kap. 2 §)")
    CHILD_HEALTH_SOCIAL = (
        "child_health_social",
        _("Barn under 18 – socialtjänst och hälso- och sjukvård (OSL 25 kap. 12 §, 26 kap. 9 §)"),
    )
    REPORT_OF_CONCERN = "report_of_concern", _("Anmälningsskyldighet (SoL 2025:400)")
    DISCHARGE_PLANNING = "discharge_planning", _("Samordnad utskrivning (lag 2017:612)")
    NONE = "none", _("Ingen relation")
    NOT_APPLICABLE = "", _("Ej personuppgifter")


_UNDER_A_UNIT = models.Q(unit__isnull=False)


class AuditEvent(models.Model):
    """One thing done by someone. Written in the same transaction as the change (or by the access layer for a
    read), never updated, never deleted except by the retention job after AUDIT_RETENTION_YEARS.

    Foreign keys use no database constraint and never cascade: an event outlives what it is about. Labels are
    snapshots taken when the event was written, so the log reads the same after names change. The foreign keys have
    no index of their own: the composite indexes below begin with them, and every index is written again for each of
    the millions of rows, so one that no query needs costs every request that logs.
    """

    occurred_at = models.DateTimeField(_("tid"), default=timezone.now, db_index=True)
    event = models.CharField(_("händelse"), max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    actor_label = models.CharField(_("användare (namn)"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "organisations.Unit",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    unit_label = models.CharField(_("enhet"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person", null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    person_label = models.CharField(_("person"), max_length=200, blank=True)
    object_type = models.CharField(_("objekttyp"), max_length=60, blank=True)
    object_uuid = models.UUIDField(_("objekt"), null=True)
    object_label = models.CharField(_("objekt (namn)"), max_length=300, blank=True)
    legal_ground = models.CharField(_("rättslig grund"), max_length=30, choices=LegalGround.choices, blank=True)
    # False when the acting organisation had no registration and no consent covering it when this happened:
    # the events a log review looks at first.
    had_relation = models.BooleanField(_("aktiv relation"), default=True)
    request_id = models.CharField(_("anrop"), max_length=40, blank=True)
    detail = models.JSONField(_("detaljer"), default=dict, blank=True)

    class Meta:
        verbose_name = _("logghändelse")
        verbose_name_plural = _("logghändelser")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["person", "occurred_at"], name="audit_person_idx"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_idx"),
            # The indexes that begin with the unit leave out events under no unit: a search for those (a unit's
            # members outside any unit) must use `audit_actor_nounit_idx`, which SQLite's planner, without
            # statistics, would otherwise pass over for a scan of every event under no unit.
            models.Index(fields=["unit", "occurred_at"], condition=_UNDER_A_UNIT, name="audit_unit_idx"),
            # For the log review (audit/access.py): a unit's events of one type; a unit's accesses without an active
            # relation, and events by a unit's members outside any unit (both rare, so those indexes stay small).
            models.Index(fields=["unit", "event", "occurred_at"], condition=_UNDER_A_UNIT, name="audit_unit_event_idx"),
            models.Index(
                fields=["unit", "occurred_at"],
                condition=models.Q(had_relation=False) & _UNDER_A_UNIT,
                name="audit_unit_norel_idx",
            ),
            models.Index(
                fields=["actor", "occurred_at"], condition=models.Q(unit__isnull=True), name="audit_actor_nounit_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.event_label} – {self.actor_label}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValidationError("Audit events are append-only")
        if self.event not in EVENTS:
            raise ValidationError(f"Unregistered audit event {self.event!r}")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError("Audit events are removed only by the retention job")

    @property
    def event_label(self) -> str:
        return label(self.event)

    @property
    def legal_ground_label(self) -> str:
        return choice_label(LegalGround, self.legal_ground)

    def clean(self) -> None:
        if self.event not in EVENTS:
            raise ValidationError({"event": f"Unregistered audit event {self.event!r}"})


class LogReview(models.Model):
    """A documented log review: who reviewed which sample of which period, and what was found."""

    class Outcome(models.TextChoices):
        NO_REMARKS = "no_remarks", _("Inga anmärkningar")
        FOLLOW_UP = "follow_up", _("Kräver uppföljning")
        INCIDENT = "incident", _("Misstänkt obehörig åtkomst – ärendet lämnas vidare")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granskad av"), on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("granskad"), default=timezone.now)
    period_start = models.DateField(_("period från"))
    period_end = models.DateField(_("period till"))
    sample_description = models.TextField(_("urval"))
    events = models.ManyToManyField(AuditEvent, verbose_name=_("granskade händelser"), related_name="+", blank=True)
    findings = models.TextField(_("iakttagelser"))
    outcome = models.CharField(_("bedömning"), max_length=20, choices=Outcome.choices)

    class Meta:
        verbose_name = _("loggkontroll")
        verbose_name_plural = _("loggkontroller")
        ordering = ["-reviewed_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="review_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_start}–{self.period_end}"

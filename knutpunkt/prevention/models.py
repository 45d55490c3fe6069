"""Prevention planned from knowledge, per municipality: action plans for preventive social work, the crime-prevention
cycle of Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete, follow-ups, and the cost of exclusion.

Everything here is aggregate data about a municipality and its areas, never about a person: goals, measures, key
figures and a calculation's assumptions. Writes are still audited (actions.py).

The crime-prevention law (in force 1 July 2023) asks the municipality for a situation report (lägesbild: a mapping
of crime, its extent and consequences, other relevant information and an analysis), an action plan (åtgärdsplan)
decided on the basis of that report, and a coordination function. The inquiry behind the law (SOU 2021:49)
proposed that the work be followed up at least every second year; the report's next update date defaults to that.

Measures are linked to the key figures they should move (MeasureIndicator, with a baseline and a target): the
national crime prevention council (Brå) finds that measures are often not linked to the problems found and rarely
followed up, so a measure cannot be under way, nor a plan decided, without that link.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from knutpunkt.indicators.models import Area, Indicator
from knutpunkt.organisations.models import Organisation

# --- The situation report (lägesbild) ----------------------------------------------------------------------------


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    DONE = "done", _("Klar")


class SituationReport(models.Model):
    """A crime-prevention situation report for the municipality's geographic area.

    `mapping` holds the chosen crime and safety key figures with their published values, drawn from the indicator
    values while the report is written and frozen when it is done: the report keeps saying what it said.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        Organisation, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="situation_reports"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    period_from = models.DateField(_("gäller från"))
    period_to = models.DateField(_("gäller till"))
    mapping = models.JSONField(_("kartläggning"), default=list, blank=True)
    mapped_at = models.DateTimeField(_("värdena hämtade"), null=True, blank=True)
    other_information = models.TextField(_("annan information av betydelse"), blank=True)
    analysis = models.TextField(_("analys"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    done_on = models.DateField(_("klar"), null=True, blank=True)
    next_update_due = models.DateField(_("ska uppdateras senast"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: every change bumps it; a save from an older version is refused (actions.EditConflict).
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("lägesbild")
        verbose_name_plural = _("lägesbilder")
        ordering = ["-period_to", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_to__gte=F("period_from")), name="report_period_in_order"),
            models.CheckConstraint(
                condition=~Q(status="done") | (Q(done_on__isnull=False) & Q(next_update_due__isnull=False)),
                name="done_report_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status == ReportStatus.DONE

    def indicator_codes(self) -> list[str]:
        return [str(row["code"]) for row in self.mapping if isinstance(row, dict) and row.get("code")]


# --- The action plan ---------------------------------------------------------------------------------------------


class PlanKind(models.TextChoices):
    PREVENTIVE = "preventive", _("Förebyggande socialt arbete")
    CRIME = "crime", _("Brottsförebyggande åtgärdsplan (lag 2023:196)")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    DECIDED = "decided", _("Beslutad")
    REPLACED = "replaced", _("Ersatt")


class ActionPlan(models.Model):
    """A municipality's action plan: goals, measures linked to key figures, follow-ups, and decided versions.

    The municipality is the root Organisation (kind municipality); its SCB code finds the indicators' Area."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        Organisation, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="action_plans"
    )
    kind = models.CharField(_("typ av plan"), max_length=20, choices=PlanKind.choices)
    title = models.CharField(_("rubrik"), max_length=200)
    period_from = models.DateField(_("gäller från"))
    period_to = models.DateField(_("gäller till"))
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    committee = models.CharField(_("beslutande nämnd"), max_length=200, blank=True)
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decided_version = models.PositiveIntegerField(_("beslutad version"), default=0)
    situation_report = models.ForeignKey(
        SituationReport,
        verbose_name=_("lägesbild"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    replaces = models.ForeignKey(
        "self", verbose_name=_("ersätter"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    next_followup_on = models.DateField(_("nästa uppföljning"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)
    # Every change to the plan or its goals, measures and indicator links bumps it (actions._bump).
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ["-period_from", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_to__gte=F("period_from")), name="plan_period_in_order"),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(decided_on__isnull=False) & ~Q(committee="")),
                name="decided_plan_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_crime_prevention(self) -> bool:
        return self.kind == PlanKind.CRIME

    @property
    def is_replaced(self) -> bool:
        return self.status == PlanStatus.REPLACED


class Goal(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="goals")
    text = models.TextField(_("mål"))
    measurable = models.BooleanField(_("mätbart mål"), default=False)
    position = models.PositiveIntegerField(default=0)
    removed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ResponsibleKind(models.TextChoices):
    SOCIAL_SERVICES = "social_services", _("Socialtjänsten")
    SCHOOL = "school", _("Skolan")
    CULTURE_LEISURE = "culture_leisure", _("Kultur och fritid")
    CIVIL_SOCIETY = "civil_society", _("Civilsamhället")
    POLICE = "police", _("Polisen")
    REGION = "region", _("Regionen")
    OTHER = "other", _("Annan aktör")


class EvidenceLevel(models.TextChoices):
    STRONG = "strong", _("Stark evidens")
    SOME = "some", _("Visst stöd")
    PROMISING = "promising", _("Lovande/erfarenhetsbaserad")
    UNKNOWN = "unknown", _("Okänd")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    ONGOING = "ongoing", _("Pågår")
    DONE = "done", _("Genomförd")
    PAUSED = "paused", _("Pausad")
    STOPPED = "stopped", _("Avbruten")


# A measure in any of these states is (or was) carried out, so it must say which key figures it should move.
STATUSES_NEEDING_INDICATOR = frozenset({MeasureStatus.ONGOING, MeasureStatus.DONE, MeasureStatus.PAUSED})


class Measure(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="measures")
    goal = models.ForeignKey(
        Goal, verbose_name=_("mål"), null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    title = models.CharField(_("åtgärd"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    responsible_kind = models.CharField(_("ansvarig"), max_length=20, choices=ResponsibleKind.choices)
    responsible_name = models.CharField(_("ansvarig förvaltning eller aktör"), max_length=200, blank=True)
    target_group = models.CharField(_("målgrupp"), max_length=300, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("område"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area_text = models.CharField(_("område (fritext)"), max_length=200, blank=True)
    budget = models.DecimalField(
        _("budget (kr)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    starts_on = models.DateField(_("från"), null=True, blank=True)
    ends_on = models.DateField(_("till"), null=True, blank=True)
    evidence_level = models.CharField(
        _("evidensläge"), max_length=20, choices=EvidenceLevel.choices, default=EvidenceLevel.UNKNOWN
    )
    status = models.CharField(_("status"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    position = models.PositiveIntegerField(default=0)
    removed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__isnull=True) | Q(budget__gte=0), name="measure_budget_positive"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="measure_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def responsible(self) -> str:
        """The responsible actor as the plan names it: the free-text name, else the kind."""
        return self.responsible_name or str(self.get_responsible_kind_display())

    @property
    def area_label(self) -> str:
        if self.area is not None:
            return f"{self.area.name}{f' – {self.area_text}' if self.area_text else ''}"
        return self.area_text


class MeasureIndicator(models.Model):
    """The key figure a measure should move: from a baseline (prefilled with the municipality's newest published
    value when linked) to a target by a year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="indicator_links")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("nyckeltal"), on_delete=models.PROTECT, related_name="measure_links"
    )
    baseline_year = models.PositiveSmallIntegerField(_("basår"))
    baseline_value = models.FloatField(_("utgångsvärde"))
    target_year = models.PositiveSmallIntegerField(_("målår"))
    target_value = models.FloatField(_("målvärde"))
    note = models.CharField(_("kommentar"), max_length=300, blank=True)
    removed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("koppling till nyckeltal")
        verbose_name_plural = _("kopplingar till nyckeltal")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(target_year__gt=F("baseline_year")), name="link_target_after_baseline"),
            models.UniqueConstraint(
                fields=["measure", "indicator"], condition=Q(removed=False), name="one_link_per_indicator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.indicator.code}"


class PlanVersion(models.Model):
    """A decided plan: a frozen copy of everything it said, never changed afterwards (the database refuses it)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    committee = models.CharField(_("beslutande nämnd"), max_length=200)
    decided_on = models.DateField(_("beslutsdatum"))
    registered_at = models.DateTimeField(_("registrerad"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    content = models.JSONField(_("innehåll"))
    change_note = models.TextField(_("vad som ändrats"), blank=True)

    class Meta:
        verbose_name = _("beslutad version")
        verbose_name_plural = _("beslutade versioner")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_action_plan_version")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError("A decided plan version is never changed")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def label(self) -> str:
        """How a list of versions names this one."""
        return str(
            _("Version %(number)s, beslutad %(date)s")
            % {"number": self.number, "date": formats.date_format(self.decided_on, "j F Y")}
        )


class FollowUp(models.Model):
    """A follow-up of the whole plan or of one measure, as its own recorded event. `readings` freezes the linked key
    figures as they stood then: baseline, newest published value, target and which way it went."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="followups")
    measure = models.ForeignKey(
        Measure, verbose_name=_("åtgärd"), null=True, blank=True, on_delete=models.PROTECT, related_name="followups"
    )
    held_on = models.DateField(_("datum"))
    text = models.TextField(_("uppföljning"))
    status_then = models.CharField(_("status vid uppföljningen"), max_length=10, blank=True)
    readings = models.JSONField(_("nyckeltalen vid uppföljningen"), default=list, blank=True)
    next_followup_on = models.DateField(_("nästa uppföljning"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["measure", "held_on"], name="prev_followup_measure_idx")]

    def __str__(self) -> str:
        return f"{self.measure or self.plan} {self.held_on}"

    @property
    def status_then_label(self) -> str:
        """The measure's status at the follow-up, in words; empty for a follow-up of the whole plan."""
        return str(dict(MeasureStatus.choices).get(self.status_then, "")) if self.measure_id else ""


# --- The cost of exclusion ---------------------------------------------------------------------------------------


class Payer(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommunen")
    REGION = "region", _("Regionen")
    STATE = "state", _("Staten")
    JUSTICE = "justice", _("Rättsväsendet")


def _percent(label: Any) -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )


class CostModel(models.Model):
    """A calculation of the cost of exclusion for a measure's target group, with and without the measure. Every
    figure is an assumption entered by the municipality: Knutpunkt has no built-in figures it presents as fact."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    measure = models.OneToOneField(Measure, on_delete=models.PROTECT, related_name="cost_model")
    group_size = models.PositiveIntegerField(_("målgruppens storlek (personer)"))
    kept_out_without = _percent(_("andel som klarar sig utan utanförskap utan åtgärden (%)"))
    kept_out_with = _percent(_("andel som klarar sig utan utanförskap med åtgärden (%)"))
    effect_from_year = models.PositiveSmallIntegerField(_("åtgärden ger effekt från år"), default=1)
    years = models.PositiveSmallIntegerField(_("antal år"))
    discount_rate = models.DecimalField(_("diskonteringsränta (%)"), max_digits=5, decimal_places=2)
    measure_cost_initial = models.DecimalField(_("åtgärdens startkostnad (kr)"), max_digits=14, decimal_places=2)
    measure_cost_yearly = models.DecimalField(_("åtgärdens kostnad per år (kr)"), max_digits=14, decimal_places=2)
    note = models.TextField(_("om kalkylen"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("kalkyl över utanförskapets kostnader")
        verbose_name_plural = _("kalkyler över utanförskapets kostnader")
        constraints = [
            models.CheckConstraint(condition=Q(years__gte=1) & Q(years__lte=50), name="cost_years_in_range"),
            models.CheckConstraint(
                condition=Q(effect_from_year__gte=1) & Q(effect_from_year__lte=F("years")),
                name="cost_effect_within_years",
            ),
            models.CheckConstraint(
                condition=Q(measure_cost_initial__gte=0) & Q(measure_cost_yearly__gte=0),
                name="cost_measure_costs_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: kalkyl"


class CostAssumption(models.Model):
    """What one person's exclusion costs one payer in a year, and where that figure comes from."""

    cost_model = models.ForeignKey(CostModel, on_delete=models.CASCADE, related_name="assumptions")
    payer = models.CharField(_("vem betalar"), max_length=20, choices=Payer.choices)
    cost_per_person_year = models.DecimalField(_("kostnad per person och år (kr)"), max_digits=12, decimal_places=2)
    source = models.CharField(_("källa eller motivering"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("antagande")
        verbose_name_plural = _("antaganden")
        constraints = [
            models.UniqueConstraint(fields=["cost_model", "payer"], name="one_assumption_per_payer"),
            models.CheckConstraint(condition=Q(cost_per_person_year__gte=0), name="assumption_cost_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_payer_display()}: {self.cost_per_person_year}"

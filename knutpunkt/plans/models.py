"""Coordinated individual plans (SIP): agreement profiles, the plan and its six steps, invitations to units,
meetings, the plan's contents, immutable established versions, follow-ups and closure.

The law (SoL and HSL, carried into SoL 2025:400) requires the plan to state the interventions needed, what each
principal is responsible for, measures by others, and which principal holds overall responsibility. Regional
agreements add the person's own goals, deadlines, follow-up and who summons: those are the agreement profile.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.choices import choice_label
from knutpunkt.organisations.models import Branch, Organisation, Unit
from knutpunkt.people.models import Consent, Person
from knutpunkt.plans.deadlines import DayCount
from knutpunkt.plans.reminder_texts import reminder_text


class TargetGroup(models.TextChoices):
    CHILDREN_YOUNG = "children_young", _("Barn och unga")
    ADULTS = "adults", _("Vuxna")
    DISCHARGE = "discharge", _("Utskrivning från sluten vård")


class DeadlineMilestone(models.TextChoices):
    MEETING = "meeting", _("Möte hållet")
    SUMMONS = "summons", _("Kallelse skickad")


class Summoner(models.TextChoices):
    INITIATOR = "initiator", _("Den som begär planen")
    MUNICIPALITY = "municipality", _("Kommunen")
    REGION = "region", _("Regionen")


class AgreementProfile(models.Model):
    """One set of rules from a regional agreement (överenskommelse) on SIP."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("namn"), max_length=200)
    agreement = models.CharField(_("överenskommelse"), max_length=300, help_text=_("Namn och datum på avtalet."))
    principals = models.ManyToManyField(
        Organisation, verbose_name=_("huvudmän som omfattas"), related_name="agreement_profiles"
    )
    target_group = models.CharField(_("målgrupp"), max_length=20, choices=TargetGroup.choices)
    deadline_milestone = models.CharField(
        _("tidsfristen gäller"), max_length=20, choices=DeadlineMilestone.choices, default=DeadlineMilestone.MEETING
    )
    deadline_days = models.PositiveSmallIntegerField(_("tidsfrist (dagar)"))
    day_count = models.CharField(_("dagar räknas som"), max_length=10, choices=DayCount.choices)
    participating_branches = models.JSONField(
        _("verksamheter som deltar"), default=list, help_text=_("Verksamheter som ingår i överenskommelsen.")
    )
    school_participates = models.BooleanField(_("skolan är full part"), default=False)
    summoned_by = models.CharField(_("vem kallar"), max_length=20, choices=Summoner.choices)
    followup_days = models.PositiveSmallIntegerField(_("uppföljning efter (dagar)"), default=90)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("överenskommelseprofil")
        verbose_name_plural = _("överenskommelseprofiler")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=Q(deadline_days__gt=0), name="profile_deadline_positive")]

    def __str__(self) -> str:
        return self.name

    def branch_labels(self) -> list[str]:
        labels = dict(Branch.choices)
        return [str(labels.get(value, value)) for value in self.participating_branches]


class PlanStatus(models.TextChoices):
    """The six steps; a plan moves forward and may go back to PLANNING after a follow-up that changes it."""

    REQUESTED = "requested", _("1. Behov identifierat")
    PREPARING = "preparing", _("2. Förberedelse")
    SUMMONED = "summoned", _("3. Kallad")
    PLANNING = "planning", _("4–5. Möte och plan")
    ESTABLISHED = "established", _("6. Fastställd – uppföljning")
    CLOSED = "closed", _("Avslutad")


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("Målen är uppnådda")
    NO_LONGER_NEEDED = "no_longer_needed", _("Samordning behövs inte längre")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Samtycket är återkallat")
    PERSON_DECLINED = "person_declined", _("Personen vill inte delta")
    MOVED = "moved", _("Personen har flyttat")
    DECEASED = "deceased", _("Personen har avlidit")
    OTHER = "other", _("Annat")


class Plan(models.Model):
    """A coordinated individual plan around one person, from the first signal to closure."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="plans")
    profile = models.ForeignKey(
        AgreementProfile, verbose_name=_("överenskommelse"), on_delete=models.PROTECT, related_name="plans"
    )
    status = models.CharField(_("steg"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.REQUESTED)
    # Step 1: the request. The deadline clock starts at the request date, not when someone picks it up.
    requested_on = models.DateField(_("begärd"))
    request_reason = models.TextField(_("varför en SIP behövs"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    initiating_unit = models.ForeignKey(
        Unit, verbose_name=_("begärd av enhet"), on_delete=models.PROTECT, related_name="initiated_plans"
    )
    requested_on_behalf_of = models.CharField(
        _("begärd på initiativ av"),
        max_length=200,
        blank=True,
        help_text=_("Om personen själv, en närstående eller en annan myndighet tog initiativet."),
    )
    deadline = models.DateField(_("tidsfrist"))
    # Step 2: preparation with the person.
    consent = models.ForeignKey(
        Consent, verbose_name=_("samtycke"), null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    what_matters = models.TextField(_("vad som är viktigt för personen"), blank=True)
    person_goals = models.TextField(_("personens egna mål"), blank=True)
    person_own_part = models.TextField(_("det personen gör själv"), blank=True)
    meeting_questions = models.TextField(_("frågor till mötet"), blank=True)
    # Law: which principal (a municipality or a region) holds overall responsibility.
    overall_responsible = models.ForeignKey(
        Organisation,
        verbose_name=_("huvudansvarig huvudman"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans_responsible_for",
    )
    next_followup_on = models.DateField(_("nästa uppföljning"), null=True, blank=True)
    summoned_on = models.DateField(_("kallelse skickad"), null=True, blank=True)
    first_meeting_on = models.DateField(_("första SIP-mötet"), null=True, blank=True)
    established_version = models.PositiveIntegerField(_("fastställd version"), default=0)
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    closure_reason = models.CharField(_("anledning"), max_length=30, choices=ClosureReason.choices, blank=True)
    closure_note = models.TextField(_("kommentar till avslutet"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking: every change to the plan's text or contents bumps it; a stale save is refused.
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("samordnad individuell plan")
        verbose_name_plural = _("samordnade individuella planer")
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | ~Q(closure_reason=""), name="closed_plan_has_reason"
            ),
            models.CheckConstraint(condition=Q(deadline__gte=F("requested_on")), name="deadline_after_request"),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="plan_status_deadline_idx"),
            models.Index(fields=["initiating_unit", "requested_on"], name="plan_unit_requested_idx"),
            models.Index(fields=["next_followup_on"], name="plan_followup_idx"),
            # The work lists' follow-ups: a unit's requested plans, and the plans its organisation took over.
            models.Index(fields=["initiating_unit", "next_followup_on"], name="plan_unit_followup_idx"),
            models.Index(fields=["overall_responsible", "next_followup_on"], name="plan_lead_followup_idx"),
        ]

    def __str__(self) -> str:
        return f"SIP {self.person.full_name} ({self.requested_on:%Y-%m-%d})"

    @property
    def is_closed(self) -> bool:
        return self.status == PlanStatus.CLOSED

    def current_participants(self) -> QuerySet[Participant]:
        """The participants not removed from the plan."""
        return self.participants.filter(removed=False)


class InvitationStatus(models.TextChoices):
    DRAFT = "draft", _("Ej skickad")
    PENDING = "pending", _("Väntar på svar")
    ACCEPTED = "accepted", _("Accepterad")
    DECLINED = "declined", _("Avböjd")
    WITHDRAWN = "withdrawn", _("Återtagen")


class Invitation(models.Model):
    """An invitation to a unit (its function address, never a named person); the unit names its representative."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="invitations")
    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="invitations")
    reason = models.TextField(_("varför enheten bjuds in"))
    status = models.CharField(
        _("status"), max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.DRAFT
    )
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    responded_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("företrädare"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_representations",
    )
    representative_name = models.CharField(_("företrädare (namn)"), max_length=200, blank=True)
    representative_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    decline_reason = models.TextField(_("skäl att avböja"), blank=True)

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit"], condition=~Q(status="withdrawn"), name="one_open_invitation_per_unit"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="declined_invitation_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="invitation_unit_status_idx")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.plan}"


class ParticipantRole(models.TextChoices):
    PERSON = "person", _("Personen själv")
    GUARDIAN = "guardian", _("Vårdnadshavare")
    RELATIVE = "relative", _("Närstående")
    SUPPORT = "support", _("Stödperson eller ombud")


class Participant(models.Model):
    """The person and relatives, invited on their terms: how they want to be contacted and take part."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="participants")
    role = models.CharField(_("roll"), max_length=20, choices=ParticipantRole.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("namn"), max_length=200)
    contact_preference = models.CharField(_("hur personen vill bli kontaktad"), max_length=300, blank=True)
    attends = models.BooleanField(_("deltar i mötet"), default=True)
    needs = models.CharField(
        _("behov för att kunna delta"),
        max_length=300,
        blank=True,
        help_text=_("Till exempel tolk, tid på dagen, plats eller digitalt deltagande."),
    )
    # Removed from the plan: kept (attendance and the log refer to it), no longer shown or invited.
    # A database default too, for rows written by plain SQL (the scale generator names its columns).
    removed = models.BooleanField(_("borttagen"), default=False, db_default=False)

    class Meta:
        verbose_name = _("deltagare")
        verbose_name_plural = _("deltagare")
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_plan_person(self) -> bool:
        """The person the plan is for: always a participant, with that role only."""
        return self.role == ParticipantRole.PERSON


class MeetingKind(models.TextChoices):
    SIP = "sip", _("SIP-möte")
    FOLLOW_UP = "follow_up", _("Uppföljningsmöte")


class Meeting(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("typ"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.SIP)
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    location = models.CharField(_("plats"), max_length=300, blank=True)
    video_link = models.URLField(_("länk till videomöte"), blank=True)
    held = models.BooleanField(_("mötet är hållet"), default=False)
    cancelled = models.BooleanField(_("inställt"), default=False)
    cancel_reason = models.CharField(
        _("skäl till att mötet ställdes in"), max_length=300, blank=True, default="", db_default=""
    )
    notes = models.TextField(_("anteckningar"), blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE: bumped on every change")

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(condition=~Q(location="") | ~Q(video_link=""), name="meeting_has_place"),
        ]
        # Meetings not yet held, by time (work lists): a small index, where a scan would read every meeting ever
        # booked (bench/README.md).
        indexes = [
            models.Index(fields=["starts_at"], condition=Q(held=False, cancelled=False), name="meeting_open_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    """Who came: one row per invited unit (or participant) for a held meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    invitation = models.ForeignKey(Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    attended = models.BooleanField(_("närvarade"))

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(invitation__isnull=False, participant__isnull=True)
                | Q(invitation__isnull=True, participant__isnull=False),
                name="attendance_is_unit_or_participant",
            ),
            models.UniqueConstraint(fields=["meeting", "invitation"], name="one_attendance_per_invitation"),
            models.UniqueConstraint(fields=["meeting", "participant"], name="one_attendance_per_participant"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {'närvarade' if self.attended else 'frånvarande'}"


# --- The plan's contents (edited as a draft; established as an immutable version) ---------------------------


class Need(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="needs")
    description = models.TextField(_("behov"))
    position = models.PositiveIntegerField(default=0)
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("behov")
        verbose_name_plural = _("behov")

    def __str__(self) -> str:
        return self.description[:80]


class Intervention(models.Model):
    """An intervention (insats) by a principal, or a measure (åtgärd) by another actor. Which one it is follows
    from the responsible organisation: a municipality's or region's is the principal's responsibility."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="interventions")
    need = models.ForeignKey(Need, null=True, blank=True, on_delete=models.PROTECT, related_name="interventions")
    description = models.TextField(_("insats eller åtgärd"))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("ansvarig organisation"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("ansvarig enhet"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")

    def __str__(self) -> str:
        return self.description[:80]


class Goal(models.Model):
    """A measurable goal: what should be different, how we will know, by when."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="goals")
    description = models.TextField(_("mål"))
    measure = models.CharField(_("hur vi vet att målet är nått"), max_length=300)
    target_date = models.DateField(_("när"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self) -> str:
        return self.description[:80]


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Klar")
    CANCELLED = "cancelled", _("Inställd")


class Commitment(models.Model):
    """Who does what by when: a unit's commitment in the plan, tracked to done."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="commitments")
    intervention = models.ForeignKey(
        Intervention, null=True, blank=True, on_delete=models.PROTECT, related_name="commitments"
    )
    what = models.TextField(_("vad"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("vem (enhet)"), null=True, blank=True, on_delete=models.PROTECT, related_name="commitments"
    )
    by_person = models.BooleanField(_("personen själv eller närstående"), default=False)
    starts_on = models.DateField(_("från"))
    due_on = models.DateField(_("klart senast"))
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.PLANNED
    )
    done_on = models.DateField(_("klart"), null=True, blank=True)
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=F("starts_on")), name="commitment_due_after_start"),
            models.CheckConstraint(condition=Q(unit__isnull=False) | Q(by_person=True), name="commitment_has_someone"),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False), name="done_commitment_has_date"
            ),
        ]
        indexes = [models.Index(fields=["unit", "status", "due_on"], name="commitment_unit_due_idx")]

    def __str__(self) -> str:
        return self.what[:80]


class ContactPerson(models.Model):
    """Whom the person calls at each organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="contacts")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("namn"), max_length=200)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation}"


class PlanVersion(models.Model):
    """An established plan: a frozen copy of everything the plan said, never changed afterwards."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    established_at = models.DateTimeField(_("fastställd"))
    established_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    content = models.JSONField(_("innehåll"))
    change_note = models.TextField(_("vad som ändrats"), blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("planversion")
        verbose_name_plural = _("planversioner")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError("An established plan version is never changed")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def label(self) -> str:
        """How a list of versions names this one."""
        return str(
            _("Version %(number)s, fastställd %(date)s")
            % {"number": self.number, "date": formats.date_format(timezone.localtime(self.established_at), "j F Y")}
        )


class GoalAssessment(models.TextChoices):
    MET = "met", _("Uppnått")
    PARTLY = "partly", _("Delvis uppnått")
    NOT_MET = "not_met", _("Inte uppnått")


class FollowUp(models.Model):
    """A follow-up is its own recorded event, so that whether follow-ups happen can finally be known."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="followups")
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="followups")
    due_on = models.DateField(_("planerad till"))
    held_on = models.DateField(_("genomförd"))
    goals_assessment = models.CharField(_("målen"), max_length=10, choices=GoalAssessment.choices)
    goals_comment = models.TextField(_("om målen"), blank=True)
    commitments_comment = models.TextField(_("om åtagandena"), blank=True)
    person_view = models.TextField(_("personens syn"))
    plan_changes = models.BooleanField(_("planen behöver ändras"), default=False)
    next_followup_on = models.DateField(_("nästa uppföljning"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "held_on"]
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")

    def __str__(self) -> str:
        return f"{self.plan} {self.held_on}"

    @property
    def on_time(self) -> bool:
        return self.held_on <= self.due_on


class ReminderKind(models.TextChoices):
    DEADLINE_NEAR = "deadline_near", _("Tidsfristen närmar sig")
    DEADLINE_PASSED = "deadline_passed", _("Tidsfristen har passerat")
    INVITATION_UNANSWERED = "invitation_unanswered", _("Inbjudan obesvarad")
    INVITATION_DECLINED = "invitation_declined", _("Inbjudan avböjd")
    MEETING_SOON = "meeting_soon", _("Möte snart")
    COMMITMENT_DUE = "commitment_due", _("Åtagande ska vara klart snart")
    COMMITMENT_OVERDUE = "commitment_overdue", _("Åtagande försenat")
    FOLLOWUP_DUE = "followup_due", _("Uppföljning snart")
    FOLLOWUP_OVERDUE = "followup_overdue", _("Uppföljning försenad")


class Reminder(models.Model):
    """A reminder to a unit (and its members' inboxes), shown in the work list and sent once by e-mail to the
    unit's function address. `key` makes the reminder job idempotent: the same reminder is never made twice."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reminders")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(_("typ"), max_length=30, choices=ReminderKind.choices)
    # The text in Swedish as it was when the reminder was made; shown only for reminders made before `params`.
    message = models.CharField(_("meddelande"), max_length=300)
    # What the text says (dates, a time), so that it is written in the reader's language when shown
    # (knutpunkt/plans/reminders.py, `reminder_text`). None for reminders made before it was kept.
    params = models.JSONField(_("uppgifter i texten"), null=True, blank=True)
    due_on = models.DateField(_("datum"))
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        indexes = [models.Index(fields=["unit", "dismissed_at"], name="reminder_unit_open_idx")]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The reminder's text in the language of whoever reads it."""
        if self.params is None:
            return self.message
        return reminder_text(self.kind, self.params) or self.message

    @property
    def kind_label(self) -> str:
        """As get_kind_display(), without translating every kind to find one."""
        return choice_label(ReminderKind, self.kind)

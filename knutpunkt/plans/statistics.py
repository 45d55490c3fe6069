"""What managers and analysts finally see: how coordinated plans work out, aggregated per unit, organisation or
agreement profile and month. Aggregates only, never a name, and cells about fewer than five are suppressed.

The measures, each counted in the database (GROUP BY group and month), never by looping over plans in Python:

- plans requested (by the month of the request);
- the deadline kept: the first SIP meeting held by the plan's deadline, or, for profiles whose deadline is for the
  summons ("summons" milestone, e.g. discharge from hospital), the summons sent by it. Counted once the outcome is
  known (milestone reached, or the deadline passed); plans closed before the milestone are left out;
- the median number of days from request to the first meeting (from a histogram of day counts, which the
  database groups; the median is read off the histogram);
- follow-ups on time: follow-ups recorded by their planned date, out of those recorded plus those planned in the
  period that are overdue and not recorded (by the month they were planned for);
- commitments on time: done by their due date, out of those due in the period that are done or overdue;
- invited units that declined or did not come (attendance recorded as absent), out of the invitations sent in the
  period: invitations to the actor's units and from them.

The scope is the actor's principal (the municipality or region with its branches), from `access`.

Small cells are suppressed twice over (`protect`): a count under five is shown as "färre än 5" (primary), and where
such a cell could be worked out from the group's total for the whole period minus its other months, more cells of
that line are hidden as well ("dold", secondary), so that no suppressed number can be had by subtraction. A share
is hidden with the count it is a share of.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from django.db import models
from django.db.models import Case, Count, DateField, Exists, F, Func, IntegerField, OuterRef, Q, When
from django.db.models.query import QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.sorting import swedish_key
from knutpunkt.organisations.models import Organisation, Unit
from knutpunkt.plans.models import (
    AgreementProfile,
    Attendance,
    Commitment,
    CommitmentStatus,
    DeadlineMilestone,
    FollowUp,
    Invitation,
    InvitationStatus,
    Plan,
    PlanStatus,
)

# Cells that describe fewer plans, follow-ups, commitments or invitations than this are not shown.
SMALL_CELL = 5
SUPPRESSED = _("färre än 5")
# A cell of five or more, hidden so that a suppressed cell cannot be worked out from the total (secondary suppression).
HIDDEN = _("dold")
NO_DATA = "–"


class Grouping(models.TextChoices):
    UNIT = "unit", _("Enhet")
    ORGANISATION = "organisation", _("Organisation")
    PROFILE = "profile", _("Överenskommelse")


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    grouping: str
    # One unit of the organisations counted, instead of all of them: its plans, its commitments, its invitations.
    unit: int | None = None


@dataclass
class Measures:
    requested: int = 0
    deadline_due: int = 0
    deadline_met: int = 0
    days_to_meeting: Counter[int] = field(default_factory=Counter)
    followups_due: int = 0
    followups_on_time: int = 0
    commitments_due: int = 0
    commitments_on_time: int = 0
    invited: int = 0
    declined: int = 0
    absent: int = 0

    def add(self, other: Measures) -> None:
        for name in (
            "requested",
            "deadline_due",
            "deadline_met",
            "followups_due",
            "followups_on_time",
            "commitments_due",
            "commitments_on_time",
            "invited",
            "declined",
            "absent",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.days_to_meeting.update(other.days_to_meeting)

    @property
    def met_first_meeting(self) -> int:
        return sum(self.days_to_meeting.values())

    @property
    def median_days(self) -> float | None:
        return median(self.days_to_meeting)

    @property
    def did_not_take_part(self) -> int:
        return self.declined + self.absent


def median(histogram: Counter[int]) -> float | None:
    """The median of the values a histogram (value -> how many) describes; None when it is empty."""
    total = sum(histogram.values())
    if total == 0:
        return None

    def value_at(position: int) -> int:  # the value at a 1-based position in sorted order
        seen = 0
        for value in sorted(histogram):
            seen += histogram[value]
            if seen >= position:
                return value
        raise AssertionError("position beyond the histogram")

    return (value_at((total + 1) // 2) + value_at(total // 2 + 1)) / 2


# --- Cells: numbers as shown, with small-cell suppression ---------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A number as shown in a table, a chart and the CSV file. `value` is None when it is suppressed or there is
    nothing to count; a chart then leaves the point out."""

    value: float | None
    text: str
    suppressed: bool = False

    @property
    def csv(self) -> str:
        """The number for a spreadsheet: no percent sign, empty when there is nothing to count."""
        if self.suppressed:
            return self.text
        return "" if self.value is None else self.text.removesuffix("\u00a0%")


@dataclass(frozen=True)
class _Words:
    """The words and the decimal mark of cells in one language, looked up once per language: a table of a few
    hundred rows asked the translation catalogue and the number formats for each of its thousands of cells."""

    suppressed: str
    hidden: str
    decimal_separator: str


_WORDS: dict[str, _Words] = {}


def _words() -> _Words:
    language = translation.get_language() or ""
    words = _WORDS.get(language)
    if words is None:
        words = _Words(str(SUPPRESSED), str(HIDDEN), str(formats.get_format("DECIMAL_SEPARATOR")))
        _WORDS[language] = words
    return words


def _number(value: float, decimals: int = 0) -> str:
    """As `formats.number_format(value, decimals, use_l10n=True)` writes it (no thousands separator): the decimals
    of `str(value)`, cut or padded, after the language's decimal mark."""
    whole, _dot, fraction = str(value).partition(".")
    fraction = fraction[:decimals].ljust(decimals, "0")
    return f"{whole}{_words().decimal_separator}{fraction}" if fraction else whole


def count_cell(count: int, *, hidden: bool = False) -> Cell:
    words = _words()
    if count < SMALL_CELL:
        return Cell(None, words.suppressed, suppressed=True)
    if hidden:
        return Cell(None, words.hidden, suppressed=True)
    return Cell(count, _number(count, 0))


def share_cell(part: int, whole: int, *, hidden: bool = False) -> Cell:
    """A percentage of `whole`, shown only when `whole` is at least SMALL_CELL (and not hidden)."""
    words = _words()
    if whole == 0:
        return Cell(None, NO_DATA)
    if whole < SMALL_CELL:
        return Cell(None, words.suppressed, suppressed=True)
    if hidden:
        return Cell(None, words.hidden, suppressed=True)
    share = round(100 * part / whole, 1)
    return Cell(share, _number(share, 1) + "\u00a0%")


def median_cell(histogram: Counter[int]) -> Cell:
    words = _words()
    total = sum(histogram.values())
    if total == 0:
        return Cell(None, NO_DATA)
    if total < SMALL_CELL:
        return Cell(None, words.suppressed, suppressed=True)
    value = median(histogram)
    assert value is not None
    return Cell(value, _number(value, 0 if value == int(value) else 1))


# The counts a table shows, each the attribute of Measures of the same name. Secondary suppression works on these.
COUNT_COLUMNS = ("requested", "deadline_due", "followups_due", "commitments_due", "invited", "did_not_take_part")


@dataclass(frozen=True)
class Row:
    group_id: int
    label: str
    month: dt.date | None  # None: the whole period
    measures: Measures
    # Count columns (keys of COUNT_COLUMNS) hidden by secondary suppression.
    hidden: frozenset[str] = frozenset()

    @cached_property
    def month_label(self) -> str:
        return self.month.strftime("%Y-%m") if self.month else str(_("Hela perioden"))

    def cells(self) -> dict[str, Cell]:
        return self._cells

    @cached_property
    def _cells(self) -> dict[str, Cell]:
        # Worked out once per row: the tables, the charts and the CSV file all read the same cells.
        m = self.measures
        hidden = self.hidden
        did_not_take_part = count_cell(m.did_not_take_part, hidden="did_not_take_part" in hidden)
        return {
            "requested": count_cell(m.requested, hidden="requested" in hidden),
            "deadline_due": count_cell(m.deadline_due, hidden="deadline_due" in hidden),
            "deadline_share": share_cell(m.deadline_met, m.deadline_due, hidden="deadline_due" in hidden),
            "median_days": median_cell(m.days_to_meeting),
            "followups_due": count_cell(m.followups_due, hidden="followups_due" in hidden),
            "followups_share": share_cell(m.followups_on_time, m.followups_due, hidden="followups_due" in hidden),
            "commitments_due": count_cell(m.commitments_due, hidden="commitments_due" in hidden),
            "commitments_share": share_cell(
                m.commitments_on_time, m.commitments_due, hidden="commitments_due" in hidden
            ),
            "invited": count_cell(m.invited, hidden="invited" in hidden),
            "did_not_take_part": did_not_take_part,
            # The share times the invited would give the suppressed count back: hidden with it.
            "did_not_take_part_share": share_cell(
                m.did_not_take_part,
                m.invited,
                hidden="invited" in hidden or (did_not_take_part.suppressed and m.invited >= SMALL_CELL),
            ),
        }

    def cell_list(self) -> list[Cell]:
        """The cells in the order of COLUMNS."""
        cells = self.cells()
        return [cells[key] for key, _label in COLUMNS]


# --- Secondary suppression -----------------------------------------------------------------------------------------


def _exposed(primary: list[int], secondary: list[int]) -> bool:
    """Whether a reader who knows the sum of these suppressed cells (the total minus the shown cells), that each
    primary cell holds 1-4 and each secondary cell at least SMALL_CELL, can tell the value of any one of them.
    (A month with none is not protected: a share next to it says "–" exactly when its count is nought, so a reader
    may know the noughts; the check assumes they do.) Each cell's possible values form a range, worked out from
    what the others can at least and at most hold; the cell is exposed when the range is one value."""
    cells, hidden = len(primary), len(secondary)
    if cells == 0:
        return False
    total = sum(primary) + sum(secondary)
    top = SMALL_CELL - 1
    if hidden == 0:
        return max(1, total - top * (cells - 1)) >= min(top, total - (cells - 1))
    # A secondary cell has no upper bound: every range runs up to what the others leave at their least.
    return total - cells - SMALL_CELL * hidden < 1


def _protect_line(total: int, months: list[tuple[int, int]]) -> tuple[bool, set[int]]:
    """For one count of one group: whether the total must be hidden, and the positions of the months to hide
    besides those under SMALL_CELL. `months` holds (position, value) of the group's month rows."""
    if total < SMALL_CELL:
        return False, set()  # the total is suppressed itself, and so is every month
    primary = [value for _position, value in months if 0 < value < SMALL_CELL]
    shown = sorted(((value, position) for position, value in months if value >= SMALL_CELL), reverse=True)
    hidden: set[int] = set()
    secondary: list[int] = []
    while _exposed(primary, secondary):
        if not shown:
            return True, hidden  # nothing left to hide in the line: the total goes instead
        value, position = shown.pop()  # the smallest shown month
        hidden.add(position)
        secondary.append(value)
    return False, hidden


def protect(by_group: list[Row], by_month: list[Row]) -> tuple[list[Row], list[Row]]:
    """The rows with secondary suppression applied: within each group, no month's suppressed count can be worked
    out from the whole period's total minus the months shown."""
    month_hidden: dict[int, set[str]] = {}
    group_hidden: dict[int, set[str]] = {}
    positions: dict[int, list[int]] = {}
    for position, row in enumerate(by_month):
        positions.setdefault(row.group_id, []).append(position)
    for row in by_group:
        lines = positions.get(row.group_id, [])
        for key in COUNT_COLUMNS:
            total = getattr(row.measures, key)
            months = [(p, getattr(by_month[p].measures, key)) for p in lines]
            hide_total, hide_months = _protect_line(total, months)
            if hide_total:
                group_hidden.setdefault(row.group_id, set()).add(key)
            for position in hide_months:
                month_hidden.setdefault(position, set()).add(key)
    return (
        [replace(row, hidden=frozenset(group_hidden.get(row.group_id, ()))) for row in by_group],
        [replace(row, hidden=frozenset(month_hidden.get(p, ()))) for p, row in enumerate(by_month)],
    )


# The columns, in order, as tables and the CSV file show them.
COLUMNS: list[tuple[str, Any]] = [
    ("requested", _("SIP begärda")),
    ("deadline_due", _("Tidsfrist: underlag")),
    ("deadline_share", _("Tidsfristen hållen")),
    ("median_days", _("Mediandagar från begäran till första möte")),
    ("followups_due", _("Uppföljningar: underlag")),
    ("followups_share", _("Uppföljningar i tid")),
    ("commitments_due", _("Åtaganden: underlag")),
    ("commitments_share", _("Åtaganden klara i tid")),
    ("invited", _("Inbjudna enheter")),
    ("did_not_take_part", _("Avböjde eller kom inte")),
    ("did_not_take_part_share", _("Andel som avböjde eller inte kom")),
]


@dataclass
class Statistics:
    filters: Filters
    by_group: list[Row]
    by_month: list[Row]
    months: list[dt.date]

    @property
    def grouping_label(self) -> str:
        return str(Grouping(self.filters.grouping).label)


# --- The queries -----------------------------------------------------------------------------------------------------

# The group a row belongs to, per grouping, as a path from the model the measure counts.
_PLAN_GROUP: dict[str, str] = {
    Grouping.UNIT: "initiating_unit_id",
    Grouping.ORGANISATION: "initiating_unit__organisation_id",
    Grouping.PROFILE: "profile_id",
}
_VIA_PLAN_GROUP: dict[str, str] = {key: f"plan__{path}" for key, path in _PLAN_GROUP.items()}
_UNIT_GROUP: dict[str, str] = {
    Grouping.UNIT: "unit_id",
    Grouping.ORGANISATION: "unit__organisation_id",
    Grouping.PROFILE: "plan__profile_id",
}

Key = tuple[int, dt.date]
# The organisations counted: a queryset, or their keys (each query then names them instead of a subquery).
Scope = QuerySet[Organisation] | list[int]


class MonthStart(Func):
    """The first day of the month (in Swedish time) that a date or time in the period falls in, as plain comparisons
    with the months' ends: `CASE WHEN column < end of January THEN January … END`. TruncMonth gives the same, but on
    SQLite it is a Python function called for every row read, which cost more than the rest of the query; and
    built from When() objects, the dozen comparisons cost more to compile than the query takes to run."""

    output_field = DateField()

    def __init__(self, field: str, filters: Filters, *, aware: bool = False) -> None:
        super().__init__(F(field))
        self.ends: list[tuple[dt.date, dt.date | dt.datetime]] = []
        for month in months_between(filters.start, filters.end):
            end: dt.date | dt.datetime = (month + dt.timedelta(days=32)).replace(day=1)
            if aware:
                end = timezone.make_aware(dt.datetime.combine(end, dt.time.min))
            self.ends.append((month, end))

    def as_sql(  # type: ignore[override]  # no function, template or joiner: the SQL is written here
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.source_expressions[0])
        operations = connection.ops
        sql = ["CASE"]
        values: list[Any] = []
        for month, end in self.ends:
            sql.append(f"WHEN {column} < %s THEN %s")
            bound = (
                operations.adapt_datetimefield_value(end)
                if isinstance(end, dt.datetime)
                else operations.adapt_datefield_value(end)
            )
            values += [*params, bound, operations.adapt_datefield_value(month)]
        sql.append("END")
        return " ".join(sql), values


class DaysBetween(Func):
    """Whole days from one date to a later one (SQLite's julianday, PostgreSQL's date subtraction): a native
    expression, where Django's date difference on SQLite is a Python function called for every row."""

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def _grouped(query: QuerySet[Any], group: str, month: MonthStart, **aggregates: Any) -> list[dict[str, Any]]:
    return list(query.annotate(group=F(group), month=month).values("group", "month").annotate(**aggregates).order_by())


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _collect(cells: dict[Key, Measures], rows: Iterable[dict[str, Any]], **fields: str) -> None:
    for row in rows:
        if row["group"] is None:
            continue
        measures = cells.setdefault((row["group"], _as_date(row["month"])), Measures())
        for attribute, column in fields.items():
            setattr(measures, attribute, getattr(measures, attribute) + row[column])


def _within(organisations: Scope, filters: Filters, unit: str) -> Q:
    """Rows whose unit (the path `unit` to it) is one of the organisations', or the one unit the filter names."""
    if filters.unit is not None:
        return Q(**{unit: filters.unit})
    return Q(**{f"{unit}__organisation__in": organisations})


def _requested_within(organisations: Scope, filters: Filters, path: str = "") -> Q:
    """Plans requested by a unit of the organisations, or by the one unit the filter names."""
    return _within(organisations, filters, f"{path}initiating_unit")


def _plans(organisations: Scope, filters: Filters, today: dt.date, cells: dict[Key, Measures]) -> None:
    group = _PLAN_GROUP[filters.grouping]
    plans = Plan.objects.filter(
        _requested_within(organisations, filters), requested_on__gte=filters.start, requested_on__lte=filters.end
    )
    milestone = Case(
        When(profile__deadline_milestone=DeadlineMilestone.SUMMONS, then=F("summoned_on")),
        default=F("first_meeting_on"),
        output_field=DateField(),
    )
    known = Q(milestone_on__isnull=False) | (Q(deadline__lt=today) & ~Q(status=PlanStatus.CLOSED))
    # One query for the counts and the histogram of days from request to first meeting: grouped by the days as
    # well (NULL when no meeting is held yet), the counts are the sums over the days.
    rows = (
        plans.annotate(
            milestone_on=milestone,
            group=F(group),
            month=MonthStart("requested_on", filters),
            days=DaysBetween("first_meeting_on", "requested_on"),
        )
        .values("group", "month", "days")
        .annotate(
            requested=Count("pk"),
            deadline_due=Count("pk", filter=known),
            deadline_met=Count("pk", filter=Q(milestone_on__lte=F("deadline"))),
        )
        .order_by()
    )
    for row in rows:
        if row["group"] is None:
            continue
        measures = cells.setdefault((row["group"], _as_date(row["month"])), Measures())
        measures.requested += row["requested"]
        measures.deadline_due += row["deadline_due"]
        measures.deadline_met += row["deadline_met"]
        if row["days"] is not None:
            measures.days_to_meeting[row["days"]] += row["requested"]


def _followups(organisations: Scope, filters: Filters, today: dt.date, cells: dict[Key, Measures]) -> None:
    done = FollowUp.objects.filter(
        _requested_within(organisations, filters, "plan__"), due_on__gte=filters.start, due_on__lte=filters.end
    )
    rows = _grouped(
        done,
        _VIA_PLAN_GROUP[filters.grouping],
        MonthStart("due_on", filters),
        due=Count("pk"),
        on_time=Count("pk", filter=Q(held_on__lte=F("due_on"))),
    )
    _collect(cells, rows, followups_due="due", followups_on_time="on_time")
    # Planned in the period, passed, and still not recorded: missed so far.
    last_missed = min(filters.end, today - dt.timedelta(days=1))
    missed = Plan.objects.filter(
        _requested_within(organisations, filters),
        next_followup_on__gte=filters.start,
        next_followup_on__lte=last_missed,
    ).exclude(status=PlanStatus.CLOSED)
    rows = _grouped(missed, _PLAN_GROUP[filters.grouping], MonthStart("next_followup_on", filters), missed=Count("pk"))
    _collect(cells, rows, followups_due="missed")


def _commitments(organisations: Scope, filters: Filters, today: dt.date, cells: dict[Key, Measures]) -> None:
    commitments = (
        Commitment.objects.filter(
            _within(organisations, filters, "unit"),
            removed=False,
            due_on__gte=filters.start,
            due_on__lte=filters.end,
        )
        .exclude(status=CommitmentStatus.CANCELLED)
        .filter(Q(status=CommitmentStatus.DONE) | Q(due_on__lt=today))
    )
    rows = _grouped(
        commitments,
        _UNIT_GROUP[filters.grouping],
        MonthStart("due_on", filters),
        due=Count("pk"),
        on_time=Count("pk", filter=Q(status=CommitmentStatus.DONE, done_on__lte=F("due_on"))),
    )
    _collect(cells, rows, commitments_due="due", commitments_on_time="on_time")


def _invitations(organisations: Scope, filters: Filters, cells: dict[Key, Measures]) -> None:
    start = timezone.make_aware(dt.datetime.combine(filters.start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(filters.end + dt.timedelta(days=1), dt.time.min))
    units = [filters.unit] if filters.unit is not None else Unit.objects.filter(organisation__in=organisations)
    # The invitations to our units and those of our plans, as a union of two index-driven parts. An OR of the two
    # made PostgreSQL scan every invitation in the county (neither side of an OR of subqueries can use an index),
    # and joins on both sides did the same on SQLite.
    sent = Q(sent_at__gte=start, sent_at__lt=end)
    to_us = Invitation.objects.filter(sent, unit__in=units).order_by().values("pk")
    of_ours = (
        Invitation.objects.filter(sent, plan__in=Plan.objects.filter(_requested_within(organisations, filters)))
        .order_by()
        .values("pk")
    )
    invitations = (
        Invitation.objects.filter(pk__in=to_us.union(of_ours))
        .exclude(status__in=[InvitationStatus.DRAFT, InvitationStatus.WITHDRAWN])
        .annotate(was_absent=Exists(Attendance.objects.filter(invitation=OuterRef("pk"), attended=False)))
    )
    rows = _grouped(
        invitations,
        _UNIT_GROUP[filters.grouping],
        MonthStart("sent_at", filters, aware=True),
        invited=Count("pk"),
        declined=Count("pk", filter=Q(status=InvitationStatus.DECLINED)),
        absent=Count("pk", filter=Q(was_absent=True) & ~Q(status=InvitationStatus.DECLINED)),
    )
    _collect(cells, rows, invited="invited", declined="declined", absent="absent")


def _labels(grouping: str, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if grouping == Grouping.UNIT:
        units = Unit.objects.filter(pk__in=wanted).select_related("organisation")
        return {unit.pk: str(unit) for unit in units}
    if grouping == Grouping.ORGANISATION:
        return dict(Organisation.objects.filter(pk__in=wanted).values_list("pk", "name"))
    return dict(AgreementProfile.objects.filter(pk__in=wanted).values_list("pk", "name"))


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def compute(organisations: Scope, filters: Filters, today: dt.date | None = None) -> Statistics:
    """Every measure for the organisations' plans, per group and month and per group for the whole period.
    A constant number of queries: one or two per measure and one for the groups' names."""
    today = today or timezone.localdate()
    cells: dict[Key, Measures] = {}
    _plans(organisations, filters, today, cells)
    _followups(organisations, filters, today, cells)
    _commitments(organisations, filters, today, cells)
    _invitations(organisations, filters, cells)

    labels = _labels(filters.grouping, {group for group, _month in cells})
    totals: dict[int, Measures] = {}
    for (group, _month), measures in cells.items():
        totals.setdefault(group, Measures()).add(measures)

    def order(group: int) -> str:
        return swedish_key(labels.get(group, ""))

    by_group = [Row(g, labels.get(g, "?"), None, totals[g]) for g in sorted(totals, key=order)]
    by_month = [
        Row(group, labels.get(group, "?"), month, cells[(group, month)])
        for group, month in sorted(cells, key=lambda key: (order(key[0]), key[1]))
    ]
    by_group, by_month = protect(by_group, by_month)
    return Statistics(filters, by_group, by_month, months_between(filters.start, filters.end))

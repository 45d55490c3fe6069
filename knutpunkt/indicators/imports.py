"""Loading Kolada's key figures: from a folder in the shared format (area lists, municipality groups, `kpis.csv` and
one CSV per key figure, see knutpunkt/data/kolada/SOURCE.md) and from files in the Kolada API v2 JSON shape, so a
municipality can load newer figures it downloads itself.

An import is all or nothing. It runs in one transaction, and the first problem in any file stops it with an
`ImportProblem` naming the file, the line (CSV, the header being line 1) or the entry (JSON, "post 1" being the
first) and the reason, in Swedish. Re-importing the same data changes nothing: what is stored is compared first and
only new or changed rows are written. A completed import leaves an `ImportRun` and an audit event; a failed one
leaves nothing at all.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knutpunkt.audit.actions import record
from knutpunkt.indicators.directions import direction_of
from knutpunkt.indicators.models import (
    Area,
    AreaGroup,
    AreaGroupKind,
    AreaKind,
    Gender,
    ImportRun,
    Indicator,
    IndicatorValue,
)
from knutpunkt.organisations.access import Actor

SHARED_FOLDER = Path(__file__).resolve().parent.parent / "data" / "kolada"

FIRST_YEAR = 1950
LAST_YEAR = 2100
# Rows per INSERT/UPDATE statement; Django lowers it further where the database needs (SQLite's variable limit).
BATCH_SIZE = 2000

# Called after each step with (steps done, steps in all, what was just done).
Progress = Callable[[int, int, str], None]

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_YEAR = re.compile(r"\d{4}")
_INDICATOR_CODE = re.compile(r"[a-z][a-z0-9]{0,19}")
_GENDERS = frozenset(Gender.values)


class ImportProblem(ValueError):
    """Why an import stopped: the file, where in it, and the reason, as one Swedish sentence."""

    def __init__(self, file: str, reason: str, *, line: int | None = None, entry: int | None = None) -> None:
        self.file = file
        self.line = line
        self.entry = entry
        self.reason = reason
        if line is not None:
            message = _("%(file)s, rad %(line)s: %(reason)s") % {"file": file, "line": line, "reason": reason}
        elif entry is not None:
            message = _("%(file)s, post %(entry)s: %(reason)s") % {"file": file, "entry": entry, "reason": reason}
        else:
            message = _("%(file)s: %(reason)s") % {"file": file, "reason": reason}
        super().__init__(message)


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportSummary:
    source: str
    files: list[str] = field(default_factory=list)
    areas: Counts = field(default_factory=Counts)
    groups: Counts = field(default_factory=Counts)
    indicators: Counts = field(default_factory=Counts)
    values: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    run: ImportRun | None = None

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in (self.areas, self.groups, self.indicators, self.values))

    def message(self) -> str:
        """One Swedish sentence for the command line and the import page."""
        parts = [_("%(created)s nya värden, %(updated)s ändrade och %(unchanged)s oförändrade") % _numbers(self.values)]
        if self.areas.total:
            parts.append(_("områden: %(created)s nya och %(updated)s ändrade") % _numbers(self.areas))
        if self.groups.total:
            parts.append(_("kommungrupper: %(created)s nya och %(updated)s ändrade") % _numbers(self.groups))
        if self.indicators.total:
            parts.append(_("nyckeltal: %(created)s nya och %(updated)s ändrade") % _numbers(self.indicators))
        return _("Importen är klar: %(parts)s.") % {"parts": "; ".join(parts)}


def _numbers(counts: Counts) -> dict[str, str]:
    return {
        name: str(formats.number_format(getattr(counts, name), force_grouping=True))
        for name in ("created", "updated", "unchanged")
    }


class KoladaFile(NamedTuple):
    """A file's name (for messages) and its bytes: a path read from disk or an uploaded file."""

    name: str
    content: bytes


# --- Public entry points ------------------------------------------------------------------------------------------


def import_shared_data(*, progress: Progress | None = None) -> ImportSummary:
    """Load the Kolada files committed with Knutpunkt (knutpunkt/data/kolada)."""
    return import_folder(SHARED_FOLDER, progress=progress, source=_("Knutpunkts Kolada-filer"))


def import_folder(
    path: Path | str, *, actor: Actor | None = None, progress: Progress | None = None, source: str | None = None
) -> ImportSummary:
    """Import a folder in the shared format: areas, then groups, then key figures, then every kpi/*.csv."""
    folder = Path(path)
    if not folder.is_dir():
        raise ImportProblem(str(folder), _("mappen finns inte"))
    wanted = [*(spec.file for spec in AREA_FILES), *(spec.file for spec in GROUP_FILES), KPIS_FILE]
    for name in wanted:
        if not (folder / name).is_file():
            raise ImportProblem(name, _("filen saknas i mappen %(folder)s") % {"folder": folder})
    if not (folder / "kpi").is_dir():
        raise ImportProblem("kpi", _("mappen med ett värde-CSV per nyckeltal saknas i %(folder)s") % {"folder": folder})
    value_files = sorted((folder / "kpi").glob("*.csv"))
    total = len(wanted) + len(value_files)
    started = time.monotonic()
    started_at = timezone.now()

    with transaction.atomic():
        importer = _Importer(ImportSummary(source=(source or _("Kolada-mapp %(folder)s") % {"folder": folder})))
        done = 0

        def step(name: str) -> None:
            nonlocal done
            done += 1
            importer.summary.files.append(name)
            if progress is not None:
                progress(done, total, name)

        for area_spec in AREA_FILES:
            importer.import_areas(area_spec, _read_text(folder / area_spec.file, area_spec.file))
            step(area_spec.file)
        for group_spec in GROUP_FILES:
            importer.import_groups(group_spec, _read_text(folder / group_spec.file, group_spec.file))
            step(group_spec.file)
        importer.import_indicators(KPIS_FILE, _read_text(folder / KPIS_FILE, KPIS_FILE))
        step(KPIS_FILE)
        for value_path in value_files:
            importer.import_value_csv(value_path.name, _read_text(value_path, value_path.name))
            step(value_path.name)
        return importer.finish(actor, started_at, time.monotonic() - started)


def import_kolada_json(
    paths: Iterable[Path | str], *, actor: Actor | None = None, progress: Progress | None = None
) -> ImportSummary:
    """Import files downloaded from Kolada's API v2 (`/v2/data/...`). Areas and key figures must be loaded first."""
    files = []
    for path in map(Path, paths):
        try:
            files.append(KoladaFile(path.name, path.read_bytes()))
        except OSError:
            raise ImportProblem(path.name, _("filen går inte att läsa (finns den?)")) from None
    return import_kolada_files(files, actor=actor, progress=progress)


def import_kolada_files(
    files: Sequence[KoladaFile], *, actor: Actor | None = None, progress: Progress | None = None
) -> ImportSummary:
    """Import Kolada API v2 JSON documents already in memory (uploads). Every file is checked before anything is
    written; then the values are saved, one key figure at a time."""
    if not files:
        raise ImportProblem(_("(inga filer)"), _("det finns ingenting att importera"))
    total = len(files) + 1
    started = time.monotonic()
    started_at = timezone.now()
    with transaction.atomic():
        importer = _Importer(ImportSummary(source=_("Kolada API v2 (JSON)")))
        incoming: dict[int, dict[tuple[int, int, str], float]] = {}
        seen: dict[tuple[int, int, int, str], tuple[str, int]] = {}
        for done, kolada_file in enumerate(files, start=1):
            importer.read_json(kolada_file, incoming, seen)
            importer.summary.files.append(kolada_file.name)
            if progress is not None:
                progress(done, total, kolada_file.name)
        for indicator_id, values in incoming.items():
            importer.summary.values.add(_write_values(indicator_id, values))
        if progress is not None:
            progress(total, total, _("värdena sparade"))
        return importer.finish(actor, started_at, time.monotonic() - started)


# --- The folder format ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaFile:
    file: str
    kind: AreaKind
    code_column: str
    columns: tuple[str, ...]
    code_pattern: re.Pattern[str]
    code_form: Promise
    parent_column: str | None = None
    parent_kind: AreaKind | None = None
    division: str = ""


# In order: each level's parent is loaded before it. A DeSO area's parent is its RegSO area, which lies in a
# municipality (both from SCB's 2018 division).
AREA_FILES = (
    AreaFile(
        "areas-rike.csv", AreaKind.COUNTRY, "rike", ("rike", "name", "is--rike"), re.compile("0"), gettext_lazy('"0"')
    ),
    AreaFile(
        "areas-region.csv",
        AreaKind.REGION,
        "region",
        ("region", "name", "rike", "is--region"),
        re.compile(r"\d{2}"),
        gettext_lazy("två siffror"),
        parent_column="rike",
        parent_kind=AreaKind.COUNTRY,
    ),
    AreaFile(
        "areas-kommun.csv",
        AreaKind.MUNICIPALITY,
        "kommun",
        ("kommun", "name", "region", "rike", "is--kommun"),
        re.compile(r"\d{4}"),
        gettext_lazy("fyra siffror"),
        parent_column="region",
        parent_kind=AreaKind.REGION,
    ),
    AreaFile(
        "areas-regso.csv",
        AreaKind.REGSO,
        "regso",
        ("regso", "name", "kommun", "region", "rike", "is--regso"),
        re.compile(r"\d{4}R\d{3}"),
        gettext_lazy("som 0114R001"),
        parent_column="kommun",
        parent_kind=AreaKind.MUNICIPALITY,
        division="RegSO 2018",
    ),
    AreaFile(
        "areas-deso.csv",
        AreaKind.DESO,
        "deso",
        ("deso", "name", "kommun", "region", "rike", "deso_type", "regso", "is--deso"),
        re.compile(r"\d{4}[A-C]\d{4}"),
        gettext_lazy("som 0114A0010"),
        parent_column="regso",
        parent_kind=AreaKind.REGSO,
        division="DeSO 2018",
    ),
)


@dataclass(frozen=True)
class GroupFile:
    file: str
    kind: AreaGroupKind
    columns: tuple[str, ...]
    member_column: str


GROUP_FILES = (
    GroupFile(
        "kommungrupper-skr.csv", AreaGroupKind.SKR, ("kommun", "kommun_name", "group_id", "group_title"), "kommun"
    ),
    GroupFile(
        "liknande-kommuner-ifo.csv",
        AreaGroupKind.SIMILAR,
        ("group_id", "group_title", "member_kommun", "member_name"),
        "member_kommun",
    ),
)

KPIS_FILE = "kpis.csv"
KPI_COLUMNS = (
    "concept",
    "name",
    "description",
    "operating_area",
    "perspective",
    "municipality_type",
    "is_divided_by_gender",
    "publication_date",
)


def _read_text(path: Path, name: str) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        raise ImportProblem(name, _("filen går inte att läsa")) from None
    return _decode(name, data)


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportProblem(name, _("filen är inte kodad som UTF-8"), line=line) from None


def _csv_rows(name: str, text: str, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows as (line, {column: stripped text}) after checking the header against `columns`. Lines are counted
    as records, the header being line 1, as a spreadsheet numbers its rows; empty lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0  # the last record read; a broken one is the next
    try:
        header = next(reader, None)
        if header is None:
            raise ImportProblem(name, _("filen är tom"))
        number = 1
        header = [cell.strip().lower() for cell in header]
        _check_columns(name, header, columns)
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise ImportProblem(
                    name,
                    _("raden har %(found)s fält men rubrikraden har %(expected)s")
                    % {"found": len(cells), "expected": len(header)},
                    line=number,
                )
            yield number, {column: cell.strip() for column, cell in zip(header, cells, strict=True)}
    except csv.Error:
        raise ImportProblem(name, _("raden går inte att läsa som CSV"), line=number + 1) from None


def _check_columns(name: str, header: list[str], columns: Sequence[str]) -> None:
    twice = sorted({column for column in header if header.count(column) > 1})
    missing = [column for column in columns if column not in header]
    unknown = [column for column in header if column not in columns]
    problems = []
    if missing:
        problems.append(_("kolumner saknas: %(columns)s") % {"columns": _quoted(missing)})
    if unknown:
        problems.append(_("okända kolumner: %(columns)s") % {"columns": _quoted(unknown)})
    if twice:
        problems.append(_("kolumner finns två gånger: %(columns)s") % {"columns": _quoted(twice)})
    if problems:
        expected = _quoted(columns)
        raise ImportProblem(
            name,
            _("%(problems)s (väntade kolumner: %(expected)s)")
            % {"problems": "; ".join(problems), "expected": expected},
            line=1,
        )


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(f'"{item}"' for item in items)


def _required(name: str, line: int, row: dict[str, str], column: str, *, max_length: int | None = None) -> str:
    text = row[column]
    if not text:
        raise ImportProblem(name, _('fältet "%(column)s" är tomt') % {"column": column}, line=line)
    return _at_most(name, line, column, text, max_length)


def _at_most(name: str, line: int, column: str, text: str, max_length: int | None) -> str:
    if max_length is not None and len(text) > max_length:
        raise ImportProblem(
            name,
            _('fältet "%(column)s" är längre än %(max)s tecken') % {"column": column, "max": max_length},
            line=line,
        )
    return text


def _year(name: str, text: str, **where: int) -> int:
    if not _YEAR.fullmatch(text):
        raise ImportProblem(name, _('året "%(year)s" är inte ett årtal') % {"year": text}, **where)
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ImportProblem(
            name,
            _("året %(year)s ligger utanför %(first)s–%(last)s")
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR},
            **where,
        )
    return year


def _number(name: str, text: str, **where: int) -> float:
    if not _NUMBER.fullmatch(text) or not math.isfinite(number := float(text)):
        raise ImportProblem(name, _('värdet "%(value)s" är inte ett tal') % {"value": text}, **where)
    return number


class _Importer:
    """The state of one import: the areas and key figures known so far (stored before, or loaded by an earlier file
    of this import) and what has changed."""

    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.areas: dict[str, tuple[int, str]] = {
            code: (pk, kind) for code, pk, kind in Area.objects.values_list("code", "pk", "kind")
        }
        self.indicators: dict[str, int] = dict(Indicator.objects.values_list("code", "pk"))
        self.value_files: dict[str, str] = {}
        self.municipality_names: dict[str, list[int]] | None = None

    # --- Areas

    def import_areas(self, spec: AreaFile, text: str) -> None:
        name = spec.file
        rows: dict[str, tuple[str, int | None]] = {}
        lines: dict[str, int] = {}
        for line, row in _csv_rows(name, text, spec.columns):
            code = _required(name, line, row, spec.code_column)
            if not spec.code_pattern.fullmatch(code):
                raise ImportProblem(
                    name,
                    _('koden "%(code)s" har fel form (väntat: %(form)s)') % {"code": code, "form": spec.code_form},
                    line=line,
                )
            if code in lines:
                raise ImportProblem(
                    name,
                    _('koden "%(code)s" finns redan på rad %(other)s') % {"code": code, "other": lines[code]},
                    line=line,
                )
            lines[code] = line
            known = self.areas.get(code)
            if known is not None and known[1] != spec.kind:
                raise ImportProblem(
                    name,
                    _('koden "%(code)s" används redan för ett område av typen %(kind)s')
                    % {"code": code, "kind": AreaKind(known[1]).label},
                    line=line,
                )
            area_name = _required(name, line, row, "name", max_length=200)
            parent_id = None
            if spec.parent_column is not None:
                parent_code = _required(name, line, row, spec.parent_column)
                parent = self.areas.get(parent_code)
                if parent is None or parent[1] != spec.parent_kind:
                    raise ImportProblem(
                        name,
                        _('%(column)s "%(code)s" finns inte bland områdena')
                        % {"column": spec.parent_column, "code": parent_code},
                        line=line,
                    )
                parent_id = parent[0]
            rows[code] = (area_name, parent_id)

        existing = {
            area.code: area
            for area in Area.objects.filter(kind=spec.kind).only("code", "name", "parent_id", "division")
        }
        new: list[Area] = []
        changed: list[Area] = []
        counts = Counts()
        for code, (area_name, parent_id) in rows.items():
            area = existing.get(code)
            if area is None:
                new.append(Area(code=code, kind=spec.kind, name=area_name, parent_id=parent_id, division=spec.division))
            elif (area.name, area.parent_id, area.division) != (area_name, parent_id, spec.division):
                area.name, area.parent_id, area.division = area_name, parent_id, spec.division
                changed.append(area)
            else:
                counts.unchanged += 1
        Area.objects.bulk_create(new, batch_size=BATCH_SIZE)
        Area.objects.bulk_update(changed, ["name", "parent", "division"], batch_size=BATCH_SIZE)
        counts.created, counts.updated = len(new), len(changed)
        self.summary.areas.add(counts)
        if new:
            self.areas.update(
                (code, (pk, spec.kind)) for code, pk in Area.objects.filter(kind=spec.kind).values_list("code", "pk")
            )

    # --- Municipality groups

    def import_groups(self, spec: GroupFile, text: str) -> None:
        name = spec.file
        municipalities = {code: pk for code, (pk, kind) in self.areas.items() if kind == AreaKind.MUNICIPALITY}
        titles: dict[str, tuple[str, int]] = {}
        for_areas: dict[str, int | None] = {}
        members: dict[str, set[int]] = {}
        member_lines: dict[tuple[str, str], int] = {}
        for line, row in _csv_rows(name, text, spec.columns):
            code = _required(name, line, row, "group_id", max_length=20)
            title = _required(name, line, row, "group_title", max_length=200)
            member = _required(name, line, row, spec.member_column)
            if member not in municipalities:
                raise ImportProblem(
                    name, _('kommunkoden "%(code)s" finns inte bland kommunerna') % {"code": member}, line=line
                )
            # An SKR group is a partition: a municipality is in one. A "similar" group is one per municipality.
            key = (code, member) if spec.kind == AreaGroupKind.SIMILAR else ("", member)
            if key in member_lines:
                raise ImportProblem(
                    name,
                    _('kommunen "%(code)s" finns redan på rad %(other)s')
                    % {"code": member, "other": member_lines[key]},
                    line=line,
                )
            member_lines[key] = line
            if code not in titles:
                titles[code] = (title, line)
                for_areas[code] = (
                    self._group_for_area(name, line, title) if spec.kind == AreaGroupKind.SIMILAR else None
                )
                members[code] = set()
            elif titles[code][0] != title:
                raise ImportProblem(
                    name,
                    _('gruppen "%(code)s" har en annan benämning på rad %(other)s')
                    % {"code": code, "other": titles[code][1]},
                    line=line,
                )
            members[code].add(municipalities[member])

        existing = {group.code: group for group in AreaGroup.objects.filter(code__in=list(titles))}
        for code, stored_group in existing.items():
            if stored_group.kind != spec.kind:
                raise ImportProblem(
                    name,
                    _('gruppkoden "%(code)s" används redan för en grupp av typen %(kind)s')
                    % {"code": code, "kind": AreaGroupKind(stored_group.kind).label},
                    line=titles[code][1],
                )
        new: list[AreaGroup] = []
        changed: list[AreaGroup] = []
        for code, (title, _line) in titles.items():
            group = existing.get(code)
            if group is None:
                new.append(AreaGroup(code=code, kind=spec.kind, title=title, for_area_id=for_areas[code]))
            elif (group.title, group.for_area_id) != (title, for_areas[code]):
                group.title, group.for_area_id = title, for_areas[code]
                changed.append(group)
        AreaGroup.objects.bulk_create(new, batch_size=BATCH_SIZE)
        AreaGroup.objects.bulk_update(changed, ["title", "for_area"], batch_size=BATCH_SIZE)
        ids = dict(AreaGroup.objects.filter(code__in=list(titles)).values_list("code", "pk"))

        # Members: add the missing, remove those no longer listed.
        through = AreaGroup.members.through
        # (group id, area id) → the membership row's id, which the removals delete by.
        stored: dict[tuple[int, int], int] = {
            (group_id, area_id): pk
            for pk, group_id, area_id in through.objects.filter(areagroup_id__in=list(ids.values())).values_list(
                "pk", "areagroup_id", "area_id"
            )
        }
        wanted = {(ids[code], area_id) for code, area_ids in members.items() for area_id in area_ids}
        to_add = wanted - stored.keys()
        to_remove = stored.keys() - wanted
        through.objects.bulk_create(
            [through(areagroup_id=group_id, area_id=area_id) for group_id, area_id in sorted(to_add)],
            batch_size=BATCH_SIZE,
        )
        removed = sorted(stored[pair] for pair in to_remove)
        for start in range(0, len(removed), BATCH_SIZE):
            through.objects.filter(pk__in=removed[start : start + BATCH_SIZE]).delete()

        groups_with_new_members = {group_id for group_id, _area in to_add | to_remove}
        changed_ids = {group.pk for group in changed} | groups_with_new_members
        new_ids = {ids[group.code] for group in new}
        counts = Counts(created=len(new_ids), updated=len(changed_ids - new_ids))
        counts.unchanged = len(titles) - counts.created - counts.updated
        self.summary.groups.add(counts)

    def _group_for_area(self, name: str, line: int, title: str) -> int:
        """The municipality a "similar municipalities" group is for, named in its title:
        "Liknande kommuner IFO, Ale, 2024"."""
        if self.municipality_names is None:
            self.municipality_names = {}
            for pk, area_name in Area.objects.filter(kind=AreaKind.MUNICIPALITY).values_list("pk", "name"):
                self.municipality_names.setdefault(area_name.casefold(), []).append(pk)
        parts = title.split(", ")
        municipality = ", ".join(parts[1:-1]) if len(parts) >= 3 else ""
        matches = self.municipality_names.get(municipality.casefold(), [])
        if len(matches) != 1:
            raise ImportProblem(
                name,
                _(
                    'benämningen "%(title)s" nämner ingen känd kommun som gruppen gäller '
                    '(väntat: "Liknande kommuner IFO, <kommun>, <år>")'
                )
                % {"title": title},
                line=line,
            )
        return matches[0]

    # --- Key figures

    def import_indicators(self, name: str, text: str) -> None:
        rows: dict[str, dict[str, Any]] = {}
        lines: dict[str, int] = {}
        for line, row in _csv_rows(name, text, KPI_COLUMNS):
            code = _required(name, line, row, "concept").lower()
            if not _INDICATOR_CODE.fullmatch(code):
                raise ImportProblem(name, _('"%(code)s" är inget nyckeltals-id') % {"code": row["concept"]}, line=line)
            if code in lines:
                raise ImportProblem(
                    name,
                    _('nyckeltalet "%(code)s" finns redan på rad %(other)s') % {"code": code, "other": lines[code]},
                    line=line,
                )
            lines[code] = line
            divided = row["is_divided_by_gender"]
            if divided not in ("0", "1"):
                raise ImportProblem(
                    name,
                    _('fältet "is_divided_by_gender" ska vara 0 eller 1, inte "%(value)s"') % {"value": divided},
                    line=line,
                )
            rows[code] = {
                "title": _required(name, line, row, "name", max_length=300),
                "description": row["description"],
                "operating_area": _at_most(name, line, "operating_area", row["operating_area"], 200),
                "perspective": _at_most(name, line, "perspective", row["perspective"], 100),
                "municipality_type": _at_most(name, line, "municipality_type", row["municipality_type"], 10),
                "is_divided_by_gender": divided == "1",
                "publication_date": _date(name, line, row["publication_date"]),
                "direction": direction_of(code).value,
            }

        fields = list(next(iter(rows.values())).keys()) if rows else []
        existing = {indicator.code: indicator for indicator in Indicator.objects.filter(code__in=list(rows))}
        new: list[Indicator] = []
        changed: list[Indicator] = []
        counts = Counts()
        for code, values in rows.items():
            indicator = existing.get(code)
            if indicator is None:
                new.append(Indicator(code=code, **values))
            elif any(getattr(indicator, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(indicator, key, value)
                changed.append(indicator)
            else:
                counts.unchanged += 1
        Indicator.objects.bulk_create(new, batch_size=BATCH_SIZE)
        if changed:
            Indicator.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
        counts.created, counts.updated = len(new), len(changed)
        self.summary.indicators.add(counts)
        if new:
            self.indicators.update(Indicator.objects.filter(code__in=list(rows)).values_list("code", "pk"))

    # --- Values, one CSV per key figure

    def import_value_csv(self, name: str, text: str) -> None:
        code = name.removesuffix(".csv").lower()
        if code in self.value_files:
            raise ImportProblem(
                name,
                _('nyckeltalet "%(code)s" finns redan i filen %(other)s')
                % {"code": code, "other": self.value_files[code]},
            )
        self.value_files[code] = name
        indicator_id = self.indicators.get(code)
        if indicator_id is None:
            raise ImportProblem(
                name, _('nyckeltalet "%(code)s" finns inte i %(file)s') % {"code": code, "file": KPIS_FILE}
            )
        values: dict[tuple[int, int, str], float] = {}
        lines: dict[tuple[int, int, str], int] = {}
        for line, row in _csv_rows(name, text, ("geo", "year", code)):
            geo = _required(name, line, row, "geo")
            area = self.areas.get(geo)
            if area is None:
                raise ImportProblem(name, _('området "%(code)s" finns inte') % {"code": geo}, line=line)
            year = _year(name, _required(name, line, row, "year"), line=line)
            value = _number(name, _required(name, line, row, code), line=line)
            key = (area[0], year, Gender.TOTAL.value)
            if key in lines:
                raise ImportProblem(
                    name,
                    _('området "%(code)s" och året %(year)s finns redan på rad %(other)s')
                    % {"code": geo, "year": year, "other": lines[key]},
                    line=line,
                )
            lines[key] = line
            values[key] = value
        self.summary.values.add(_write_values(indicator_id, values))

    # --- Kolada API v2 JSON

    def read_json(
        self,
        kolada_file: KoladaFile,
        incoming: dict[int, dict[tuple[int, int, str], float]],
        seen: dict[tuple[int, int, int, str], tuple[str, int]],
    ) -> None:
        """Check one JSON document and add its published values to `incoming` (per key figure). `seen` remembers
        where each value came from, so the same value twice in one import is reported with both places."""
        name = kolada_file.name
        text = _decode(name, kolada_file.content)
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportProblem(
                name, _("filen är inte giltig JSON (tecken %(column)s)") % {"column": error.colno}, line=error.lineno
            ) from None
        if not isinstance(document, dict) or not isinstance(document.get("values"), list):
            raise ImportProblem(
                name, _('filen har inte formen från Kolada API v2: en lista "values" på översta nivån saknas')
            )
        for entry_number, entry in enumerate(document["values"], start=1):
            where = {"entry": entry_number}
            if not isinstance(entry, dict):
                raise ImportProblem(name, _("posten är inte ett objekt"), **where)
            kpi = _json_text(name, entry, "kpi", where).lower()
            indicator_id = self.indicators.get(kpi)
            if indicator_id is None:
                raise ImportProblem(
                    name,
                    _('nyckeltalet "%(code)s" finns inte i Knutpunkt (importera nyckeltalen först)')
                    % {"code": entry["kpi"]},
                    **where,
                )
            municipality = _json_text(name, entry, "municipality", where)
            area = self.areas.get(_area_code(municipality))
            if area is None:
                raise ImportProblem(
                    name, _('området "%(code)s" finns inte i Knutpunkt') % {"code": municipality}, **where
                )
            period = entry.get("period")
            if isinstance(period, int) and not isinstance(period, bool):
                period = str(period)
            if not isinstance(period, str):
                raise ImportProblem(name, _('fältet "period" saknas eller är inget årtal'), **where)
            year = _year(name, period, **where)
            genders = entry.get("values")
            if not isinstance(genders, list):
                raise ImportProblem(name, _('fältet "values" saknas eller är ingen lista'), **where)
            for item in genders:
                if not isinstance(item, dict):
                    raise ImportProblem(name, _('ett värde i "values" är inte ett objekt'), **where)
                gender = _json_text(name, item, "gender", where).upper()
                if gender not in _GENDERS:
                    raise ImportProblem(
                        name, _('könet "%(gender)s" är inte T, K eller M') % {"gender": item["gender"]}, **where
                    )
                value = item.get("value")
                if value is None:
                    continue  # not published (too few, or withheld): nothing to store
                if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                    raise ImportProblem(name, _('värdet "%(value)s" är inte ett tal') % {"value": value}, **where)
                key = (indicator_id, area[0], year, gender)
                if key in seen:
                    other_file, other_entry = seen[key]
                    raise ImportProblem(
                        name,
                        _("samma nyckeltal, område, år och kön finns redan i %(file)s, post %(entry)s")
                        % {"file": other_file, "entry": other_entry},
                        **where,
                    )
                seen[key] = (name, entry_number)
                incoming.setdefault(indicator_id, {})[(area[0], year, gender)] = float(value)

    # --- The end

    def finish(self, actor: Actor | None, started_at: datetime, seconds: float) -> ImportSummary:
        summary = self.summary
        summary.seconds = seconds
        summary.run = ImportRun.objects.create(
            started_at=started_at,
            imported_by=actor.user if actor else None,
            source=summary.source[:300],
            files=summary.files,
            created=summary.values.created,
            updated=summary.values.updated,
            unchanged=summary.values.unchanged,
        )
        record(
            actor,
            "indicators.imported",
            obj=summary.run,
            detail={
                "source": summary.source,
                "files": len(summary.files),
                "values": {"created": summary.values.created, "updated": summary.values.updated},
                "areas": {"created": summary.areas.created, "updated": summary.areas.updated},
                "groups": {"created": summary.groups.created, "updated": summary.groups.updated},
                "indicators": {"created": summary.indicators.created, "updated": summary.indicators.updated},
            },
        )
        return summary


def _date(name: str, line: int, text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ImportProblem(
            name, _('datumet "%(date)s" är inte ett datum (ÅÅÅÅ-MM-DD)') % {"date": text}, line=line
        ) from None


def _json_text(name: str, item: dict[str, Any], key: str, where: dict[str, int]) -> str:
    text = item.get(key)
    if not isinstance(text, str) or not text.strip():
        raise ImportProblem(name, _('fältet "%(field)s" ska vara en text som inte är tom') % {"field": key}, **where)
    return text.strip()


def _area_code(kolada_id: str) -> str:
    """Kolada's API names Sweden "0000" and the regions "0001"-"0025"; the shared files (and SCB) use "0" and two
    digits. No municipality code starts with "00"."""
    if kolada_id == "0000":
        return "0"
    if len(kolada_id) == 4 and kolada_id.startswith("00") and kolada_id.isdigit():
        return kolada_id[2:]
    return kolada_id


def _write_values(indicator_id: int, values: dict[tuple[int, int, str], float]) -> Counts:
    """Store an indicator's values: insert the new, update the changed, leave the equal alone."""
    areas = {area_id for area_id, _year, _gender in values}
    stored = (
        {
            (area_id, year, gender): (pk, value)
            for pk, area_id, year, gender, value in IndicatorValue.objects.filter(
                indicator_id=indicator_id, area_id__in=areas
            ).values_list("pk", "area_id", "year", "gender", "value")
        }
        if values
        else {}
    )
    new: list[IndicatorValue] = []
    changed: list[IndicatorValue] = []
    unchanged = 0
    for (area_id, year, gender), value in values.items():
        existing = stored.get((area_id, year, gender))
        if existing is None:
            new.append(
                IndicatorValue(indicator_id=indicator_id, area_id=area_id, year=year, gender=gender, value=value)
            )
        elif existing[1] != value:
            changed.append(IndicatorValue(pk=existing[0], value=value))
        else:
            unchanged += 1
    IndicatorValue.objects.bulk_create(new, batch_size=BATCH_SIZE)
    IndicatorValue.objects.bulk_update(changed, ["value"], batch_size=BATCH_SIZE)
    return Counts(created=len(new), updated=len(changed), unchanged=unchanged)

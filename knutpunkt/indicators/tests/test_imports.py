"""Importing Kolada's key figures: the shared folder and the Kolada API v2 JSON files, all or nothing, idempotent,
with Swedish errors naming file, line and reason; the command and the upload page.

The mini folder in tests/data/kolada has Sweden, Region Värmland, three municipalities (Kil, Karlstad, Arvika), two
RegSO and two DeSO areas, both kinds of municipality groups and two key figures; broken variants are copies of it
with one thing changed.
"""

from __future__ import annotations

import csv
import json
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connections
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from knutpunkt.audit.models import AuditEvent
from knutpunkt.indicators import forms
from knutpunkt.indicators.imports import (
    SHARED_FOLDER,
    ImportProblem,
    import_folder,
    import_kolada_json,
    import_shared_data,
)
from knutpunkt.indicators.models import (
    Area,
    AreaGroup,
    AreaGroupKind,
    AreaKind,
    Direction,
    ImportRun,
    Indicator,
    IndicatorValue,
)
from knutpunkt.indicators.tasks import refresh_forecasts_task
from knutpunkt.testing.cast import Cast

DATA = Path(__file__).resolve().parent / "data"
FOLDER = DATA / "kolada"
JSON_NEW_YEAR = DATA / "json" / "n31807-2023.json"
JSON_SWEDEN = DATA / "json" / "n01951-2023.json"
PAGE = reverse("indicators:imports")


def snapshot() -> dict[str, list[Any]]:
    """Every row the imports write, to compare before and after a refused import."""
    return {
        "areas": list(Area.objects.order_by("code").values_list("code", "kind", "name", "parent__code", "division")),
        "groups": list(AreaGroup.objects.order_by("code").values_list("code", "kind", "title", "for_area__code")),
        "members": sorted(AreaGroup.members.through.objects.values_list("areagroup__code", "area__code")),
        "indicators": list(Indicator.objects.order_by("code").values_list("code", "title", "direction")),
        "values": list(
            IndicatorValue.objects.order_by("pk").values_list(
                "indicator__code", "area__code", "year", "gender", "value"
            )
        ),
        "runs": list(ImportRun.objects.values_list("pk", flat=True)),
        "audit": list(AuditEvent.objects.filter(event="indicators.imported").values_list("pk", flat=True)),
    }


def value(code: str, area: str, year: int, gender: str = "T") -> float:
    return IndicatorValue.objects.get(indicator__code=code, area__code=area, year=year, gender=gender).value


def changed_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the mini folder with `old` replaced by `new` in one file (which must contain it): a broken folder,
    or one with newer data."""
    folder = tmp_path / "kolada"
    shutil.copytree(FOLDER, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


@pytest.fixture
def loaded(db: None) -> None:
    import_folder(FOLDER)


# --- The shared folder ---------------------------------------------------------------------------------------------


def _data_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_shared_folder_loads_and_the_counts_match_the_files(db: None) -> None:
    summary = import_shared_data()

    value_rows = sum(len(_data_rows(path)) for path in (SHARED_FOLDER / "kpi").glob("*.csv"))
    area_files = ["areas-rike.csv", "areas-region.csv", "areas-kommun.csv", "areas-regso.csv", "areas-deso.csv"]
    area_rows = sum(len(_data_rows(SHARED_FOLDER / name)) for name in area_files)
    skr = {row["group_id"] for row in _data_rows(SHARED_FOLDER / "kommungrupper-skr.csv")}
    similar = {row["group_id"] for row in _data_rows(SHARED_FOLDER / "liknande-kommuner-ifo.csv")}
    assert summary.values.created == IndicatorValue.objects.count() == value_rows > 100_000
    assert summary.areas.created == Area.objects.count() == area_rows
    assert Area.objects.filter(kind=AreaKind.MUNICIPALITY).count() == 290
    assert AreaGroup.objects.filter(kind=AreaGroupKind.SKR).count() == len(skr)
    assert AreaGroup.objects.filter(kind=AreaGroupKind.SIMILAR).count() == len(similar) == 290
    assert Indicator.objects.count() == len(_data_rows(SHARED_FOLDER / "kpis.csv")) == 29
    # Codes are text: Upplands Väsby keeps its leading zero and lies in Region Stockholm ("01").
    assert Area.objects.get(code="0114").parent.code == "01"  # type: ignore[union-attr]
    assert ImportRun.objects.get().created == value_rows


# --- The folder format ---------------------------------------------------------------------------------------------


def test_the_folder_loads_areas_groups_and_key_figures(loaded: None) -> None:
    karlstad = Area.objects.get(code="1780")
    assert (karlstad.kind, karlstad.name, karlstad.parent.code) == (AreaKind.MUNICIPALITY, "Karlstad", "17")  # type: ignore[union-attr]
    deso = Area.objects.get(code="1780C1010")
    assert (deso.kind, deso.division, deso.parent.code) == (AreaKind.DESO, "DeSO 2018", "1780R001")  # type: ignore[union-attr]
    assert Area.objects.get(code="1780R001").division == "RegSO 2018"
    similar = AreaGroup.objects.get(code="G1001")
    assert similar.kind == AreaGroupKind.SIMILAR
    assert similar.for_area == karlstad
    assert sorted(similar.members.values_list("code", flat=True)) == ["1715", "1784"]
    assert sorted(AreaGroup.objects.get(code="G92793").members.values_list("code", flat=True)) == ["1715", "1784"]
    assert value("n31807", "1784", 2022) == 5.5
    assert value("n31807", "0", 2021) == 3.9


def test_key_figures_get_their_metadata_and_desired_direction(loaded: None) -> None:
    assistance = Indicator.objects.get(code="n31807")
    assert assistance.direction == Direction.LOWER_IS_BETTER
    assert assistance.is_divided_by_gender is False
    assert assistance.operating_area == "Ekonomiskt bistånd"
    assert "dividerat med antal invånare" in assistance.description
    population = Indicator.objects.get(code="n01951")
    assert population.direction == Direction.NEUTRAL
    assert population.is_divided_by_gender is True
    assert str(population.publication_date) == "2025-02-22"


def test_reimporting_the_same_folder_changes_nothing(loaded: None) -> None:
    before = snapshot()

    summary = import_folder(FOLDER)

    assert not summary.changed
    assert (summary.values.created, summary.values.updated, summary.values.unchanged) == (0, 0, 15)
    assert summary.areas.unchanged == 9 and summary.groups.unchanged == 4 and summary.indicators.unchanged == 2
    after = snapshot()
    assert len(after["runs"]) == 2
    assert {key: rows for key, rows in after.items() if key not in ("runs", "audit")} == {
        key: rows for key, rows in before.items() if key not in ("runs", "audit")
    }


def test_a_changed_folder_updates_only_what_changed(loaded: None, tmp_path: Path) -> None:
    folder = changed_copy(tmp_path, "areas-kommun.csv", "1715,Kil,", "1715,Kils kommun,")
    (folder / "kpi" / "n31807.csv").write_text(
        (folder / "kpi" / "n31807.csv").read_text(encoding="utf-8").replace("1784,2022,5.5", "1784,2022,5.7"),
        encoding="utf-8",
    )
    (folder / "liknande-kommuner-ifo.csv").write_text(
        (folder / "liknande-kommuner-ifo.csv")
        .read_text(encoding="utf-8")
        .replace('G1002,"Liknande kommuner IFO, Arvika, 2024",1715,Kil\n', ""),
        encoding="utf-8",
    )

    summary = import_folder(folder)

    assert (summary.areas.updated, summary.groups.updated, summary.values.updated) == (1, 1, 1)
    assert summary.values.unchanged == 14
    assert Area.objects.get(code="1715").name == "Kils kommun"
    assert value("n31807", "1784", 2022) == 5.7
    assert list(AreaGroup.objects.get(code="G1002").members.values_list("code", flat=True)) == ["1780"]


def test_progress_is_reported_after_each_file(db: None) -> None:
    steps: list[tuple[int, int, str]] = []

    import_folder(FOLDER, progress=lambda done, total, label: steps.append((done, total, label)))

    assert steps[0] == (1, 10, "areas-rike.csv")
    assert steps[-1] == (10, 10, "n31807.csv")
    assert [done for done, _total, _label in steps] == list(range(1, 11))


BROKEN_FOLDERS = [
    pytest.param(
        "areas-kommun.csv",
        "kommun,name,region,rike,is--kommun",
        "kommun,name,rike,is--kommun",
        'areas-kommun.csv, rad 1: kolumner saknas: "region"',
        id="missing-column",
    ),
    pytest.param(
        "kpis.csv",
        "publication_date\n",
        "publication_date,unit\n",
        'kpis.csv, rad 1: okända kolumner: "unit"',
        id="extra-column",
    ),
    pytest.param(
        "kpi/n31807.csv",
        "geo,year,n31807",
        "geo,year,n31808",
        'n31807.csv, rad 1: kolumner saknas: "n31807"; okända kolumner: "n31808"',
        id="misnamed-column",
    ),
    pytest.param(
        "areas-kommun.csv",
        "1780,Karlstad,",
        "1780,,",
        'areas-kommun.csv, rad 3: fältet "name" är tomt',
        id="empty-field",
    ),
    pytest.param(
        "kpi/n31807.csv", "1780,2022,4.5", "1780,2022,", 'n31807.csv, rad 9: fältet "n31807" är tomt', id="empty-value"
    ),
    pytest.param(
        "kpi/n31807.csv",
        "1780,2022,4.5",
        "1780,2022,abc",
        'n31807.csv, rad 9: värdet "abc" är inte ett tal',
        id="not-a-number",
    ),
    pytest.param(
        "kpi/n31807.csv",
        "1780,2022,4.5",
        "1780,2022,4,5",
        "n31807.csv, rad 9: raden har 4 fält men rubrikraden har 3",
        id="decimal-comma",
    ),
    pytest.param(
        "kpi/n31807.csv",
        "1780,2022,4.5",
        "1780,1949,4.5",
        "n31807.csv, rad 9: året 1949 ligger utanför 1950–2100",
        id="year-too-early",
    ),
    pytest.param(
        "kpi/n31807.csv",
        "1780,2022,4.5",
        "1780,2101,4.5",
        "n31807.csv, rad 9: året 2101 ligger utanför 1950–2100",
        id="year-too-late",
    ),
    pytest.param(
        "kpi/n31807.csv",
        "1780,2022,4.5",
        "1780,20x2,4.5",
        'n31807.csv, rad 9: året "20x2" är inte ett årtal',
        id="year-not-a-year",
    ),
    pytest.param(
        "kpi/n31807.csv",
        "1780,2022,4.5",
        "1781,2022,4.5",
        'n31807.csv, rad 9: området "1781" finns inte',
        id="unknown-geo",
    ),
    pytest.param(
        "kpi/n31807.csv",
        "1780,2022,4.5",
        "1780,2021,4.5",
        'n31807.csv, rad 9: området "1780" och året 2021 finns redan på rad 8',
        id="duplicate-row",
    ),
    pytest.param(
        "areas-kommun.csv",
        "1784,Arvika,17,",
        "1784,Arvika,18,",
        'areas-kommun.csv, rad 4: region "18" finns inte bland områdena',
        id="unknown-parent",
    ),
    pytest.param(
        "areas-kommun.csv",
        "1784,Arvika,",
        "784,Arvika,",
        'areas-kommun.csv, rad 4: koden "784" har fel form (väntat: fyra siffror)',
        id="code-without-leading-digit",
    ),
    pytest.param(
        "areas-kommun.csv",
        "1784,Arvika,",
        "1780,Arvika,",
        'areas-kommun.csv, rad 4: koden "1780" finns redan på rad 3',
        id="duplicate-area",
    ),
    pytest.param(
        "kommungrupper-skr.csv",
        "1715,Kil,",
        "1799,Kil,",
        'kommungrupper-skr.csv, rad 4: kommunkoden "1799" finns inte bland kommunerna',
        id="unknown-group-member",
    ),
    pytest.param(
        "liknande-kommuner-ifo.csv",
        "IFO, Karlstad, 2024",
        "IFO, Karlstadt, 2024",
        'liknande-kommuner-ifo.csv, rad 2: benämningen "Liknande kommuner IFO, Karlstadt, 2024" nämner ingen känd '
        "kommun",
        id="similar-group-for-unknown-municipality",
    ),
    pytest.param(
        "kpis.csv",
        "Övrigt,A,1,2025-02-22",
        "Övrigt,A,ja,2025-02-22",
        'kpis.csv, rad 2: fältet "is_divided_by_gender" ska vara 0 eller 1, inte "ja"',
        id="not-zero-or-one",
    ),
    pytest.param(
        "kpis.csv",
        "Övrigt,A,1,2025-02-22",
        "Övrigt,A,1,22/2 2025",
        'kpis.csv, rad 2: datumet "22/2 2025" är inte ett datum',
        id="not-a-date",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), BROKEN_FOLDERS)
def test_a_broken_folder_is_refused_with_file_line_and_reason_and_nothing_changes(
    loaded: None, tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    folder = changed_copy(tmp_path, file, old, new)
    before = snapshot()

    with pytest.raises(ImportProblem) as problem:
        import_folder(folder)

    assert str(problem.value).startswith(message)
    assert snapshot() == before


def test_a_bad_last_file_undoes_the_good_files_before_it(loaded: None, tmp_path: Path) -> None:
    # Earlier files change an area, a group and a value; the last file (n31807.csv) is broken on its last line.
    folder = changed_copy(tmp_path, "areas-kommun.csv", "1715,Kil,", "1715,Kils kommun,")
    for file, old, new in [
        (
            "kommungrupper-skr.csv",
            "1715,Kil,G92793,Lågpendlingskommun nära mindre stad (ovägt medel)",
            "1715,Kil,G92789,Större stad (ovägt medel)",
        ),
        ("kpi/n01951.csv", "1780,2022,95543", "1780,2022,95544"),
        ("kpi/n31807.csv", "1784,2022,5.5", "1784,2022,x"),
    ]:
        path = folder / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    before = snapshot()

    with pytest.raises(ImportProblem, match=r'^n31807\.csv, rad 11: värdet "x" är inte ett tal$'):
        import_folder(folder)

    assert snapshot() == before
    assert Area.objects.get(code="1715").name == "Kil"
    assert value("n01951", "1780", 2022) == 95543


def test_a_bad_last_file_leaves_an_empty_database_empty(db: None, tmp_path: Path) -> None:
    folder = changed_copy(tmp_path, "kpi/n31807.csv", "1784,2022,5.5", "1784,2022,x")

    with pytest.raises(ImportProblem, match=r"^n31807\.csv, rad 11"):
        import_folder(folder)

    assert all(rows == [] for rows in snapshot().values())


def test_a_file_not_in_utf8_is_refused(loaded: None, tmp_path: Path) -> None:
    folder = tmp_path / "kolada"
    shutil.copytree(FOLDER, folder)
    region = folder / "areas-region.csv"
    region.write_bytes(region.read_text(encoding="utf-8").replace("Värmland", "Värmlands län").encode("latin-1"))
    before = snapshot()

    with pytest.raises(ImportProblem, match=r"^areas-region\.csv, rad 2: filen är inte kodad som UTF-8$"):
        import_folder(folder)

    assert snapshot() == before


def test_a_missing_file_is_named(db: None, tmp_path: Path) -> None:
    folder = tmp_path / "kolada"
    shutil.copytree(FOLDER, folder)
    (folder / "areas-regso.csv").unlink()

    with pytest.raises(ImportProblem, match=r"^areas-regso\.csv: filen saknas i mappen"):
        import_folder(folder)

    assert Area.objects.count() == 0


def test_values_of_a_key_figure_missing_from_kpis_csv_are_refused(loaded: None, tmp_path: Path) -> None:
    folder = tmp_path / "kolada"
    shutil.copytree(FOLDER, folder)
    (folder / "kpi" / "n99999.csv").write_text("geo,year,n99999\n1780,2022,1\n", encoding="utf-8")
    before = snapshot()

    with pytest.raises(ImportProblem, match=r'^n99999\.csv: nyckeltalet "n99999" finns inte i kpis\.csv$'):
        import_folder(folder)

    assert snapshot() == before


# --- Kolada API v2 JSON --------------------------------------------------------------------------------------------


def test_json_adds_a_new_year_updates_a_changed_value_and_skips_unpublished_ones(loaded: None) -> None:
    summary = import_kolada_json([JSON_NEW_YEAR])

    assert (summary.values.created, summary.values.updated, summary.values.unchanged) == (2, 1, 1)
    assert value("n31807", "1780", 2023) == 4.1
    assert value("n31807", "1780", 2023, "K") == 4.0
    assert not IndicatorValue.objects.filter(area__code="1780", year=2023, gender="M").exists()
    assert value("n31807", "1784", 2022) == 5.6
    # Kolada's "0017" is Region Värmland ("17"), and its value there was already stored.
    assert value("n31807", "17", 2022) == 4.3
    assert ImportRun.objects.first().files == ["n31807-2023.json"]  # type: ignore[union-attr]


def test_json_reads_kolada_s_code_for_sweden_and_several_files_at_once(loaded: None) -> None:
    summary = import_kolada_json([JSON_NEW_YEAR, JSON_SWEDEN])

    assert summary.values.created == 3
    assert value("n01951", "0", 2023) == 10551707


def test_reimporting_the_same_json_changes_nothing(loaded: None) -> None:
    import_kolada_json([JSON_NEW_YEAR])
    before = snapshot()["values"]

    summary = import_kolada_json([JSON_NEW_YEAR])

    assert (summary.values.created, summary.values.updated, summary.values.unchanged) == (0, 0, 4)
    assert snapshot()["values"] == before


def _entry(**changes: Any) -> dict[str, Any]:
    """One entry of a Kolada API v2 document, for a year no fixture file has."""
    entry: dict[str, Any] = {
        "kpi": "N31807",
        "municipality": "1780",
        "period": 2024,
        "values": [{"gender": "T", "count": 1, "status": "", "value": 4.1}],
    }
    entry.update(changes)
    return entry


def _document(*entries: Any) -> bytes:
    return json.dumps({"count": len(entries), "values": list(entries), "next_page": None}).encode()


BROKEN_JSON = [
    pytest.param(b'{"values": [', "bad.json, rad 1: filen är inte giltig JSON", id="malformed"),
    pytest.param(b"[]", 'bad.json: filen har inte formen från Kolada API v2: en lista "values"', id="not-an-object"),
    pytest.param(
        b'{"data": []}', 'bad.json: filen har inte formen från Kolada API v2: en lista "values"', id="no-values"
    ),
    pytest.param(_document("N31807"), "bad.json, post 1: posten är inte ett objekt", id="entry-not-an-object"),
    pytest.param(
        _document(_entry(kpi=None)), 'bad.json, post 1: fältet "kpi" ska vara en text som inte är tom', id="kpi-missing"
    ),
    pytest.param(
        _document(_entry(), _entry(kpi="N99999")),
        'bad.json, post 2: nyckeltalet "N99999" finns inte i Knutpunkt',
        id="unknown-kpi",
    ),
    pytest.param(
        _document(_entry(municipality="9999")),
        'bad.json, post 1: området "9999" finns inte i Knutpunkt',
        id="unknown-municipality",
    ),
    pytest.param(
        _document(_entry(municipality=1780)),
        'bad.json, post 1: fältet "municipality" ska vara en text som inte är tom',
        id="municipality-not-text",
    ),
    pytest.param(
        _document(_entry(period=1900)), "bad.json, post 1: året 1900 ligger utanför 1950–2100", id="year-outside"
    ),
    pytest.param(
        _document(_entry(period=None)),
        'bad.json, post 1: fältet "period" saknas eller är inget årtal',
        id="period-missing",
    ),
    pytest.param(
        _document(_entry(values={"gender": "T", "value": 1})),
        'bad.json, post 1: fältet "values" saknas eller är ingen lista',
        id="values-not-a-list",
    ),
    pytest.param(
        _document(_entry(values=[{"gender": "X", "value": 1}])),
        'bad.json, post 1: könet "X" är inte T, K eller M',
        id="unknown-gender",
    ),
    pytest.param(
        _document(_entry(values=[{"gender": "T", "value": "4,1"}])),
        'bad.json, post 1: värdet "4,1" är inte ett tal',
        id="value-not-a-number",
    ),
    pytest.param(
        _document(_entry(), _entry()),
        "bad.json, post 2: samma nyckeltal, område, år och kön finns redan i bad.json, post 1",
        id="duplicate-entry",
    ),
    pytest.param(
        b'{"values": [{"kpi": "N31807", "municipality": "1780", "period": 2023, "values": [], "note": "V\xe4rmland"}]}',
        "bad.json, rad 1: filen är inte kodad som UTF-8",
        id="not-utf8",
    ),
]


@pytest.mark.parametrize(("content", "message"), BROKEN_JSON)
def test_a_broken_json_file_is_refused_with_file_place_and_reason_and_nothing_changes(
    loaded: None, tmp_path: Path, content: bytes, message: str
) -> None:
    good = tmp_path / "good.json"
    good.write_bytes(JSON_NEW_YEAR.read_bytes())
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = snapshot()

    with pytest.raises(ImportProblem) as problem:
        import_kolada_json([good, bad])

    assert str(problem.value).startswith(message)
    assert snapshot() == before


def test_json_needs_the_key_figures_loaded_first(db: None) -> None:
    with pytest.raises(ImportProblem, match=r'^n31807-2023\.json, post 1: nyckeltalet "N31807" finns inte'):
        import_kolada_json([JSON_NEW_YEAR])


# --- The audit log -------------------------------------------------------------------------------------------------


def test_an_import_is_recorded_in_the_audit_log(cast: Cast) -> None:
    import_folder(FOLDER)
    summary = import_kolada_json([JSON_NEW_YEAR], actor=cast.actor(cast.ali))

    event = AuditEvent.objects.filter(event="indicators.imported").latest("pk")
    assert event.actor == cast.ali
    assert event.unit == cast.barn_och_unga
    assert event.object_type == "indicators.importrun"
    assert event.detail["values"] == {"created": 2, "updated": 1}
    assert summary.run is not None and summary.run.imported_by == cast.ali


# --- The command ---------------------------------------------------------------------------------------------------


def test_the_command_imports_a_folder_with_progress_and_a_summary(db: None) -> None:
    out, err = StringIO(), StringIO()

    call_command("import_kolada", str(FOLDER), stdout=out, stderr=err)

    assert "Importen är klar: 15 nya värden, 0 ändrade och 0 oförändrade" in out.getvalue()
    assert err.getvalue().splitlines()[0] == "1/10 areas-rike.csv"
    assert "10/10 n31807.csv" in err.getvalue()
    assert IndicatorValue.objects.count() == 15


def test_the_command_imports_a_folder_and_json_files_in_one_go(db: None) -> None:
    out = StringIO()

    call_command("import_kolada", str(FOLDER), str(JSON_NEW_YEAR), str(JSON_SWEDEN), stdout=out, stderr=StringIO())

    assert "Importen är klar: 3 nya värden, 1 ändrade och 1 oförändrade." in out.getvalue()
    assert value("n31807", "1780", 2023) == 4.1


def test_the_command_fails_with_the_problem_and_saves_nothing(db: None, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(_document(_entry(kpi="N99999")))

    with pytest.raises(CommandError, match=r'^Ingenting importerades\. bad\.json, post 1: nyckeltalet "N99999"'):
        call_command("import_kolada", str(FOLDER), str(bad), stdout=StringIO(), stderr=StringIO())

    assert all(rows == [] for rows in snapshot().values())


def test_the_command_exits_non_zero_on_a_problem(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # run_from_argv closes the connections when it ends; the test's transaction needs them.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    folder = changed_copy(tmp_path, "kpi/n31807.csv", "1780,2022,4.5", "1780,2022,abc")

    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["knutpunkt", "import_kolada", "--skip-checks", str(folder)])

    assert exit_.value.code == 1
    assert 'n31807.csv, rad 9: värdet "abc" är inte ett tal' in capsys.readouterr().err


def test_the_command_refuses_what_is_neither_folder_nor_json(db: None, tmp_path: Path) -> None:
    text = tmp_path / "values.txt"
    text.write_text("geo,year\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"values\.txt är varken en mapp eller en \.json-fil\."):
        call_command("import_kolada", str(text))


# --- The upload page -----------------------------------------------------------------------------------------------


def _upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="application/json")


def test_an_analyst_uploads_json_files_and_sees_the_result(cast: Cast) -> None:
    import_folder(FOLDER)
    client = cast.client(cast.ali)

    response = client.post(PAGE, {"uploads": [_upload(JSON_NEW_YEAR), _upload(JSON_SWEDEN)]}, follow=True)

    content = response.content.decode()
    assert response.redirect_chain == [(PAGE, 302)]
    assert "Importen är klar: 3 nya värden, 1 ändrade och 1 oförändrade." in content
    assert value("n31807", "1780", 2023) == 4.1
    run = ImportRun.objects.first()
    assert run is not None and run.imported_by == cast.ali and run.files == ["n31807-2023.json", "n01951-2023.json"]
    assert '<th scope="col">Importerad av</th>' in content and str(cast.ali) in content


def test_an_upload_queues_one_refresh_of_the_forecasts(cast: Cast) -> None:
    import_folder(FOLDER)
    client = cast.client(cast.ali)

    first = client.post(PAGE, {"uploads": [_upload(JSON_NEW_YEAR)]}, follow=True)
    client.post(PAGE, {"uploads": [_upload(JSON_SWEDEN)]})

    assert "Prognoser och tidiga varningar räknas om i bakgrunden." in first.content.decode()
    waiting = DBTaskResult.objects.filter(task_path=refresh_forecasts_task.module_path)
    assert waiting.count() == 1


def test_an_administrator_may_open_the_page(cast: Cast) -> None:
    response = cast.client(cast.adam).get(PAGE)

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


@pytest.mark.parametrize("user", ["anna", "maria", "olle"])
def test_others_get_404_and_cannot_import(cast: Cast, user: str) -> None:
    import_folder(FOLDER)
    client = cast.client(getattr(cast, user))

    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"uploads": [_upload(JSON_NEW_YEAR)]}).status_code == 404
    assert not IndicatorValue.objects.filter(year=2023).exists()


def test_a_bad_file_shows_the_problem_on_the_page_and_saves_nothing(cast: Cast) -> None:
    import_folder(FOLDER)
    before = snapshot()
    bad = SimpleUploadedFile("bad.json", _document(_entry(), _entry(period=1900)), content_type="application/json")

    response = cast.client(cast.ali).post(PAGE, {"uploads": [_upload(JSON_NEW_YEAR), bad]})

    content = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_uploads"' in content
    assert "bad.json, post 2: året 1900 ligger utanför 1950–2100" in content
    assert snapshot() == before


def test_a_file_over_the_size_limit_is_refused(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    import_folder(FOLDER)
    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 100)

    response = cast.client(cast.ali).post(PAGE, {"uploads": [_upload(JSON_NEW_YEAR)]})

    assert response.status_code == 200
    assert "En fil får vara högst 20 MB" in response.content.decode()
    assert not IndicatorValue.objects.filter(year=2023).exists()


def test_sending_no_file_asks_for_one(cast: Cast) -> None:
    response = cast.client(cast.ali).post(PAGE, {})

    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_signed_out_visitors_are_sent_to_sign_in(db: None, client: Client) -> None:
    response = client.get(PAGE)

    assert response.status_code == 302
    assert "/konto/" in response["Location"]

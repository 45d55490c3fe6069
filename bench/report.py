"""Combine the JSON files of `knutpunkt bench --json` into one table and compare it with the targets.

Usage: .venv/bin/python bench/report.py results/*.json

Targets (from the issue):
- the number of SQL queries per page does not grow with the data (the largest size has no more than the smallest);
- p95 at the largest size is at most 1.5 times p95 at the smallest, on the same database;
- every page's p95 is at most 5 times the p95 of the trivial one-query view measured in the same run.
Only the standard library is used, so the report can be read anywhere.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

GROWTH_LIMIT = 1.5
TRIVIAL_LIMIT = 5.0
BASELINE = "trivial"
INFORMATION_ONLY = {"trivial", "trivial_anonymous"}
# Pages whose content grows with the organisation shown, which the generator makes larger in a larger county.
NOTES = {
    "plan_list_organisation": "grows with the organisation",
    "statistics_organisation": "grows with the organisation",
}


def load(paths: list[str]) -> list[dict[str, Any]]:
    runs = [json.loads(Path(path).read_text(encoding="utf-8")) for path in paths]
    return sorted(runs, key=lambda run: (run["environment"]["database"], run["environment"]["persons"]))


def size_label(persons: int) -> str:
    if persons >= 1_000_000 and persons % 1_000_000 == 0:
        return f"{persons // 1_000_000}M"
    if persons >= 1_000 and persons % 1_000 == 0:
        return f"{persons // 1_000}k"
    return str(persons)


def mark(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        lines.append("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return lines


def report(runs: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    pages: dict[str, str] = {}
    by_run: dict[tuple[str, int], dict[str, dict[str, Any]]] = {}
    for run in runs:
        env = run["environment"]
        key = (env["database"], env["persons"])
        by_run[key] = {page["key"]: page for page in run["pages"]}
        for page in run["pages"]:
            pages.setdefault(page["key"], page["title"])

    lines.append("Runs")
    rows = []
    for run in runs:
        env = run["environment"]
        seconds = env.get("generation_seconds")
        generated = f"{seconds // 60} min {seconds % 60} s" if isinstance(seconds, int) else "–"
        rows.append(
            [
                env["database"],
                env["database_version"],
                f"{env['persons']:,}",
                f"{env['plans']:,}",
                f"~{env['audit_events_approx']:,}",
                generated,
                str(env["repeat"]),
                env["measured_at"],
            ]
        )
    lines += table(["database", "version", "persons", "plans", "audit events", "generated in", "n", "measured"], rows)

    lines.append("")
    lines.append("Measurements (server time inside Django, ms; queries per request)")
    rows = []
    for page_key, title in pages.items():
        for (database, persons), measured in by_run.items():
            page = measured.get(page_key)
            if page is None:
                continue
            if page["skipped"]:
                rows.append([title, database, size_label(persons), "–", "–", "–", "–", page["skipped"]])
                continue
            baseline = measured.get(BASELINE)
            ratio = page["p95_ms"] / baseline["p95_ms"] if baseline and baseline["p95_ms"] else 0.0
            queries = f"{page['query_count']}{'' if page['queries_stable'] else '*'}"
            rows.append(
                [
                    title,
                    database,
                    size_label(persons),
                    f"{page['p50_ms']:.1f}",
                    f"{page['p95_ms']:.1f}",
                    queries,
                    f"{ratio:.1f}x",
                    "" if page["status"] == 200 else f"HTTP {page['status']}",
                ]
            )
    lines += table(["page", "database", "persons", "p50", "p95", "queries", "p95/trivial", "note"], rows)

    lines.append("")
    lines.append(
        f"Targets: queries do not grow; p95(largest)/p95(smallest) <= {GROWTH_LIMIT}; "
        f"p95(page)/p95(trivial) <= {TRIVIAL_LIMIT} (trivial = /healthz, signed in, same run)"
    )
    rows = []
    databases = sorted({database for database, _persons in by_run})
    for page_key, title in pages.items():
        if page_key in INFORMATION_ONLY:
            continue
        for database in databases:
            sizes = sorted(persons for db, persons in by_run if db == database)
            sized = [by_run[(database, persons)].get(page_key) for persons in sizes]
            if not sizes or any(page is None or page["skipped"] or page["status"] != 200 for page in sized):
                rows.append([title, database, "–", "–", "–", "not sized"])
                continue
            small, large = sized[0], sized[-1]
            assert small is not None and large is not None
            if len(sizes) > 1:
                query_text = f"{small['query_count']} -> {large['query_count']} "
                query_text += mark(large["query_count"] <= small["query_count"])
                growth = large["p95_ms"] / small["p95_ms"] if small["p95_ms"] else float("inf")
                growth_text = f"{growth:.2f}x {mark(growth <= GROWTH_LIMIT)}"
            else:
                query_text = f"{small['query_count']} (one size)"
                growth_text = "– (one size)"
            trivial_texts = []
            for persons, page in zip(sizes, sized, strict=True):
                assert page is not None
                baseline = by_run[(database, persons)].get(BASELINE)
                if baseline and baseline["p95_ms"]:
                    ratio = page["p95_ms"] / baseline["p95_ms"]
                    trivial_texts.append(f"{size_label(persons)} {ratio:.1f}x {mark(ratio <= TRIVIAL_LIMIT)}")
            rows.append([title, database, query_text, growth_text, "; ".join(trivial_texts), NOTES.get(page_key, "")])
    lines += table(["page", "database", "queries", "p95 growth", "p95/trivial", "note"], rows)
    return lines


def main(argv: list[str]) -> int:
    if not argv:
        sys.stderr.write(__doc__ or "")
        return 2
    sys.stdout.write("\n".join(report(load(argv))) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

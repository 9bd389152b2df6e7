"""CSV: the schedule grid (UTF-8 with BOM), a tidy long form for analysis, the progress
records and their indicators (when the plan has progress records), and a Frictionless
datapackage.json describing them all.

The CSVs are open data: every cell holds the plan's value exactly, with no guard against
spreadsheets (an apostrophe before `=` would be data to every other reader). Excel and
LibreOffice read `1-1-1` in a CSV as a date; schedule.xlsx is the file to open in them.
"""

from __future__ import annotations

import csv
import io
import json

from ..document import Document

FIXED_COLUMNS = ["ID", "番号", "施策名", "印", "分類", "根拠", "担当課等"]
LONG_COLUMNS = ["measure_id", "number", "title", "fiscal_year", "phase", "label", "value"]
PROGRESS_COLUMNS = ["measure_id", "number", "title", "policy_node", "fiscal_year", "phase", "status", "direction",
                    "narrative"]
INDICATOR_COLUMNS = ["measure_id", "fiscal_year", "phase", "indicator", "unit", "target", "actual"]


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        w.writerow([str(c) for c in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def render_grid(doc: Document) -> bytes:
    grid = doc.schedule
    rows = [FIXED_COLUMNS + grid.columns]
    for r in grid.rows:
        rows.append([r.id, r.number, r.title, "・".join(r.marks), r.klass, "、".join(r.tags),
                     "、".join(r.departments)] + r.cells)
    return _csv(rows)


def render_long(doc: Document) -> bytes:
    grid = doc.schedule
    rows = [LONG_COLUMNS]
    for r in grid.rows:
        for key, label, value in zip(grid.keys, grid.columns, r.cells):
            if not value:
                continue
            year, phase = ("", key) if grid.by_phase else (key, "")
            rows.append([r.id, r.number, r.title, year, phase, label, value])
    return _csv(rows)


def render_progress(report: Document) -> bytes:
    """progress.csv: one row per record (measure and fiscal year or phase)."""
    rows = [PROGRESS_COLUMNS]
    for r in report.progress.rows:
        rows.append([r.measure_id, r.number, r.title, r.node, r.fiscal_year, r.phase, r.status, r.direction,
                     r.narrative])
    return _csv(rows)


def render_indicators(report: Document) -> bytes:
    """progress-indicators.csv: one row per indicator of a record."""
    rows = [INDICATOR_COLUMNS]
    for r in report.progress.indicators:
        rows.append([r.measure_id, r.fiscal_year, r.phase, r.indicator, r.unit, r.target, r.actual])
    return _csv(rows)


def _progress_resources(report: Document) -> list[dict]:
    text = {"type": "string"}
    key = [{"fields": ["measure_id"], "reference": {"resource": "schedule-grid", "fields": ["ID"]}}]
    return [
        {
            "name": "progress",
            "path": "progress.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "title": report.progress.title,
            "description": "one row per progress record: a measure's status, direction and narrative in a fiscal "
                           "year or phase",
            "schema": {"fields": [
                {"name": "measure_id", **text}, {"name": "number", **text}, {"name": "title", **text},
                {"name": "policy_node", **text}, {"name": "fiscal_year", "type": "integer"}, {"name": "phase", **text},
                {"name": "status", **text}, {"name": "direction", **text}, {"name": "narrative", **text}],
                "foreignKeys": key},
        },
        {
            "name": "progress-indicators",
            "path": "progress-indicators.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "description": "one row per indicator of a progress record: its unit, target and actual",
            "schema": {"fields": [
                {"name": "measure_id", **text}, {"name": "fiscal_year", "type": "integer"}, {"name": "phase", **text},
                {"name": "indicator", **text}, {"name": "unit", **text}, {"name": "target", "type": "number"},
                {"name": "actual", "type": "number"}],
                "foreignKeys": key},
        },
    ]


def render_datapackage(doc: Document, report: Document | None = None) -> bytes:
    """datapackage.json: the schedule's resources, and the progress report's when there is one."""
    grid = doc.schedule
    text = {"type": "string"}
    pkg = {
        "name": "schedule",
        "title": f"{doc.title} {grid.caption}",
        "resources": [
            {
                "name": "schedule-grid",
                "path": "schedule.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "description": "one row per measure, one column per fiscal year or phase",
                "schema": {"fields": [{"name": c, **text} for c in FIXED_COLUMNS + grid.columns],
                           "primaryKey": ["ID"]},
            },
            {
                "name": "schedule-long",
                "path": "schedule-long.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "description": "one row per measure and fiscal year (or phase) with an entry",
                "schema": {"fields": [
                    {"name": "measure_id", **text}, {"name": "number", **text}, {"name": "title", **text},
                    {"name": "fiscal_year", "type": "integer"}, {"name": "phase", **text},
                    {"name": "label", **text}, {"name": "value", **text}],
                    "foreignKeys": [{"fields": ["measure_id"],
                                     "reference": {"resource": "schedule-grid", "fields": ["ID"]}}]},
            },
        ] + (_progress_resources(report) if report is not None and report.progress is not None else []),
    }
    return (json.dumps(pkg, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

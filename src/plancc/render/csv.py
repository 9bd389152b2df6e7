"""CSV: the schedule grid (UTF-8 with BOM), a tidy long form for analysis, and a
Frictionless datapackage.json describing both.

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


def render_datapackage(doc: Document) -> bytes:
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
        ],
    }
    return (json.dumps(pkg, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

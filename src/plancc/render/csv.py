"""CSV: the schedule grid, for Excel (UTF-8 with BOM) and for parsing back."""

from __future__ import annotations

import csv
import io

from ..layout import Document

FIXED_COLUMNS = ["番号", "施策名", "印", "分類", "根拠", "担当課等"]


def render_grid(doc: Document) -> bytes:
    grid = doc.schedule
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["ID"] + FIXED_COLUMNS + grid.columns)
    for r in grid.rows:
        w.writerow([r.measure.id, r.number, r.title, "・".join(r.marks), r.klass, "、".join(r.tags),
                    "、".join(r.departments)] + r.cells)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")

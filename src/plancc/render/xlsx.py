"""Excel: the schedule grid as the plan shows it (schedule.xlsx), through XlsxWriter.

One sheet: a header row with the plan's own words (its word for a measure over the
number and title, the year or phase labels, 担当課等), then one row per measure. Every
cell is written as a string and formatted as text (`@`): a measure number 1-1-1 stays
1-1-1, never a date, and no cell is ever a formula, whatever a plan's text starts with.
The header row is frozen with the number and title beside it, has a filter, and repeats
on every printed page; the sheet prints on A4 landscape, one page wide, with the plan's
title in the page header.

The file's dates come from the plan (its last revision, else its adoption), never the clock, and XlsxWriter writes
its zip entries with a fixed time: the same plan gives the same bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import datetime, timezone

from .. import document as d
from . import PACKAGE


def available():
    """None when .xlsx files can be built here, else what is missing (a Phrase)."""
    from ..i18n import Phrase

    try:
        import xlsxwriter  # noqa: F401
    except ImportError:
        return Phrase(PACKAGE, (("package", "XlsxWriter"),))
    return None


def width(text: str) -> int:
    """Columns a text takes in a monospaced view: wide characters (漢字, かな) count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def sheet_name(text: str) -> str:
    """A sheet's name: at most 31 characters, none of []:*?/\\ ."""
    name = re.sub(r"[\[\]:*?/\\]", "", text).strip("'")[:31]
    return name or "Sheet1"


def header_text(text: str) -> str:
    """Text for a page header: & starts a code there, so a plan's & is doubled."""
    return text.replace("&", "&&")


def render(doc: d.Document) -> bytes:
    import xlsxwriter

    grid = doc.schedule
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                     "strings_to_urls": False})
    created = datetime(doc.updated.year, doc.updated.month, doc.updated.day, tzinfo=timezone.utc)
    book.set_properties({"title": f"{doc.title} {grid.caption}", "author": doc.city, "created": created})
    sheet = book.add_worksheet(sheet_name(grid.caption))

    font = {"font_name": "Noto Sans CJK JP", "font_size": 10, "num_format": "@", "valign": "top", "border": 1}
    head = book.add_format({**font, "bold": True, "bg_color": "#EEF3F8", "align": "center", "valign": "vcenter"})
    plain = book.add_format(font)
    wrapped = book.add_format({**font, "text_wrap": True})
    centred = book.add_format({**font, "align": "center"})

    # number | title | one column per year or phase | departments
    last = 2 + len(grid.columns)
    sheet.merge_range(0, 0, 0, 1, grid.measure_column, head)
    for c, label in enumerate(grid.columns, 2):
        sheet.write_string(0, c, label, head)
    sheet.write_string(0, last, grid.departments_column, head)

    def text(r: int, c: int, value: str, form) -> None:
        if value:
            sheet.write_string(r, c, value, form)
        else:  # an empty cell, not an empty string
            sheet.write_blank(r, c, None, form)

    for r, row in enumerate(grid.rows, 1):
        text(r, 0, row.number, plain)
        text(r, 1, row.title, wrapped)
        for c, value in enumerate(row.cells, 2):
            text(r, c, value, wrapped if grid.by_phase else centred)
        text(r, last, "、".join(row.departments), wrapped)

    def fit(texts: list[str], low: int, high: int) -> int:
        return max(low, min(high, max((width(t) for t in texts), default=low) + 2))

    # column widths from the texts, within bounds; a row as high as its longest wrapped cell
    # (set here: not every spreadsheet fits row heights to wrapped text when it opens a file)
    columns = [[r.number for r in grid.rows], [r.title for r in grid.rows],
               *([r.cells[c] for r in grid.rows] for c in range(len(grid.columns))),
               ["、".join(r.departments) for r in grid.rows]]
    bounds = [(6, 12), (16, 40)] + [(8, 30 if grid.by_phase else 18)] * len(grid.columns) + [(10, 24)]
    widths = [fit(texts + [label], low, high)
              for texts, label, (low, high) in zip(columns, ["", "", *grid.columns, grid.departments_column], bounds)]
    formats = [plain, wrapped] + [wrapped if grid.by_phase else centred] * len(grid.columns) + [wrapped]
    for c, (w, f) in enumerate(zip(widths, formats)):
        sheet.set_column(c, c, w, f)
    for r in range(len(grid.rows)):
        lines = max(-(-width(texts[r]) * 9 // (10 * widths[c])) for c, texts in enumerate(columns))
        sheet.set_row(r + 1, 15 * max(1, lines))

    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, max(1, len(grid.rows)), last)
    sheet.ignore_errors({"number_stored_as_text": f"A1:{xlsxwriter.utility.xl_col_to_name(last)}{len(grid.rows) + 1}"})

    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # one page wide, as many long as it takes
    sheet.repeat_rows(0)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_header(f"&C{header_text(doc.title)}")
    sheet.set_footer("&C&P / &N")
    book.close()
    return buf.getvalue()

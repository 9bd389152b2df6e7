"""The 新旧対照表 as a Word file (python-docx), for the office to edit and take to 決裁.

A4 landscape; the two columns as one table whose header row (the column labels and the
sides' names) repeats on every page; 傍線 as real underlines; the plan's Japanese font
set for East Asian text (w:eastAsia), so that Word does not fall back to a Western font
for kanji and kana. Built from the same document as the HTML (`taisho.build`).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..fiscal import parse_date
from .compare import Report
from .taisho import Grid, Para, Taisho, build

PAGE = (Mm(297), Mm(210))  # A4 landscape
MARGIN = Mm(18)
SIZE = Pt(10.5)
SMALL = Pt(8)


def _fonts(rpr, font: str) -> None:
    """Set the East Asian font (and the others, so every script reads alike) of an rPr."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "ja-JP")
    lang.set(qn("w:eastAsia"), "ja-JP")


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _runs(p, runs, *, bold: bool = False, size=None) -> None:
    for r in runs:
        run = p.add_run(r.text)
        if r.changed:
            run.font.underline = True
        if bold:
            run.font.bold = True
        if size is not None:
            run.font.size = size


def _para(container, first: list, para: Para) -> None:
    """A paragraph into a cell: its first (empty) paragraph is used before adding more."""
    if first:
        p = first.pop()
    else:
        p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = Pt(2)
    if para.style == "omitted":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if para.style == "item":
        fmt.left_indent = Pt(10.5)
        fmt.first_line_indent = Pt(-10.5)
    _runs(p, para.runs, bold=para.style == "head", size=SMALL if para.style == "small" else None)


def _grid(cell, first: list, grid: Grid) -> None:
    if first:  # a cell starting with a table still needs its paragraph: keep it, empty
        first.pop()
    width = len(grid.header) if grid.header else max((len(r) for r in grid.rows), default=1)
    rows = ([grid.header] if grid.header else []) + grid.rows
    table = cell.add_table(rows=len(rows), cols=max(width, 1))
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, runs in enumerate(row[:width]):
            p = table.cell(i, j).paragraphs[0]
            _runs(p, runs, bold=grid.header is not None and i == 0, size=SMALL)


def _fill(cell, blocks) -> None:
    first = [cell.paragraphs[0]]
    for b in blocks:
        if isinstance(b, Grid):
            _grid(cell, first, b)
        else:
            _para(cell, first, b)


def _stable_zip(data: bytes, stamp: datetime) -> bytes:
    """The same document as the same bytes: every zip entry dated `stamp`, in order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o600 << 16
            z.writestr(new, src.read(info.filename))
    return out.getvalue()


def render_docx(report: Report, columns: str | None = None, labels: tuple[str, str] | None = None) -> bytes:
    doc_model: Taisho = build(report, columns, labels)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        _fonts(style.element.get_or_add_rPr(), doc_model.font)
    doc.styles["Normal"].font.size = SIZE

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(doc_model.title)
    run.font.bold = True
    run.font.size = Pt(14)
    for line in doc_model.lines:
        doc.add_paragraph(line).runs[0].font.size = SMALL
    note = doc.add_paragraph(doc_model.underline_note)
    note.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    if not doc_model.rows:
        doc.add_paragraph(doc_model.no_changes)
    else:
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        width = (PAGE[0] - 2 * MARGIN) // 2
        head = table.rows[0]
        _repeat_header(head)
        for cell, side in zip(head.cells, doc_model.columns):
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(side.label)
            r.font.bold = True
            p = cell.add_paragraph(side.name)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p = cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(side.path).font.size = SMALL
            _shade(cell, "E7E6E6")
        for r in doc_model.rows:
            if r.where:
                row = table.add_row()
                cell = row.cells[0].merge(row.cells[1])
                cell.paragraphs[0].add_run(r.where).font.bold = True
                _shade(cell, "F2F2F2")
            if r.new or r.old:
                row = table.add_row()
                left, right = doc_model.cells(r)
                _fill(row.cells[0], left)
                _fill(row.cells[1], right)
        for row in table.rows:
            for cell in row.cells:
                cell.width = width

    props = doc.core_properties
    props.title = doc_model.title
    meta = report.new_meta
    dates = [parse_date(r.date) for r in meta.revised] + ([parse_date(meta.adopted)] if meta.adopted else []) if meta else []
    when = max(dates) if dates else None
    stamp = datetime(when.year, when.month, when.day) if when else datetime(1980, 1, 1)
    props.author = (meta.section or meta.city) if meta else ""
    props.last_modified_by = props.author
    props.created = props.modified = stamp
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue(), stamp if stamp.year >= 1980 else datetime(1980, 1, 1))

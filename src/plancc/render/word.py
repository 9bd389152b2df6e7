"""Word: plan.docx through python-docx, for drafts circulated inside the city office.

It reads the document model as every renderer does, one method per block kind, and
writes Word's own structures, so that Word works with the file as with one written in
it:

- headings in Word's built-in heading styles (chapters 見出し 1, their sections 見出し 2 …,
  measures at their level), so the navigation pane and the 目次 follow them; the 目次 is a
  TOC field over levels 1-2, filled with the entries (linked to bookmarks at the headings)
  and refreshed by Word, with page numbers, when it opens the file;
- real tables for tables, the schedule grid (its header row repeated on every page) and
  the glossary (term and reading, definition);
- footnotes as Word footnotes at the foot of the page, as the sources have them
  (footnotes.xml, written here through the documented OOXML part, since python-docx has
  no footnote API): the plan's mark (※) before Word's own number, and a later reference
  to the same note shows that number through a NOTEREF field. Word numbers them through
  the document, not from 1 in each chapter as plan.html does: a restart per section
  (w:numRestart) makes LibreOffice 7.4 number every later note 0, and custom marks
  (w:customMarkFollows, which would carry ※1 itself) it shows twice;
- fonts with an East Asian face (w:eastAsia) and Japanese as the East Asian language,
  A4 pages, the title in the page header and the page number in the footer.

Escaping: text goes into XML through python-docx and lxml; characters XML cannot hold
(control characters) are replaced by U+FFFD, the one place text is changed. The plan's
inline Markdown is read with the same markdown-it grammar as HTML and Markdown: bold,
italics, code and links become Word's, the rest stays text.

Deterministic: the core properties take their dates from the plan, and the zip entries a
fixed time (python-docx would stamp them with the clock).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone

from .. import document as d
from ..i18n import Phrase
from . import PACKAGE
from .inline import join, parser

# Japanese fonts Word on Windows has (游ゴシック); LibreOffice and Word elsewhere substitute
# their own Japanese sans-serif face. Latin text in the same runs uses the same face.
EAST_ASIAN_FONT = "游ゴシック"
LATIN_FONT = "Yu Gothic"
BODY_SIZE = 10.5  # pt, as Japanese documents are set
TEXT_WIDTH_MM = 210 - 2 * 17  # A4 less the margins

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_MARKUP = re.compile("[\\\\`*_!<&\r\n\x00]|\\]\\(")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def available() -> Phrase | None:
    """None when .docx files can be built here, else what is missing."""
    try:
        import docx  # noqa: F401
    except ImportError:
        return Phrase(PACKAGE, (("package", "python-docx"),))
    return None


def xml_text(text: str) -> str:
    """Text XML can hold: control characters (and lone surrogates) become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def bookmark_name(anchor: str) -> str:
    """A Word bookmark's name for an anchor: letters, digits and _, at most 40."""
    return ("b_" + re.sub(r"[^0-9A-Za-z_]", "_", anchor))[:40]


class WordRenderer(d.Visitor[None]):
    def __init__(self, doc: d.Document):
        from docx import Document
        from docx.oxml.ns import qn

        self.qn = qn
        self.model = doc
        self.docx = Document()
        self.body = self.docx  # where blocks are added: the document, or a table cell
        self.chapter = 0
        self.notes: dict[tuple[int, int], d.Footnote] = {}
        self.noted: dict[tuple[int, int], int] = {}  # notes placed as Word footnotes, with their ids
        self.footnotes: list = []  # <w:footnote> elements
        self.bookmark_id = 0
        self.toc_anchors = {e.anchor for e in doc.toc if e.level <= 1}
        self._set_up()

    # the file ------------------------------------------------------------
    def _set_up(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Mm, Pt, RGBColor

        doc, qn = self.docx, self.qn
        # fonts and language of every run, unless a style says otherwise
        styles = doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        self._fonts(rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "ja-JP")
        normal = doc.styles["Normal"]
        normal.font.size = Pt(BODY_SIZE)
        self._fonts(normal.element.get_or_add_rPr())
        normal.paragraph_format.space_after = Pt(4)
        for name in ["Title", "TOC Heading", "Caption"] + [f"Heading {n}" for n in range(1, 10)]:
            style = doc.styles[name]
            self._fonts(style.element.get_or_add_rPr())
            style.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
            style.font.italic = False
        for n, size in zip(range(1, 10), (16, 13.5, 12, 11, 10.5, 10.5, 10.5, 10.5, 10.5)):
            style = doc.styles[f"Heading {n}"]
            style.font.size = Pt(size)
            style.font.bold = True
            style.paragraph_format.space_before = Pt(12 if n <= 2 else 8)
            style.paragraph_format.keep_with_next = True
        doc.styles["Title"].font.size = Pt(20)
        doc.styles["Caption"].font.bold = True
        doc.styles["Caption"].font.size = Pt(BODY_SIZE)
        doc.styles["Caption"].paragraph_format.keep_with_next = True
        # a character style for footnote marks, as Word's own
        if "Footnote Reference" not in [s.name for s in doc.styles]:
            ref = doc.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
            ref.font.superscript = True
        if "Footnote Text" not in [s.name for s in doc.styles]:
            text = doc.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = doc.styles["Normal"]
            text.font.size = Pt(9)
            text.paragraph_format.space_after = Pt(0)
        # A4, margins as the PDF's
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(18)
        section.left_margin = section.right_margin = Mm((210 - TEXT_WIDTH_MM) / 2)
        section.header_distance = section.footer_distance = Mm(8)
        head = section.header.paragraphs[0]
        head.text = xml_text(self.model.title)
        head.alignment = 1  # centre
        head.runs[0].font.size = Pt(8.5)
        foot = section.footer.paragraphs[0]
        foot.alignment = 1
        self._field(foot, "PAGE", "1")
        section.different_first_page_header_footer = True  # no running header above the title
        section.first_page_footer.paragraphs[0].alignment = 1
        self._field(section.first_page_footer.paragraphs[0], "PAGE", "1")

    def _fonts(self, rpr) -> None:
        qn = self.qn
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.insert(0, fonts)
        for key in list(fonts.attrib):
            if key.endswith("Theme"):  # a theme font would win over the faces set here
                del fonts.attrib[key]
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        fonts.set(qn("w:hint"), "eastAsia")

    def _field(self, paragraph, instruction: str, shown: str, style=None) -> None:
        """A field (PAGE, TOC …) with the result Word shows until it updates it."""
        self._field_start(paragraph, instruction)
        result = paragraph.add_run(shown)
        if style is not None:
            result.style = style
        self._field_char(paragraph, "end")

    def _field_start(self, paragraph, instruction: str) -> None:
        """A field's start and instruction; its result follows, up to _field_char("end")
        (in this paragraph or a later one: a TOC's result is the entries' paragraphs)."""
        from docx.oxml import OxmlElement

        self._field_char(paragraph, "begin")
        instr = OxmlElement("w:instrText")
        instr.set(self.qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        self._run_of(paragraph, instr)
        self._field_char(paragraph, "separate")

    def _field_char(self, paragraph, kind: str) -> None:
        from docx.oxml import OxmlElement

        char = OxmlElement("w:fldChar")
        char.set(self.qn("w:fldCharType"), kind)
        self._run_of(paragraph, char)

    @staticmethod
    def _run_of(paragraph, child) -> None:
        from docx.oxml import OxmlElement

        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    # text ---------------------------------------------------------------
    def paragraph(self, style: str | None = None):
        return self.body.add_paragraph(style=style)

    def plain(self, paragraph, text: str, bold: bool = False, size: float | None = None):
        from docx.shared import Pt

        run = paragraph.add_run(xml_text(text))
        if bold:
            run.bold = True
        if size:
            run.font.size = Pt(size)
        return run

    def rich(self, paragraph, runs: d.Inline | None, bold: bool = False, footnotes: bool = True) -> None:
        """The plan's inline text into `paragraph`: Markdown read as HTML reads it, with
        footnote references."""
        if not runs:
            return
        text, ph, refs = join(runs)
        text = text.replace("\r", "").replace("\n", " ")
        pending = list(refs)

        def put(chunk: str, style: dict) -> None:
            pieces = chunk.split(ph) if ph else [chunk]
            for i, piece in enumerate(pieces):
                if i:
                    ref = pending.pop(0)
                    if footnotes:
                        self.noteref(paragraph, ref)
                if piece:
                    self.styled(paragraph, piece, style)

        if _MARKUP.search(text) is None:
            put(text, {"bold": bold})
            return
        style = {"bold": bold, "italic": False, "code": False, "link": None}
        stack: list[dict] = []
        for tok in parser().parseInline(text)[0].children or []:
            t = tok.type
            if t in ("text", "text_special"):
                put(tok.content, style)
            elif t in ("softbreak", "hardbreak"):
                put(" ", style)
            elif t.endswith("_open"):
                stack.append(style)
                style = dict(style)
                if t == "strong_open":
                    style["bold"] = True
                elif t == "em_open":
                    style["italic"] = True
                elif t == "link_open":
                    style["link"] = tok.attrGet("href") or ""
            elif t.endswith("_close"):
                style = stack.pop() if stack else style
            elif t == "code_inline":
                put(tok.content, {**style, "code": True})
            else:  # anything else markdown-it might produce is shown as its source
                put(tok.content or tok.markup or "", style)

    def styled(self, paragraph, text: str, style: dict) -> None:
        run = paragraph.add_run(xml_text(text))
        if style.get("bold"):
            run.bold = True
        if style.get("italic"):
            run.italic = True
        if style.get("code"):
            run.font.name = "Consolas"
        href = style.get("link")
        if href and re.match(r"(?i)^(https?|mailto):", href):
            self.link(paragraph, run, href)

    def link(self, paragraph, run, href: str) -> None:
        """Move `run` into a hyperlink to `href` (an external relationship)."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import OxmlElement

        rid = paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(self.qn("r:id"), rid)
        run._r.addprevious(link)
        link.append(run._r)
        run.underline = True

    def noteref(self, paragraph, ref: d.FootnoteRef) -> None:
        """A footnote mark: the plan's mark (※) before Word's number. The first reference
        to a note carries the Word footnote; a later one shows its number (a NOTEREF field)."""
        from docx.oxml import OxmlElement

        qn = self.qn
        key = (ref.chapter, ref.number)
        style = self.docx.styles["Footnote Reference"]
        paragraph.add_run(self.model.footnote_mark).style = style
        note = self.notes.get(key)
        if note is None:  # a note of no chapter (layout makes none): its number alone
            paragraph.add_run(str(ref.number)).style = style
            return
        name = f"_Ref_fn_{ref.chapter + 1}_{ref.number}"
        if key in self.noted:  # the field's result until Word updates it: Word's number of the note
            self._field(paragraph, f"NOTEREF {name} \\f \\h", str(self.noted[key]), style)
            return
        fid = len(self.footnotes) + 1
        self.noted[key] = fid
        self.footnotes.append(self.footnote(fid, note))
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name)
        paragraph._p.append(start)
        run = paragraph.add_run()
        run.style = style
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(fid))
        run._r.append(reference)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        paragraph._p.append(end)

    def footnote(self, fid: int, note: d.Footnote):
        """<w:footnote>: Word's number, the term and its definition."""
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        qn = self.qn
        element = OxmlElement("w:footnote")
        element.set(qn("w:id"), str(fid))
        p = OxmlElement("w:p")
        element.append(p)
        para = Paragraph(p, self.docx.part)  # python-docx's paragraph API on the footnote's paragraph
        para.style = self.docx.styles["Footnote Text"]
        mark = para.add_run()
        mark.style = self.docx.styles["Footnote Reference"]
        mark._r.append(OxmlElement("w:footnoteRef"))
        self.plain(para, f" {note.term}{note.separator}")
        self.rich(para, note.definition, footnotes=False)
        return element

    def bookmark(self, paragraph, anchor: str) -> None:
        from docx.oxml import OxmlElement

        qn = self.qn
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), bookmark_name(anchor))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    def heading(self, level: int, anchor: str | None = None):
        """A paragraph in Word's heading style for a document level (chapters are 2).

        A heading of levels 1-2 that the plan's 目次 does not list (a policy node, a
        glossary group, an article of a regulation) is put one outline level lower, so
        that Word's 目次 (levels 1-2) lists what the plan's does; the navigation pane
        still shows it."""
        word_level = max(1, min(9, level - 1))
        p = self.paragraph(f"Heading {word_level}")
        if word_level <= 2 and anchor not in self.toc_anchors:
            p._p.get_or_add_pPr().get_or_add_outlineLvl().val = 2  # 0-based: level 3
        if anchor:
            self.bookmark(p, anchor)
        return p

    def cell_lines(self, cell, value: d.Cell, bold: bool = False) -> None:
        """A table cell's lines: one paragraph each (several lines are bullets in HTML)."""
        first = cell.paragraphs[0]
        for i, line in enumerate(value):
            p = first if i == 0 else cell.add_paragraph()
            if len(value) > 1:
                self.plain(p, "・")
            self.rich(p, line, bold=bold)

    def table(self, rows: int, cols: int):
        from docx.oxml import OxmlElement
        from docx.shared import Pt

        t = self.body.add_table(rows=rows, cols=cols)
        t.style = self.docx.styles["Table Grid"]
        # table text a little smaller than the body, as in the HTML and PDF
        for row in t.rows:
            # a row is read whole: never split across a page break (a schedule row's
            # second line of 調査・研究 alone at the top of the next page)
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.space_after = Pt(0)
        return t

    def widths(self, table, mm: list[float]) -> None:
        """Column widths in mm (Word reads each cell's width; LibreOffice the grid's)."""
        from docx.shared import Mm

        table.autofit = False
        for col, w in zip(table.columns, mm):
            col.width = Mm(w)
            for cell in col.cells:
                cell.width = Mm(w)

    def repeat_header(self, row) -> None:
        from docx.oxml import OxmlElement

        trpr = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        trpr.append(header)

    # blocks --------------------------------------------------------------
    def visit_paragraph(self, b: d.Paragraph) -> None:
        self.rich(self.paragraph(), b.text)

    def visit_section(self, b: d.Section) -> None:
        p = self.heading(b.level, b.anchor)
        if b.number:
            self.plain(p, b.number + " ")
        self.rich(p, b.title)
        self.visit_all(b.blocks)

    def visit_item(self, b: d.HeadedItem) -> None:
        p = self.paragraph()
        p.paragraph_format.keep_with_next = True
        if b.mark:
            self.plain(p, b.mark + " ", bold=True)
        self.rich(p, b.title, bold=True)
        self.visit_all(b.blocks)

    def visit_list(self, b: d.BulletList) -> None:
        style = "List Number" if b.ordered else "List Bullet"
        for item in b.items:
            for i, line in enumerate(item):
                self.rich(self.paragraph(style if i == 0 else style + " 2"), line)

    def visit_chart(self, b: d.Chart) -> None:
        # a drawing is for the eye: the chart's table holds all its data
        self.visit_table(b.table)

    def visit_table(self, b: d.Table) -> None:
        if b.caption:
            self.rich(self.paragraph("Caption"), b.caption)
        width = len(b.header) if b.header else max((len(r) for r in b.rows), default=1)
        rows = ([b.header] if b.header else []) + b.rows
        t = self.table(len(rows), width)
        for r, row in enumerate(rows):
            head = bool(b.header) and r == 0
            for c, value in enumerate(row[:width]):
                self.cell_lines(t.cell(r, c), value, bold=head or (b.row_headers and c == 0))
        if b.header:
            self.repeat_header(t.rows[0])
        for n in b.notes:
            p = self.paragraph()
            self.plain(p, b.note_mark, size=9)
            self.rich(p, n)
        if b.source:
            self.rich(self.paragraph(), b.source)

    def visit_figure(self, b: d.Figure) -> None:
        p = self.paragraph("Caption")
        self.rich(p, b.caption)
        self.plain(p, f"（{b.figure_word}）")
        for w in b.words:
            self.rich(self.paragraph(), w)
        if b.source:
            self.rich(self.paragraph(), b.source)

    def visit_note(self, b: d.Note) -> None:
        p = self.paragraph()
        self.plain(p, b.mark)
        self.rich(p, b.text)

    def visit_signature(self, b: d.Signature) -> None:
        p = self.paragraph()
        p.alignment = 2  # right
        self.rich(p, b.text)

    def visit_caption(self, b: d.Caption) -> None:
        p = self.paragraph()
        p.paragraph_format.keep_with_next = True
        self.rich(p, b.text, bold=True)

    def visit_measure(self, b: d.Measure) -> None:
        for i, form in enumerate(b.forms):
            shown = [mk.shown for mk in form.marks if mk.shown]
            if form.marks_above and shown:  # a line of their own above the heading, kept with it
                line = self.paragraph()
                line.paragraph_format.keep_with_next = True
                self.plain(line, " ".join(shown))
            p = self.heading(b.level, b.anchor if i == 0 else None)
            if form.phase:
                self.plain(p, form.phase)
            self.plain(p, form.label + " ")
            self.rich(p, form.title)
            if not form.marks_above:
                for s in shown:
                    self.plain(p, " " + s)
            if form.status:
                cap = self.paragraph()
                cap.paragraph_format.keep_with_next = True
                self.plain(cap, form.status_heading or "", bold=True)
                for s in form.status:
                    for j, line in enumerate(s):
                        self.rich(self.paragraph("List Bullet" if j == 0 else "List Bullet 2"), line)
            self.visit_all(form.blocks)
            if form.note:
                n = self.paragraph()
                self.plain(n, form.note_mark)
                self.rich(n, form.note)
        if b.fate:
            p = self.paragraph()
            self.plain(p, b.fate_mark)
            self.rich(p, b.fate)
        for fact in b.facts:
            p = self.paragraph()
            if fact.term:
                self.plain(p, fact.term, bold=True)
                self.plain(p, "　")
            for j, value in enumerate(fact.values):
                if j:
                    self.plain(p, fact.separator)
                self.rich(p, value)
        if b.note:
            p = self.paragraph()
            self.plain(p, b.note_label)
            self.rich(p, b.note)

    def visit_schedule(self, b: d.Schedule) -> None:
        from docx.shared import Pt

        g = b.grid
        self.plain(self.paragraph("Caption"), g.caption)
        head = [g.measure_column, *g.columns, g.departments_column]
        t = self.table(len(g.rows) + 1, len(head))
        for c, label in enumerate(head):
            self.plain(t.cell(0, c).paragraphs[0], label, bold=True)
        for r, row in enumerate(g.rows, 1):
            self.plain(t.cell(r, 0).paragraphs[0], f"{row.number} {row.title}")
            for c, value in enumerate(row.cells, 1):
                p = t.cell(r, c).paragraphs[0]
                p.alignment = 1
                self.plain(p, value)
            self.plain(t.cell(r, len(head) - 1).paragraphs[0], "、".join(row.departments))
        self.repeat_header(t.rows[0])
        # the measure widest, a year narrow (a phase's cell holds a measure: wider), 担当課等 between
        text = TEXT_WIDTH_MM
        period = 18 if not g.by_phase else (text * 0.6) / max(1, len(g.columns))
        rest = text - period * len(g.columns)
        self.widths(t, [rest * 0.65] + [period] * len(g.columns) + [rest * 0.35])
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)

    def visit_glossary(self, b: d.Glossary) -> None:
        for g in b.groups:
            self.heading(b.level, g.anchor).add_run(xml_text(g.label))
            t = self.table(len(g.entries), 2)
            self.widths(t, [TEXT_WIDTH_MM * 0.32, TEXT_WIDTH_MM * 0.68])
            for r, e in enumerate(g.entries):
                term = t.cell(r, 0).paragraphs[0]
                self.plain(term, e.term, bold=True)
                if e.show_reading:
                    self.plain(term, f"（{e.reading}）", size=9)
                self.rich(t.cell(r, 1).paragraphs[0], e.definition, footnotes=False)

    # the document --------------------------------------------------------
    def contents(self) -> None:
        """目次: a TOC field over heading levels 1-2, holding the entries until Word
        updates it (with page numbers) on opening."""
        from docx.oxml import OxmlElement
        from docx.shared import Mm

        qn = self.qn
        self.plain(self.paragraph("TOC Heading"), self.model.words.contents)
        entries = [e for e in self.model.toc if e.level <= 1]
        for i, e in enumerate(entries):
            p = self.paragraph()
            p.paragraph_format.left_indent = None if e.level == 0 else Mm(7)
            if i == 0:
                self._field_start(p, 'TOC \\o "1-2" \\h \\z \\u')
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), bookmark_name(e.anchor))
            r = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = xml_text(e.label)
            r.append(t)
            link.append(r)
            p._p.append(link)
            if i == len(entries) - 1:
                self._field_char(p, "end")

    def render(self) -> bytes:
        doc = self.model
        self.plain(self.paragraph("Title"), doc.title)
        for line in doc.subtitle_lines:
            self.plain(self.paragraph(), line)
        if doc.excerpt_note:
            self.plain(self.paragraph(), doc.excerpt_note)
        self.contents()
        if doc.years_note:
            self.rich(self.paragraph(), doc.years_note)
        for ch in doc.chapters:
            self.chapter = ch.index
            self.notes = {(ch.index, f.number): f for f in ch.footnotes}
            h = self.heading(2, ch.anchor)
            h.paragraph_format.page_break_before = True
            self.plain(h, ch.heading)
            self.visit_all(ch.blocks)
        return self.finish()

    def finish(self) -> bytes:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from docx.oxml import OxmlElement, parse_xml

        doc, qn = self.docx, self.qn
        # footnotes.xml: the separators Word expects (ids -1 and 0), then the notes
        notes = parse_xml(
            f'<w:footnotes xmlns:w="{W}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            '</w:footnotes>')
        for element in self.footnotes:
            notes.append(element)
        from lxml import etree

        blob = etree.tostring(notes, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)
        settings = doc.settings.element
        pr = OxmlElement("w:footnotePr")
        for fid in ("-1", "0"):
            ref = OxmlElement("w:footnote")
            ref.set(qn("w:id"), fid)
            pr.append(ref)
        _insert_setting(settings, pr, qn)
        update = OxmlElement("w:updateFields")  # Word fills the 目次's page numbers on opening
        update.set(qn("w:val"), "true")
        _insert_setting(settings, update, qn)
        # the core properties from the plan, not the clock; no template thumbnail
        props = doc.core_properties
        props.title = self.model.title
        props.author = self.model.city
        props.last_modified_by = self.model.city
        props.language = "ja-JP"
        props.revision = 1
        props.comments = ""
        props.created = _utc(self.model.issued)
        props.modified = _utc(self.model.updated)
        package = doc.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                package.rels.pop(rid)
        buf = io.BytesIO()
        doc.save(buf)
        return fixed_times(buf.getvalue())


def _utc(day) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


# settings.xml's children in the order of the schema (CT_Settings), so that an element
# added goes where Word expects it
_SETTINGS_ORDER = ["writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                   "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                   "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
                   "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
                   "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
                   "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
                   "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
                   "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
                   "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
                   "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
                   "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
                   "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
                   "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
                   "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
                   "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData",
                   "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
                   "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema",
                   "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
                   "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
                   "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr",
                   "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                   "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
                   "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
                   "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"]


def _insert_setting(settings, element, qn) -> None:
    """Put `element` into settings.xml at its place in the schema's order (replacing one
    of the same name)."""
    name = element.tag.rpartition("}")[2]
    for old in settings.findall(qn(f"w:{name}")):
        settings.remove(old)
    rank = _SETTINGS_ORDER.index(name)
    for i, child in enumerate(settings):
        other = child.tag.rpartition("}")[2]
        if other in _SETTINGS_ORDER and _SETTINGS_ORDER.index(other) > rank:
            settings.insert(i, element)
            return
    settings.append(element)


def fixed_times(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01 (python-docx dates them now)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            out.writestr(fixed, src.read(info.filename))
    return buf.getvalue()


def render(doc: d.Document) -> bytes:
    return WordRenderer(doc).render()

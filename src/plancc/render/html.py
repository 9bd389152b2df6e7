"""HTML: one self-contained page per plan edition, and an index of them.

Escaping happens here and only here: plain values through markupsafe's `escape`, the
plan's rich text through markdown-it with raw HTML and images disabled (`rich`). The
page frame is a Jinja template with autoescape on; blocks are rendered by
`HtmlRenderer`, one method per block kind.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .. import document as d
from .inline import join, parser

# What can start inline Markdown (or what markdown-it rewrites: CR, NUL). Brackets
# alone are not markup here, since inline text has no link definitions; only `](` is.
# Most plan text has none of it and is only escaped, as markdown-it would escape it;
# markdown-it itself is imported only for text that needs it.
_MARKUP = re.compile("[\\\\`*_!<&\r\n\x00]|\\]\\(")


def render_inline_markdown(text: str) -> str:
    """Inline Markdown → HTML, with raw HTML and images disabled."""
    if _MARKUP.search(text) is None:
        return text.replace(">", "&gt;").replace('"', "&quot;")
    return parser().renderInline(text)


class _NoteIds:
    """Ids for footnote references, so each reference and its back-link find each other."""

    def __init__(self):
        self.refs: dict[tuple[int, int], list[str]] = {}

    def ref_id(self, chapter: int, number: int) -> str:
        ids = self.refs.setdefault((chapter, number), [])
        rid = f"fnref-{chapter + 1}-{number}-{len(ids) + 1}"
        ids.append(rid)
        return rid


def css_string(text: str) -> str:
    """A CSS string literal: anything but letters and CJK is written as an escape."""
    out = []
    for c in text:
        if c.isalnum() or c in " 　・ー（）()-" or ord(c) > 0x2FFF:
            out.append(c)
        else:
            out.append(f"\\{ord(c):X} ")
    return '"' + "".join(out) + '"'


def hlevel(level: int) -> int:
    return min(6, level)


class HtmlRenderer(d.Visitor[Markup]):
    def __init__(self, words: d.Words):
        self.words = words
        self.notes = _NoteIds()

    # text ---------------------------------------------------------------
    def rich(self, runs: d.Inline | None, footnotes: bool = True) -> Markup:
        if not runs:
            return Markup("")
        text, ph, refs = join(runs)
        rendered = render_inline_markdown(text.replace("\n", " "))
        if ph is None:
            return Markup(rendered)
        pieces = rendered.split(ph)
        out = [pieces[0]]
        for ref, piece in zip(refs, pieces[1:]):
            if footnotes:
                out.append(self.noteref(ref))
            out.append(piece)
        return Markup("".join(out))

    def noteref(self, ref: d.FootnoteRef) -> str:
        rid = self.notes.ref_id(ref.chapter, ref.number)
        label = escape(self.words.note_ref.format(number=ref.number))
        return (f'<sup class="fnref"><a href="#fn-{ref.chapter + 1}-{ref.number}" id="{rid}" '
                f'role="doc-noteref" aria-label="{label}">※{ref.number}</a></sup>')

    def cell(self, value: d.Cell) -> Markup:
        if len(value) == 1:
            return self.rich(value[0])
        return Markup("<ul>") + Markup("").join(Markup("<li>") + self.rich(v) + Markup("</li>") for v in value) \
            + Markup("</ul>")

    def blocks(self, blocks: list[d.Block]) -> Markup:
        return Markup("\n").join(self.visit_all(blocks))

    # blocks --------------------------------------------------------------
    def visit_paragraph(self, b: d.Paragraph) -> Markup:
        return Markup("<p>%s</p>") % self.rich(b.text)

    def visit_section(self, b: d.Section) -> Markup:
        h = hlevel(b.level)
        num = Markup('<span class="num">%s</span> ') % b.number if b.number else Markup("")
        cls = ' class="policy-node"' if b.role == "policy-node" else ""
        # no accessible name: a section inside a chapter is no landmark (the same policy node
        # shown in two chapters would make two landmarks of one name)
        return Markup(f'<section{cls}>\n<h{h} id="%s">%s%s</h{h}>\n%s\n</section>') % (
            b.anchor, num, self.rich(b.title), self.blocks(b.blocks))

    def visit_item(self, b: d.HeadedItem) -> Markup:
        mark = Markup('<span class="mark" aria-hidden="true">%s</span> ') % b.mark if b.mark else Markup("")
        return Markup('<div class="item">\n<p class="item-title">%s%s</p>\n%s\n</div>') % (
            mark, self.rich(b.title), self.blocks(b.blocks))

    def visit_list(self, b: d.BulletList) -> Markup:
        tag = "ol" if b.ordered else "ul"
        items = Markup("\n").join(Markup("<li>%s</li>") % self.cell(i) for i in b.items)
        return Markup(f"<{tag}>\n%s\n</{tag}>") % items

    def visit_table(self, b: d.Table) -> Markup:
        out = [Markup('<div class="table-wrap" tabindex="0">\n<table>')]
        if b.caption:
            out.append(Markup("<caption>%s</caption>") % self.rich(b.caption))
        if b.header:
            ths = Markup("").join(
                (Markup('<th scope="col">%s</th>') % self.cell(c)) if any(c) else Markup("<td></td>")
                for c in b.header)
            out.append(Markup("<thead><tr>%s</tr></thead>") % ths)
        out.append(Markup("<tbody>"))
        for row in b.rows:
            cells = []
            for i, c in enumerate(row):
                head = i == 0 and b.row_headers and any(c)  # an empty cell heads nothing
                tag = Markup('th scope="row"') if head else Markup("td")
                end = Markup("th") if head else Markup("td")
                cells.append(Markup("<%s>%s</%s>") % (tag, self.cell(c), end))
            out.append(Markup("<tr>%s</tr>") % Markup("").join(cells))
        out.append(Markup("</tbody>\n</table>"))
        out += [Markup('<p class="note">%s%s</p>') % (b.note_mark, self.rich(n)) for n in b.notes]
        if b.source:
            out.append(Markup('<p class="source">%s</p>') % self.rich(b.source))
        out.append(Markup("</div>"))
        return Markup("\n").join(out)

    def visit_figure(self, b: d.Figure) -> Markup:
        words = Markup("")
        if b.words:
            words = Markup('<div class="figure-words"><ul>%s</ul></div>') % Markup("").join(
                Markup("<li>%s</li>") % self.rich(w) for w in b.words)
        source = Markup('<span class="source">%s</span>') % self.rich(b.source) if b.source else Markup("")
        return Markup("<figure>\n%s\n<figcaption>%s%s</figcaption>\n</figure>") % (words, self.rich(b.caption), source)

    def visit_note(self, b: d.Note) -> Markup:
        return Markup('<p class="note">%s%s</p>') % (b.mark, self.rich(b.text))

    def visit_signature(self, b: d.Signature) -> Markup:
        return Markup('<p class="signature">%s</p>') % self.rich(b.text)

    def visit_caption(self, b: d.Caption) -> Markup:
        return Markup('<p class="label">%s</p>') % self.rich(b.text)

    def marks(self, marks: list[d.MarkLabel]) -> Markup:
        # the badge's box stands where text formats print words.mark's brackets (〔新規〕):
        # it holds the mark's words alone, not boxed brackets
        return Markup("").join(
            (Markup(' <span class="badge" title="%s">%s</span>') % (mk.description, mk.label)) if mk.description
            else Markup(' <span class="badge">%s</span>') % mk.label for mk in marks)

    def visit_measure(self, b: d.Measure) -> Markup:
        h = hlevel(b.level)
        out = [Markup('<article class="measure" id="%s">') % b.anchor]
        for form in b.forms:
            phase = Markup('<span class="phase">%s</span>') % form.phase if form.phase else Markup("")
            marks = self.marks(form.marks)
            parts = [Markup(f"<h{h}>%s%s %s%s</h{h}>") % (phase, form.label, self.rich(form.title),
                                                       Markup("") if form.marks_above else marks)]
            if form.marks_above and marks:  # a line of their own above the heading, as the source prints them
                parts.insert(0, Markup('<p class="marks-above">%s</p>') % marks.lstrip())
            if form.status:
                parts.append(Markup('<p class="label">%s</p>') % (form.status_heading or ""))
                parts.append(Markup("<ul>%s</ul>") % Markup("").join(
                    Markup("<li>%s</li>") % self.cell(s) for s in form.status))
            if form.blocks:
                parts.append(self.blocks(form.blocks))
            if form.note:
                parts.append(Markup('<p class="note">%s%s</p>') % (form.note_mark, self.rich(form.note)))
            body = Markup("\n").join(parts)
            out.append(Markup('<div class="variant">\n%s\n</div>') % body if form.phase else body)
        if b.fate:
            out.append(Markup('<p class="note fate">%s%s</p>') % (b.fate_mark, self.rich(b.fate)))
        named = [f for f in b.facts if f.term]
        if named:
            items = Markup("\n").join(
                Markup("<dt>%s</dt><dd>%s</dd>") % (f.term, Markup(escape(f.separator)).join(self.rich(v) for v in f.values))
                for f in named)
            out.append(Markup('<dl class="facts">\n%s\n</dl>') % items)
        for f in b.facts:
            if not f.term:  # printed alone, as the source prints it (【法 10 条:…】)
                out.append(Markup('<p class="fact">%s</p>') % Markup(escape(f.separator)).join(
                    self.rich(v) for v in f.values))
        if b.note:
            out.append(Markup('<p class="note">%s%s</p>') % (b.note_label, self.rich(b.note)))
        out.append(Markup("</article>"))
        return Markup("\n").join(out)

    def visit_schedule(self, b: d.Schedule) -> Markup:
        g = b.grid
        head = Markup("").join(Markup('<th scope="col">%s</th>') % c for c in [g.measure_column, *g.columns,
                                                                               g.departments_column])
        rows = Markup("\n").join(
            Markup('<tr><th scope="row"><a href="#%s">%s</a> %s</th>%s<td>%s</td></tr>') % (
                r.anchor, r.number, r.title, Markup("").join(Markup("<td>%s</td>") % c for c in r.cells),
                "、".join(r.departments))
            for r in g.rows)
        return Markup('<div class="table-wrap" tabindex="0">\n<table class="schedule">\n<caption>%s</caption>\n'
                      '<thead><tr>%s</tr></thead>\n<tbody>\n%s\n</tbody>\n</table>\n</div>') % (g.caption, head, rows)

    def visit_chart(self, b: d.Chart) -> Markup:
        svg = _Svg()
        height = CHARTS[b.form](b, svg)
        drawing = Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="%s-title %s-desc" '
            'viewBox="0 0 %s %s" width="%s" height="%s" font-size="13" '
            'style="max-width: 100%%; height: auto; break-inside: avoid">\n'
            '<title id="%s-title">%s</title>\n<desc id="%s-desc">%s</desc>\n%s\n</svg>') % (
            b.anchor, b.anchor, WIDTH, _n(height), WIDTH, _n(height), b.anchor, b.title, b.anchor, b.description,
            Markup("\n").join(svg.parts))
        # the title is shown above the drawing for the eye; assistive technology reads it
        # from the drawing's <title> and the table's caption
        return Markup('<div class="chart" id="%s">\n<p class="label" aria-hidden="true">%s</p>\n%s\n%s\n</div>') % (
            b.anchor, b.title, drawing, self.visit_table(b.table))

    def visit_glossary(self, b: d.Glossary) -> Markup:
        h = hlevel(b.level)
        groups = []
        for g in b.groups:
            # a reading the term already spells (スマートフォン) is marked, so that print can leave it out
            entries = Markup("\n").join(
                (Markup('<dt id="%s"><ruby%s>%s<rp>（</rp><rt>%s</rt><rp>）</rp></ruby></dt>\n<dd>%s</dd>') % (
                    e.anchor, Markup("") if e.show_reading else Markup(' class="spelled"'), e.term, e.reading,
                    self.rich(e.definition, footnotes=False)) if e.reading is not None else
                 Markup('<dt id="%s">%s</dt>\n<dd>%s</dd>') % (e.anchor, e.term, self.rich(e.definition, footnotes=False)))
                for e in g.entries)
            groups.append(Markup(f'<section aria-labelledby="%s">\n<h{h} id="%s">%s</h{h}>\n<dl>\n%s\n</dl>\n</section>')
                          % (g.anchor, g.anchor, g.label, entries))
        return Markup('<div class="glossary">\n%s\n</div>') % Markup("\n").join(groups)


# ---------------------------------------------------------------- charts: inline SVG

# dark enough for white text on them (contrast 6:1 or more) and apart from each other
PALETTE = ("#0b4f8a", "#2e6b30", "#8a5300", "#a3261e", "#5b2a86", "#00616e", "#595959")
WIDTH = 640


def text_width(text: str, size: float) -> float:
    """About how wide a text is drawn: a full-width character is one em, others about half."""
    return sum(size if ord(c) > 0x2E7F else size * 0.6 for c in text)


def _color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _n(x: float) -> str:
    """A coordinate as SVG writes it: at most one decimal, no trailing zeros."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


class _Svg:
    """The parts of one chart, escaped as they are added."""

    def __init__(self):
        self.parts: list[Markup] = []

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        self.parts.append(Markup('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>')
                          % (_n(x), _n(y), _n(w), _n(h), fill))

    def text(self, x: float, y: float, words: str, anchor: str = "start", fill: str = "#1a1a1a") -> None:
        self.parts.append(Markup('<text x="%s" y="%s" text-anchor="%s" fill="%s">%s</text>')
                          % (_n(x), _n(y), anchor, fill, words))

    def legend(self, names: list[str], y: float) -> float:
        """Swatches and names, wrapped to the width; returns the height they take."""
        x, rows = 0.0, 1
        for i, name in enumerate(names):
            w = 18 + text_width(name, 12) + 16
            if x and x + w > WIDTH:
                x, rows = 0.0, rows + 1
            top = y + (rows - 1) * 20
            self.rect(x, top + 2, 12, 12, _color(i))
            self.parts.append(Markup('<text x="%s" y="%s" font-size="12">%s</text>') % (_n(x + 16), _n(top + 12), name))
            x += w
        return rows * 20 + 6


def _chart_bars(b: d.Chart, svg: _Svg) -> float:
    values = [v or 0.0 for v in b.series[0].values]
    labels = b.value_labels[0]
    label_w = min(300.0, max((text_width(c, 13) for c in b.categories), default=0) + 10)
    room = max((text_width(t, 13) for t in labels), default=0) + 12
    span = WIDTH - label_w - room
    top = max(values, default=0) or 1
    for i, (cat, v, lab) in enumerate(zip(b.categories, values, labels)):
        y = i * 28
        svg.text(label_w - 8, y + 18, cat, "end")
        w = span * v / top
        svg.rect(label_w, y + 5, w, 18, _color(0))
        svg.text(label_w + w + 6, y + 18, lab)
    return len(values) * 28 + 4


def _chart_stacked(b: d.Chart, svg: _Svg) -> float:
    y = svg.legend([s.name for s in b.series], 0)
    for i, cat in enumerate(b.categories):
        svg.text(0, y + 15, cat)
        x = 0.0
        for j, s in enumerate(b.series):
            pct = s.values[i] or 0.0
            w = WIDTH * pct / 100
            if w <= 0:
                continue
            svg.rect(x, y + 21, w, 22, _color(j))
            label = b.value_labels[j][i]
            if label and text_width(label, 12) + 8 <= w:
                svg.parts.append(Markup('<text x="%s" y="%s" text-anchor="middle" fill="#fff" font-size="12">%s</text>')
                                 % (_n(x + w / 2), _n(y + 37), label))
            x += w
        y += 52
    return y


def _chart_grouped(b: d.Chart, svg: _Svg) -> float:
    y = svg.legend([s.name for s in b.series], 0)
    label_w = min(300.0, max((text_width(c, 13) for c in b.categories), default=0) + 10)
    room = max((text_width(t, 12) for lab in b.value_labels for t in lab), default=0) + 12
    span = WIDTH - label_w - room
    top = max((v for s in b.series for v in s.values if v is not None and v > 0), default=1)
    row = len(b.series) * 16 + 10
    for i, cat in enumerate(b.categories):
        svg.text(label_w - 8, y + row / 2 + 4, cat, "end")
        for j, s in enumerate(b.series):
            v = s.values[i]
            by = y + 5 + j * 16
            if v is None:
                continue
            w = span * max(v, 0) / top
            svg.rect(label_w, by, w, 14, _color(j))
            svg.parts.append(Markup('<text x="%s" y="%s" font-size="12">%s</text>')
                             % (_n(label_w + w + 6), _n(by + 12), b.value_labels[j][i]))
        y += row
    return y


CHARTS = {"bars": _chart_bars, "stacked": _chart_stacked, "grouped": _chart_grouped}


def render(doc: d.Document) -> str:
    from .jinja import environment

    r = HtmlRenderer(doc.words)
    # chapters first: rendering them numbers the footnote references the notes link back to
    chapters = [(ch, r.blocks(ch.blocks)) for ch in doc.chapters]
    tpl = environment().get_template("plan.html.j2")
    return tpl.render(doc=doc, chapters=chapters, rich=r.rich, notes=r.notes, css_string=css_string)


def render_index(entries: list[dict]) -> str:
    from .jinja import environment

    tpl = environment().get_template("index.html.j2")
    return tpl.render(entries=entries)

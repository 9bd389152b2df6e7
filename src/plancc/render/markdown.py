"""Markdown: a readable document for a repository or a pull request (GitHub's cmark-gfm).

Escaping happens here and only here: plain values go through `plain`, the plan's rich
text through `rich`, which keeps the emphasis, code and links markdown-it finds in it
and escapes every other character that Markdown (or GFM: tables, strikethrough,
footnotes) would read as syntax. Raw HTML is never written.
"""

from __future__ import annotations

import re

from .. import document as d
from .inline import join, parser

# ASCII punctuation that can start or end inline syntax in CommonMark or GFM
_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|!#$])")
_LINE_START = re.compile(r"^()([0-9]{1,9})([.)])(?=\s|$)|^()([-+*](?=\s|$)|>|#{1,6}(?=\s|$)|=+\s*$)")
_NEEDS_PARSE = re.compile(r"[\\`*_\[\]<>&~|!#$\r\n]|://|www\.")


# Where GitHub would make a link of a bare URL (GFM's extended autolinks start at the ':'
# of http://, https:// and ftp://, and at 'www.'). The plan's text links only what it
# writes as Markdown, in the page as here; escaped, a URL stays text, and whole: an
# autolink would carry the escapes of its '_' and '~' into its address. (An e-mail
# address GitHub links to mailto: whatever is escaped; such a link opens no page.)
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(?=://)|(?<=www)(?=\.)")


def plain(text: str) -> str:
    """A value shown as it is: every character that could be syntax is escaped."""
    text = _SPECIAL.sub(r"\\\1", text).replace("\r", "").replace("\n", " ")
    return _AUTOLINK.sub(r"\\", text)


def _url(href: str) -> str:
    return href.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def _code(token, in_table: bool) -> str:
    content = token.content.replace("|", "\\|") if in_table else token.content
    fence = "`"
    while fence in content:
        fence += "`"
    pad = " " if content.startswith("`") or content.endswith("`") or content.startswith(" ") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def _serialize(text: str, in_table: bool) -> str:
    out = []
    stack = []
    for tok in parser().parseInline(text)[0].children or []:
        t = tok.type
        if t in ("text", "text_special"):
            out.append(plain(tok.content))
        elif t in ("softbreak", "hardbreak"):
            out.append(" ")
        elif t == "strong_open" or t == "strong_close":
            out.append("**")
        elif t == "em_open" or t == "em_close":
            out.append("*")
        elif t == "code_inline":
            out.append(_code(tok, in_table))
        elif t == "link_open":
            stack.append(tok.attrGet("href") or "")
            out.append("[")
        elif t == "link_close":
            out.append(f"]({_url(stack.pop())})")
        else:  # anything else markdown-it might produce is shown as its source
            out.append(plain(tok.content or tok.markup or ""))
    return "".join(out)


def rich(runs: d.Inline | None, footnotes: bool = True, in_table: bool = False) -> str:
    """The plan's inline text with footnote references `[^2-1]`."""
    if not runs:
        return ""
    text, ph, refs = join(runs)
    out = _serialize(text, in_table) if _NEEDS_PARSE.search(text) else text
    if ph is None:
        return out
    pieces = out.split(ph)
    result = [pieces[0]]
    for ref, piece in zip(refs, pieces[1:]):
        if footnotes:
            result.append(f"[^{ref.chapter + 1}-{ref.number}]")
            if piece.startswith("("):  # `[^1-6](…)` would read as a link
                piece = "\\" + piece
        result.append(piece)
    return "".join(result)


def block_safe(line: str) -> str:
    """A paragraph's first characters escaped so that it cannot start a list, quote,
    heading, table or code block."""
    line = line.lstrip(" \t")
    m = _LINE_START.match(line)
    if m and m.group(2):
        return f"{m.group(1)}{m.group(2)}\\{m.group(3)}{line[m.end(3):]}"
    if m:
        return f"{m.group(4)}\\{line[m.end(4):]}"
    return line


def cell(value: d.Cell) -> str:
    text = "<br>".join(rich(line, in_table=True) for line in value)
    return text or " "


def heading(level: int, text: str) -> str:
    return "#" * min(6, level) + " " + text


class MarkdownRenderer(d.Visitor[list[str]]):
    """Each visit returns the block's lines; blocks are separated by one blank line."""

    def blocks(self, blocks: list[d.Block]) -> list[str]:
        out: list[str] = []
        for b in blocks:
            part = self.visit(b)
            if part:
                out.extend(part)
                out.append("")
        return out[:-1] if out else out

    def visit_paragraph(self, b: d.Paragraph) -> list[str]:
        return [block_safe(rich(b.text))]

    def visit_section(self, b: d.Section) -> list[str]:
        title = rich(b.title)
        if b.number:
            title = f"{plain(b.number)} {title}"
        return [heading(b.level, title), ""] + self.blocks(b.blocks)

    def visit_item(self, b: d.HeadedItem) -> list[str]:
        title = f"{plain(b.mark)} {rich(b.title)}" if b.mark else rich(b.title)
        return [f"**{title}**", ""] + self.blocks(b.blocks)

    def visit_list(self, b: d.BulletList) -> list[str]:
        marker = "1." if b.ordered else "-"
        return [f"{marker} {block_safe(cell(item))}" for item in b.items]

    def visit_table(self, b: d.Table) -> list[str]:
        out = []
        if b.caption:
            out += [f"**{rich(b.caption)}**", ""]
        for n in b.notes:
            out += [f"{b.note_mark}{rich(n)}", ""]
        width = len(b.header) if b.header else max((len(r) for r in b.rows), default=1)
        header = b.header or [((),)] * width
        out.append("|" + "".join(f" {cell(c)} |" for c in header))
        out.append("|" + " --- |" * len(header))
        for row in b.rows:
            out.append("|" + "".join(f" {cell(c)} |" for c in row))
        if b.source:
            out += ["", block_safe(rich(b.source))]
        return out

    def visit_figure(self, b: d.Figure) -> list[str]:
        out = [f"> **{rich(b.caption)}**（{plain(b.figure_word)}）"]
        if b.words:
            out.append(">")
            out += [f"> {block_safe(rich(w))}" + ("\\" if i < len(b.words) - 1 else "") for i, w in enumerate(b.words)]
        if b.source:
            out += [">", f"> {block_safe(rich(b.source))}"]
        return out

    def visit_note(self, b: d.Note) -> list[str]:
        return [f"{b.mark}{rich(b.text)}"]

    def visit_signature(self, b: d.Signature) -> list[str]:
        # right alignment is a layout nicety Markdown does not have; the words are what matter
        return [block_safe(rich(b.text))]

    def visit_caption(self, b: d.Caption) -> list[str]:
        return [f"**{rich(b.text)}**"]

    def visit_measure(self, b: d.Measure) -> list[str]:
        out: list[str] = []
        for form in b.forms:
            head = " ".join(x for x in (plain(form.label), rich(form.title)) if x)
            if form.phase:
                head = plain(form.phase) + head
            shown = [plain(mk.shown) for mk in form.marks if mk.shown]
            if form.marks_above and shown:  # a line of their own, as the source prints them
                out += [block_safe(" ".join(shown)), ""]
            elif shown:
                head += "".join(" " + s for s in shown)
            out += [heading(b.level, head), ""]
            if form.status:
                out += [f"**{plain(form.status_heading or '')}**", ""]
                out += [f"- {block_safe(cell(s))}" for s in form.status]
                out.append("")
            inner = self.blocks(form.blocks)
            if inner:
                out += inner + [""]
            if form.note:
                out += [f"{form.note_mark}{rich(form.note)}", ""]
        if b.fate:
            out += [f"{b.fate_mark}{rich(b.fate)}", ""]
        for fact in b.facts:
            values = plain(fact.separator).join(rich(v) for v in fact.values)
            out += [f"{plain(fact.term)}: {values}" if fact.term else block_safe(values), ""]
        if b.note:
            out += [f"{plain(b.note_label)}{rich(b.note)}", ""]
        return out[:-1] if out and out[-1] == "" else out

    def visit_schedule(self, b: d.Schedule) -> list[str]:
        g = b.grid
        head = [g.measure_column, *g.columns, g.departments_column]
        out = [f"**{plain(g.caption)}**", ""]
        out += ["| " + " | ".join(plain(h) for h in head) + " |", "|" + " --- |" * len(head)]
        for r in g.rows:
            cells = [f"{plain(r.number)} {plain(r.title)}", *(plain(c) or " " for c in r.cells),
                     plain("、".join(r.departments)) or " "]
            out.append("| " + " | ".join(cells) + " |")
        return out

    def visit_chart(self, b: d.Chart) -> list[str]:
        # Markdown has no drawing: the chart's table holds all its data
        return self.visit_table(b.table)

    def visit_glossary(self, b: d.Glossary) -> list[str]:
        out: list[str] = []
        for g in b.groups:
            out += [f"**{plain(g.label)}**", ""]
            for e in g.entries:
                reading = f"（{plain(e.reading)}）" if e.show_reading else ""
                out.append(f"- **{plain(e.term)}**{reading}: {rich(e.definition, footnotes=False)}")
            out.append("")
        return out[:-1] if out else out


def render(doc: d.Document) -> str:
    r = MarkdownRenderer()
    out = [f"# {plain(doc.title)}", ""]
    lines = [plain(x) for x in doc.subtitle_lines]
    out += [x + "  " for x in lines[:-1]] + lines[-1:] + [""]
    if doc.excerpt_note:
        out += [f"> {plain(doc.excerpt_note)}", ""]
    out += [heading(2, plain(doc.words.contents)), ""]
    out += [("  " * e.level) + f"- {plain(e.label)}" for e in doc.toc if e.level <= 1]
    out.append("")
    if doc.years_note:
        out += [block_safe(rich(doc.years_note)), ""]
    for ch in doc.chapters:
        out += [heading(2, plain(ch.heading)), ""]
        body = r.blocks(ch.blocks)
        if body:
            out += body + [""]
        for f in ch.footnotes:
            out.append(f"[^{ch.index + 1}-{f.number}]: {plain(f.term)}{f.separator}{rich(f.definition, footnotes=False)}")
        if ch.footnotes:
            out.append("")
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

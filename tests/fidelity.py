"""Does a built document hold every sentence of its source text?

Both sides are reduced to their words: NFKC, footnote markers and markup removed, then
only letters and digits kept (so full-width/half-width, line breaks, spaces the PDF put
inside words, bullets and punctuation cannot cause a false alarm). The source is cut into
sentences at 。; footnote definition lines are taken out of the running text and checked
on their own, because the PDF prints them at the foot of a page, inside a sentence.
A sentence that is not found is cut once more at its line breaks, so that one noisy line
(a page number, a chart label) does not hide the rest.
"""

from __future__ import annotations

import re
import unicodedata

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_LINE = re.compile(r"^\s*(\^\{※\s*[0-9０-９]+\}|※\s*[0-9０-９]+|[¹²³⁴⁵⁶⁷⁸⁹]+)\s*")
MARKERS = re.compile(r"\^\{※\s*[0-9０-９]+\}|※\s*[0-9０-９]+(?![0-9０-９]*\s*[年月日条%％])|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
TAG = re.compile(r"<[^>]+>")
MD_FOOTREF = re.compile(r"\[\^[0-9]+-[0-9]+\]")


def words(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN")


def markdown_words(md: str) -> str:
    md = MD_FOOTREF.sub("", md)
    md = re.sub(r"<[^>]+>", "", md)
    return words(md)


def source_units(text: str, noise: list[str]) -> list[tuple[int, str]]:
    """(line number, raw text) units: sentences of the running text and footnote lines."""
    noise_res = [re.compile(n) for n in noise]
    body: list[tuple[int, str]] = []
    notes: list[tuple[int, str]] = []
    in_note = False
    for n, line in enumerate(text.splitlines(), 1):
        if any(r.search(line) for r in noise_res):
            continue
        if FOOTNOTE_LINE.match(line):
            in_note = True
            notes.append((n, FOOTNOTE_LINE.sub("", line)))
            continue
        if in_note and line.strip() and not line.startswith(" ") and notes and not notes[-1][1].rstrip().endswith(("。", ")", "）")):
            # a footnote definition broken over lines continues here
            notes[-1] = (notes[-1][0], notes[-1][1] + line)
            continue
        in_note = False
        body.append((n, line))
    units: list[tuple[int, str]] = []
    buf, start = [], None
    for n, line in body:
        for part in re.split(r"(?<=。)", line):
            if not part:
                continue
            if start is None:
                start = n
            buf.append(part)
            if part.endswith("。"):
                units.append((start, "\n".join(buf)))
                buf, start = [], None
        if buf:
            buf.append("\n")
    if buf:
        units.append((start or 0, "\n".join(buf)))
    return units + notes


def missing(source: str, markdown: str, noise: list[str] | None = None, min_len: int = 2) -> list[tuple[int, str]]:
    """Source fragments (line, text) whose words are not in the Markdown."""
    have = markdown_words(markdown)
    out = []
    for line, unit in source_units(source, noise or []):
        unit = TAG.sub(" ", unit)  # HTML markup left in an extraction is not content
        w = words(MARKERS.sub("", unit))
        if len(w) < min_len or w in have:
            continue
        for piece in unit.split("\n"):
            pw = words(MARKERS.sub("", piece))
            if len(pw) >= min_len and pw not in have:
                out.append((line, piece.strip()))
    return out


MD_HEADING = re.compile(r"^(#{1,6}) (.*)$")
MARK_LABEL = re.compile(r"〔[^〕]*〕")  # a measure's marks, worded from plan.yaml's vocabulary (checked apart)


def added_headings(source: str, markdown: str, generated: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """Headings of the Markdown (after its title) that the source does not have where the
    Markdown has them, as (Markdown line, heading): each heading's words must be found in
    the source after those of the heading before it. A heading not found is reported and
    does not move the search on, so one added heading does not hide the rest. `generated`
    are headings plancc writes itself (the 目次 of its table of contents)."""
    have = words(MARKERS.sub("", source))
    at = 0
    out = []
    for n, line in enumerate(markdown.splitlines(), 1):
        m = MD_HEADING.match(line)
        if not m or len(m[1]) == 1 or m[2] in generated:
            continue
        w = markdown_words(MARK_LABEL.sub("", m[2]))
        i = have.find(w, at)
        if i < 0:
            out.append((n, m[2]))
        else:
            at = i + len(w)
    return out

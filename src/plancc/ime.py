"""What a Japanese keyboard types where YAML and plancc need ASCII, and what to type instead.

With the IME on, the keys that type YAML's syntax give their full-width twins: the space
bar gives U+3000, `:` gives `：`, `[` gives `［`, `-` gives `－` or `ー`, the digits ０-９.
YAML reads none of them as syntax, so a file fails a line or more later, or a value is
quietly text. This module knows those characters and the Japanese ways of writing dates,
years and lists; yamlsource, load and check decide where they matter, make the findings
(codes.py) and place them. Positions here are 0-based character offsets in a line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

FW_SPACE = "\u3000"
FW_COLON = "："
FW_BRACKETS = "［］｛｝"
_BRACKETS = str.maketrans(FW_BRACKETS, "[]{}")
DASHES = "－ー―‐−–—"  # full-width hyphen-minus, 長音 ー, bars and minus signs an IME offers for '-'
QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", "＂": "＂"}
_CURLY = {"“", "‘", "＂"}  # quotes to replace by "; 「」 and 『』 are kept as text inside "…"
STAGE_SEPARATORS = "、，,"
STAGE_JOINERS = "・･"  # may also be part of one stage's name (調査・研究)

Edit = tuple  # (line, start, end, replacement): replace line[start:end]


class Slip(NamedTuple):
    """A mistake in a file's text: where, which code and params, and the ways to repair
    it (alternatives, each a tuple of Edits) that a parser can try."""

    line: int
    col: int
    width: int
    code: str
    params: tuple = ()
    repairs: tuple = ()


def ascii_form(text: str) -> str:
    """`text` as typed with the IME off: NFKC (full-width letters, digits, brackets and
    spaces become ASCII) and every dash an IME offers becomes '-'."""
    text = unicodedata.normalize("NFKC", text)
    return "".join("-" if c in DASHES else c for c in text).strip()


def _has(text: str, chars: str) -> bool:
    return any(c in text for c in chars)


# ---------------------------------------------------------------- in a file that YAML cannot read

# where a value (or a key) starts: after the indentation and list dashes, after ': ', or
# after a flow collection's '[', '{' or ','
_LEAD = r"(?:^[ \u3000]*(?:[-" + DASHES + r"][ \u3000]+)*|:[ \u3000]+|[\[{,［｛][ \u3000]*)"
# patterns, compiled on first use (re caches them): a clean plan never needs them
_INDENT_RE = r"^[ \u3000]+"
_DASH_SPACE_RE = r"^([ ]*(?:- +)*)-\u3000"
_COLON_SPACE_RE = r"^([ ]*(?:- +)*[^\s:#\[\]{}\"',][^\s:#\[\]{},]*):\u3000[ \u3000]*"
_FW_COLON_RE = (r"(?:^[ \u3000]*(?:[-" + DASHES + r"][ \u3000]+)*|[{,｛][ \u3000]*)"
                r"([^\s:：#\[\]{}\"',［］｛｝][^\s:：#\[\]{},［］｛｝]*)[ \u3000]*：[ \u3000]*")
_DASH_RE = r"^([ ]*)([" + DASHES + r"])[ \u3000]+(?=\S)"
_QUOTE_RE = _LEAD + r"([" + "".join(QUOTES) + r"])"
_OPEN_RE = _LEAD + r"([\"'])"


def syntax_slips(lines: list[str]) -> list[Slip]:
    """Every place in `lines` where an IME character may stand for YAML syntax, or a quote
    may be left open, with the edits that would put it right. Only a parser can tell
    which of them broke the file (most are harmless text)."""
    out: list[Slip] = []
    for i, line in enumerate(lines):
        if line.isascii() and '"' not in line and "'" not in line:
            continue
        m = re.match(_INDENT_RE, line)
        if m and FW_SPACE in m[0]:
            first = m[0].index(FW_SPACE)
            out.append(Slip(i, first, m[0].rindex(FW_SPACE) + 1 - first, "fullwidth-space", (),
                            tuple(((i, 0, m.end(), m[0].replace(FW_SPACE, n)),) for n in ("  ", " "))))
        m = re.match(_DASH_SPACE_RE, line)
        if m:
            out.append(Slip(i, m.end() - 1, 1, "fullwidth-space", (("form", "dash"),),
                            (((i, m.end() - 1, m.end(), " "),),)))
        m = re.match(_COLON_SPACE_RE, line)
        if m:
            start = len(m[1]) + 1
            out.append(Slip(i, start, 1, "fullwidth-space", (("form", "colon"),),
                            (((i, len(m[1]), m.end(), ": "),),)))
        if FW_COLON in line:
            for m in re.finditer(_FW_COLON_RE, line):
                key_end = m.end(1)
                at = line.index(FW_COLON, key_end)
                out.append(Slip(i, at, 1, "fullwidth-colon", (("name", m[1]),),
                                (((i, key_end, m.end(), ": "),),)))
        if _has(line, FW_BRACKETS):
            first = min(line.index(c) for c in FW_BRACKETS if c in line)
            last = max(line.rindex(c) for c in FW_BRACKETS if c in line)
            fixed = line[first:last + 1].translate(_BRACKETS)
            out.append(Slip(i, first, 1, "fullwidth-bracket", (("typed", line[first]), ("fixed", fixed)),
                            (((i, first, last + 1, fixed),),)))
        m = re.match(_DASH_RE, line)
        if m:
            out.append(Slip(i, m.start(2), 1, "fullwidth-dash", (("dash", m[2]),),
                            (((i, m.start(2), m.end(), "- "),),)))
        if _has(line, "".join(QUOTES)):
            for m in re.finditer(_QUOTE_RE, line):
                q, at = m[1], m.start(1)
                end = len(line.rstrip())
                if end - at < 2 or line[end - 1] != QUOTES[q]:
                    continue
                inner = line[at + 1:end - 1]
                if q in _CURLY:
                    edits = ((i, end - 1, end, '"'), (i, at, at + 1, '"'))
                    fixed = f'"{inner}"'
                else:
                    edits = ((i, end, end, '"'), (i, at, at, '"'))
                    fixed = f'"{line[at:end]}"'
                out.append(Slip(i, at, 1, "fullwidth-quote", (("quote", q + QUOTES[q]), ("fixed", fixed)), (edits,)))
                break
        out.extend(_unclosed(i, line))
    return out


def _unclosed(i: int, line: str) -> list[Slip]:
    m = re.search(_OPEN_RE, line)
    if not m:
        return []
    q, at = m[1], m.start(1)
    rest = line[at + 1:]
    if q == '"':
        closed = re.search(r'(?<!\\)"', rest.replace("\\\\", "  "))
    else:
        closed = re.search(r"'(?!')", rest.replace("''", "  "))
    if closed:
        return []
    return [unclosed_quote(i, at, line)]


def unclosed_quote(i: int, at: int, line: str) -> Slip:
    """A quote opened at `at` that its line does not close (the repair closes it there)."""
    q = line[at]
    twin = {'"': "”", "'": "’"}.get(q)
    end = len(line.rstrip())
    repairs = [((i, end, end, q),)]
    params: tuple = (("quote", q),)
    if twin and twin in line[at + 1:]:
        close = line.rindex(twin)
        repairs.insert(0, ((i, close, close + 1, q),))
        params = (("close", twin), ("form", "fullwidth"), ("quote", q))
    return Slip(i, at, 1, "unclosed-quote", params, tuple(repairs))


def apply(lines: list[str], edits) -> str | None:
    """The text with `edits` made (all in the original lines' coordinates), or None when
    two of them overlap."""
    by_line: dict[int, list] = {}
    for e in edits:
        by_line.setdefault(e[0], []).append(e)
    out = list(lines)
    for n, es in by_line.items():
        es.sort(key=lambda e: (e[1], e[2]), reverse=True)
        text, limit = out[n], len(out[n]) + 1
        for _, start, end, new in es:
            if end > limit:
                return None
            text = text[:start] + new + text[end:]
            limit = start
        out[n] = text
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- in a file YAML could read

def key_slip(key: str, value_is_null: bool) -> tuple[str, int, int, tuple] | None:
    """A mapping key that cannot be meant: (code, offset, width, params) of a full-width
    space before, after or in place of syntax, or of `：` where `:` was meant."""
    if key.startswith(FW_SPACE):
        return "fullwidth-space", 0, len(key) - len(key.lstrip(FW_SPACE)), ()
    if key.startswith("-" + FW_SPACE):
        return "fullwidth-space", 1, 1, (("form", "dash"),)
    if key.endswith(FW_SPACE):
        stripped = key.rstrip(FW_SPACE)
        return "fullwidth-space", len(stripped), len(key) - len(stripped), (("form", "key"),)
    if value_is_null and FW_COLON in key and key.index(FW_COLON) > 0:
        at = key.index(FW_COLON)
        return "fullwidth-colon", at, 1, (("name", key[:at].strip()),)
    return None


_KEY_COLON_RE = r"(?s)^([A-Za-z_][A-Za-z0-9_]*)[ \u3000]*：[ \u3000]*(.*)$"


def value_slip(kind: str, value: str, pattern: re.Pattern | None = None
               ) -> tuple[str, int, tuple] | None:
    """Why `value` is not a `kind` (list, mapping, int, number, date, id) when the reason
    is a Japanese keyboard or habit: (code, offset of the spot in the value, params with
    `fixed`, what to type). `pattern` is the form the field needs, where it has one."""
    if not isinstance(value, str) or not value:
        return None
    if value[0] in QUOTES and len(value) > 1 and value.endswith(QUOTES[value[0]]) and kind not in ("list", "mapping"):
        inner = value[1:-1]
        return "fullwidth-quote", 0, (("quote", value[0] + QUOTES[value[0]]), ("fixed", f'"{ascii_form(inner)}"'))
    if kind == "list":
        if value[0] in "［":
            return "fullwidth-bracket", 0, (("typed", value[0]), ("fixed", value.translate(_BRACKETS)))
        m = re.match(_DASH_RE, value)
        if m:
            return "fullwidth-dash", 0, (("dash", m[2]),)
        return None
    if kind == "mapping":
        if value[0] == "｛":
            return "fullwidth-bracket", 0, (("typed", value[0]), ("fixed", value.translate(_BRACKETS)))
        m = re.match(_KEY_COLON_RE, value)
        if m:
            return "fullwidth-colon", value.index(FW_COLON), (("name", m[1]),)
        return None
    from .fiscal import era_date, era_fiscal_year  # only a value that is wrong needs the eras

    typed = ascii_form(value)
    if kind == "int":
        if re.fullmatch(r"[0-9]+", typed) and typed != value:
            return "fullwidth-digits", 0, (("fixed", typed),)
        year = era_fiscal_year(value)
        if year is not None:
            return "era-year", 0, (("fixed", str(year)),)
        return None
    if kind == "date":
        fixed = era_date(value)
        if fixed is not None:
            return "era-date", 0, (("fixed", fixed),)
    if kind == "id":
        if pattern is not None and pattern.match(typed):
            return "id-not-ascii", 0, (("fixed", typed), ("form", "fullwidth"))
        if not value.isascii():
            return "id-not-ascii", 0, ()
        return None
    if pattern is not None and typed != value and pattern.match(typed):
        return "fullwidth-digits", 0, (("fixed", typed),)
    return None


def year_key_slip(key: str) -> tuple[str, tuple] | None:
    """A schedule key meant as a fiscal year but typed in full-width digits or with an era."""
    from .fiscal import era_fiscal_year  # only a key that is wrong needs the eras

    typed = ascii_form(key)
    if re.fullmatch(r"[0-9]{4}", typed) and typed != key:
        return "fullwidth-digits", (("fixed", typed),)
    year = era_fiscal_year(key)
    if year is not None:
        return "era-year", (("fixed", str(year)),)
    return None


def joined_stages(cell: str, stages: set[str]) -> list[str] | None:
    """The stages of one schedule cell typed as one text (構築、運用 or 構築・運用), when at
    least one of its parts is a stage; None when the cell is one stage or not a list."""
    if cell in stages:
        return None
    parts = [p.strip() for p in re.split("[" + STAGE_SEPARATORS + "]", cell)]
    out: list[str] = []
    for p in parts:
        if p in stages or not _has(p, STAGE_JOINERS):
            out.append(p)
        else:
            out.extend(s.strip() for s in re.split("[" + STAGE_JOINERS + "]", p))
    out = [p for p in out if p]
    if len(out) < 2 or not any(p in stages for p in out):
        return None
    return out


# ---------------------------------------------------------------- term references

# two opening brackets, the reference, two closing brackets: any of them full-width
FW_REF_RE = r"[\[［][\[［]([^\[\]［］\n]+?)[\]］][\]］]"


class LooseRef(NamedTuple):
    """A term reference typed with full-width characters: `［［クラウド］］`, `[[ＧＩＳ]]`."""

    typed: str  # as it stands in the text
    start: int  # offset in the text
    shown: str  # the words to show
    ref: str  # what it refers to, as typed with the IME off


def loose_refs(text: str) -> list[LooseRef]:
    """References whose brackets (or whose `|`) are full-width; those written with four
    ASCII brackets are text.refs' business."""
    out = []
    if not _has(text, "［］"):
        return out
    for m in re.finditer(FW_REF_RE, text):
        if m[0][:2] == "[[" and m[0][-2:] == "]]":
            continue
        shown, ref = split_ref(m[1])
        out.append(LooseRef(m[0], m.start(), shown, ref))
    return out


def split_ref(inner: str) -> tuple[str, str]:
    """'shown|ref' (either bar, full or half width) → (shown, ref in NFKC: full-width
    letters and spaces as ASCII, katakana untouched)."""
    shown, bar, ref = inner.replace("｜", "|").partition("|")
    return shown.strip(), unicodedata.normalize("NFKC", ref if bar else shown).strip()


def written_ref(shown: str, key: str) -> str:
    """How to write a reference to term `key` that shows `shown`."""
    return f"[[{key}]]" if shown == key else f"[[{shown}|{key}]]"

"""Inline text: term references `[[shown|ref]]` inside Markdown text."""

from __future__ import annotations

import re
from dataclasses import dataclass

REF_RE = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]|]+))?\]\]")


@dataclass(frozen=True)
class TermRef:
    shown: str
    ref: str
    start: int  # offset of "[[" in the text


def refs(text: str) -> list[TermRef]:
    return [p for p in split(text) if isinstance(p, TermRef)]


def split(text: str) -> list[str | TermRef]:
    """Text → plain strings and TermRefs, in order."""
    out: list[str | TermRef] = []
    pos = 0
    for m in REF_RE.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        out.append(TermRef(m[1], (m[2] or m[1]).strip(), m.start()))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def plain(text: str) -> str:
    """The text as a reader sees it, without reference markup."""
    return REF_RE.sub(lambda m: m[1], text)

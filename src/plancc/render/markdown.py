"""Markdown: a readable document for a repository or a pull request."""

from __future__ import annotations

import re

from ..layout import Document, Ref

_BLOCK_START = re.compile(r"^(\s*)([0-9]+)([.)])(\s)|^(\s*)([-+*>#=|])")


def inline(segments, footnotes: bool = True) -> str:
    out = []
    for s in segments or []:
        if isinstance(s, Ref):
            out.append(f"{s.shown}[^{s.chapter + 1}-{s.number}]" if footnotes else s.shown)
        else:
            out.append(s.replace("<", "&lt;"))  # a plan's text never becomes raw HTML
    return "".join(out).replace("\n", " ")


def para(segments) -> str:
    """Inline text as a paragraph, escaped so it cannot start a list, quote or heading."""
    s = inline(segments)
    m = _BLOCK_START.match(s)
    if m and m.group(2):
        s = f"{m.group(1)}{m.group(2)}\\{m.group(3)}{s[m.end(3):]}"
    elif m:
        s = f"{m.group(5)}\\{s[m.end(5):]}"
    return s


def cell(value) -> str:
    if isinstance(value, list) and value and isinstance(value[0], list):
        text = "<br>".join(inline(v) for v in value)
    else:
        text = inline(value)
    return text.replace("|", "\\|") or " "


def heading(depth: int) -> str:
    return "#" * min(6, depth + 2)


def render(doc: Document) -> str:
    from .jinja import environment

    tpl = environment(False).get_template("plan.md.j2")
    text = tpl.render(doc=doc, inline=inline, para=para, cell=cell, heading=heading)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

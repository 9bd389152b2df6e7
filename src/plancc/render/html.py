"""HTML: one self-contained page per plan edition, and an index of them.

Every text from the YAML goes through markdown-it with raw HTML disabled, or through
Jinja's autoescape; nothing a plan says can become markup or script.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from ..layout import Document, Ref

_PH = re.compile("\ue000([0-9]+)\ue001")


@lru_cache(maxsize=1)
def _md():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image"])  # a page must not load anything from another host
    return md


# What can start inline Markdown (or what markdown-it rewrites: CR, NUL). Brackets
# alone are not markup here, since inline text has no link definitions; only `](` is.
# Most plan text has none of it and is only escaped, as markdown-it would escape it;
# markdown-it itself is imported only for text that needs it.
_MARKUP = re.compile("[\\\\`*_!<&\r\n\x00]|\\]\\(")


def render_inline_markdown(text: str) -> str:
    """Inline Markdown → HTML, with raw HTML and images disabled."""
    if _MARKUP.search(text) is None:
        return text.replace(">", "&gt;").replace('"', "&quot;")
    return _md().renderInline(text)


class _Notes:
    """Ids for footnote references, so each reference and its back-link find each other."""

    def __init__(self):
        self.refs: dict[tuple[int, int], list[str]] = {}

    def ref_id(self, chapter: int, number: int) -> str:
        ids = self.refs.setdefault((chapter, number), [])
        rid = f"fnref-{chapter + 1}-{number}-{len(ids) + 1}"
        ids.append(rid)
        return rid


def _inline_factory(notes: _Notes):
    def inline(segments, footnotes: bool = True) -> Markup:
        parts, refs = [], []
        for s in segments or []:
            if isinstance(s, Ref):
                parts.append(s.shown)
                if footnotes:
                    parts.append(f"\ue000{len(refs)}\ue001")
                    refs.append(s)
            else:
                parts.append(s)
        rendered = render_inline_markdown("".join(parts).replace("\n", " "))

        def sub(m):
            r = refs[int(m[1])]
            rid = notes.ref_id(r.chapter, r.number)
            return (f'<sup class="fnref"><a href="#fn-{r.chapter + 1}-{r.number}" id="{rid}" '
                    f'role="doc-noteref" aria-label="注{r.number}">※{r.number}</a></sup>')
        return Markup(_PH.sub(sub, rendered))
    return inline


def _css_string(text: str) -> str:
    out = []
    for c in text:
        if c.isalnum() or c in " 　・ー（）()-" or ord(c) > 0x2FFF:
            out.append(c)
        else:
            out.append(f"\\{ord(c):X} ")
    return '"' + "".join(out) + '"'


def render(doc: Document) -> str:
    from .jinja import environment

    notes = _Notes()
    tpl = environment(True).get_template("plan.html.j2")
    return tpl.render(doc=doc, inline=_inline_factory(notes), notes=notes, css_string=_css_string,
                      hlevel=lambda depth: min(6, depth + 2))


def render_index(entries: list[dict]) -> str:
    from .jinja import environment

    tpl = environment(True).get_template("index.html.j2")
    return tpl.render(entries=entries)

"""Inline text as the plan writes it (inline Markdown with footnote references), read
once with markdown-it's grammar and handed to a format as tokens.

Both renderers that show rich text read it the same way: HTML renders the tokens,
Markdown writes them back as Markdown that means exactly that and nothing more. So a
plan's text cannot become raw HTML, a link or a footnote in one format that it is not
in the other.
"""

from __future__ import annotations

from functools import lru_cache

from ..document import FootnoteRef, Inline


@lru_cache(maxsize=1)
def parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image"])  # a page must not load anything from another host
    return md


def placeholder(text: str) -> str:
    """A character the text does not hold, to stand for footnote references while the
    text is parsed (Private Use Area characters are valid text: 外字 live there)."""
    for c in range(0xE000, 0xF900):
        if chr(c) not in text:
            return chr(c)
    for c in range(0xF0000, 0xFFFFE):  # pragma: no cover - a text holding all 6,400 PUA characters
        if chr(c) not in text:
            return chr(c)
    raise ValueError("no free placeholder character")  # pragma: no cover


def join(runs: Inline) -> tuple[str, str | None, list[FootnoteRef]]:
    """Runs → (text with a placeholder for each reference, the placeholder, references)."""
    refs = [r for r in runs if isinstance(r, FootnoteRef)]
    if not refs:
        return "".join(runs), None, []  # type: ignore[arg-type]
    words = "".join(r if isinstance(r, str) else r.shown for r in runs)
    ph = placeholder(words)
    return "".join(r if isinstance(r, str) else r.shown + ph for r in runs), ph, refs

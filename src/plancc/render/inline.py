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


_PRIVATE = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))


def placeholder(text: str) -> str:
    """What the text does not hold, to stand for footnote references while the text is
    parsed: a Private Use Area character (valid text too: 外字 live there), or, for a text
    holding every one of them, a pair of them that it does not hold. Linear in the text."""
    used = set(text)
    for block in _PRIVATE:
        for c in block:
            if chr(c) not in used:
                return chr(c)
    # every PUA character is used (137,000 of them): a pair that never occurs, of two
    # different characters (with "aa", a text's "a" before it would be read as its start).
    # The text holds fewer pairs than characters, so some first character has a free second.
    followers: dict[str, set[str]] = {}
    for a, b in zip(text, text[1:]):
        followers.setdefault(a, set()).add(b)
    for block in _PRIVATE:
        for a in map(chr, block):
            after = followers.get(a, ())
            for b in map(chr, block):
                if b != a and b not in after:
                    return a + b
    raise ValueError("no free placeholder")  # pragma: no cover - more pairs than 8 MiB can hold


def join(runs: Inline) -> tuple[str, str | None, list[FootnoteRef]]:
    """Runs → (text with a placeholder for each reference, the placeholder, references)."""
    refs = [r for r in runs if isinstance(r, FootnoteRef)]
    if not refs:
        return "".join(runs), None, []  # type: ignore[arg-type]
    words = "".join(r if isinstance(r, str) else r.shown for r in runs)
    ph = placeholder(words)
    return "".join(r if isinstance(r, str) else r.shown + ph for r in runs), ph, refs

"""Outputs read back as their real clients read them: Markdown by GitHub's cmark-gfm and by
markdown-it-py, HTML by the standard library's parser. Each reader returns what a test
needs to decide whether an output stayed inert: elements, attributes, links and text."""

from __future__ import annotations

import html
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options
from markdown_it import MarkdownIt

EVENT_ATTRS_PREFIX = "on"
ACTIVE_TAGS = {"script", "img", "iframe", "object", "embed", "style", "link", "meta", "form", "input", "svg",
               "math", "base", "video", "audio", "source"}


@dataclass
class Page:
    tags: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str]] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def words(self) -> str:
        return "".join(self.text)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.page.tags.append(tag)
        for k, v in attrs:
            self.page.attrs.append((k, v or ""))
            if k in ("href", "src", "action", "formaction"):
                self.page.hrefs.append(v or "")
        if tag in ("style", "script"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.page.text.append(data)


def read_html(text: str) -> Page:
    p = _Collect()
    p.feed(text)
    p.close()
    return p.page


def github_html(markdown: str) -> str:
    """Markdown as GitHub's renderer turns it into HTML, before GitHub's own sanitizer:
    raw HTML passes (CMARK_OPT_UNSAFE), so anything inert here is inert on GitHub."""
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES)


def markdown_it_html(markdown: str) -> str:
    md = MarkdownIt("gfm-like", {"html": True, "linkify": False})
    return md.render(markdown)


def inert_problems(page: Page, allowed_hrefs: set[str]) -> list[str]:
    """What in a page could act: active elements, event handlers, foreign links."""
    problems = [f"<{t}>" for t in page.tags if t in ACTIVE_TAGS - {"style", "meta"}]
    problems += [f"{k}=" for k, _ in page.attrs if k.startswith(EVENT_ATTRS_PREFIX)]
    for h in page.hrefs:
        # a link the source wrote, its address percent-encoded where Markdown needs it
        if not (h.startswith("#") or urllib.parse.unquote(h) in allowed_hrefs or h in allowed_hrefs
                or h.endswith("/plan.html")):
            problems.append(f"href {h!r}")
    return problems


def unescape(text: str) -> str:
    return html.unescape(text)

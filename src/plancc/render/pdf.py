"""PDF: the plan's HTML page typeset for A4 by WeasyPrint (CSS Paged Media).

The PDF reads the document model through the HTML renderer: the same page as plan.html,
with style.css's print rules and templates/pdf.css on top (the contents with page
numbers, the running header, page numbers). Nothing is walked twice and no word is
spelled here. Why WeasyPrint and not a browser's print: docs/architecture.md.

What the PDF carries besides the pages:

- fonts embedded as CID-keyed subsets (no Type 3);
- tags (PDF/UA-1 as WeasyPrint writes it), the document's title shown as the window's
  title, its language from the page's `lang`;
- bookmarks from the headings;
- dates from the plan (adopted, last revised), never the clock, and a file identifier
  made from the plan's city and title: the same plan gives the same bytes.
"""

from __future__ import annotations

import hashlib

from .. import document as d
from ..i18n import N_, Phrase
from . import PACKAGE, templates_dir


def available() -> Phrase | None:
    """None when PDFs can be built here, else what is missing (WeasyPrint or Pango)."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return Phrase(PACKAGE, (("package", "WeasyPrint"),))
    except OSError:  # WeasyPrint is there, but it could not load Pango
        return Phrase(N_("the Pango library, which WeasyPrint uses (apt-get install libpango-1.0-0 libpangoft2-1.0-0)"))
    return None


def identifier(doc: d.Document) -> bytes:
    """The PDF's permanent identifier: the same for every build of the same plan."""
    return hashlib.md5(f"{doc.city}\n{doc.title}".encode("utf-8"), usedforsecurity=False).hexdigest().encode()


def _refuse(url: str, *args, **kwargs):
    # the page is self-contained: nothing is fetched, from the network or from disk
    raise ValueError(f"plan.pdf fetches nothing ({url})")


def render(doc: d.Document, page: str) -> bytes:
    """`page` is plan.html as html.render made it from `doc`."""
    from weasyprint import HTML

    # pdf.css joins the page's own styles (WeasyPrint's `stylesheets` would be a user
    # sheet, which the page's rules override); the page's first </head> is its own: text
    # in it is escaped, so no `<` of a plan's text comes before
    sheet = (templates_dir() / "pdf.css").read_text(encoding="utf-8")
    page = page.replace("</head>", f"<style>\n{sheet}</style>\n</head>", 1)
    typeset = HTML(string=page, url_fetcher=_refuse).render()
    meta = typeset.metadata
    meta.created = doc.issued.isoformat()
    meta.modified = doc.updated.isoformat()
    meta.authors = [doc.city]
    meta.lang = doc.lang
    return typeset.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier(doc))

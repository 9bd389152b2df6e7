"""Renderers: one module per output format, each reading the same laid-out Document."""

from __future__ import annotations

from pathlib import Path

from ..i18n import N_, Phrase
from ..fiscal import month_label
from ..layout import adoption_line, layout
from ..load import Plan

PACKAGE = N_("the Python package {package} (pip install 'plancc[publish]')")
"""What a format lacking its library needs (a Phrase's template)."""


def templates_dir() -> Path:
    """templates/ from a wheel (plancc/templates) or from a source checkout (../../templates)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "templates", here.parent.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("plancc's templates folder is missing; reinstall plancc")


# Every output format, in the order `--format` lists them, and the files each writes into
# a plan's folder.
FORMATS: dict[str, tuple[str, ...]] = {
    "pdf": ("plan.pdf",),
    "docx": ("plan.docx",),
    "xlsx": ("schedule.xlsx",),
    "html": ("plan.html",),
    "md": ("plan.md",),
    "csv": ("schedule.csv", "schedule-long.csv", "datapackage.json"),
}


def missing(formats: list[str]) -> dict[str, Phrase]:
    """The formats of `formats` that cannot be built on this machine: {format: what it needs}.

    Checking a format imports its library, as building it would (so a worker forked
    afterwards inherits it)."""
    from . import pdf, word, xlsx

    checks = {"pdf": pdf.available, "docx": word.available, "xlsx": xlsx.available}
    out = {}
    for f in formats:
        need = checks[f]() if f in checks else None
        if need:
            out[f] = need
    return out


def render_plan(plan: Plan, formats: tuple[str, ...] = tuple(FORMATS)) -> dict[str, bytes]:
    """A plan's files in `formats` ({file name: bytes}), from one laid-out Document."""
    from . import csv as csv_render
    from . import html, markdown, pdf, word, xlsx

    doc = layout(plan)
    files: dict[str, bytes] = {}
    page = html.render(doc) if "html" in formats or "pdf" in formats else ""
    if "pdf" in formats:
        files["plan.pdf"] = pdf.render(doc, page)
    if "docx" in formats:
        files["plan.docx"] = word.render(doc)
    if "xlsx" in formats:
        files["schedule.xlsx"] = xlsx.render(doc)
    if "html" in formats:
        files["plan.html"] = page.encode("utf-8")
    if "md" in formats:
        files["plan.md"] = markdown.render(doc).encode("utf-8")
    if "csv" in formats:
        files["schedule.csv"] = csv_render.render_grid(doc)
        files["schedule-long.csv"] = csv_render.render_long(doc)
    report = None
    if plan.progress:  # only a plan with progress records pays for loading what reports them
        from ..progress_report import progress_report

        report = progress_report(plan)
    if "csv" in formats:
        files["datapackage.json"] = csv_render.render_datapackage(doc, report)
    if report is not None:
        if "md" in formats:
            files["progress.md"] = markdown.render(report).encode("utf-8")
        if "html" in formats:
            files["progress.html"] = html.render(report).encode("utf-8")
        if "csv" in formats:
            files["progress.csv"] = csv_render.render_progress(report)
            files["progress-indicators.csv"] = csv_render.render_indicators(report)
    return files


def warm_up(formats: tuple[str, ...] = tuple(FORMATS)) -> None:
    """Load every template and library a plan build uses (a worker forked afterwards
    inherits them)."""
    from .jinja import environment

    for name in ("plan.html.j2", "index.html.j2"):
        environment().get_template(name)
    if "pdf" in formats:
        import weasyprint  # noqa: F401
    if "xlsx" in formats:
        import xlsxwriter  # noqa: F401
    if "docx" in formats:
        import docx  # noqa: F401


def index_file(formats: tuple[str, ...]) -> str:
    """The file a plan's line on the index page links to: its page, else its first file."""
    if "html" in formats:
        return "plan.html"
    return FORMATS[formats[0]][0]


def index_entry(plan: Plan, rel: str, formats: tuple[str, ...] = tuple(FORMATS)) -> dict:
    """A plan's line on the index page; `rel` is its folder relative to OUT."""
    meta = plan.meta.value
    words = meta.words  # the plan's own words and dates, as its title page prints them
    notes = [x for x in (meta.edition if meta.edition and meta.edition not in meta.title else None,
                         adoption_line(meta), *(words.revised.format(date=month_label(r.date)) for r in meta.revised),
                         meta.excerpt.note if meta.excerpt else None) if x]
    entry = {"href": f"{rel}/{index_file(formats)}", "city": meta.city, "title": meta.title,
             "edition_note": "、".join(notes), "path": rel}
    if plan.progress and "html" in formats:
        from ..progress import entries

        if entries(plan):
            entry["progress"] = words.progress  # the link to progress.html, in the plan's word
    return entry


def render_index(entries: list[dict]) -> bytes:
    """The index page of OUT, listing every plan folder in it (as `index_entry` made
    them, in the order given: write.Staging.listing sorts them by folder)."""
    from . import html

    return html.render_index(entries).encode("utf-8")

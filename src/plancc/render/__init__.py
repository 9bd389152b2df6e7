"""Renderers: one module per output format, each reading the same laid-out Document."""

from __future__ import annotations

from pathlib import Path

from ..layout import layout
from ..load import Plan
from ..progress import entries
from ..progress_report import progress_report


def templates_dir() -> Path:
    """templates/ from a wheel (plancc/templates) or from a source checkout (../../templates)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "templates", here.parent.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("plancc's templates folder is missing; reinstall plancc")


def render_plan(plan: Plan) -> dict[str, bytes]:
    from . import csv as csv_render
    from . import html, markdown

    doc = layout(plan)
    report = progress_report(plan)
    files = {
        "plan.md": markdown.render(doc).encode("utf-8"),
        "plan.html": html.render(doc).encode("utf-8"),
        "schedule.csv": csv_render.render_grid(doc),
        "schedule-long.csv": csv_render.render_long(doc),
        "datapackage.json": csv_render.render_datapackage(doc, report),
    }
    if report is not None:
        files.update({
            "progress.md": markdown.render(report).encode("utf-8"),
            "progress.html": html.render(report).encode("utf-8"),
            "progress.csv": csv_render.render_progress(report),
            "progress-indicators.csv": csv_render.render_indicators(report),
        })
    return files


def warm_up() -> None:
    """Load every template a plan build uses (a worker forked afterwards inherits them)."""
    from .jinja import environment

    environment(False).get_template("plan.md.j2")
    for name in ("plan.html.j2", "index.html.j2"):
        environment(True).get_template(name)


def index_entry(plan: Plan, rel: str) -> dict:
    """A plan's line on the index page; `rel` is its folder relative to OUT."""
    meta = plan.meta.value
    words = meta.words  # the plan's own words, as on its pages
    notes = [x for x in (meta.edition if meta.edition and meta.edition not in meta.title else None,
                         words.adopted.format(date=meta.adopted) if meta.adopted else words.draft, *(words.revised.format(date=r.date) for r in meta.revised),
                         meta.excerpt.note if meta.excerpt else None) if x]
    entry = {"href": f"{rel}/plan.html", "city": meta.city, "title": meta.title,
             "edition_note": "、".join(notes), "path": rel}
    if plan.progress and entries(plan):
        entry["progress"] = words.progress  # the link to progress.html, in the plan's word
    return entry


def render_index(entries: list[dict]) -> bytes:
    """The index page of OUT, listing every plan folder in it (as `index_entry` made
    them, in the order given: write.Staging.listing sorts them by folder)."""
    from . import html

    return html.render_index(entries).encode("utf-8")

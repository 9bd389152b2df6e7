"""Renderers: one module per output format, each reading the same laid-out Document."""

from __future__ import annotations

from pathlib import Path

from ..layout import layout
from ..load import Plan


def templates_dir() -> Path:
    """templates/ from a wheel (plancc/templates) or from a source checkout (../../templates)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "templates", here.parent.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("plancc's templates folder is missing; reinstall plancc")


def render_plan(plan: Plan) -> dict[str, bytes]:
    from . import csv as csv_render
    from . import markdown

    doc = layout(plan)
    return {
        "plan.md": markdown.render(doc).encode("utf-8"),
        "schedule.csv": csv_render.render_grid(doc),
    }

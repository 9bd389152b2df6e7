"""`plancc diff`: resolve the two sides, load them, compare, render."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import findings as fmt
from .compare import compare_phases, compare_plans
from ..load import Plan
from ..pipeline import load_and_check
from .revisions import SideError, is_revision_spec, materialize, temp_workdir


def _load(spec: str, workdir: Path) -> tuple[Plan | None, str]:
    folder = materialize(spec, workdir) if is_revision_spec(spec) else Path(spec)
    if not (folder / "plan.yaml").is_file():
        raise SideError(f"{spec}: not a plan folder (no plan.yaml)")
    plan, findings = load_and_check(folder, spec)
    errors = [f for f in findings if f.is_error]
    if errors:
        def lines_of(path):
            src = plan.sources.get(path) if plan else None
            return src.lines if src else None
        return None, fmt.render_text(fmt.sort(errors), lines_of)
    return plan, ""


def run_diff(old: str, new: str | None, phases, form: str, columns: str) -> tuple[int, str | None, str]:
    from . import render as diffs

    with temp_workdir() as tmp:
        try:
            if phases:
                if new is not None:
                    return 2, None, "plancc: error: --phases compares two phases of ONE plan; give one plan\n"
                plan, problems = _load(old, Path(tmp) / "old")
                if plan is None:
                    return 2, None, problems
                names = [p.name for p in plan.meta.value.phases]
                for ph in phases:
                    if ph not in names:
                        return 2, None, f"plancc: error: {old} has no phase '{ph}' (phases: {', '.join(names)})\n"
                report = compare_phases(plan, phases[0], phases[1], old)
            else:
                if new is None:
                    return 2, None, "plancc: error: give two plans (OLD NEW), or one plan with --phases A B\n"
                a, pa = _load(old, Path(tmp) / "old")
                b, pb = _load(new, Path(tmp) / "new")
                if a is None or b is None:
                    return 2, None, pa + pb
                report = compare_plans(a, b, old, new)
        except SideError as exc:
            return 2, None, f"plancc: error: {exc}\n"
    if form == "json":
        text = diffs.render_json(report)
    elif form == "md":
        text = diffs.render_markdown(report)
    elif form == "html":
        text = diffs.render_html(report, columns)
    else:
        text = diffs.render_text(report, color=sys.stdout.isatty())
    return (1 if report.changes else 0), text, ""

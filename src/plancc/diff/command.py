"""`plancc diff`: resolve the two sides, load them, compare, render."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import findings as fmt
from ..errors import CommandError
from ..load import Plan, plan_file
from ..pipeline import load_and_check
from .compare import compare_phases, compare_plans
from .revisions import SideError, is_revision_spec, materialize, temp_workdir


def _load(spec: str, workdir: Path) -> tuple[Plan | None, str]:
    """The plan of one side, or None and its errors as text."""
    folder = materialize(spec, workdir) if is_revision_spec(spec) else Path(spec)
    if plan_file(folder) is None:
        raise SideError("diff-not-a-plan", spec=spec)
    plan, findings = load_and_check(folder, spec)
    errors = [f for f in findings if f.is_error]
    if errors:
        def lines_of(path):
            src = plan.sources.get(path) if plan else None
            return src.lines if src else None
        return None, fmt.render_text(fmt.sort(errors), lines_of)
    return plan, ""


def _has_errors(specs: list[str], shown: str) -> CommandError:
    err = CommandError("diff-plan-errors", spec=", ".join(specs))
    err.shown_before = shown  # the findings, printed before the error line
    return err


def whole_command(old: str, new: str | None, phases) -> str:
    """The command line that writes the whole Markdown report (for a cut one's note)."""
    import shlex

    args = ["plancc", "diff", old] + ([new] if new is not None else [])
    if phases:
        args += ["--phases", *phases]
    return shlex.join(args + ["-f", "md", "--fit", "none"])


def run_diff(old: str, new: str | None, phases, form: str, columns: str | None = None, *,
             labels: tuple[str, str] | None = None, fit: str = "comment", summary: bool = False) -> tuple[int, str | bytes]:
    """(exit status, report: text, or bytes for docx); trouble raises CommandError."""
    from . import render as diffs

    with temp_workdir() as tmp:
        if phases:
            if new is not None:
                raise CommandError("diff-one-plan")
            plan, problems = _load(old, Path(tmp) / "old")
            if plan is None:
                raise _has_errors([old], problems)
            names = [p.name for p in plan.meta.value.phases]
            for ph in phases:
                if ph not in names:
                    raise CommandError("no-such-phase", plan=old, phase=ph, known=", ".join(names))
            report = compare_phases(plan, phases[0], phases[1], old)
        else:
            if new is None:
                raise CommandError("diff-needs-two")
            a, pa = _load(old, Path(tmp) / "old")
            b, pb = _load(new, Path(tmp) / "new")
            if a is None or b is None:
                raise _has_errors([s for s, p in ((old, a), (new, b)) if p is None], pa + pb)
            report = compare_plans(a, b, old, new)
    code = 1 if report.changes else 0
    if summary:
        return code, diffs.render_summary(report)
    if form == "json":
        text = diffs.render_json(report)
    elif form == "md":
        text = diffs.render_markdown(report, fit, whole_command(old, new, phases))
    elif form == "html":
        text = diffs.render_html(report, columns, labels)
    elif form == "docx":
        from .word import render_docx

        return code, render_docx(report, columns, labels)
    else:
        text = diffs.render_text(report, color=sys.stdout.isatty())
    return code, text

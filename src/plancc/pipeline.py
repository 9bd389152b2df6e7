"""The whole pipeline, readable top to bottom: find → load → check → render → write.

Plans are independent of each other, so each runs through load → check (→ render) on
its own, spread over the machine's cores; only findings and file names come back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import findings as fmt
from .check import check
from .errors import CommandError
from .findings import Finding
from .i18n import N_, Phrase
from .load import Plan, build_validators, discover, load_plan
from .spread import WorkerLost, cores, spread


@dataclass
class Result:
    folders: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    problem: CommandError | None = None  # trouble that stopped the run (a lost worker, unwritable output)
    notes: list = field(default_factory=list)  # what was done to OUT besides the build (i18n Phrases)
    refused: list[Finding] = field(default_factory=list)  # warnings that kept build from writing


def _stops(findings: list[Finding], allow_warnings: bool) -> bool:
    """Whether findings keep a plan from being built: an error, or a warning build refuses."""
    return any(f.is_error or (f.refused_by_build and not allow_warnings) for f in findings)


@dataclass
class PlanRun:
    """What one plan's run sends back to the parent: small, so it travels cheaply."""

    findings: list[Finding]
    files: list[str] = field(default_factory=list)  # names written into its slot
    index_entry: dict | None = None


def load_and_check(folder: Path, name: str | None = None) -> tuple[Plan | None, list[Finding]]:
    """One plan through load and check; the plan is None when a file is invalid."""
    plan, findings = load_plan(folder, name or str(folder))
    if plan is not None:
        findings.extend(check(plan))
    return plan, findings


def _size(folder: Path) -> int:
    """Bytes of YAML in a plan folder: what its run costs, for sharing out the work."""
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            if name.endswith((".yaml", ".yml")):
                try:
                    total += os.stat(os.path.join(root, name)).st_size
                except OSError:
                    pass
    return total


def _run(fn, folders: list[Path], jobs: int | None) -> list[PlanRun]:
    """[fn(n) for each plan folder n], spread over `jobs` processes (default: all cores)."""
    jobs = jobs or cores()
    if jobs == 1 or len(folders) < 2:
        return spread(fn, list(range(len(folders))), [1] * len(folders), 1)
    build_validators()  # once, for every worker to inherit
    return spread(fn, list(range(len(folders))), [_size(f) for f in folders], jobs)


def validate_paths(paths: list[Path], jobs: int | None = None) -> Result:
    result = Result()
    result.folders, found = discover(paths)
    result.findings.extend(found)
    try:
        runs = _run(lambda n: PlanRun(load_and_check(result.folders[n])[1]), result.folders, jobs)
    except WorkerLost as exc:
        result.problem = exc
        runs = []
    for run in runs:
        result.findings.extend(run.findings)
    result.findings = fmt.sort(result.findings)
    return result


def output_folder(folder: Path, out: Path) -> Path:
    """Where a plan's outputs go: OUT mirrors the plan's path below plans/ (or below the cwd)."""
    try:
        rel = folder.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        rel = Path(folder.resolve().name)
    parts = rel.parts
    if parts and parts[0] == "plans":
        parts = parts[1:]
    return out.joinpath(*parts) if parts else out / folder.resolve().name


def choose_formats(requested: list[str] | None) -> tuple[tuple[str, ...], list[Phrase]]:
    """The output formats to build and notes on those left out.

    `requested` names them (from --format); every one must be buildable here, or the
    command stops. Without it, every format this machine can build is chosen, and a note
    names each other one with what it needs."""
    from .render import FORMATS, missing

    if requested:
        lacking = missing(requested)
        for f in requested:
            if f in lacking:
                raise CommandError("format-unavailable", format=f, need=lacking[f])
        return tuple(f for f in FORMATS if f in requested), []
    lacking = missing(list(FORMATS))
    notes = [Phrase(N_("{files} not built: needs {need}"), (("files", ", ".join(FORMATS[f])), ("need", need)))
             for f, need in lacking.items()]
    return tuple(f for f in FORMATS if f not in lacking), notes


def build_paths(paths: list[Path], out: Path, jobs: int | None = None,
                formats: tuple[str, ...] | None = None, allow_warnings: bool = False) -> Result:
    """Validate and render every plan in `formats` (default: all); write them all, or (on
    any error, or any warning build refuses without `allow_warnings`) nothing."""
    from .render import FORMATS, index_entry, render_index, render_plan, warm_up
    from .write import OutputError, Staging, failed

    formats = formats or tuple(FORMATS)
    result = Result()
    result.folders, found = discover(paths)
    result.findings.extend(found)
    if any(f.is_error for f in found) or not result.folders:
        result.findings = fmt.sort(result.findings)
        return result
    targets = [output_folder(f, out) for f in result.folders]
    try:
        with Staging(out, targets, result.folders) as stage:
            result.notes += stage.notes

            def build_one(n: int) -> PlanRun:
                plan, findings = load_and_check(result.folders[n])
                run = PlanRun(findings)
                if plan is not None and not _stops(findings, allow_warnings):
                    files = render_plan(plan, formats)
                    stage.write(n, files)
                    run.files = sorted(files)
                    run.index_entry = index_entry(plan, targets[n].relative_to(out).as_posix(), formats)
                return run

            warm_up(formats)  # compile the templates once, before any worker is forked
            runs = _run(build_one, result.folders, jobs)
            for run in runs:
                result.findings.extend(run.findings)
            result.findings = fmt.sort(result.findings)
            if _stops(result.findings, allow_warnings):
                if not any(f.is_error for f in result.findings):
                    result.refused = [f for f in result.findings if f.refused_by_build]
                return result
            entries = {n: r.index_entry for n, r in enumerate(runs) if r.index_entry}
            result.written = stage.commit({n: r.files for n, r in enumerate(runs)}, entries, render_index)
    except (OutputError, WorkerLost) as exc:
        result.problem = exc
    except OSError as exc:
        result.problem = failed(out, exc)
    return result

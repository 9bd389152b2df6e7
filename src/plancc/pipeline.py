"""The whole pipeline, readable top to bottom: find → load → check → render → write."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import findings as fmt
from .check import check
from .findings import Finding
from .load import Plan, discover, load_plan
from .yamlsource import SourceFile


@dataclass
class Result:
    folders: list[Path] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    problem: str | None = None


def validate_paths(paths: list[Path]) -> Result:
    result = Result()
    result.folders, found = discover(paths)
    result.findings.extend(found)
    for folder in result.folders:
        plan, fs = load_plan(folder, str(folder))
        result.findings.extend(fs)
        if plan is None:
            continue
        result.sources.update(plan.sources)
        result.findings.extend(check(plan))
        result.plans.append(plan)
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


def build_paths(paths: list[Path], out: Path) -> Result:
    from .write import OutputError, write_atomically
    from .render import render_index, render_plan

    result = validate_paths(paths)
    if any(f.is_error for f in result.findings) or not result.plans:
        return result
    outputs: dict[Path, dict[str, bytes]] = {}
    index = []
    for plan in result.plans:
        folder = output_folder(plan.folder, out)
        outputs[folder] = render_plan(plan)
        index.append((plan, folder.relative_to(out).as_posix()))
    try:
        result.written = write_atomically(out, outputs, {"index.html": render_index(index)})
    except OutputError as exc:
        result.problem = str(exc)
    return result

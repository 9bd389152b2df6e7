"""Shared helpers: a copy of the mini plan to break, and a way to run plancc as a user would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancc.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of tests/fixtures/mini, a small valid plan using every feature."""
    dest = tmp_path / "plans" / "mini"
    shutil.copytree(FIXTURES / "mini", dest)
    return dest


def run(*args: str, cwd: Path | None = None):
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    import os

    runner = CliRunner()
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        res = runner.invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return res.exit_code, res.stdout, res.stderr


def findings_json(*paths: str, cwd: Path | None = None) -> tuple[int, list[dict]]:
    code, out, _ = run("validate", "--format", "json", *paths, cwd=cwd)
    return code, json.loads(out)["findings"]


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` by `new` in a file; returns the 1-based line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    i = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, i) + 1


def break_plan(folder: Path, case: dict) -> int | None:
    """Damage a plan folder as a case of tests/broken/ says (delete a file, give it new
    content or another encoding, or replace a piece of it); returns the line the damage
    starts at when a replacement says where."""
    path = folder / case["file"]
    if case.get("delete"):
        path.unlink()
    elif "content" in case:
        path.write_text(case["content"], encoding="utf-8")
    elif "encoding" in case:
        path.write_bytes(path.read_text(encoding="utf-8").encode(case["encoding"]))
    else:
        return edit(path, *case["replace"])
    return None

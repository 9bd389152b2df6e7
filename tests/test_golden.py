"""Golden outputs of the mini plan: every change to an output shows in review as a diff
of the files under tests/golden/.

When an output changes on purpose, regenerate them with
    PLANCC_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from conftest import REPO, run

GOLDEN = Path(__file__).parent / "golden"
PLAN_FILES = ["plan.md", "plan.html", "schedule.csv", "schedule-long.csv", "datapackage.json"]
DIFFS = {"review.md": "md", "review.html": "html", "review.json": "json"}


def _compare(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("PLANCC_UPDATE_GOLDEN"):
        path.write_bytes(actual)
        return
    expected = path.read_bytes()
    if expected != actual:
        diff = "".join(difflib.unified_diff(expected.decode("utf-8-sig").splitlines(True),
                                            actual.decode("utf-8-sig").splitlines(True),
                                            f"golden/{name}", "built", n=2))
        pytest.fail(f"{name} changed; if on purpose, regenerate (see this module's docstring):\n{diff[:6000]}")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("golden")
    code, _, err = run("build", "tests/fixtures/mini", "-o", str(out), cwd=REPO)
    assert code == 0, err
    return out / "tests/fixtures/mini"


@pytest.mark.parametrize("name", PLAN_FILES)
def test_plan_output_matches_golden(built, name):
    _compare(f"mini.{name}", (built / name).read_bytes())


@pytest.mark.parametrize("name,form", sorted(DIFFS.items()))
def test_phase_review_matches_golden(name, form):
    code, out, err = run("diff", "tests/fixtures/mini", "--phases", "前期", "中期", "--format", form, cwd=REPO)
    assert code == 1, err
    _compare(f"mini.{name}", out.encode("utf-8"))

"""The corpus of broken inputs (tests/broken/cases.yaml): one located error each, exit 1, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import break_plan, run

CASES = YAML(typ="safe").load((Path(__file__).parent / "broken" / "cases.yaml").read_text(encoding="utf-8"))["cases"]


def test_the_corpus_is_large_and_names_are_unique():
    names = [c["name"] for c in CASES]
    assert len(names) >= 60 and len(set(names)) == len(names)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_input_gives_its_error_at_its_place(mini, case):
    line = case.get("line")
    start = break_plan(mini, case)
    if start is not None:
        line = line or start + case.get("line_offset", 0)
    code, out, err = run("validate", "--format", "json", str(mini))
    assert code == 1
    assert "Traceback" not in out + err
    findings = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    hits = [f for f in findings if f["code"] == case["code"]]
    assert hits, f"expected {case['code']}, got {[(f['code'], f['message']) for f in findings]}"
    f = hits[0]
    if case.get("delete"):
        return
    assert f["path"].endswith(case["file"]), f
    if line is not None:
        assert f["line"] == line, f
    if "words" in case:
        assert case["words"] in f["message"]
    assert f["hint"]

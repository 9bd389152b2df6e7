"""Outputs are the same bytes whatever the process: another PYTHONHASHSEED (so another
order of every set and of str-keyed hashing), one worker or two.

Each side runs in its own interpreter, as a user's runs do; within one process the hash
seed is fixed, so only separate processes can show an order that leaks into output.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, break_plan, edit

# the diffs `make build` writes, in every format (and the other column order of the 新旧対照表)
DIFFS = [("plans/iizuka/2021", None, ("前期", "中期")),
         ("plans/iizuka/2021", "plans/iizuka/later", None),
         ("plans/toride/4th", "plans/toride/5th", None)]
FORMATS = [("text", "new-old"), ("md", "new-old"), ("html", "new-old"), ("html", "old-new"), ("json", "new-old")]

DIFF_SCRIPT = """
import json, sys
from plancc.diff.command import run_diff
out = {}
for old, new, phases in json.loads(sys.argv[1]):
    for fmt, columns in json.loads(sys.argv[2]):
        code, text = run_diff(old, new, tuple(phases) if phases else None, fmt, columns)
        out[f"{old} {new} {phases} {fmt} {columns}"] = [code, text]
sys.stdout.write(json.dumps(out, ensure_ascii=False))
"""


def env(seed: int) -> dict:
    return {**os.environ, "PYTHONHASHSEED": str(seed)}


def plancc(seed: int, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plancc", *args], cwd=cwd, env=env(seed),
                          capture_output=True)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical_across_hash_seeds_and_workers(tmp_path):
    outs = []
    for seed, jobs in ((1, "1"), (2, "2")):
        out = tmp_path / f"seed{seed}"
        proc = plancc(seed, "build", "-j", jobs, "plans", str(FIXTURES / "mini"), "examples", "-o", str(out))
        assert proc.returncode == 0, proc.stderr.decode()
        outs.append(tree(out))
    from plancc.render import FORMATS

    # seven plans (five bundled, mini, the example) in every format, the example's progress
    # report (progress.md, .html, .csv, -indicators.csv) and OUT's index and manifest
    assert len(outs[0]) == 7 * sum(len(files) for files in FORMATS.values()) + 4 + 2
    assert outs[0].keys() == outs[1].keys()
    differ = [name for name in outs[0] if outs[0][name] != outs[1][name]]
    assert differ == []


def test_diffs_are_byte_identical_across_hash_seeds():
    reports = []
    for seed in (1, 2):
        proc = subprocess.run([sys.executable, "-c", DIFF_SCRIPT, json.dumps(DIFFS), json.dumps(FORMATS)],
                              cwd=REPO, env=env(seed), capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        reports.append(json.loads(proc.stdout))
    assert len(reports[0]) == len(DIFFS) * len(FORMATS)
    assert all(code == 1 and text for code, text in reports[0].values())
    differ = [key for key in reports[0] if reports[0][key] != reports[1][key]]
    assert differ == []


def test_the_diff_command_writes_the_same_file_across_hash_seeds(tmp_path):
    # the whole command once, as `make build` runs it (the rest go through run_diff above)
    files = []
    for seed in (1, 2):
        target = tmp_path / f"review-{seed}.html"
        proc = plancc(seed, "diff", "plans/iizuka/2021", "--phases", "前期", "中期", "-f", "html", "-o", str(target))
        assert proc.returncode == 1, proc.stderr.decode()
        files.append(target.read_bytes())
    assert files[0] == files[1]


def test_findings_are_byte_identical_across_hash_seeds(tmp_path):
    # every broken input of tests/broken, each its own plan, validated in one run
    from ruamel.yaml import YAML

    cases = YAML(typ="safe").load((Path(__file__).parent / "broken" / "cases.yaml").read_text(encoding="utf-8"))
    plans = tmp_path / "plans"
    for case in cases["cases"]:
        folder = plans / case["name"]
        shutil.copytree(FIXTURES / "mini", folder)
        break_plan(folder, case)
    runs = []
    for seed, jobs in ((1, "1"), (2, "2")):
        text = plancc(seed, "validate", "-j", jobs, "plans", cwd=tmp_path)
        js = plancc(seed, "validate", "-j", jobs, "--format", "json", "plans", cwd=tmp_path)
        assert text.returncode == js.returncode == 1
        runs.append((text.stderr, js.stdout))
    assert len(json.loads(runs[0][1])["findings"]) >= len(cases["cases"]) - 1
    assert runs[0] == runs[1]


def test_measures_under_a_node_named_by_id_and_by_number_keep_their_order(tmp_path):
    # a policy node with both an id and a number, one measure pointing at each
    plan = tmp_path / "plans" / "mini"
    shutil.copytree(FIXTURES / "mini", plan)
    edit(plan / "policy.yaml", "      - number: 1-1\n", "      - id: kyodo\n        number: 1-1\n")
    edit(plan / "measures.yaml", "  - id: gis\n    parent: 1-1\n", "  - id: gis\n    parent: kyodo\n")
    outs = []
    for seed in (1, 2):
        proc = plancc(seed, "build", "plans", "-o", f"out{seed}", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr.decode()
        outs.append(tree(tmp_path / f"out{seed}"))
    assert outs[0] == outs[1]

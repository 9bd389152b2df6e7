"""Nothing lost, nothing escapes: faults while writing, signals, hostile paths."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readers import github_html, inert_problems, read_html
from conftest import REPO, edit, run


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(mini: Path, out: Path):
    return run("build", str(mini), "-o", str(out), cwd=mini.parent.parent)


def test_a_full_disk_leaves_earlier_outputs_and_no_temporary_files(mini, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert build(mini, out)[0] == 0
    before = snapshot(out)
    edit(mini / "chapters/01-hajimeni.yaml", "普及が進んでいます", "普及が進みました")
    real_write = os.write
    import builtins
    real_open = builtins.open

    class Full:
        def __init__(self, fh):
            self.fh = fh
        def __enter__(self):
            return self
        def __exit__(self, *a):
            self.fh.close()
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    def fake_open(file, mode="r", *a, **k):
        fh = real_open(file, mode, *a, **k)
        return Full(fh) if "w" in mode and ".plancc-staging-" in str(file) else fh

    monkeypatch.setattr(builtins, "open", fake_open)
    code, _, err = build(mini, out)
    monkeypatch.setattr(builtins, "open", real_open)
    assert code == 2 and "No space left" in err and "nothing was changed" in err
    assert snapshot(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".plancc.json"]


def test_sigterm_during_a_build_leaves_earlier_outputs(mini, tmp_path):
    out = tmp_path / "out"
    assert build(mini, out)[0] == 0
    before = snapshot(out)
    # a build that takes long enough to be interrupted: many copies, on two workers
    big = tmp_path / "many"
    for i in range(120):
        shutil.copytree(mini, big / f"p{i:03d}")
    proc = subprocess.Popen([sys.executable, "-m", "plancc", "build", "-j", "2", str(big), "-o", str(out)],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not any(p.name.startswith(".plancc-staging-") for p in out.iterdir()):  # rendering has begun
        assert proc.poll() is None and time.monotonic() < deadline, "the build ended before it could be stopped"
        time.sleep(0.005)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    after = snapshot(out)
    assert proc.returncode != 0
    assert {k: v for k, v in after.items() if k in before} == before and not any(k.startswith("many/") for k in after)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".plancc.json"]


def test_validate_and_build_never_modify_plan_files(mini, tmp_path):
    before = snapshot(mini)
    run("validate", str(mini))
    build(mini, tmp_path / "out")
    assert snapshot(mini) == before


def test_symlinked_plan_folders_are_not_followed(mini, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (mini.parent / "link").symlink_to(mini, target_is_directory=True)
    code, out, err = run("validate", "--format", "json", str(mini.parent))
    import json
    assert json.loads(out)["plans"] == 1


def test_out_that_is_a_symlink_is_refused(mini, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    code, _, err = build(mini, link)
    assert code == 2 and "symbolic link" in err
    assert list(real.iterdir()) == []


def test_out_that_is_a_file_is_refused(mini, tmp_path):
    f = tmp_path / "file"
    f.write_text("keep me")
    code, _, err = build(mini, f)
    assert code == 2 and "not a folder" in err
    assert f.read_text() == "keep me"


@pytest.mark.parametrize("content,code", [
    ("a: " + "x" * (9 * 1024 * 1024) + "\n", "too-large"),
    ("a: " + "[" * 1000 + "]" * 1000 + "\n", "too-deep"),
])
def test_huge_or_deep_files_are_refused_quickly(mini, content, code):
    (mini / "glossary.yaml").write_text(content, encoding="utf-8")
    t = time.monotonic()
    rc, out, _ = run("validate", "--format", "json", str(mini))
    assert time.monotonic() - t < 20
    import json
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert rc == 1 and code in codes, codes


def test_a_long_list_is_handled(mini):
    items = "".join(f"  - term: 用語{i}\n    reading: ようご\n    definition: 定義。\n" for i in range(20000))
    with open(mini / "glossary.yaml", "a", encoding="utf-8") as fh:
        fh.write(items)
    t = time.monotonic()
    rc, out, _ = run("validate", "--format", "json", str(mini))
    assert time.monotonic() - t < 60
    import json
    report = json.loads(out)
    assert rc == 0 and report["warnings"] == 20000  # each new term is never referenced


def test_html_and_link_tricks_are_inert_in_markdown_and_csv(mini, tmp_path):
    edit(mini / "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。",
         "- p: '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))'")
    edit(mini / "measures.yaml", "title: RPAの推進", "title: '=cmd|/c calc!A1'")
    out = tmp_path / "out"
    assert build(mini, out)[0] == 0
    md = (out / "mini/plan.md").read_text(encoding="utf-8")
    page = read_html(github_html(md))
    assert not inert_problems(page, set())
    assert "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))" in page.words
    # the CSV is open data and holds the title exactly (schedule.xlsx is what spreadsheets
    # open: there it is a string, never a formula; tests/test_xlsx.py)
    grid = (out / "mini/schedule.csv").read_bytes().decode("utf-8-sig")
    assert ",=cmd|/c calc!A1," in grid


def test_a_100000_item_list_is_handled_within_limits(mini):
    (mini / "glossary.yaml").write_text("terms:\n" + "  - x\n" * 100_000, encoding="utf-8")
    t = time.monotonic()
    rc, out, _ = run("validate", "--format", "json", str(mini))
    assert time.monotonic() - t < 60
    import json
    assert rc == 1 and json.loads(out)["errors"] >= 1


def test_the_console_script_exits_with_the_command_status_and_all_its_output(mini, tmp_path):
    # the console script's own way out (entry.py): nothing may be lost on the way
    import json

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "plancc", *args], capture_output=True, text=True,
                              cwd=tmp_path)

    ok = cli("validate", "--format", "json", str(mini))
    assert ok.returncode == 0 and json.loads(ok.stdout)["plans"] == 1
    edit(mini / "measures.yaml", "into: gis", "into: nowhere")
    bad = cli("validate", "--format", "json", str(mini))
    assert bad.returncode == 1 and json.loads(bad.stdout)["errors"] == 1
    text = cli("validate", str(mini))
    assert text.returncode == 1 and "unknown-merge-target" in text.stderr and text.stderr.endswith("\n")
    assert cli("validate", str(tmp_path / "nowhere")).returncode == 2
    assert cli("--version").stdout.startswith("plancc ")

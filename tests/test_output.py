"""What `plancc build` does to OUT: all or nothing, recovery after a kill, the manifest
and the index of everything in OUT, and the folders it refuses to write into."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, edit, run
from folders import SLOW_COMMIT, state
from plancc import write

STAGING = write.STAGING_PREFIX


def leftovers(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.startswith(STAGING)]


@pytest.fixture
def world(tmp_path):
    """plans a, b built into OUT; then a and b edited and a nested plan c/d added.

    Returns (tmp_path, OUT, old state of OUT, new state OUT must have after the next build).
    """
    plans = tmp_path / "plans"
    for name in ("a", "b"):
        shutil.copytree(FIXTURES / "mini", plans / name)
    out = tmp_path / "out"
    assert run("build", "plans", "-o", str(out), cwd=tmp_path)[0] == 0
    old = state(out)
    for name in ("a", "b"):
        edit(plans / name / "chapters/01-hajimeni.yaml", "普及が進んでいます", f"普及が進みました{name}")
    shutil.copytree(FIXTURES / "mini", plans / "c" / "d")
    ref = tmp_path / "ref"
    shutil.copytree(out, ref)
    assert run("build", "plans", "-o", str(ref), cwd=tmp_path)[0] == 0
    new = state(ref)
    shutil.rmtree(ref)
    assert new != old and "c/d/plan.html" in new and "c/d" not in old
    return tmp_path, out, old, new


def restore(out: Path, old: dict) -> None:
    shutil.rmtree(out)
    out.mkdir()
    for rel, data in sorted(old.items(), key=lambda kv: kv[0]):
        p = out / rel
        if data is None:
            p.mkdir(parents=True, exist_ok=True)
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)


def failing_replace(monkeypatch, out: Path, fail_at: int, and_after: bool = False) -> list:
    """os.replace that fails at the fail_at-th rename inside OUT (and every later one)."""
    real = os.replace
    calls = []

    def replace(src, dst, **kw):
        if str(src).startswith(str(out)) or str(dst).startswith(str(out)):
            calls.append((src, dst))
            if len(calls) == fail_at or (and_after and len(calls) > fail_at):
                raise OSError(5, "Input/output error")
        return real(src, dst, **kw)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def test_a_rename_failing_at_any_step_leaves_every_plan_as_it_was(world, monkeypatch):
    tmp_path, out, old, new = world
    calls = failing_replace(monkeypatch, out, fail_at=10**9)
    restore(out, old)
    assert run("build", "plans", "-o", str(out), cwd=tmp_path)[0] == 0
    renames = len(calls)
    assert renames == 1 + 2 + 2 + 1 + 2 + 2  # journal; a, b aside and in; c/d in; index, manifest aside and in
    for k in range(1, renames + 1):
        restore(out, old)
        failing_replace(monkeypatch, out, fail_at=k)
        code, _, err = run("build", "plans", "-o", str(out), cwd=tmp_path)
        assert code == 2, (k, err)
        assert state(out) == old, f"rename {k} of {renames} failed: OUT is not exactly as before"
        assert "Input/output error" in err and "earlier outputs" in err and "new outputs" not in err, err
        assert leftovers(out) == []
    restore(out, old)
    failing_replace(monkeypatch, out, fail_at=renames + 1)
    code, _, err = run("build", "plans", "-o", str(out), cwd=tmp_path)
    assert code == 0 and state(out) == new


def test_a_commit_that_cannot_be_undone_says_so_and_the_next_build_undoes_it(world, monkeypatch):
    tmp_path, out, old, new = world
    for k in (3, 4, 7, 10):  # the disk fails for good at the k-th rename, after one that must be undone
        restore(out, old)
        failing_replace(monkeypatch, out, fail_at=k, and_after=True)
        code, _, err = run("build", "plans", "-o", str(out), cwd=tmp_path)
        monkeypatch.undo()
        assert code == 2 and "undoing it failed too" in err and "next build" in err, err
        [stage] = leftovers(out)
        assert (out / stage / write.JOURNAL).is_file()
        notes = write.recover(out)
        assert state(out) == old, k
        assert len(notes) == 1 and "undid its changes" in str(notes[0])
    # and a build does the same on its way in, saying so
    restore(out, old)
    failing_replace(monkeypatch, out, fail_at=5, and_after=True)
    run("build", "plans", "-o", str(out), cwd=tmp_path)
    monkeypatch.undo()
    code, _, err = run("build", "plans", "-o", str(out), cwd=tmp_path)
    assert code == 0 and "was stopped midway; undid its changes" in err, err
    assert state(out) == new


def test_a_build_stopped_after_its_last_rename_is_finished_not_undone(world, monkeypatch):
    tmp_path, out, old, new = world
    # as if killed right after the last rename: the journal and the old outputs are still there
    monkeypatch.setattr(write, "_discard_journal", lambda stage: None)
    monkeypatch.setattr(write.Staging, "__exit__", lambda self, *exc: self._unlock())
    assert run("build", "plans", "-o", str(out), cwd=tmp_path)[0] == 0
    monkeypatch.undo()
    [stage] = leftovers(out)
    assert (out / stage / write.JOURNAL).is_file() and (out / stage / "old-0").is_dir()
    assert {k: v for k, v in state(out).items() if not k.startswith(STAGING)} == new
    code, _, err = run("build", "plans/a", "-o", str(out), cwd=tmp_path)
    assert code == 0 and "after it had put every plan's new outputs in place" in err
    assert state(out) == new


def test_a_staging_folder_without_journal_is_removed_and_reported(mini, tmp_path):
    out = tmp_path / "out"
    assert run("build", "plans", "-o", str(out), cwd=tmp_path)[0] == 0
    (out / f"{STAGING}x1y2" / "plan-0").mkdir(parents=True)
    (out / f"{STAGING}x1y2" / "plan-0" / "plan.md").write_text("half")
    code, _, err = run("build", "plans", "-o", str(out), cwd=tmp_path)
    assert code == 0 and f"removed {out / (STAGING + 'x1y2')}" in err
    assert leftovers(out) == []


def test_a_build_killed_at_any_moment_of_its_commit_is_recovered(world):
    tmp_path, out, old, new = world
    rng = random.Random(13)
    midway = 0
    for round_ in range(10):
        restore(out, old)
        proc = subprocess.Popen([sys.executable, "-c", SLOW_COMMIT, "build", "-j", "1", "plans", "-o", str(out)],
                                cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        journal = None
        while journal is None and proc.poll() is None and time.monotonic() < deadline:
            journal = next(out.glob(f"{STAGING}*/{write.JOURNAL}"), None)
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 0.22))  # ten renames of 20 ms
        midway += journal is not None and journal.exists()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if round_ % 2:  # what recovery makes of it
            write.recover(out)
            assert state(out) in (old, new), f"round {round_}: neither the old nor the new outputs"
        else:  # the next build, which recovers on its way in
            done = subprocess.run([sys.executable, "-m", "plancc", "build", "plans", "-o", str(out)], cwd=tmp_path,
                                  capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            assert state(out) == new
        assert leftovers(out) == []
    assert midway >= 3, "the kills should land while the journal is there"


# ---------------------------------------------------------------- the manifest and the index

def test_the_index_lists_every_plan_in_out_not_only_this_run(tmp_path):
    for name in ("b", "a"):
        shutil.copytree(FIXTURES / "mini", tmp_path / "plans" / name)
    out = tmp_path / "out"
    assert run("build", "plans/b", "-o", str(out), cwd=tmp_path)[0] == 0
    assert run("build", "plans/a", "-o", str(out), cwd=tmp_path)[0] == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index('href="a/plan.html"') < index.index('href="b/plan.html"')
    manifest = json.loads((out / write.MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["plans"]) == ["a", "b"]
    # a plan folder removed by hand is no longer listed
    shutil.rmtree(out / "a")
    assert run("build", "plans/b", "-o", str(out), cwd=tmp_path)[0] == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="a/plan.html"' not in index and 'href="b/plan.html"' in index
    assert sorted(json.loads((out / write.MANIFEST).read_text(encoding="utf-8"))["plans"]) == ["b"]


def test_the_bundled_plans_are_listed_by_folder(tmp_path):
    from conftest import REPO

    shutil.copytree(REPO / "plans", tmp_path / "plans")
    out = tmp_path / "out"
    assert run("build", "plans/toride", "-o", str(out), cwd=tmp_path)[0] == 0
    assert run("build", "plans/oita", "plans/iizuka", "-o", str(out), cwd=tmp_path)[0] == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    hrefs = [line.split('href="')[1].split('"')[0] for line in index.splitlines() if 'href="' in line]
    assert hrefs == ["iizuka/2021/plan.html", "iizuka/later/plan.html", "oita/plan.html",
                     "toride/4th/plan.html", "toride/5th/plan.html"]


# ---------------------------------------------------------------- folders plancc refuses

@pytest.fixture
def plans(tmp_path) -> Path:
    for rel in ("mini", "iizuka/2021", "oita"):
        shutil.copytree(FIXTURES / "mini", tmp_path / "plans" / rel)
    return tmp_path / "plans"


def refused(args, cwd, *watch: Path):
    """Run a build that must be refused with nothing touched; returns its stderr."""
    before = [state(w) for w in watch]
    code, _, err = run("build", *args, cwd=cwd)
    assert code == 2, err
    assert "choose an empty or new --out folder" in err.lower(), err
    assert "wrote " not in err
    assert [state(w) for w in watch] == before
    return err


def test_out_that_holds_the_plans_is_refused(plans):
    err = refused(["plans", "-o", "plans"], plans.parent, plans)
    assert "plans: holds the plan folder plans/iizuka/2021 being built" in err


def test_out_that_is_the_parent_of_the_plan_is_refused(plans):
    err = refused(["2021", "-o", "."], plans / "iizuka", plans)
    assert ".: holds the plan folder 2021 being built" in err


def test_out_with_dotdot_into_the_plans_is_refused(plans):
    err = refused(["plans", "-o", "plans/oita/.."], plans.parent, plans)
    assert "plans/oita/..: holds the plan folder" in err


def test_out_inside_a_plan_folder_or_equal_to_it_is_refused(plans):
    err = refused(["plans/mini", "-o", "plans/mini/out"], plans.parent, plans)
    assert "lies inside the plan folder plans/mini" in err
    err = refused(["plans/mini", "-o", "plans/mini"], plans.parent, plans)
    assert "plans/mini: is the plan folder plans/mini being built" in err


def test_a_plan_folder_in_out_that_plancc_did_not_write_is_not_replaced(plans):
    out = plans.parent / "public"
    assert run("build", "plans/oita", "-o", str(out), cwd=plans.parent)[0] == 0
    (out / "mini").mkdir()
    (out / "mini" / "photo.jpg").write_bytes(b"\xff\xd8 keep me")
    err = refused(["plans/mini", "-o", str(out)], plans.parent, plans, out)
    assert f"{out / 'mini'}: exists and plancc did not write it" in err


def test_out_that_plancc_did_not_make_is_refused(plans):
    out = plans.parent / "mine"
    (out / "mini").mkdir(parents=True)
    (out / "notes.txt").write_text("keep me")
    err = refused(["plans/mini", "-o", str(out)], plans.parent, plans, out)
    assert "holds files plancc did not write (mini, notes.txt)" in err


def test_the_root_folder_is_refused(plans):
    had_index = Path("/index.html").exists()
    root = set(os.listdir("/"))
    err = refused(["plans/mini", "-o", "/"], plans.parent, plans)
    assert "/: holds the plan folder" in err
    assert set(os.listdir("/")) == root and Path("/index.html").exists() == had_index


def test_an_empty_or_new_out_is_fine(plans):
    (plans.parent / "empty").mkdir()
    assert run("build", "plans/mini", "-o", "empty", cwd=plans.parent)[0] == 0
    assert run("build", "plans/mini", "-o", "new", cwd=plans.parent)[0] == 0
    assert state(plans.parent / "empty") == state(plans.parent / "new")


def test_two_plans_for_one_folder_or_one_inside_another_are_refused(tmp_path):
    for rel in ("one/mini", "two/mini", "nest", "nest/inner"):
        shutil.copytree(FIXTURES / "mini", tmp_path / "src" / rel)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    code, _, err = run("build", str(tmp_path / "src/one/mini"), str(tmp_path / "src/two/mini"), "-o", "out",
                       cwd=elsewhere)
    assert code == 2 and "two plans would be written here" in err and not (elsewhere / "out").exists()
    code, _, err = run("build", "src/nest", "-o", "out", cwd=tmp_path)
    assert code == 2 and "would be written inside" in err and not (tmp_path / "out").exists()


def test_one_build_at_a_time_writes_into_an_out(mini, tmp_path, monkeypatch):
    import fcntl

    out = tmp_path / "out"
    assert run("build", "plans", "-o", str(out), cwd=tmp_path)[0] == 0
    before = state(out)
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)  # as another build holds it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        monkeypatch.setattr(write, "LOCK_WAIT", 0.2)
        code, _, err = run("build", "plans", "-o", str(out), cwd=tmp_path)
    finally:
        os.close(fd)
    assert code == 2 and "another plancc build is writing into it" in err
    assert state(out) == before

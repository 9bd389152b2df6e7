"""Many plans are spread over worker processes: the results must not depend on it."""

from __future__ import annotations

import os
import shutil
import signal

import plancc.pipeline as pipeline
from conftest import REPO, edit, findings_json, run
from plancc.spread import shares


def copies(tmp_path, mini, n: int):
    """n copies of the mini plan under tmp_path/many."""
    many = tmp_path / "many"
    for i in range(n):
        shutil.copytree(mini, many / f"city{i:02d}")
    return many


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_with_two_workers_writes_exactly_what_one_process_writes(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run("build", "-j", "1", "plans", "-o", str(one), cwd=REPO)[0] == 0
    assert run("build", "-j", "2", "plans", "-o", str(two), cwd=REPO)[0] == 0
    assert tree(one) == tree(two)
    from plancc.render import FORMATS

    assert len(tree(one)) == 5 * sum(len(files) for files in FORMATS.values()) + 2  # and index.html, .plancc.json


def test_findings_from_every_worker_are_reported_in_one_sorted_list(tmp_path, mini):
    many = copies(tmp_path, mini, 6)
    for i in (1, 4):  # both shares hold a broken plan
        edit(many / f"city{i:02d}" / "measures.yaml", "into: gis", "into: nowhere")
    code1, one = findings_json("-j", "1", str(many))
    code2, two = findings_json("-j", "2", str(many))
    assert code1 == code2 == 1
    assert one == two
    broken = sorted({f["path"].split(os.sep)[-2] for f in two if f["severity"] == "error"})
    assert broken == ["city01", "city04"]


def test_a_worker_that_dies_is_reported_and_nothing_is_written(tmp_path, mini, monkeypatch):
    many = copies(tmp_path, mini, 4)
    out = tmp_path / "out"
    parent = os.getpid()
    real = pipeline.load_and_check

    def dies_in_a_worker(folder):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(folder)

    monkeypatch.setattr(pipeline, "load_and_check", dies_in_a_worker)
    code, _, err = run("validate", "-j", "2", str(many))
    assert code == 2 and "worker process stopped" in err and "signal 9" in err and "Traceback" not in err
    code, _, err = run("build", "-j", "2", str(many), "-o", str(out))
    assert code == 2 and "worker process stopped" in err and "signal 9" in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir()), "no staging folder or output left behind"


def test_a_full_disk_in_a_worker_is_the_same_clear_error(tmp_path, mini, monkeypatch):
    import errno

    from plancc.write import Staging

    many = copies(tmp_path, mini, 4)
    out = tmp_path / "out"
    assert run("build", str(many), "-o", str(out))[0] == 0
    before = tree(out)
    parent = os.getpid()
    real = Staging.write

    def full(self, slot, files):
        if os.getpid() != parent:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, slot, files)

    monkeypatch.setattr(Staging, "write", full)
    edit(many / "city00" / "chapters/01-hajimeni.yaml", "普及が進んでいます", "普及が進みました")
    code, _, err = run("build", "-j", "2", str(many), "-o", str(out))
    assert code == 2 and "No space left on device" in err and "every plan's earlier outputs are in place" in err
    assert tree(out) == before
    assert sorted(p.name for p in out.iterdir()) == [".plancc.json"] + [f"city{i:02d}" for i in range(4)] + ["index.html"]


def test_shares_balance_by_size_and_keep_every_plan_once():
    weights = [100, 1, 1, 1, 50, 50, 3]
    parts = shares(weights, 2)
    assert sorted(i for p in parts for i in p) == list(range(len(weights)))
    loads = [sum(weights[i] for i in p) for p in parts]
    assert max(loads) - min(loads) <= 3
    assert shares([5], 4) == [[0]]


def test_garbage_of_one_run_is_collected_before_the_next_in_a_long_running_process():
    """plancc serve builds again on every save in one process: start-up's objects are
    frozen out of the collector's way once, and what a later build leaves as cyclic
    garbage is still collected (freezing on every run would keep it for good)."""
    import gc
    import weakref

    from plancc.spread import spread

    class Node:
        pass

    def cycle(_):
        a, b = Node(), Node()
        a.other, b.other = b, a
        return weakref.ref(a)

    spread(cycle, [0], [1], 1)  # the first run: start-up is frozen
    later = spread(cycle, [0, 1], [1, 1], 1)  # what a later run left behind
    spread(cycle, [0], [1], 1)  # and the run after it
    gc.collect()
    assert all(ref() is None for ref in later)

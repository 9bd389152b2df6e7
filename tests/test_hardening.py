"""The nineteen defects of issue #19 (an independent attack), each as a test, with variants.

Every test asserts the exit status, the code or message, and that nothing outside OUT
changed (for validate and diff: nothing at all). The file-system cases that a root user
cannot meet for real (permissions) are simulated by patching the os function plancc
calls; a hang is tested in a subprocess with a time limit, a crash of the C parser too.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, edit, run
from plancc import paths, write

SRC = str(REPO / "src")
ENV = {**os.environ, "PYTHONPATH": SRC, "PLANCC_LANG": "en", "LANGUAGE": "en"}


def state(folder: Path, skip: Path | None = None) -> dict:
    """Every entry below `folder` (links as links, files by content), except below `skip`."""
    out = {}
    for root, dirs, files in os.walk(folder):
        if skip is not None and Path(root) == skip.parent:
            dirs[:] = [d for d in dirs if Path(root, d) != skip]
        for name in dirs + files:
            p = Path(root, name)
            rel = os.path.relpath(p, folder)
            if p.is_symlink():
                out[rel] = ("link", os.readlink(p))
            elif p.is_dir():
                out[rel] = None
            elif p.is_file():
                out[rel] = p.read_bytes()
            else:
                out[rel] = ("special", p.lstat().st_mode)
    return out


@contextmanager
def unchanged(folder: Path, out: Path | None = None):
    """Asserts on the way out that nothing below `folder` changed, OUT excepted."""
    before = state(folder, out)
    yield
    assert state(folder, out) == before, "something outside OUT changed"


def cli(*args, cwd: Path, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    """plancc as a separate process (for hangs, crashes of the C parser and signals)."""
    return subprocess.run([sys.executable, "-m", "plancc", *args], cwd=cwd, env=env or ENV, capture_output=True,
                          text=True, timeout=timeout)


def findings(*args, cwd: Path):
    code, out, err = run("validate", "--format", "json", *args, cwd=cwd)
    assert "Traceback" not in out + err
    return code, json.loads(out)


def codes_at(report) -> list[tuple]:
    return [(f["path"], f["line"], f["col"], f["code"]) for f in report["findings"]]


# ---------------------------------------------------------------- 1. OUT and the plans

@pytest.fixture
def plans(tmp_path) -> Path:
    for rel in ("mini", "iizuka/2021", "oita"):
        shutil.copytree(FIXTURES / "mini", tmp_path / "plans" / rel)
    return tmp_path / "plans"


@pytest.mark.parametrize("args,cwd,words", [
    (["plans", "-o", "plans"], ".", "holds the plan folder"),
    (["2021", "-o", "."], "plans/iizuka", "holds the plan folder"),
    (["plans", "-o", "plans/oita/.."], ".", "holds the plan folder"),
    (["plans/mini", "-o", "/"], ".", "holds the plan folder"),
    (["plans/mini", "-o", "plans/mini/../mini"], ".", "is the plan folder"),
    (["plans/mini", "-o", "plans/mini/chapters/out"], ".", "lies inside the plan folder"),
    (["plans", "-o", "inplan/out"], ".", "lies inside the plan folder"),  # a link into a plan folder
    (["plans", "-o", "alias"], ".", "symbolic link"),  # a link to the folder of plans
])
def test_1_out_that_meets_a_plan_folder_is_refused_and_nothing_changes(plans, args, cwd, words):
    top = plans.parent
    (top / "inplan").symlink_to(plans / "mini", target_is_directory=True)
    (top / "alias").symlink_to(plans, target_is_directory=True)
    root = set(os.listdir("/"))
    with unchanged(top):
        code, _, err = run("build", *args, cwd=top / cwd)
    assert code == 2 and words in err and "Traceback" not in err, err
    assert "\nwrote " not in "\n" + err
    assert set(os.listdir("/")) == root


def test_1_a_folder_at_out_holding_unrelated_files_is_not_replaced(plans):
    top = plans.parent
    (top / "public" / "mini").mkdir(parents=True)
    (top / "public" / "mini" / "photo.jpg").write_bytes(b"keep")
    with unchanged(top):
        code, _, err = run("build", "plans/mini", "-o", "public", cwd=top)
    assert code == 2 and "plancc did not write" in err
    # and after a build there, a folder plancc did not write still is not replaced
    assert run("build", "plans/oita", "-o", "out", cwd=top)[0] == 0
    (top / "out" / "mini").mkdir()
    (top / "out" / "mini" / "notes.txt").write_text("keep")
    with unchanged(top):
        code, _, err = run("build", "plans/mini", "-o", "out", cwd=top)
    assert code == 2 and "exists and plancc did not write it" in err


def test_1_a_symlinked_plan_folder_in_out_is_not_followed(plans):
    top = plans.parent
    assert run("build", "plans/mini", "-o", "out", cwd=top)[0] == 0
    shutil.rmtree(top / "out" / "mini")
    (top / "elsewhere").mkdir()
    (top / "out" / "mini").symlink_to(top / "elsewhere", target_is_directory=True)
    with unchanged(top):
        code, _, err = run("build", "plans/mini", "-o", "out", cwd=top)
    assert code == 2 and "out" in err and list((top / "elsewhere").iterdir()) == []


def test_paths_confines_and_relates():
    base = Path("/base")
    assert paths.confined(base, "a/b.yaml") == Path("/base/a/b.yaml")
    for bad in ("", "/etc/passwd", "a/../../x", "..", "a/./b", "a//b", "a/", "x\0y"):
        with pytest.raises(ValueError):
            paths.confined(base, bad)
    assert paths.relation(Path("/a/b/.."), Path("/a")) == "is"
    assert paths.relation(Path("/a"), Path("/a/b")) == "holds"
    assert paths.relation(Path("/a/b/c"), Path("/a/b")) == "inside"
    assert paths.relation(Path("/a/b"), Path("/a/c")) is None


# ---------------------------------------------------------------- 2. git trees with ..

def _git(repo: Path, *args: str, input: bytes | None = None) -> str:
    return subprocess.run(["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", *args], cwd=repo,
                          check=True, capture_output=True, input=input).stdout.decode().strip()


@pytest.fixture
def repo(mini) -> Path:
    top = mini.parent.parent
    _git(top, "init", "-q")
    _git(top, "add", ".")
    _git(top, "commit", "-qm", "plan")
    return top


def _crafted(repo: Path, entry: str) -> None:
    """Branch `crafted`: plans/mini plus a tree entry named `entry` ('..' or '.') holding
    ../../../../escaped.txt below it."""
    blob = _git(repo, "hash-object", "-w", "--stdin", input=b"pwned\n")
    tree = _git(repo, "mktree", input=f"100644 blob {blob}\tescaped.txt\n".encode())
    for _ in range(3):
        tree = _git(repo, "mktree", input=f"040000 tree {tree}\t..\n".encode())
    tree = _git(repo, "mktree", input=f"040000 tree {tree}\t{entry}\n".encode())
    mini = _git(repo, "rev-parse", "HEAD:plans/mini")
    listing = _git(repo, "ls-tree", mini) + "\n" + f"040000 tree {tree}\tx"
    mini2 = _git(repo, "mktree", input=listing.encode())
    plans = _git(repo, "mktree", input=f"040000 tree {mini2}\tmini\n".encode())
    root = _git(repo, "mktree", input=f"040000 tree {plans}\tplans\n".encode())
    commit = _git(repo, "commit-tree", root, "-m", "crafted")
    _git(repo, "branch", "crafted", commit)


@pytest.mark.parametrize("entry", ["..", "."])
def test_2_a_git_tree_with_dot_entries_writes_nothing_outside_its_folder(repo, tmp_path, monkeypatch, entry):
    _crafted(repo, entry)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # the diff's temporary folder, where an escape shows
    with unchanged(tmp_path, temp):
        code, out, err = run("diff", "crafted:plans/mini", "crafted:plans/mini", cwd=repo)
    assert code == 2 and "which would be written outside the plan folder" in err, err
    assert not list(tmp_path.rglob("escaped.txt")) and os.listdir(temp) == []


# ---------------------------------------------------------------- 3, 7, 12. what a plan file may be

SECRET = "s3cret-value-of-the-test"


@pytest.mark.parametrize("make,form", [
    (lambda m: (m / "chapters/03-env.yaml").symlink_to("/proc/self/environ"), "outside the plan folder"),
    (lambda m: ((m / "glossary.yaml").unlink(), (m / "glossary.yaml").symlink_to("/etc/passwd")),
     "outside the plan folder"),
    (lambda m: (m / "chapters/03-up.yaml").symlink_to("../../../outside.yaml"), "outside the plan folder"),
    (lambda m: (m / "chapters/03-gone.yaml").symlink_to("nowhere.yaml"), "which does not exist"),
    (lambda m: (m / "chapters/03-dir.yaml").mkdir(), "this is a folder, not a file"),
    (lambda m: ((m / "measures.yaml").unlink(), (m / "measures.yaml").mkdir()), "this is a folder, not a file"),
    (lambda m: ((m / "policy.yaml").unlink(), os.mkfifo(m / "policy.yaml")), "named pipe"),
    (lambda m: ((m / "plan.yaml").unlink(), os.mkfifo(m / "plan.yaml")), "named pipe"),
    (lambda m: ((m / "plan.yaml").unlink(), (m / "plan.yaml").symlink_to("/dev/zero")), "outside the plan folder"),
    (lambda m: ((m / "plan.yaml").unlink(), (m / "plan.yaml").mkdir()), "this is a folder, not a file"),
    (lambda m: (shutil.move(m / "chapters", m.parent.parent / "ch"),
                (m / "chapters").symlink_to(m.parent.parent / "ch", target_is_directory=True)),
     "outside the plan folder"),
    (lambda m: (shutil.rmtree(m / "chapters"), (m / "chapters").write_text("x")), "plancc expects a folder"),
])
def test_3_7_12_a_plan_file_that_is_not_a_regular_file_inside_the_plan_is_an_error(mini, make, form):
    """Never read, never waited on, never skipped: a located error (in a separate process,
    so that a hang fails the test instead of stopping it)."""
    (mini.parent.parent / "outside.yaml").write_text("number: 9\ntitle: 外\n", encoding="utf-8")
    make(mini)
    with unchanged(mini.parent.parent):
        t = time.monotonic()
        done = cli("validate", "plans", cwd=mini.parent.parent, timeout=30,
                   env={**ENV, "PLANCC_TEST_SECRET": SECRET})
    assert time.monotonic() - t < 30
    assert done.returncode == 1, done.stderr
    assert form in done.stderr and "[not-a-file]" in done.stderr, done.stderr
    assert SECRET not in done.stderr + done.stdout and "root:x:0:0" not in done.stderr
    assert "Traceback" not in done.stderr


def test_3_a_link_to_a_file_inside_the_plan_folder_is_read(mini):
    (mini / "shared").mkdir()
    shutil.move(mini / "glossary.yaml", mini / "shared" / "glossary.yaml")
    (mini / "glossary.yaml").symlink_to("shared/glossary.yaml")
    code, report = findings("plans", cwd=mini.parent.parent)
    assert code == 0 and report["errors"] == 0, report


def test_12_a_linked_folder_of_plans_is_said_not_skipped_silently(mini, tmp_path):
    (mini.parent / "link").symlink_to(mini, target_is_directory=True)
    code, report = findings("plans", cwd=tmp_path)
    assert code == 0 and report["plans"] == 1
    assert codes_at(report) == [("plans/link", 1, 1, "linked-folder")]


def test_12_13_an_unreadable_plan_folder_or_chapters_folder_is_an_error(mini, tmp_path, monkeypatch):
    """Root reads everything, so the permission error is made by the os functions plancc calls."""
    shutil.copytree(mini, mini.parent / "second")
    real_scandir, real_listdir = os.scandir, os.listdir

    def denied(path):
        if os.fspath(path).rstrip("/").endswith(("plans/second", "chapters")):
            raise PermissionError(13, "Permission denied", os.fspath(path))

    def scandir(path="."):
        denied(path)
        return real_scandir(path)

    def listdir(path="."):
        denied(path)
        return real_listdir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", listdir)
    with unchanged(tmp_path):
        code, report = findings("-j", "1", "plans", cwd=tmp_path)
    assert code == 1
    assert ("plans/second", 1, 1, "unreadable") in codes_at(report)
    assert ("plans/mini/chapters", 1, 1, "unreadable") in codes_at(report)
    assert any("cannot read folder: Permission denied" in f["message"] for f in report["findings"])


# ---------------------------------------------------------------- 4. nesting past the C parser's stack

@pytest.mark.parametrize("text,line,col", [
    # the first collection past 64 levels below the top mapping
    ("nodes: " + "[" * 50_000 + "]" * 50_000 + "\n", 1, 72),
    ("nodes: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n", 1, 264),
    ("nodes:\n" + "- " * 50_000 + "x\n", 2, 129),
    ("a: \"\u2028\"\nnodes:\n" + "- " * 50_000 + "x\n", 3, 129),  # U+2028 is a break only to libyaml
    ("nodes:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 2500)) + " " * 2500 + "x: 1\n", 66, 66),
])
def test_4_deep_nesting_is_refused_at_its_place_never_a_crash(mini, text, line, col):
    (mini / "policy.yaml").write_text(text, encoding="utf-8")
    with unchanged(mini.parent.parent):
        done = cli("validate", "--format", "json", "plans", cwd=mini.parent.parent, timeout=60)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    deep = [f for f in json.loads(done.stdout)["findings"] if f["code"] == "too-deep"]
    assert [(f["path"], f["line"], f["col"]) for f in deep] == [("plans/mini/policy.yaml", line, col)]


def test_4_the_quick_nesting_bound_is_a_bound(tmp_path):
    """The files composed without the event walk cannot nest deeper than the bound."""
    from plancc import yamlsource as ys

    for text in ("a: [[[x]]]\n", "- - - x\n", "a:\n  b:\n    - c: [d, {e: f}]\n", "? - x\n: - y\n"):
        lines, _ = ys.split_lines(text)
        prefix = max(len(s) - len(s.lstrip(ys._PREFIX)) for s in lines)
        depth, node = 0, ys._compose(text)
        stack = [(node, 1)]
        while stack:
            n, d = stack.pop()
            depth = max(depth, d)
            if isinstance(n.value, list):
                for item in n.value:
                    for sub in (item if isinstance(item, tuple) else (item,)):
                        stack.append((sub, d + 1))
        assert depth <= text.count("[") + text.count("{") + 2 * (prefix + 1), text


# ---------------------------------------------------------------- 6. build never crashes on what validate accepts

@pytest.mark.parametrize("template", ["{num}", "{", "}", "{number:s}", "{row[5]}", "{number:>300000000}",
                                      "{number!r}", "{0}", "{}", "{number.real}"])
def test_6_label_templates_are_checked_at_validate_time(mini, tmp_path, template):
    line = edit(mini / "plan.yaml", 'label: "基本方針{number}"', "label: '" + template + "'")
    with unchanged(tmp_path, tmp_path / "out"):
        code, out, err = run("build", "plans", "-o", "out", cwd=tmp_path)
    assert code == 1 and "nothing was written" in err and "Traceback" not in err
    assert f"plans/mini/plan.yaml:{line}:" in err and "[invalid-value]" in err
    assert not (tmp_path / "out" / "mini").exists()


def test_6_private_use_text_of_any_amount_builds(mini, tmp_path):
    pua = "".join(map(chr, range(0xE000, 0xF900))) + "".join(map(chr, range(0xF0000, 0xFFFFE)))
    edit(mini / "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。",
         f'- p: "外字{pua}[[スマートフォン]]の{pua[:3]}"')
    with unchanged(tmp_path, tmp_path / "out"):
        code, _, err = run("build", "plans", "-o", "out", cwd=tmp_path)
    assert code == 0, err
    md = (tmp_path / "out/mini/plan.md").read_text(encoding="utf-8")
    assert pua in md and "の\ue000\ue001\ue002" in md


# ---------------------------------------------------------------- 8. time linear in the findings

class Counted(str):
    """A key whose comparisons are counted (the reflected == of a str subclass goes first)."""
    compared = 0

    def __eq__(self, other):
        Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_8_locating_n_keys_costs_n_comparisons_not_n_squared(tmp_path):
    from plancc.yamlsource import read

    n = 40_000
    f = tmp_path / "plan.yaml"
    f.write_text("".join(f"unknown{i}: x\n" for i in range(n)), encoding="utf-8")
    src, _ = read(f)
    Counted.compared = 0
    assert [src.at((Counted(f"unknown{i}"),), key=True) for i in range(0, n, 1)][-1] == (n, 1)
    assert Counted.compared <= 3 * n, Counted.compared  # one look-up each, not a walk through the mapping


def test_8_forty_thousand_unknown_keys_are_each_found_at_their_line(mini, tmp_path):
    with open(mini / "plan.yaml", "a", encoding="utf-8") as fh:
        fh.write("".join(f"zz{i}: 1\n" for i in range(40_000)))
    first = sum(1 for _ in open(FIXTURES / "mini/plan.yaml", encoding="utf-8")) + 1
    code, report = findings("plans", cwd=tmp_path)
    unknown = [f for f in report["findings"] if f["code"] == "unknown-key"]
    assert code == 1 and len(unknown) == 40_000
    assert sorted(f["line"] for f in unknown) == list(range(first, first + 40_000))


# ---------------------------------------------------------------- 9. aliases, in bytes

def test_9_a_long_text_aliased_many_times_is_refused_by_its_bytes(mini, tmp_path):
    big = "あ" * 400_000  # 1.2 MB of UTF-8
    with open(mini / "glossary.yaml", "a", encoding="utf-8") as fh:
        fh.write(f"  - {{term: 大, reading: だい, definition: &big \"{big}\"}}\n")
        fh.write("".join(f"  - {{term: 用{i}, reading: よう, definition: *big}}\n" for i in range(1500)))
    with unchanged(tmp_path, tmp_path / "out"):
        code, _, err = run("build", "plans", "-o", "out", cwd=tmp_path)
    assert code == 1 and "aliases expand to more than 16 MiB of text [alias-bomb]" in err, err[-800:]
    assert not (tmp_path / "out").exists() or not (tmp_path / "out" / "mini").exists()


def test_9_a_few_aliases_are_fine(mini, tmp_path):
    edit(mini / "measures.yaml", "departments: [情報政策課]", "departments: &dep [情報政策課]")
    edit(mini / "measures.yaml", "  - id: gis\n    parent: 1-1\n", "  - id: gis\n    parent: 1-1\n    departments: *dep\n")
    code, report = findings("plans", cwd=tmp_path)
    assert code == 0, report


# ---------------------------------------------------------------- 10, 11. killed and failing builds

def test_10_a_symlinked_or_refused_target_changes_nothing(plans):
    top = plans.parent
    assert run("build", "plans", "-o", "out", cwd=top)[0] == 0
    shutil.rmtree(top / "out" / "oita")
    (top / "out" / "oita").symlink_to(plans / "oita", target_is_directory=True)
    with unchanged(top):
        code, _, err = run("build", "plans", "-o", "out", cwd=top)
    assert code == 2 and "\nwrote " not in "\n" + err


def test_10_a_read_only_target_undoes_every_rename_and_says_so(plans, monkeypatch):
    """A folder that cannot be moved (read-only, EACCES) among the targets: renames done
    before it are undone, and the message says the earlier outputs are in place."""
    top = plans.parent
    assert run("build", "plans", "-o", "out", cwd=top)[0] == 0
    edit(plans / "oita/chapters/01-hajimeni.yaml", "普及が進んでいます", "普及が進みました")
    before = state(top / "out")
    real = os.replace

    def replace(src, dst, **kw):
        if os.fspath(src).endswith("out/oita"):
            raise PermissionError(13, "Permission denied")
        return real(src, dst, **kw)

    monkeypatch.setattr(os, "replace", replace)
    with unchanged(top, top / "out"):
        code, _, err = run("build", "plans", "-o", "out", cwd=top)
    assert code == 2 and "Permission denied" in err and "every plan's earlier outputs are in place" in err
    assert state(top / "out") == before


def test_11_a_staging_folder_of_a_build_killed_while_rendering_is_removed(tmp_path):
    for i in range(80):
        shutil.copytree(FIXTURES / "mini", tmp_path / "plans" / f"p{i:02d}")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "plancc", "build", "-j", "1", "plans", "-o", str(out)],
                            cwd=tmp_path, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not (out.exists() and any(p.name.startswith(write.STAGING_PREFIX) for p in out.iterdir())):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    assert any(p.name.startswith(write.STAGING_PREFIX) for p in out.iterdir())
    done = cli("build", "plans/p00", "-o", "out", cwd=tmp_path)
    assert done.returncode == 0 and "left by a build that was stopped" in done.stderr
    assert not any(p.name.startswith(write.STAGING_PREFIX) for p in out.iterdir())


# ---------------------------------------------------------------- 13. standard output

def test_13_a_full_standard_output_is_a_message_not_a_traceback(mini, tmp_path):
    for args in (["validate", "--format", "json", "plans"], ["explain"], ["schema", "plan"],
                 ["diff", "plans/mini", "plans/mini", "--format", "json"]):
        with open("/dev/full", "w") as full, unchanged(tmp_path):
            done = subprocess.run([sys.executable, "-m", "plancc", *args], cwd=tmp_path, env=ENV, stdout=full,
                                  stderr=subprocess.PIPE, text=True, timeout=60)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr == ("plancc: error: cannot write to standard output: No space left on device\n"
                               "  = hint: free space on the device the output goes to, or write the report "
                               "elsewhere\n"), (args, done.stderr)


def test_13_a_closed_pipe_ends_quietly(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "plancc", "explain", "--markdown"], cwd=tmp_path, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert proc.returncode in (0, 2) and "Traceback" not in err and "Exception ignored" not in err, err


# ---------------------------------------------------------------- 14, 15. tags and positions

@pytest.mark.parametrize("value,shown", [
    ("!!python/object/apply:os.system [ls]", "!!python/object/apply:os.system"),
    ("!!python/name:os.system x", "!!python/name:os.system"),
    ("!!binary aGVsbG8=", "!!binary"),
    ("!<tag:yaml.org,2002:python/object:x> {}", "!!python/object:x"),
    ("!<tag:example.org,2000:city> 見本市", "tag:example.org,2000:city"),
    ("!!int 3", "!!int"),
    ("!!null ''", "!!null"),
])
def test_14_every_tag_but_plain_text_is_refused(mini, tmp_path, value, shown):
    line = edit(mini / "plan.yaml", "city: 見本市", f"city: {value}")
    code, report = findings("plans", cwd=tmp_path)
    assert code == 1
    assert [(f["line"], f["col"], f["message"]) for f in report["findings"] if f["code"] == "yaml-tag"] == [
        (line, 7, f"unsupported YAML tag {shown}")]


def test_14_a_tag_handle_of_a_tag_directive_is_refused(mini, tmp_path):
    text = (mini / "plan.yaml").read_text(encoding="utf-8").replace("city: 見本市", "city: !e!city 見本市")
    (mini / "plan.yaml").write_text("%TAG !e! tag:example.org,2000:\n---\n" + text, encoding="utf-8")
    code, report = findings("plans", cwd=tmp_path)
    assert code == 1 and [(f["line"], f["message"]) for f in report["findings"]] == [
        (3, "unsupported YAML tag tag:example.org,2000:city")]


def test_14_plain_text_tags_are_kept(mini, tmp_path):
    edit(mini / "plan.yaml", "city: 見本市", "city: !!str 見本市")
    assert findings("plans", cwd=tmp_path)[0] == 0


def test_15_a_nul_byte_is_found_at_its_line_and_column(mini, tmp_path):
    lines = (mini / "plan.yaml").read_text(encoding="utf-8").split("\n")
    lines[9] = lines[9] + " 見\x00"
    (mini / "plan.yaml").write_text("\n".join(lines), encoding="utf-8")
    code, report = findings("plans", cwd=tmp_path)
    assert code == 1 and codes_at(report) == [("plans/mini/plan.yaml", 10, len(lines[9]), "bad-character")]
    assert report["findings"][0]["message"] == "character U+0000 is not allowed in a plan file"


@pytest.mark.parametrize("char,col", [("\x1b", 20), ("\x7f", 20), ("\x85\x86", 21), ("\ufffe", 20)])
def test_15_other_control_characters_are_located_too(mini, tmp_path, char, col):
    line = edit(mini / "glossary.yaml", "definition: 膨大なデータのこと。", f"definition: 膨大な{char}データ")
    code, report = findings("plans", cwd=tmp_path)
    assert code == 1 and codes_at(report)[0] == ("plans/mini/glossary.yaml", line, col, "bad-character")


def test_15_invalid_utf8_is_located_in_characters(mini, tmp_path):
    raw = (mini / "plan.yaml").read_bytes().replace("section: 総務部情報政策課".encode(),
                                                    "section: 総務部".encode() + b"\xff")
    (mini / "plan.yaml").write_bytes(raw)
    code, report = findings("plans", cwd=tmp_path)
    assert code == 1 and codes_at(report) == [("plans/mini/plan.yaml", 3, 13, "not-utf8")]


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_15_nel_and_unicode_line_separators_are_not_line_breaks(mini, tmp_path, brk):
    edit(mini / "plan.yaml", "title: 見本市地域情報化計画", f'title: "見本市{brk}地域情報化計画"')
    line = edit(mini / "plan.yaml", "section: 総務部情報政策課", "sectoin: 総務部情報政策課")
    code, report = findings("plans", cwd=tmp_path)
    assert code == 1 and codes_at(report) == [("plans/mini/plan.yaml", line, 1, "unknown-key")]
    code, _, err = run("validate", "plans", cwd=tmp_path)
    assert f"{line} | sectoin: 総務部情報政策課" in err  # the source line shown is that line


def test_15_old_mac_line_breaks_count_as_lines(mini, tmp_path):
    text = (mini / "plan.yaml").read_text(encoding="utf-8").replace("section:", "sectoin:")
    (mini / "plan.yaml").write_text(text.replace("\n", "\r"), encoding="utf-8", newline="")
    code, report = findings("plans", cwd=tmp_path)
    assert code == 1 and codes_at(report) == [("plans/mini/plan.yaml", 3, 1, "unknown-key")]


# ---------------------------------------------------------------- 16. the terminal

HOSTILE_NAME = "m\x1b[31mRED\u202eX\nY"


def _clean(text: str) -> None:
    assert "\x1b" not in text and "\u202e" not in text, text
    assert "\nY" not in text and "RED" in text


def test_16_keys_paths_and_titles_cannot_drive_the_terminal(tmp_path):
    plan = tmp_path / "plans" / HOSTILE_NAME
    shutil.copytree(FIXTURES / "mini", plan)
    with open(plan / "plan.yaml", "a", encoding="utf-8") as fh:
        fh.write('"zz\\e[31m\\u202eRED\\nY": 1\n')
    code, _, err = run("validate", "plans", cwd=tmp_path)
    assert code == 1
    _clean(err)
    assert "\\x1b[31mRED\\u202eX\\nY/plan.yaml" in err  # the path, shown with escapes
    (plan / "plan.yaml").write_text((FIXTURES / "mini/plan.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run("build", "plans", "-o", "out", cwd=tmp_path)
    assert code == 0, err
    _clean(err)
    edit(plan / "measures.yaml", "title: RPAの推進", 'title: "RPA\\e[31mRED\\u202e\\nYの推進"')
    code, text, err = run("diff", str(FIXTURES / "mini"), str(plan), cwd=tmp_path)
    assert code == 1
    _clean(text)


# ---------------------------------------------------------------- 17. Ctrl-C

@pytest.mark.parametrize("command", ["validate", "build"])
def test_17_ctrl_c_says_interrupted_exits_130_and_leaves_out_as_it_was(tmp_path, command):
    for i in range(300):
        shutil.copytree(FIXTURES / "mini", tmp_path / "plans" / f"p{i:03d}")
    out = tmp_path / "out"
    args = ["build", "-j", "2", "plans", "-o", str(out)] if command == "build" else ["validate", "-j", "1", "plans"]
    with unchanged(tmp_path, out):
        proc = subprocess.Popen([sys.executable, "-m", "plancc", *args], cwd=tmp_path, env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if command == "build":
            deadline = time.monotonic() + 30
            while not (out.exists() and any(p.name.startswith(write.STAGING_PREFIX) for p in out.iterdir())):
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.005)
        else:
            time.sleep(0.6)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, (proc.returncode, stderr)
    assert stderr.endswith("plancc: interrupted\n") and "Traceback" not in stderr, stderr
    if command == "build":
        assert sorted(os.listdir(out)) == []


# ---------------------------------------------------------------- 18. REV:./.name

def test_18_a_dot_folder_keeps_its_dot_after_dot_slash(tmp_path):
    shutil.copytree(FIXTURES / "mini", tmp_path / ".dotplan")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "plan")
    for spec in ("HEAD:./.dotplan", "HEAD:././.dotplan", "HEAD:.dotplan"):
        with unchanged(tmp_path):
            code, out, err = run("diff", spec, ".dotplan", cwd=tmp_path)
        assert code == 0 and "no differences" in out, (spec, err)
    code, _, err = run("diff", "HEAD:./dotplan", ".dotplan", cwd=tmp_path)
    assert code == 2 and "dotplan" in err


# ---------------------------------------------------------------- 19. dates before 明治

@pytest.mark.parametrize("old,new", [
    ("adopted: 2018-03", "adopted: 1800-01"),
    ("  - date: 2021-03", "  - date: 1867-12"),
    ("years: {style: both}", "years: {style: both, eras_as_of: 1850-01}"),
])
def test_19_dates_before_1868_are_refused_where_they_are_written(mini, tmp_path, old, new):
    line = edit(mini / "plan.yaml", old, new)
    with unchanged(tmp_path, tmp_path / "out"):
        code, _, err = run("build", "plans", "-o", "out", cwd=tmp_path)
    assert code == 1 and f"plans/mini/plan.yaml:{line}:" in err and "is before 1868" in err, err
    assert "明治-" not in err and not (tmp_path / "out" / "mini").exists()


def test_19_a_date_in_1868_still_has_its_era(mini, tmp_path):
    edit(mini / "plan.yaml", "adopted: 2018-03", "adopted: 1868-01")
    edit(mini / "plan.yaml", "  - date: 2021-03", "  - date: 1869-03")
    edit(mini / "plan.yaml", "years: {style: both}", "years: {style: both, eras_as_of: 2021-03}")
    code, _, err = run("build", "plans", "-o", "out", cwd=tmp_path)
    assert code == 0, err
    md = (tmp_path / "out/mini/plan.md").read_text(encoding="utf-8")
    assert "1868（明治元年）1月" in md and "明治-" not in md

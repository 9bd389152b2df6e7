"""A city's own repository: `plancc init`, `plancc schema --write`, `plancc new-edition`,
the generated CI workflow and pre-commit configuration, and this repository's
.pre-commit-hooks.yaml."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import FIXTURES, REPO, edit, findings_json, run
from plancc.kit.edition import merge, next_edition

GIT_SOURCE = "git+https://github.com/example/plancc@v0.1.0"

# Every action the generated workflow may name, each a real repository and a real major
# version tag (checked against the actions' own repositories, 2026-11): the newest major
# of each that runs on Node 24 and has been out for months. GitHub-hosted runners run
# JavaScript actions on Node 24 since June 2026 and removed Node 20 in September 2026, so
# the Node 20 majors (checkout@v4, setup-python@v5, upload-artifact@v4, github-script@v7)
# are not used.
KNOWN_ACTIONS = {
    "actions/checkout@v6",         # node24; v6.0.0: credentials kept in a separate file
    "actions/setup-python@v6",     # node24; inputs python-version, cache, cache-dependency-path
    "actions/upload-artifact@v6",  # node24; inputs name, path, if-no-files-found
    "actions/github-script@v8",    # node24; github.paginate, github.rest.issues.*Comment
}

# Hooks of https://github.com/pre-commit/pre-commit-hooks at its tag v6.0.0 (its
# .pre-commit-hooks.yaml), the hooks the generated configuration may name.
PRE_COMMIT_HOOKS = ("https://github.com/pre-commit/pre-commit-hooks", "v6.0.0", {
    "check-added-large-files", "check-ast", "check-byte-order-marker", "check-builtin-literals",
    "check-case-conflict", "check-docstring-first", "check-executables-have-shebangs",
    "check-illegal-windows-names", "check-json", "check-shebang-scripts-are-executable",
    "pretty-format-json", "check-merge-conflict", "check-symlinks", "check-toml",
    "check-vcs-permalinks", "check-xml", "check-yaml", "debug-statements", "destroyed-symlinks",
    "detect-aws-credentials", "detect-private-key", "double-quote-string-fixer", "end-of-file-fixer",
    "file-contents-sorter", "fix-byte-order-marker", "fix-encoding-pragma", "forbid-new-submodules",
    "forbid-submodules", "mixed-line-ending", "name-tests-test", "no-commit-to-branch",
    "requirements-txt-fixer", "sort-simple-yaml", "trailing-whitespace"})


def load_yaml(path: Path):
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def init(tmp_path: Path, *extra: str, name: str = "city") -> Path:
    folder = tmp_path / name
    code, _, err = run("init", str(folder), "--city", "架空市", "--start", "2026", *extra)
    assert code == 0, err
    return folder


# ---------------------------------------------------------------- init

def test_init_writes_a_repository_whose_plan_validates_and_builds(tmp_path):
    repo = init(tmp_path, "--plancc", GIT_SOURCE)
    files = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    assert files == sorted([
        ".gitattributes", ".github/workflows/plan.yml", ".gitignore", ".pre-commit-config.yaml",
        ".vscode/extensions.json", ".vscode/settings.json", "README.md", "requirements.txt",
        "plans/2026/chapters/01-keikaku.yaml", "plans/2026/glossary.yaml", "plans/2026/measures.yaml",
        "plans/2026/plan.yaml", "plans/2026/policy.yaml",
        *(f"schema/{k}.schema.json" for k in ("plan", "chapter", "glossary", "policy", "measures", "progress"))])
    code, found = findings_json(cwd=repo)
    # a new plan is a draft (draft: true) until it is adopted: the only finding says so
    assert code == 0 and [f["code"] for f in found] == ["draft"]
    assert load_yaml(repo / "plans/2026/plan.yaml")["draft"] is True
    code, _, err = run("build", cwd=repo)
    assert code == 0, err
    page = (repo / "build/2026/plan.html").read_text(encoding="utf-8")
    assert "架空市地域情報化計画" in page and "策定前（案）" in page
    plan = (repo / "build/2026/plan.md").read_text(encoding="utf-8")
    # a term referenced in the prose, a two-level tree, two measures with schedules
    assert "DX[^1-1]" in plan and "基本施策1-2 データの公開と活用" in plan
    assert plan.count("| 検討 |") == 2 and "2030年度(令和12年度)" in plan
    assert (repo / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == \
        "plancc @ git+https://github.com/example/plancc@v0.1.0"


def test_init_with_an_adoption_date_has_no_finding_and_other_options_are_written(tmp_path):
    repo = init(tmp_path, "--title", "架空市情報化推進計画", "--years", "4", "--adopted", "2026-03",
                "--section", "企画部デジタル推進課")
    meta = load_yaml(repo / "plans/2026/plan.yaml")
    assert (meta["title"], meta["adopted"], meta["section"]) == ("架空市情報化推進計画", "2026-03", "企画部デジタル推進課")
    assert "draft" not in meta
    assert meta["period"] == {"start": 2026, "end": 2029}
    assert [(p["name"], p["start"], p["end"]) for p in meta["phases"]] == [("前期", 2026, 2027), ("後期", 2028, 2029)]
    code, found = findings_json(cwd=repo)
    assert code == 0 and found == []


def test_init_refuses_a_folder_that_holds_files_and_writes_nothing(tmp_path):
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "README.md").write_text("# 既存\n", encoding="utf-8")
    code, _, err = run("init", str(folder), "--city", "架空市")
    assert code == 2
    assert f"plancc: error: {folder}: is not empty (README.md)" in err
    assert "hint: give a new or empty folder" in err
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]
    code, _, err = run("init", str(folder / "README.md"), "--city", "架空市")
    assert code == 2 and "exists and is not a folder" in err
    code, _, err = run("init", str(tmp_path / "new"), "--city", "架空市", "--start", "26")
    assert code == 2 and "--start 26: not a value init can use" in err and not (tmp_path / "new").exists()


def test_init_takes_a_clone_of_an_empty_repository(tmp_path):
    folder = tmp_path / "clone"
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    code, _, err = run("init", str(folder), "--city", "架空市", "--start", "2026")
    assert code == 0, err
    assert (folder / ".git").is_dir() and (folder / "plans/2026/plan.yaml").is_file()


def test_the_templates_are_package_data():
    """The files init writes are inside the package (a wheel carries src/plancc whole)."""
    from importlib import resources

    files = resources.files("plancc.kit").joinpath("files")
    for name in ("README.md", "workflows/plan.yml", "pre-commit-config.yaml", "plan/plan.yaml"):
        assert files.joinpath(name).is_file(), name
    assert "src/plancc" in (REPO / "pyproject.toml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the editor's schemas

def test_schema_write_writes_every_kind_as_schema_prints_it(tmp_path):
    code, _, err = run("schema", "--write", str(tmp_path / "schema"))
    assert code == 0, err
    for kind in ("plan", "chapter", "glossary", "policy", "measures"):
        _, printed, _ = run("schema", kind)
        assert (tmp_path / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8") == printed


def _glob(pattern: str) -> re.Pattern:
    """yaml-language-server's reading of a yaml.schemas pattern: '**/' put before it
    (FilePatternAssociation), then ** any folders, * any name."""
    out = ""
    for part in re.split(r"(\*\*/|\*)", "**/" + pattern.lstrip("/")):
        out += {"**/": "(?:.*/)?", "*": "[^/]*"}.get(part, re.escape(part))
    return re.compile(out + "$")


def test_vscode_maps_each_plan_file_to_one_schema_inside_the_repository(tmp_path):
    repo = init(tmp_path)
    settings = json.loads((repo / ".vscode/settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    for path in schemas:
        assert not Path(path).is_absolute() and ".." not in Path(path).parts
        assert (repo / path).is_file(), path
    edition = tmp_path / "city" / "plans" / "2031"
    assert run("new-edition", str(repo / "plans/2026"), str(edition))[0] == 0
    for plan_file in repo.joinpath("plans").rglob("*.yaml"):
        rel = "/" + plan_file.relative_to(repo).as_posix()
        matched = [s for s, patterns in schemas.items() if any(_glob(p).search(rel) for p in patterns)]
        expected = "plan" if plan_file.name == "plan.yaml" else (
            "chapter" if plan_file.parent.name == "chapters" else plan_file.stem)
        assert matched == [f"./schema/{expected}.schema.json"], rel
    assert json.loads((repo / ".vscode/extensions.json").read_text(encoding="utf-8"))["recommendations"] == ["redhat.vscode-yaml"]


# ---------------------------------------------------------------- CI and pre-commit

def test_the_workflow_validates_builds_uploads_and_comments_once_with_known_actions(tmp_path):
    repo = init(tmp_path)
    wf = load_yaml(repo / ".github/workflows/plan.yml")
    on = wf.get("on", wf.get(True))
    assert set(on) == {"push", "pull_request"}
    assert wf["env"]["PLANCC_LANG"] == "ja"
    job = wf["jobs"]["plan"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    uses = [s["uses"] for s in job["steps"] if "uses" in s]
    assert set(uses) <= KNOWN_ACTIONS, set(uses) - KNOWN_ACTIONS
    runs = " ".join(s.get("run", "") for s in job["steps"])
    assert "plancc validate --format github plans" in runs and "plancc build plans -o build" in runs
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "build/"
    diff, comment = job["steps"][-2:]
    assert diff["if"] == "github.event_name == 'pull_request'" and "--format md" in diff["run"]
    assert comment["uses"].startswith("actions/github-script@") and "<!-- plancc-diff -->" in comment["with"]["script"]
    assert "fetch-depth" in job["steps"][0]["with"]


@pytest.mark.parametrize("source, kind", [(GIT_SOURCE, "remote"), ("plancc==0.1.0", "python"), (None, "system")])
def test_pre_commit_names_only_known_hooks(tmp_path, source, kind):
    repo = init(tmp_path, *(["--plancc", source] if source else []))
    config = load_yaml(repo / ".pre-commit-config.yaml")
    url, rev, ids = PRE_COMMIT_HOOKS
    own = {h["id"]: h for h in load_yaml(REPO / ".pre-commit-hooks.yaml")}
    for entry in config["repos"]:
        if entry["repo"] == url:
            assert entry["rev"] == rev and {h["id"] for h in entry["hooks"]} <= ids
        elif entry["repo"] == "local":
            assert kind in ("python", "system")
            (hook,) = entry["hooks"]
            assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == \
                ("plancc-validate", "plancc validate", kind, False)
            if kind == "python":
                assert hook["additional_dependencies"] == [source]
        else:
            # plancc's own repository, at the revision the requirement names
            assert kind == "remote" and (entry["repo"], entry["rev"]) == ("https://github.com/example/plancc", "v0.1.0")
            assert [h["id"] for h in entry["hooks"]] == ["plancc-validate"] and "plancc-validate" in own


def test_this_repository_provides_the_plancc_validate_hook():
    (hook,) = load_yaml(REPO / ".pre-commit-hooks.yaml")
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == \
        ("plancc-validate", "plancc validate", "python", False)
    assert re.search(hook["files"], "plans/2026/measures.yml") and not re.search(hook["files"], "README.md")
    assert "plancc-validate" in (REPO / "README.md").read_text(encoding="utf-8")


def _plancc_on_path(tmp_path: Path) -> dict:
    """An environment in which `plancc` runs this checkout's plancc, as the workflow calls it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "plancc"
    script.write_text(f"#!/bin/sh\nexec {sys.executable} -m plancc \"$@\"\n", encoding="utf-8")
    script.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env['PATH']}", PYTHONPATH=str(REPO / "src"),
               GIT_AUTHOR_NAME="情報政策課", GIT_AUTHOR_EMAIL="joho@example.jp",
               GIT_COMMITTER_NAME="情報政策課", GIT_COMMITTER_EMAIL="joho@example.jp")
    return env


def _sh(cmd: list[str], cwd: Path, env: dict, ok=(0,)) -> subprocess.CompletedProcess:
    res = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    assert res.returncode in ok, (cmd, res.returncode, res.stdout, res.stderr)
    return res


def test_from_an_empty_folder_as_the_generated_readme_says(tmp_path):
    """init, validate, build, new-edition, a commit of both editions and diff, with the
    commands the README gives; then the workflow's diff step as a pull request runs it."""
    env = _plancc_on_path(tmp_path)
    repo = tmp_path / "kakuu"
    repo.mkdir()
    _sh(["git", "init", "-q", "-b", "main"], repo, env)
    _sh(["plancc", "init", ".", "--city", "架空市", "--start", "2026", "--plancc", GIT_SOURCE], repo, env)
    readme = (repo / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^ *(plancc [a-z][^\n]*)$", readme, re.M)
    assert commands[:3] == ["plancc validate", "plancc serve", "plancc build"]
    new_edition = next(c for c in commands if c.startswith("plancc new-edition"))
    assert new_edition == "plancc new-edition plans/2026 plans/2031"
    for command in ("plancc validate", "plancc build"):
        _sh(command.split(), repo, env)
    _sh(["git", "add", "-A"], repo, env)
    _sh(["git", "commit", "-q", "-m", "第一次計画"], repo, env)
    assert _sh(["git", "status", "--porcelain"], repo, env).stdout == ""  # build/ is ignored

    _sh(["git", "switch", "-q", "-c", "dai2ji"], repo, env)
    _sh(new_edition.split(), repo, env)
    edit(repo / "plans/2031/measures.yaml", "title: オープンデータの公開", "title: オープンデータの公開と活用")
    _sh(["plancc", "validate"], repo, env)
    _sh(["git", "add", "-A"], repo, env)
    _sh(["git", "commit", "-q", "-m", "第二次計画の作成を始める"], repo, env)
    diff = _sh(["plancc", "diff", "plans/2026", "plans/2031"], repo, env, ok=(1,)).stdout
    assert "measure online-procedures" in diff and "measure open-data" in diff
    assert "added" not in diff and "removed" not in diff  # every measure paired by its id
    _sh(["plancc", "diff", "main:plans/2026", "plans/2026"], repo, env)  # unchanged: exit 0

    # the workflow's diff step, as in a pull request from dai2ji into main
    _sh(["git", "update-ref", "refs/remotes/origin/main", "main"], repo, env)
    edit(repo / "plans/2026/measures.yaml", "title: 行政手続のオンライン化\n", "title: 行政手続のオンライン化の推進\n")
    step = load_yaml(repo / ".github/workflows/plan.yml")["jobs"]["plan"]["steps"][-2]
    _sh(["bash", "-e", "-c", step["run"]], repo, {**env, "BASE_REF": "main", "PLANCC_LANG": "ja"})
    report = (repo / "plancc-diff.md").read_text(encoding="utf-8")
    assert report.startswith("## 計画の差分（main との比較）")
    assert "<sub>(origin/main:plans/2026) → (plans/2026)</sub>" in report and "行政手続のオンライン化の推進" in report
    assert "- plans/2031: この版は新しく追加されました（main にはありません）" in report


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_comment_script_updates_its_one_comment(tmp_path):
    """The github-script step run in node with a stand-in for GitHub's API: the first run
    creates the comment, later runs update it, other comments are left alone."""
    repo = init(tmp_path)
    script = load_yaml(repo / ".github/workflows/plan.yml")["jobs"]["plan"]["steps"][-1]["with"]["script"]
    harness = tmp_path / "harness.js"
    harness.write_text("""
const fs = require('fs');
const comments = [{id: 1, user: {type: 'User'}, body: 'LGTM <!-- plancc-diff --> quoted by a person'}];
const calls = [];
const github = {
  paginate: async (fn, args) => { calls.push(['list', args.issue_number]); return comments.slice(); },
  rest: {issues: {
    listComments: () => {},
    createComment: async (a) => { calls.push(['create']); comments.push({id: comments.length + 1, user: {type: 'Bot'}, body: a.body}); },
    updateComment: async (a) => { calls.push(['update', a.comment_id]); comments.find(c => c.id === a.comment_id).body = a.body; },
  }},
};
const context = {repo: {owner: 'city', repo: 'plan'}, issue: {number: 7}};
const run = new Function('require', 'github', 'context', 'return (async () => {' + process.argv[2] + '})();');
(async () => {
  for (const text of ['第一版', '第二版', 'x'.repeat(70000)]) {
    fs.writeFileSync('plancc-diff.md', text);
    await run(require, github, context);
  }
  console.log(JSON.stringify({calls, bodies: comments.map(c => c.body.slice(0, 40)), last: comments[1].body.length}));
})();
""", encoding="utf-8")
    res = subprocess.run([NODE, str(harness), script], cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert [c[0] for c in out["calls"]] == ["list", "create", "list", "update", "list", "update"]
    assert out["bodies"][0].startswith("LGTM") and out["bodies"][1].startswith("<!-- plancc-diff -->\nxxx")
    assert out["last"] < 65536  # GitHub's limit for a comment


# ---------------------------------------------------------------- new-edition

@pytest.mark.parametrize("before, after", [
    ("第四次", "第五次"), ("第九次", "第十次"), ("第十次", "第十一次"), ("第十九次", "第二十次"),
    ("第2次", "第3次"), ("第９期", "第１０期"), ("改訂版", None)])
def test_the_edition_number_moves_on_in_its_own_script(before, after):
    assert next_edition(before) == after


def test_merge_keeps_every_line_the_edit_did_not_touch():
    original = "a: null   # keep\nb: 2018\nrows:\n  - - x\n    - y\nc: ~\n"
    base = "a:      # keep\nb: 2018\nrows:\n  -   - x\n      - y\nc:\n"  # the dumper's respellings
    new = "a:      # keep\nb: 2023\nrows:\n  -   - x\n      - y\nc:\n"
    assert merge(original, base, new) == "a: null   # keep\nb: 2023\nrows:\n  - - x\n    - y\nc: ~\n"
    assert merge(original, base, base) == original


def _changed_lines(old: Path, new: Path) -> list[tuple[str, str]]:
    import difflib

    out = []
    for path in sorted(p for p in old.rglob("*") if p.is_file()):
        rel = path.relative_to(old)
        a = path.read_text(encoding="utf-8").splitlines()
        b = (new / rel).read_text(encoding="utf-8").splitlines()
        out += [(rel.as_posix(), line) for line in difflib.unified_diff(a, b, lineterm="", n=0)
                if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return out


def test_new_edition_of_the_mini_plan(tmp_path, mini):
    new = tmp_path / "plans" / "next"
    code, _, err = run("new-edition", str(mini), str(new))
    assert code == 0, err
    meta = load_yaml(new / "plan.yaml")
    assert meta["period"] == {"start": 2024, "end": 2029}
    assert [(p["start"], p["end"]) for p in meta["phases"]] == [(2024, 2026), (2027, 2029)]
    assert meta["draft"] is True and "adopted" not in meta and "revised" not in meta
    measures = {m["id"]: m for m in load_yaml(new / "measures.yaml")["measures"]}
    assert set(measures) == {"wifi", "gis", "rpa", "old-board", "disaster"}
    assert "marks" not in measures["rpa"]["variants"][0]  # 新規 taken off
    assert measures["wifi"]["schedule"] == {"前期": "構築", "中期": "運用"}  # keyed by phase: as it was
    # nothing else changed: only these lines differ, the chapters, glossary and policy not at all
    changed = _changed_lines(mini, new)
    assert {f for f, _ in changed} == {"plan.yaml", "measures.yaml"}
    assert all(re.match(r"[+-](adopted:|draft: true  # |revised:|  - date: 2021-03|    note: 中期見直し|period:|  - \{name: )", line)
               for f, line in changed if f == "plan.yaml"), changed
    assert [line for f, line in changed if f == "measures.yaml"] == ["-        marks: [新規]"]
    code, found = findings_json(str(new))
    assert code == 0 and [f["code"] for f in found] == ["draft"]
    code, out, _ = run("diff", str(mini), str(new), "--format", "json")
    assert code == 1
    changes = json.loads(out)["changes"]
    # the plan.yaml settings new-edition moves on (period, phases, dates), and one measure
    assert [(c["kind"], c["type"], c["id"]) for c in changes if c["type"] != "plan"] == [("changed", "measure", "rpa")]
    assert {c["id"] for c in changes if c["type"] == "plan"} <= {"adopted", "draft", "revised", "period", "phases"}


def test_new_edition_of_toride_4th_is_the_5th_measure_by_measure(tmp_path):
    old = REPO / "plans/toride/4th"
    new = tmp_path / "5th"
    code, _, err = run("new-edition", str(old), str(new))
    assert code == 0, err
    meta = load_yaml(new / "plan.yaml")
    assert (meta["edition"], meta["title"]) == ("第五次", "第五次取手市情報化計画")
    assert meta["period"] == {"start": 2023, "end": 2027} and "source" not in meta
    text = (new / "plan.yaml").read_text(encoding="utf-8")
    assert "latin_label: null" in text  # a line no edit touched keeps its spelling
    old_ids = [m["id"] for f in sorted((old / "measures").glob("*.yaml")) for m in load_yaml(f)["measures"]]
    new_measures = [m for f in sorted((new / "measures").glob("*.yaml")) for m in load_yaml(f)["measures"]]
    assert [m["id"] for m in new_measures] == old_ids
    assert not any("新規" in m.get("marks", []) for m in new_measures)
    years = {int(y) for m in new_measures for y in m.get("schedule", {})}
    assert years and min(years) >= 2023 and max(years) <= 2027
    for f, line in _changed_lines(old, new):
        assert f == "plan.yaml" or re.match(r"[+-] +(\d{4}|marks): ", line), (f, line)
    code, found = findings_json(str(new))
    assert code == 0 and {f["code"] for f in found} <= {"draft"} | {
        f["code"] for f in findings_json(str(old))[1]}
    code, out, _ = run("diff", str(old), str(new), "--format", "json")
    assert code == 1
    changes = json.loads(out)["changes"]
    # measure by measure: every change a measure paired by its id, none added or removed
    measures = [c for c in changes if c["type"] == "measure"]
    assert {c["kind"] for c in measures} == {"changed"}
    assert {c["id"] for c in measures} <= set(old_ids) and len(measures) == len(old_ids)
    # besides the measures, only plan.yaml's moved-on settings and the edition's name differ
    assert {c["type"] for c in changes} - {"measure"} <= {"plan"}


def test_new_edition_refuses_and_writes_nothing(tmp_path, mini):
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "memo.txt").write_text("x", encoding="utf-8")
    code, _, err = run("new-edition", str(mini), str(taken))
    assert code == 2 and "already exists and is not empty" in err and "plans/2024" in err
    code, _, err = run("new-edition", str(mini), str(mini / "next"))
    assert code == 2 and "lies inside" in err and not (mini / "next").exists()
    code, _, err = run("new-edition", str(mini.parent), str(tmp_path / "x"))
    assert code == 2 and "not a plan folder" in err
    edit(mini / "measures.yaml", "into: gis", "into: nowhere")
    code, _, err = run("new-edition", str(mini), str(tmp_path / "y"))
    assert code == 2 and "[unknown-merge-target]" in err and "has errors; nothing was written" in err
    assert not (tmp_path / "y").exists()


DATES = "adopted: 2018-03\nrevised:\n  - date: 2021-03\n    note: 中期見直し\n"


def test_a_draft_says_so_and_builds(tmp_path, mini):
    edit(mini / "plan.yaml", DATES, "draft: true\n")
    code, found = findings_json(str(mini))
    assert code == 0 and [(f["code"], f["severity"], f["line"]) for f in found] == [("draft", "warning", 4)]
    code, _, err = run("build", str(mini), "-o", str(tmp_path / "out"))
    assert code == 0, err
    page = (tmp_path / "out" / "mini" / "plan.html").read_text(encoding="utf-8")
    assert "策定前（案）" in page and "策定</p>" not in page
    # era labels of a draft: every era known today (FY2019 is 令和元年度, not 平成31年度)
    assert "令和元年度" in (tmp_path / "out" / "mini" / "plan.md").read_text(encoding="utf-8")


def test_an_adopted_plan_whose_source_gives_no_date_prints_none(tmp_path, mini):
    edit(mini / "plan.yaml", DATES, "")
    code, found = findings_json(str(mini))
    assert code == 0 and found == []
    code, _, err = run("build", str(mini), "-o", str(tmp_path / "out"), "--format", "html,md")
    assert code == 0, err
    page = (tmp_path / "out" / "mini" / "plan.html").read_text(encoding="utf-8")
    assert "策定前（案）" not in page and "策定</p>" not in page and "2018（平成30年）3月" not in page
    # eras as of the start of its period (2018-04-01): FY2019 is 平成31年度, as a plan adopted then wrote it
    md = (tmp_path / "out" / "mini" / "plan.md").read_text(encoding="utf-8")
    assert "平成31年度" in md and "令和元年度" not in md


def test_an_adoption_date_written_empty_or_beside_draft_is_found(mini):
    edit(mini / "plan.yaml", DATES, "adopted:\n")
    code, found = findings_json(str(mini))
    assert code == 0 and [(f["code"], f["severity"], f["line"]) for f in found] == [("adopted-empty", "warning", 4)]
    edit(mini / "plan.yaml", "adopted:\n", "draft: true\nadopted: 2018-03\n")
    code, found = findings_json(str(mini))
    assert code == 1 and [(f["code"], f["severity"], f["line"]) for f in found] == [("draft-adopted", "error", 4)]


@pytest.mark.parametrize("record, requirement, hook", [
    ({"url": "https://github.com/example/plancc", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
     "plancc @ git+https://github.com/example/plancc@abc123", ("https://github.com/example/plancc", "abc123")),
    ({"url": "https://example.jp/dist/plancc-0.1.0-py3-none-any.whl", "archive_info": {}},
     "plancc @ https://example.jp/dist/plancc-0.1.0-py3-none-any.whl", (None, None)),
    ({"url": "file:///home/me/plancc", "dir_info": {"editable": True}}, None, (None, None)),
    (None, "plancc==0.1.0", (None, None)),  # from a package index: no record
])
def test_init_names_the_plancc_it_was_installed_from(monkeypatch, record, requirement, hook):
    """PEP 610's direct_url.json says where the running plancc came from."""
    from importlib import metadata

    from plancc import __version__
    from plancc.kit import scaffold

    class Dist:
        version = __version__

        def read_text(self, name):
            return json.dumps(record) if record and name == "direct_url.json" else None

    monkeypatch.setattr(metadata, "distribution", lambda name: Dist())
    source = scaffold.installed_source()
    assert source.requirement == (requirement.replace("0.1.0", __version__) if requirement and "==" in requirement
                                  else requirement)
    assert (source.git_url, source.git_rev) == hook

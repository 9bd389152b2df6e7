"""The Japanese docs under docs/ja/ keep step with the code.

- docs/ja/reference.md (and docs/authoring.md, its English source) names every key the
  model accepts: every field or alias of the models FILE_MODELS reaches, every block kind
  and every fixed value (`style: era-short`, `kind: merged` …), and every file a plan
  folder may hold;
- docs/ja/findings.md is what `plancc explain --markdown` prints in Japanese;
- the relative links of docs/ja/ and of README.md lead to files that exist.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from plancc import model as m
from plancc.codes import REGISTRY
from plancc.load import KNOWN_TOP_FILES

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
JA = DOCS / "ja"
KANA = re.compile(r"[\u3040-\u30ff]")


# ---------------------------------------------------------------- what the model accepts

def _resolve(t):
    """A forward reference ("Block", list['Block']) as the type it names in model.py."""
    while isinstance(t, (str, typing.ForwardRef)):
        t = eval(t.__forward_arg__ if isinstance(t, typing.ForwardRef) else t, vars(m))  # noqa: S307
    return t


def accepted() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """({key: models that accept it}, {fixed value: models whose field takes it}) of every
    model reachable from FILE_MODELS, through Annotated, unions, lists and dicts."""
    keys: dict[str, set[str]] = {}
    values: dict[str, set[str]] = {}
    seen: set[type] = set()

    def walk(t, owner: str) -> None:
        t = _resolve(t)
        origin = typing.get_origin(t)
        if origin is typing.Annotated:
            walk(typing.get_args(t)[0], owner)
        elif origin is typing.Literal:
            for v in typing.get_args(t):
                values.setdefault(str(v), set()).add(owner)
        elif origin is not None:  # Union, X | None, list[...], dict[str, ...]
            for arg in typing.get_args(t):
                walk(arg, owner)
        elif isinstance(t, type) and issubclass(t, BaseModel) and t not in seen:
            seen.add(t)
            for name, info in t.model_fields.items():
                keys.setdefault(info.alias or name, set()).add(t.__name__)
                walk(info.annotation, t.__name__)

    for cls in m.FILE_MODELS.values():
        walk(cls, cls.__name__)
    return keys, values


def _names_key(doc: str, key: str) -> bool:
    """Whether `doc` writes `key` as a key: in code (`key`, `key:`) or as YAML does
    (`key:` at the start of a line, after `- `, `{` or `, `)."""
    k = re.escape(key)
    return bool(re.search(rf"`{k}:?`", doc) or re.search(rf"(?:^|[\s{{,\-]){k}:", doc, re.M))


def _names_value(doc: str, value: str) -> bool:
    return bool(re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", doc))


def test_the_model_walk_finds_the_keys_of_every_file_kind():
    keys, values = accepted()
    assert {"city", "adopted", "eras_as_of", "schedule_column", "marks_legend"} <= set(keys)  # plan.yaml
    assert {"p", "section", "item", "list", "table", "figure", "note", "signature", "policy", "period",
            "glossary", "marks", "row_headers", "ordered", "titles"} <= set(keys)  # blocks
    assert {"terms", "reading", "nodes", "children", "measures", "variants", "fate", "into", "status"} <= set(keys)
    assert "class" in keys and "class_" not in keys  # the alias, as the editor types it
    assert {"era-short", "abolished", "merged", "first", "last"} <= set(values)


@pytest.mark.parametrize("doc", ["ja/reference.md", "authoring.md"])
def test_the_reference_names_every_key_the_model_accepts(doc):
    text = (DOCS / doc).read_text(encoding="utf-8")
    keys, values = accepted()
    missing = sorted(f"{k} ({', '.join(sorted(owners))})" for k, owners in keys.items() if not _names_key(text, k))
    assert missing == [], f"docs/{doc} does not name these keys (model.py accepts them): {missing}"
    missing = sorted(f"{v} ({', '.join(sorted(owners))})" for v, owners in values.items() if not _names_value(text, v))
    assert missing == [], f"docs/{doc} does not name these values (model.py accepts them): {missing}"
    files = sorted(KNOWN_TOP_FILES | {"chapters/", "glossary/", "measures/"})
    assert [f for f in files if f not in text] == [], f"docs/{doc} does not name every file of a plan folder"


# ---------------------------------------------------------------- the findings list

def _plancc_ja(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """plancc of this worktree in a process of its own, in Japanese by PLANCC_LANG alone:
    no LANG, LANGUAGE or LC_* of whoever runs the tests has a say."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LANGUAGE", "PLANCC_LANG") and not k.startswith("LC_")}
    env["PLANCC_LANG"] = "ja"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return subprocess.run([sys.executable, "-m", "plancc", *args], cwd=cwd, env=env, capture_output=True)


def test_docs_ja_findings_md_is_generated_from_the_registry():
    proc = _plancc_ja("explain", "--markdown")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")
    assert KANA.search(out.splitlines()[0]), "explain --markdown did not speak Japanese"
    committed = (JA / "findings.md").read_text(encoding="utf-8")
    assert committed == out, ("docs/ja/findings.md is stale: run "
                              "`PLANCC_LANG=ja plancc explain --markdown > docs/ja/findings.md`")
    for c in REGISTRY.values():
        assert f"\n### {c.code}\n" in out


# ---------------------------------------------------------------- links

LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file: lower case, punctuation
    (（）・/ . …) dropped, spaces turned into hyphens."""
    out, fenced = set(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        fenced ^= line.startswith("```")
        m = None if fenced else re.match(r"#{1,6} (.*)", line)
        if m:
            out.add(re.sub(r"[^\w\- ]", "", m[1].strip().lower()).replace(" ", "-"))
    return out


@pytest.mark.parametrize("doc", ["README.md", "docs/ja/getting-started.md", "docs/ja/reference.md",
                                 "docs/ja/pull-requests.md"])
def test_relative_links_lead_to_files_and_headings_that_exist(doc):
    path = REPO / doc
    broken = []
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        dest = path.parent / file if file else path
        if not dest.exists() or (anchor and dest.suffix == ".md" and anchor not in _anchors(dest)):
            broken.append(target)
    assert broken == [], f"{doc} links to files or headings that do not exist: {broken}"


def test_readme_points_japanese_readers_to_docs_ja_first():
    head = (REPO / "README.md").read_text(encoding="utf-8").split("\n## ")[0]
    for page in ("getting-started.md", "reference.md", "findings.md", "pull-requests.md"):
        assert f"(docs/ja/{page})" in head, page


# ---------------------------------------------------------------- the examples of the guides

# The guides show commands and what plancc printed. Their plan is the one getting-started.md
# builds, file by file, in fences written ```yaml title="plans/mihon/2026/…"; each example
# below changes it as the guide says and runs plancc in Japanese, and what plancc prints
# must stand in the guide as it is. When a wording changes (the Japanese catalog, a hint),
# run the command again and paste its output into the guide.
GUIDE_PLAN = re.compile(r'^```yaml title="([^"]+)"\n(.*?)^```', re.S | re.M)
PLAN_DIR = "plans/mihon/2026"


def guide_files() -> dict[str, str]:
    return dict(GUIDE_PLAN.findall((JA / "getting-started.md").read_text(encoding="utf-8")))


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=plancc", "-c", "user.email=plancc@example.invalid", *args],
                   cwd=root, check=True, capture_output=True)


def _setup(root: Path, base: str, edits: tuple) -> None:
    """plans/mihon/2026 under `root`: the guide's plan ("guide"), the guide's plan
    committed in a git repository whose origin/main is that commit ("git"), or a copy
    of tests/fixtures/mini ("mini"); then changed by `edits` ((file, old, new) …)."""
    import shutil

    plan = root / PLAN_DIR
    if base == "mini":
        shutil.copytree(REPO / "tests" / "fixtures" / "mini", plan)
    else:
        for name, body in guide_files().items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(body, encoding="utf-8")
    if base == "git":
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", ".")
        _git(root, "commit", "-q", "-m", "見本市地域情報化計画")
        _git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    for name, old, new in edits:
        path = plan / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


MEASURE = "    title: 電子申請の拡充"
EXAMPLES = {
    # name: (guide, base plan, edits, plancc arguments, exit status, stream)
    "version": ("getting-started.md", "guide", (), ("--version",), 0, "stdout"),
    "mini": ("getting-started.md", "mini", (), ("validate", PLAN_DIR), 0, "stderr"),
    "valid": ("getting-started.md", "guide", (), ("validate", PLAN_DIR), 0, "stderr"),
    "typo": ("getting-started.md", "guide", (("measures.yaml", "    class: 重点施策", "    clas: 重点施策"),),
             ("validate", PLAN_DIR), 1, "stderr"),
    "explain": ("getting-started.md", "guide", (), ("explain", "unknown-key"), 0, "stdout"),
    "wide-space": ("getting-started.md", "guide", (("measures.yaml", MEASURE, "　　title: 電子申請の拡充"),),
                   ("validate", PLAN_DIR), 1, "stderr"),
    "wide-colon": ("getting-started.md", "guide", (("measures.yaml", MEASURE, "    title： 電子申請の拡充"),),
                   ("validate", PLAN_DIR), 1, "stderr"),
    "wide-brackets": ("getting-started.md", "guide",
                      (("chapters/01-hajimeni.yaml", '"[[スマートフォン]]の', '"［［スマートフォン］］の'),),
                      ("validate", PLAN_DIR), 1, "stderr"),
    "era-date": ("getting-started.md", "guide", (("plan.yaml", "adopted: 2026-03", "adopted: 令和8年3月"),),
                 ("validate", PLAN_DIR), 1, "stderr"),
    "era-year": ("getting-started.md", "guide", (("measures.yaml", "      2026: 検討", "      令和8年度: 検討"),),
                 ("validate", PLAN_DIR), 1, "stderr"),
    "era-period": ("getting-started.md", "guide", (("plan.yaml", "  end: 2030", "  end: 令和12年度"),),
                   ("validate", PLAN_DIR), 1, "stderr"),
    "tab": ("getting-started.md", "guide", (("measures.yaml", MEASURE, "\ttitle: 電子申請の拡充"),),
            ("validate", PLAN_DIR), 1, "stderr"),
    "unquoted": ("getting-started.md", "guide",
                 (("chapters/01-hajimeni.yaml", '- p: "[[スマートフォン]]の普及により、行政手続をオンラインで行う機会が増えています。"',
                   "- p: [[スマートフォン]]の普及により、行政手続をオンラインで行う機会が増えています。"),),
                 ("validate", PLAN_DIR), 1, "stderr"),
    "build": ("getting-started.md", "guide", (), ("build", PLAN_DIR), 0, "stderr"),
    "build-refused": ("getting-started.md", "guide", (("measures.yaml", "    class: 重点施策", "    clas: 重点施策"),),
                      ("build", PLAN_DIR), 1, "stderr"),
    "github": ("pull-requests.md", "guide", (("measures.yaml", "    class: 重点施策", "    clas: 重点施策"),),
               ("validate", "--format", "github", PLAN_DIR), 1, "stdout"),
}
# the change pull-requests.md makes: the text and the schedule of one measure, a new one
PR_EDITS = (
    ("measures.yaml", "      - p: 定型業務を[[RPA]]で自動化します。",
     "      - p: 庁内の定型的な事務を[[RPA]]で自動化し、職員が市民対応に充てる時間を増やします。"),
    ("measures.yaml", "      2027: [構築, 運用]\n      2028: ⇒\n",
     "      2027: [構築, 運用]\n      2028: ⇒\n      2029: ⇒\n      2030: ⇒\n"),
    ("measures.yaml", "  - id: rpa\n", """  - id: ai-chat
    parent: 1-1
    number: 1-1-2
    title: AIチャットボットによる問合せ対応
    class: 推進施策
    departments:
      - 情報政策課
    blocks:
      - p: よくある問合せに、24時間答えられるようにします。
    schedule:
      2027: 検討
      2028: 構築
      2029: 運用
      2030: ⇒
  - id: rpa
"""),
)
OLD_SIDE = f"origin/main:{PLAN_DIR}"
EXAMPLES.update({
    "pr-valid": ("pull-requests.md", "guide", PR_EDITS, ("validate", PLAN_DIR), 0, "stderr"),
    "pr-text": ("pull-requests.md", "git", PR_EDITS, ("diff", OLD_SIDE, PLAN_DIR), 1, "stdout"),
    "pr-md": ("pull-requests.md", "git", PR_EDITS, ("diff", OLD_SIDE, PLAN_DIR, "--format", "md"), 1, "stdout"),
})


def run_example(name: str, root: Path) -> tuple[int, str]:
    _, base, edits, args, _, stream = EXAMPLES[name]
    _setup(root, base, edits)
    proc = _plancc_ja(*args, cwd=root)
    return proc.returncode, getattr(proc, stream).decode("utf-8")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_what_the_guides_show_plancc_print_is_what_it_prints(name, tmp_path):
    doc, _, _, args, status, _ = EXAMPLES[name]
    code, out = run_example(name, tmp_path)
    assert code == status, out
    # trailing blank lines cannot be seen in a fence: the rest must be there, to the letter
    assert out.strip() and out.rstrip("\n") + "\n" in (JA / doc).read_text(encoding="utf-8"), (
        f"docs/ja/{doc} does not show what `plancc {' '.join(args)}` prints now ({name}):\n{out}")


def test_the_guide_plan_is_valid_and_whole(tmp_path):
    files = guide_files()
    assert sorted(files) == sorted(f"{PLAN_DIR}/{f}" for f in (
        "plan.yaml", "policy.yaml", "measures.yaml", "glossary.yaml",
        "chapters/01-hajimeni.yaml", "chapters/02-shisaku.yaml"))
    code, out = run_example("valid", tmp_path)
    assert code == 0 and "エラー" not in out and "警告" not in out.replace("警告 0 件", ""), out
    # the beginning of plan.md the guide shows is what build writes
    [shown] = re.findall(r"^```markdown\n(.*?)^```", (JA / "getting-started.md").read_text(encoding="utf-8"),
                         re.S | re.M)
    assert _plancc_ja("build", PLAN_DIR, cwd=tmp_path).returncode == 0
    built = (tmp_path / "build" / "mihon" / "2026" / "plan.md").read_text(encoding="utf-8")
    assert built.startswith(shown), f"getting-started.md shows another beginning of plan.md:\n{built[:600]}"


if __name__ == "__main__":  # print what the guides should show: python tests/test_docs_ja.py NAME …
    import tempfile

    for name in sys.argv[1:] or sorted(EXAMPLES):
        with tempfile.TemporaryDirectory() as tmp:
            code, out = run_example(name, Path(tmp))
        print(f"==== {name} (exit {code})\n{out}", end="" if out.endswith("\n") else "\n")

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


@pytest.mark.parametrize("doc", ["README.md", "docs/ja/getting-started.md", "docs/ja/reference.md",
                                 "docs/ja/pull-requests.md"])
def test_relative_links_lead_to_files_that_exist(doc):
    path = REPO / doc
    broken = []
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        if not (path.parent / target.split("#")[0]).exists():
            broken.append(target)
    assert broken == [], f"{doc} links to files that do not exist: {broken}"


def test_readme_points_japanese_readers_to_docs_ja_first():
    head = (REPO / "README.md").read_text(encoding="utf-8").split("\n## ")[0]
    for page in ("getting-started.md", "reference.md", "findings.md", "pull-requests.md"):
        assert f"(docs/ja/{page})" in head, page

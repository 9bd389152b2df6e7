"""The JSON Schemas (schema/*.schema.json) accept exactly what plancc accepts of a file,
as VS Code's YAML extension reads it, and describe every key in Japanese.

The editor (yaml-language-server) reads YAML 1.2's core schema: `2018` is a number, `true`
a boolean, `2018-03-31` a string. plancc reads every scalar as text and lets the model
decide. Here each file is loaded the editor's way (ruamel.yaml composes it; plain scalars
are resolved by the core schema's rules as the `yaml` package the extension uses has
them) and validated with jsonschema; its verdict is compared with plancc's for the
errors a schema can see.

In scope: what load.py reports (unknown-key, missing-key, wrong-type, invalid-value,
unknown-block) and the checks of check.py that look at one file only and a schema can
state: reading-not-kana (a reading in kana) and misplaced-block (policy, period, glossary
and marks blocks in chapters only).

Out of scope, as a JSON Schema cannot express them (it cannot compare one value with
another, nor look into another file):
- invalid-value period-reversed: a period or phase that ends before it starts (start/end);
- cross-references between files: undefined-term, unknown-parent, unknown-phase,
  unknown-stage, unknown-mark, unknown-tag, unknown-class, unknown-level,
  unknown-merge-target, year-outside-period, invalid-year (a schedule key is a year or a
  phase name of plan.yaml), inconsistent-new (phases' order), duplicate-number between
  chapters;
- comparisons within a file: duplicate-id, duplicate-number, duplicate-term,
  duplicate-phase (unique values of a key across items), number-parent (a number extends
  its parent's), merge-into-self, merge-cycle, table-shape (rows as long as the header),
  phase-overlap, phase-gap, invalid-date (a revision before adoption);
- what YAML itself refuses before any schema: yaml-syntax, yaml-tab, yaml-tag,
  yaml-merge, yaml-key, duplicate-key, alias limits, encodings, empty files;
- a number's spelling: the editor's JSON value of `0x7E2`, `2.018e3` or `+1` is 2018, 2018
  or 1, while plancc reads the text. KNOWN_SPELLINGS below lists where that shows.
- a whole number of more than 4300 digits (a chapter number): plancc refuses it.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from conftest import FIXTURES, REPO, edit, run
from plancc import kana
from plancc import model as m
from plancc.check import check
from plancc.load import load_plan
from plancc.placement import GENERATED
from plancc.schema import BOOL_PATTERN, json_schema, numerals_between, whole_pattern

KINDS = ("plan", "chapter", "glossary", "policy", "measures")
SCHEMAS = {k: json.loads((REPO / "schema" / f"{k}.schema.json").read_text(encoding="utf-8")) for k in KINDS}
VALIDATORS = {k: jsonschema.Draft202012Validator(s) for k, s in SCHEMAS.items()}

# what plancc reports of one file that its schema must report too
IN_SCOPE = {"unknown-key", "missing-key", "wrong-type", "invalid-value", "unknown-block", "reading-not-kana",
            "misplaced-block",
            # what a Japanese keyboard types where plancc needs ASCII: the same verdict as
            # invalid-value, with a finding of its own (ime.py)
            "fullwidth-digits", "era-date", "era-year", "id-not-ascii", "fullwidth-bracket"}
YAML_LEVEL = {"yaml-syntax", "yaml-tab", "yaml-tag", "yaml-merge", "yaml-key", "duplicate-key", "empty-file",
              "bad-character",
              "not-utf8", "too-large", "too-deep", "alias-cycle", "alias-bomb", "unreadable"}


# ---------------------------------------------------------------- reading a file as the editor does

def _special_float(s: str) -> float:
    return math.nan if s[-3:].lower() == "nan" else (-math.inf if s[0] == "-" else math.inf)


# The YAML 1.2 core schema as the `yaml` package (2.x, eemeli/yaml: dist/schema/core) resolves
# plain scalars; yaml-language-server reads with it (yamlVersion 1.2 by default). No dates:
# ruamel.yaml's own resolver would make 2018-03-31 a date and 1_000 a number, the editor
# does neither.
CORE = [
    (re.compile(r"(?:~|[Nn]ull|NULL)?"), lambda s: None),
    (re.compile(r"(?:[Tt]rue|TRUE|[Ff]alse|FALSE)"), lambda s: s[0] in "tT"),
    (re.compile(r"0o[0-7]+"), lambda s: int(s[2:], 8)),
    (re.compile(r"[-+]?[0-9]+"), lambda s: int(s, 10)),
    (re.compile(r"0x[0-9a-fA-F]+"), lambda s: int(s[2:], 16)),
    (re.compile(r"(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)"), _special_float),
    (re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+"), float),
    (re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)"), float),
]


def _scalar(node: ScalarNode):
    if node.style:  # quoted or a block scalar: always a string (plain is None, or '' from libyaml)
        return node.value
    for pattern, make in CORE:
        if pattern.fullmatch(node.value):
            return make(node.value)
    return node.value


def _value(node):
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_value(n) for n in node.value]
    if isinstance(node, MappingNode):  # a key is named by its text (JSON has only string keys)
        return {k.value: _value(v) for k, v in node.value}
    raise TypeError(node)


_COMPOSER = YAML(typ="safe")  # composes (with libyaml when it is there); _value resolves


def editor_load(text: str):
    """The JSON value the editor validates: YAML 1.2, core schema."""
    return _value(_COMPOSER.compose(text))


def kind_of(path: Path) -> str:
    if path.name == "plan.yaml":
        return "plan"
    if path.parent.name == "chapters":
        return "chapter"
    for kind in ("glossary", "policy", "measures"):
        if path.name == f"{kind}.yaml" or path.parent.name == kind:
            return kind
    raise ValueError(path)


def schema_ok(kind: str, text: str) -> bool:
    return VALIDATORS[kind].is_valid(editor_load(text))


def schema_errors(kind: str, text: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
            for e in VALIDATORS[kind].iter_errors(editor_load(text))]


def plancc_errors(folder: Path, rel: str) -> list[str]:
    """The in-scope errors plancc reports of one file of a plan folder (load, then check)."""
    plan, findings = load_plan(folder, "p")
    if plan is not None:
        findings = findings + check(plan)
    mine = [f for f in findings if f.path == f"p/{rel}" and f.is_error]
    assert not [f for f in mine if f.code in YAML_LEVEL], [f.message for f in mine]
    return [f"{f.code}: {f.message}" for f in mine if f.code in IN_SCOPE]


# ---------------------------------------------------------------- the bundled files

BUNDLED = sorted(p for root in (REPO / "plans", FIXTURES) for p in root.rglob("*.yaml"))


def test_the_committed_schemas_are_what_plancc_writes():
    for kind in KINDS:
        assert SCHEMAS[kind] == json.loads(json.dumps(json_schema(kind))), f"run: make schema ({kind})"
        jsonschema.Draft202012Validator.check_schema(SCHEMAS[kind])


@pytest.mark.parametrize("path", BUNDLED, ids=[str(p.relative_to(REPO)) for p in BUNDLED])
def test_every_bundled_file_is_valid_against_its_schema(path):
    text = path.read_text(encoding="utf-8")
    kind = kind_of(path)
    assert schema_errors(kind, text) == []
    if text.startswith("# yaml-language-server: $schema="):  # and names the schema of its kind
        assert text.split("\n", 1)[0].endswith(f"/schema/{kind}.schema.json"), path


# ---------------------------------------------------------------- verdicts compared

MINI_PLAN = """\
city: 見本市
title: 見本市計画
adopted: 2018-03
period: {start: 1868, end: 2200}
phases:
  - {name: 前期, start: 1868, end: 2200}
levels:
  - {name: 基本方針}
stages: [検討]
"""

# (case name, file in a plan folder, its text): the plan folder holds MINI_PLAN besides
CASES = [
    # the four VS Code marked as errors, and the one it missed
    ("p-number", "chapters/01.yaml", "title: 章\nblocks:\n  - p: 2018\n"),
    ("term-float", "glossary.yaml", "terms:\n  - term: 1.10\n    reading: いってんいちぜろ\n    definition: 説明\n"),
    ("row-headers-yes", "chapters/01.yaml", "title: 章\nblocks:\n  - table:\n      rows: [[a, b]]\n      row_headers: yes\n"),
    ("adopted-day", "plan.yaml", MINI_PLAN.replace("adopted: 2018-03", "adopted: 2018-03-31")),
    ("title-empty", "plan.yaml", MINI_PLAN.replace("title: 見本市計画", "title: ''")),
    # blocks
    ("block-two-kinds", "chapters/01.yaml", "title: 章\nblocks:\n  - {p: a, note: b}\n"),
    ("block-unknown", "chapters/01.yaml", "title: 章\nblocks:\n  - picture: a\n"),
    ("block-text", "chapters/01.yaml", "title: 章\nblocks:\n  - a\n"),
    ("block-empty-mapping", "chapters/01.yaml", "title: 章\nblocks:\n  - {}\n"),
    ("glossary-block-no-value", "chapters/01.yaml", "title: 章\nblocks:\n  - glossary:\n"),
    ("glossary-block-empty", "chapters/01.yaml", "title: 章\nblocks:\n  - glossary: {}\n"),
    ("glossary-block-key", "chapters/01.yaml", "title: 章\nblocks:\n  - glossary: {x: 1}\n"),
    ("policy-block-no-value", "chapters/01.yaml", "title: 章\nblocks:\n  - policy:\n"),
    ("period-block-caption", "chapters/01.yaml", "title: 章\nblocks:\n  - period: {caption: 2018}\n"),
    ("marks-block", "chapters/01.yaml", "title: 章\nblocks:\n  - marks: {caption: 凡例}\n"),
    ("list-plain", "chapters/01.yaml", "title: 章\nblocks:\n  - list: [a, 1, true, [b, c]]\n"),
    ("list-ordered", "chapters/01.yaml", "title: 章\nblocks:\n  - list: {items: [a], ordered: on}\n"),
    ("list-null-item", "chapters/01.yaml", "title: 章\nblocks:\n  - list: [a, ~]\n"),
    ("list-nested-too-deep", "chapters/01.yaml", "title: 章\nblocks:\n  - list: [[[a]]]\n"),
    ("table-no-rows", "chapters/01.yaml", "title: 章\nblocks:\n  - table: {caption: 表}\n"),
    ("table-null-cell", "chapters/01.yaml", "title: 章\nblocks:\n  - table: {rows: [[a, ~]]}\n"),
    ("table-blank-note", "chapters/01.yaml", "title: 章\nblocks:\n  - table: {rows: [[a]], notes: ['　']}\n"),
    ("figure-no-caption", "chapters/01.yaml", "title: 章\nblocks:\n  - figure: {words: [a]}\n"),
    ("section-nested", "chapters/01.yaml",
     "title: 章\nblocks:\n  - section:\n      number: (1)\n      blocks:\n        - section: {title: 小節, blocks: [{p: a}]}\n"),
    ("section-unknown-key", "chapters/01.yaml", "title: 章\nblocks:\n  - section: {titel: a}\n"),
    ("item-no-mark", "chapters/01.yaml", "title: 章\nblocks:\n  - item: {title: a}\n"),
    ("policy-view-titles", "chapters/01.yaml", "title: 章\nblocks:\n  - policy: {titles: {1: 題, 2: ''}}\n"),
    ("policy-view-levels-null", "chapters/01.yaml", "title: 章\nblocks:\n  - policy: {levels: ~, text: [~]}\n"),
    ("chapter-number-null", "chapters/01.yaml", "number:\ntitle: 章\n"),
    ("chapter-no-title", "chapters/01.yaml", "number: 1\n"),
    ("chapter-list", "chapters/01.yaml", "- title: 章\n"),
    ("chapter-text", "chapters/01.yaml", "章\n"),
    # blocks only chapters may hold
    *[(f"{kind}-block-in-policy", "policy.yaml", f"nodes:\n  - title: 題\n    blocks:\n      - {kind}:\n")
      for kind in GENERATED],
    ("glossary-block-in-measure-section", "measures.yaml",
     "measures:\n  - {id: a, parent: '1', number: 1-1, title: 題, blocks: [{section: {blocks: [{glossary: {}}]}}]}\n"),
    # glossary
    ("reading-kanji", "glossary.yaml", "terms:\n  - {term: 用語, reading: 用ご, definition: 説明}\n"),
    ("reading-halfwidth", "glossary.yaml", "terms:\n  - {term: 用語, reading: ﾖｳｺﾞ, definition: 説明}\n"),
    ("reading-spaces-only", "glossary.yaml", "terms:\n  - {term: 用語, reading: '　', definition: 説明}\n"),
    ("reading-combining", "glossary.yaml", "terms:\n  - {term: 用語, reading: \"か\\u3099\", definition: 説明}\n"),
    ("reading-spacing-mark", "glossary.yaml", "terms:\n  - {term: 用語, reading: か゛, definition: 説明}\n"),
    ("term-no-definition", "glossary.yaml", "terms:\n  - {term: 用語, reading: よう}\n"),
    ("terms-null", "glossary.yaml", "terms:\n"),
    # policy
    ("node-children", "policy.yaml", "nodes:\n  - number: 1\n    title: 題\n    children:\n      - {number: 1-1, title: 子}\n"),
    ("node-number-text", "policy.yaml", "nodes:\n  - {number: 一, title: 題}\n"),
    ("node-no-title", "policy.yaml", "nodes:\n  - {number: 1}\n"),
    # measures: number and title, or variants
    ("measure-plain", "measures.yaml", "measures:\n  - {id: a, parent: 1, number: 1-1, title: 題}\n"),
    ("measure-no-title", "measures.yaml", "measures:\n  - {id: a, parent: 1, number: 1-1}\n"),
    ("measure-title-null", "measures.yaml", "measures:\n  - {id: a, parent: 1, number: 1-1, title: ~}\n"),
    ("measure-variants", "measures.yaml",
     "measures:\n  - {id: a, parent: 1, variants: [{phase: 前期, number: 1-1, title: 題}]}\n"),
    ("measure-variants-and-number", "measures.yaml",
     "measures:\n  - {id: a, parent: 1, number: 1-1, variants: [{phase: 前期, number: 1-1, title: 題}]}\n"),
    ("measure-variants-and-title-null", "measures.yaml",
     "measures:\n  - {id: a, parent: 1, title: ~, variants: [{phase: 前期, number: 1-1, title: 題}]}\n"),
    ("measure-empty-variants", "measures.yaml", "measures:\n  - {id: a, parent: 1, variants: []}\n"),
    ("measure-empty-variants-number", "measures.yaml",
     "measures:\n  - {id: a, parent: 1, number: 1-1, title: 題, variants: []}\n"),
    ("measure-class_", "measures.yaml", "measures:\n  - {id: a, parent: 1, number: 1-1, title: 題, class_: 重点}\n"),
    ("measure-schedule", "measures.yaml",
     "measures:\n  - {id: a, parent: 1, number: 1-1, title: 題, schedule: {2018: 検討, 前期: [検討, ⇒], 2019: ~}}\n"),
    ("measure-schedule-ok", "measures.yaml",
     "measures:\n  - {id: a, parent: 1, number: 1-1, title: 題, schedule: {2018: 検討, 前期: [検討, ⇒]}}\n"),
    ("measure-departments-blank", "measures.yaml",
     "measures:\n  - {id: a, parent: 1, number: 1-1, title: 題, departments: ['']}\n"),
    # fate
    *[(f"fate-{kind}-into-{name}", "measures.yaml",
       f"measures:\n  - {{id: a, parent: 1, number: 1-1, title: 題, fate: {{kind: {kind}{into}}}}}\n")
      for kind in ("merged", "abolished", "deleted")
      for name, into in (("none", ""), ("null", ", into: ~"), ("empty", ", into: ''"), ("id", ", into: b"),
                         ("zero", ", into: 0"), ("false", ", into: false"))],
    # plan.yaml
    ("plan-words", "plan.yaml", MINI_PLAN + "words: {contents: 目次, class: 分類, note_ref: '注{number}'}\n"),
    ("plan-words-class_", "plan.yaml", MINI_PLAN + "words: {class_: 分類}\n"),
    ("plan-words-bad-field", "plan.yaml", MINI_PLAN + "words: {footnotes: '{chapter}の{note}'}\n"),
    ("plan-years-null", "plan.yaml", MINI_PLAN + "years:\n"),
    ("plan-years-era-date", "plan.yaml", MINI_PLAN + "years: {style: era, eras_as_of: 2019-05-01}\n"),
    ("plan-years-era-month", "plan.yaml", MINI_PLAN + "years: {eras_as_of: 2019-05}\n"),
    ("plan-years-era-bad", "plan.yaml", MINI_PLAN + "years: {eras_as_of: 2019-02-29}\n"),
    ("plan-revised", "plan.yaml", MINI_PLAN + "revised:\n  - {date: 2021-03, note: 見直し}\n  - date: 2022-01-31\n"),
    ("plan-revised-no-date", "plan.yaml", MINI_PLAN + "revised:\n  - note: 見直し\n"),
    ("plan-marks", "plan.yaml", MINI_PLAN + "marks:\n  - {name: 新規, label: ~, description: 新しい施策}\n"),
    ("plan-tags-blank-id", "plan.yaml", MINI_PLAN + "tags:\n  - {id: ' ', label: 法}\n"),
    ("plan-levels-label", "plan.yaml", MINI_PLAN.replace("{name: 基本方針}", "{name: 基本方針, label: '{title}（{number}）'}")),
    ("plan-levels-label-bad", "plan.yaml", MINI_PLAN.replace("{name: 基本方針}", "{name: 基本方針, label: '{name}'}")),
    ("plan-excerpt", "plan.yaml", MINI_PLAN + "excerpt: {note: 第1章のみ}\n"),
    ("plan-excerpt-empty", "plan.yaml", MINI_PLAN + "excerpt: {}\n"),
    ("plan-phase-name-blank", "plan.yaml", MINI_PLAN.replace("{name: 前期,", "{name: '',")),
    ("plan-period-missing-end", "plan.yaml", MINI_PLAN.replace(", end: 2200}", "}", 1)),
    ("plan-glossary", "plan.yaml", MINI_PLAN + "glossary: {title: 用語, group_label: '【{row}】', latin: first, latin_label: ~}\n"),
    ("plan-measure-style", "plan.yaml", MINI_PLAN + "measure: {name: 取組, status_heading: '{phase}', list_heading: 1}\n"),
    ("plan-top-list", "plan.yaml", "- city: 見本市\n"),
]


def _folder(tmp: Path, rel: str, text: str) -> Path:
    folder = tmp / "p"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "chapters").mkdir(parents=True)
    (folder / "plan.yaml").write_text(MINI_PLAN, encoding="utf-8")
    (folder / rel).write_text(text, encoding="utf-8")
    return folder


def _compare(tmp: Path, rel: str, text: str) -> tuple[list[str], list[str]]:
    folder = _folder(tmp, rel, text)
    return plancc_errors(folder, rel), schema_errors(kind_of(folder / rel), text)


def test_the_five_cases_of_the_issue(tmp_path):
    verdicts = {}
    for name, rel, text in CASES[:5]:
        plancc, schema = _compare(tmp_path, rel, text)
        verdicts[name] = (not plancc, not schema)
    assert verdicts == {"p-number": (True, True), "term-float": (True, True), "row-headers-yes": (True, True),
                        "adopted-day": (True, True), "title-empty": (False, False)}


@pytest.mark.parametrize("name,rel,text", CASES, ids=[c[0] for c in CASES])
def test_schema_and_plancc_agree(tmp_path, name, rel, text):
    plancc, schema = _compare(tmp_path, rel, text)
    assert (not plancc) == (not schema), f"plancc: {plancc}\nschema: {schema}"


def test_the_cases_cover_both_verdicts(tmp_path):
    valid = [name for name, rel, text in CASES if not _compare(tmp_path, rel, text)[0]]
    assert 15 < len(valid) < len(CASES) - 15


# ---------------------------------------------------------------- the corpus of broken inputs

BROKEN = YAML(typ="safe").load((REPO / "tests" / "broken" / "cases.yaml").read_text(encoding="utf-8"))["cases"]
# replace-cases that leave the file readable YAML; those the schema cannot see must be valid for it
BROKEN_EDITS = [c for c in BROKEN if "replace" in c and c["code"] not in YAML_LEVEL]
# the schema-level errors a schema cannot express
# (a schedule's keys are phase names or years of the plan: a cross-reference, so a key in 和暦
# is valid text for the schema)
BEYOND_SCHEMA = {"period-reversed", "schedule-era-key"}


@pytest.mark.parametrize("case", BROKEN_EDITS, ids=[c["name"] for c in BROKEN_EDITS])
def test_broken_corpus_verdicts_agree(mini, case):
    path = mini / case["file"]
    edit(path, *case["replace"])
    code, out, _ = run("validate", "--format", "json", str(mini))
    rel = path.relative_to(mini).as_posix()
    plancc = [f["code"] for f in json.loads(out)["findings"]
              if f["severity"] == "error" and f["path"].endswith(rel) and f["code"] in IN_SCOPE]
    schema = schema_errors(kind_of(path), path.read_text(encoding="utf-8"))
    if case["name"] in BEYOND_SCHEMA:
        assert plancc and not schema
    else:
        assert (not plancc) == (not schema), f"plancc: {plancc}\nschema: {schema}"


def test_yaml_level_cases_are_left_to_yaml():
    assert {c["code"] for c in BROKEN if "replace" in c} - {c["code"] for c in BROKEN_EDITS} <= YAML_LEVEL


# ---------------------------------------------------------------- every field, every kind of scalar

# (field, file, text with {} where the scalar goes)
FIELDS = [
    ("plan.title", "plan.yaml", MINI_PLAN.replace("title: 見本市計画", "title: {}")),
    ("plan.edition", "plan.yaml", MINI_PLAN + "edition: {}\n"),
    ("plan.adopted", "plan.yaml", MINI_PLAN.replace("adopted: 2018-03", "adopted: {}")),
    ("plan.period.start", "plan.yaml", MINI_PLAN.replace("period: {start: 1868, end: 2200}",
                                                         "period:\n  start: {}\n  end: 2200")),
    ("plan.years.style", "plan.yaml", MINI_PLAN + "years:\n  style: {}\n"),
    ("plan.years.eras_as_of", "plan.yaml", MINI_PLAN + "years:\n  eras_as_of: {}\n"),
    ("plan.glossary.latin", "plan.yaml", MINI_PLAN + "glossary:\n  latin: {}\n"),
    ("plan.words.adopted", "plan.yaml", MINI_PLAN + "words:\n  adopted: {}\n"),
    ("plan.words.contents", "plan.yaml", MINI_PLAN + "words:\n  contents: {}\n"),
    ("plan.upper_plans", "plan.yaml", MINI_PLAN + "upper_plans:\n  - {}\n"),
    ("chapter.number", "chapters/01.yaml", "number: {}\ntitle: 章\n"),
    ("chapter.label", "chapters/01.yaml", "title: 章\nlabel: {}\n"),
    ("chapter.p", "chapters/01.yaml", "title: 章\nblocks:\n  - p: {}\n"),
    ("chapter.row_headers", "chapters/01.yaml", "title: 章\nblocks:\n  - table:\n      rows: [[a]]\n      row_headers: {}\n"),
    ("chapter.table.caption", "chapters/01.yaml", "title: 章\nblocks:\n  - table:\n      rows: [[a]]\n      caption: {}\n"),
    ("chapter.table.cell", "chapters/01.yaml", "title: 章\nblocks:\n  - table:\n      rows:\n        - - {}\n"),
    ("chapter.section.number", "chapters/01.yaml", "title: 章\nblocks:\n  - section:\n      number: {}\n"),
    ("chapter.policy.under", "chapters/01.yaml", "title: 章\nblocks:\n  - policy:\n      under: {}\n"),
    ("glossary.term", "glossary.yaml", "terms:\n  - reading: よう\n    definition: 説明\n    term: {}\n"),
    ("glossary.reading", "glossary.yaml", "terms:\n  - term: 用語\n    definition: 説明\n    reading: {}\n"),
    ("glossary.id", "glossary.yaml", "terms:\n  - term: 用語\n    reading: よう\n    definition: 説明\n    id: {}\n"),
    ("policy.number", "policy.yaml", "nodes:\n  - title: 題\n    number: {}\n"),
    ("measures.id", "measures.yaml", "measures:\n  - parent: '1'\n    number: 1-1\n    title: 題\n    id: {}\n"),
    ("measures.number", "measures.yaml", "measures:\n  - id: a\n    parent: '1'\n    title: 題\n    number: {}\n"),
    ("measures.parent", "measures.yaml", "measures:\n  - id: a\n    number: 1-1\n    title: 題\n    parent: {}\n"),
    ("measures.schedule", "measures.yaml",
     "measures:\n  - id: a\n    parent: '1'\n    number: 1-1\n    title: 題\n    schedule:\n      2018: {}\n"),
    ("measures.fate.kind", "measures.yaml",
     "measures:\n  - id: a\n    parent: '1'\n    number: 1-1\n    title: 題\n    fate:\n      kind: {}\n"),
    ("measures.fate.into", "measures.yaml",
     "measures:\n  - id: a\n    parent: '1'\n    number: 1-1\n    title: 題\n    fate:\n      kind: merged\n      into: {}\n"),
]

# Scalars as written in YAML (plain unless quoted)
TOKENS = [
    "2018", "02018", "+2018", "-2018", "2018.0", "2018.5", "2.018e3", "0x7E2", "0o3742", "2_018", "1868", "2200",
    "2201", "1867", "0", "1", "2", "-1", "01", "1.0", "1e0", ".5", ".inf", ".nan", "1.10",
    "true", "True", "TRUE", "false", "yes", "Yes", "no", "off", "on", "y", "N", "~", "null", "",
    "1-1", "1-1-1", "1-", "2018-03", "2018-03-31", "2018-02-29", "2020-02-29", "2018-13", "0000-01", "2018-3",
    "adoption", "gregorian", "era-short", "first", "merged", "abolished", "平成30", "２０１８", "0_-1", "0__1",
    "public-wifi", "a.b_c", "../x", "業務", "すまーとふぉん", "スマート・フォン", "ｽﾏｰﾄ", "か゛", "漢字", "■",
    "第{number}章", "'{number}'", "'{date} 策定'", "'{x}'", "'{number:}'", "'{number!r}'", "'{{'", "'}'",
    "' '", "'　'", "''", '"2018"', '" 2018 "', '"2018\\n"', '"1-1\\n"', '"true"', '"yes"', '"0"', '"1.10"',
]

# Where the editor's JSON value cannot tell what plancc reads: a number spelled otherwise
# than in plain decimal digits (0x7E2, 2.018e3, +1, 1.0, 01 …) has the value of another.
KNOWN_SPELLINGS = {
    ("plan.period.start", t) for t in ("2.018e3", "0x7E2", "0o3742")} | {
    ("chapter.number", t) for t in ("2.018e3", "0x7E2", "0o3742", "1e0")} | {
    ("chapter.row_headers", t) for t in ("01", "1.0", "1e0")} | {
    (f, t) for f in ("policy.number", "measures.number")
    for t in ("2.018e3", "0x7E2", "0o3742", "+2018", "2018.0", "1.0", "1e0")} | {
    ("measures.id", t) for t in ("+2018", ".5", ".inf", ".nan")}


def test_every_field_takes_every_scalar_as_plancc_does(tmp_path):
    differ = {}
    for field, rel, template in FIELDS:
        folder = _folder(tmp_path, rel, "")
        kind = kind_of(folder / rel)
        for token in TOKENS:
            text = template.replace("{}", token)
            (folder / rel).write_text(text, encoding="utf-8")
            plancc, schema = plancc_errors(folder, rel), schema_ok(kind, text)
            if (not plancc) != schema:
                differ[field, token] = (plancc, schema_errors(kind, text))
    assert set(differ) == KNOWN_SPELLINGS, {k: v for k, v in differ.items() if k not in KNOWN_SPELLINGS}


# ---------------------------------------------------------------- patterns, against the code they mirror

def _pattern_says(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None  # as jsonschema applies `pattern`


def _accepts(adapter: TypeAdapter, value) -> bool:
    try:
        adapter.validate_python(value)
        return True
    except Exception:
        return False


def test_numerals_between_bounds():
    for lo, hi in ((1868, 2200), (1, 9), (1, 10), (5, 123), (99, 1000), (10, 19), (7, 7)):
        pattern = re.compile(f"(?:{numerals_between(lo, hi)})")
        for n in range(0, 2500):
            assert bool(pattern.fullmatch(str(n))) == (lo <= n <= hi), (lo, hi, n)
            if n >= 10:
                assert bool(pattern.fullmatch(f"{str(n)[:-1]}_{str(n)[-1]}")) == (lo <= n <= hi)


YEAR = TypeAdapter(m.FiscalYearInt)
WHOLE = TypeAdapter(m.WholeNumber)


def _whole_texts():
    yield from ("".join(t) for n in range(5) for t in itertools.product("019_+-. \n", repeat=n))
    for n in (1, 9, 1867, 1868, 1869, 2018, 2199, 2200, 2201, 12018):
        for text in (str(n), f"+{n}", f"-{n}", f"0{n}", f"0_0{n}", f"00__{n}", f"{n}.0", f"{n}.00", f"{n}.",
                     f"{str(n)[:1]}_{str(n)[1:]}", f"{str(n)[:1]}__{str(n)[1:]}", f"\u3000{n} ", f"\x1c{n}", f"{n}\n",
                     f"0_-{n}", f"0-{n}", f"+_{n}", f"{n}_"):
            yield text


def test_whole_numbers_as_text():
    free, years = whole_pattern(), whole_pattern(1868, 2200)
    for text in _whole_texts():
        assert _pattern_says(free, text) == _accepts(WHOLE, text), repr(text)
        assert _pattern_says(years, text) == _accepts(YEAR, text), repr(text)


def test_whole_numbers_drop_the_quirks_of_lax_parsing():
    assert [_accepts(WHOLE, t) for t in ("0_-1", "0__1", "0-1", "_1", "1_", "2018.", "２０１８", " 2_018.00\u3000")] == [
        False, False, False, False, False, False, False, True]


def test_dates():
    date = TypeAdapter(m.PlanDate)
    for year in ("0000", "0001", "1867", "1868", "1900", "2000", "2018", "2020", "2100", "2400", "9999"):
        for month in range(0, 14):
            texts = [f"{year}-{month:02d}"] + [f"{year}-{month:02d}-{day:02d}" for day in range(0, 33)]
            for text in texts + [text + "\n" for text in texts[:2]]:
                assert _pattern_says(m.DATE_PATTERN, text) == _accepts(date, text), text
    for text in ("2018-3", "18-03", "2018-03-1", "２０１８-03", "2018/03", "2018-03-31T00:00"):
        assert not _pattern_says(m.DATE_PATTERN, text) and not _accepts(date, text)


LABELS = [("number",), ("number", "title"), ("description", "label"), ()]


@functools.cache
def _label(fields: tuple) -> tuple[TypeAdapter, str]:
    adapter = TypeAdapter(m.LabelTemplate(*fields))
    return adapter, adapter.json_schema()["pattern"]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="{}:!rnumbetilx0[] ", max_size=12), st.sampled_from(LABELS))
def test_label_templates(text, fields):
    adapter, pattern = _label(fields)
    assert _pattern_says(pattern, text) == _accepts(adapter, text)


def test_label_template_edges():
    adapter = TypeAdapter(m.LabelTemplate("number"))
    pattern = adapter.json_schema()["pattern"]
    for text in ("{number}", "{number:}", "{{number}}", "{{{number}}}", "{number:}}}", "}}", "第{number}章", "\n{number}",
                 "{number!r}", "{number!}", "{}", "{0}", "{number[0]}", "{number.x}", "{ number}", "{number", "number}",
                 "{number}}", "{number:>3}", "{title}"):
        assert _pattern_says(pattern, text) == _accepts(adapter, text), text


def test_true_false_words():
    boolean = TypeAdapter(bool)
    for word in set(BOOL_WORDS_ANY_CASE()) | {"", " yes", "yes ", "yes\n", "1.0", "01", "00", "ｙｅｓ", "ja", "2"}:
        assert _pattern_says(BOOL_PATTERN, word) == _accepts(boolean, word), word


def BOOL_WORDS_ANY_CASE():
    for word in ("0", "1", "f", "false", "n", "no", "off", "on", "t", "true", "y", "yes"):
        for mask in range(2 ** len(word)):
            yield "".join(c.upper() if mask >> i & 1 else c for i, c in enumerate(word))


def test_non_blank_text():
    text = TypeAdapter(m.Text)
    for cp in list(range(0, 0x3100)) + [0xFEFF, 0xFF01, 0x1F600]:
        c = chr(cp)
        if 0xD800 <= cp < 0xE000:
            continue
        for s in (c, c + " ", "\u3000" + c):
            assert _pattern_says(m.NONBLANK, s) == _accepts(text, s), hex(cp)


READING = kana.reading_pattern()
# the characters the pattern names, and some it does not
_KANA_ALPHABET = sorted({c for c in READING if ord(c) > 0xFFFF} | {
    chr(int(h, 16)) for h in re.findall(r"\\u([0-9a-f]{4})", READING)} | set("漢aｱ\u0301゛゜ゝゞヽヾ\u3000 \n"))


@settings(max_examples=5000, deadline=None)
@given(st.text(alphabet=_KANA_ALPHABET, max_size=6))
def test_readings(text):
    assert _pattern_says(READING, text) == kana.is_kana(text)


def test_readings_each_character():
    # a character NFKC leaves alone is kana or not by itself; the others are each tried
    named = set(_KANA_ALPHABET)
    for cp in range(0x110000):
        c = chr(cp)
        if 0xD800 <= cp < 0xE000 or (c not in named and unicodedata.normalize("NFKC", c) == c):
            continue
        for s in (c, "か" + c, c + "\u3099", c + "\uff9f"):
            assert _pattern_says(READING, s) == kana.is_kana(s), hex(cp)


# ---------------------------------------------------------------- descriptions

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


def _properties(node, where=""):
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{where}/{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{where}/{i}")


def test_every_property_has_a_japanese_title_and_description():
    missing = []
    for kind, schema in SCHEMAS.items():
        assert JAPANESE.search(schema["description"]) and JAPANESE.search(schema["title"]), kind
        for where, prop in _properties(schema):
            if "/if/" in where or "/then/" in where or "/else/" in where or "/allOf/" in where:
                continue  # a rule's sub-schema, not a key of its own
            desc, title = prop.get("description", ""), prop.get("title", "")
            if not title and "$ref" in prop:  # pydantic leaves out a title the definition has
                title = schema["$defs"][prop["$ref"].rsplit("/", 1)[1]]["title"]
            if not (JAPANESE.search(desc) and JAPANESE.search(title)):
                missing.append(f"{kind}{where}")
            # Japanese first, then English after a blank line
            ja, _, en = desc.partition("\n\n")
            if not (JAPANESE.search(ja) and re.search("[A-Za-z]{3}", en)):
                missing.append(f"{kind}{where}: Japanese, then English")
    assert missing == []


def test_every_model_field_has_a_description():
    models = [c for c in vars(m).values()
              if isinstance(c, type) and issubclass(c, m.BaseModel) and c.__module__ == m.__name__]
    assert len(models) > 30
    for cls in models:
        for name, info in cls.model_fields.items():
            ja, _, en = (info.description or "").partition("\n\n")
            assert JAPANESE.search(ja) and re.search("[A-Za-z]{3}", en), f"{cls.__name__}.{name}"
            assert info.title and JAPANESE.search(info.title), f"{cls.__name__}.{name}"


# ---------------------------------------------------------------- the editor itself

NODE = shutil.which("node")
HERE = Path(__file__).parent


def _editor(job: dict) -> dict:
    proc = subprocess.run([NODE, str(HERE / "editor_check.js")], input=json.dumps(job), capture_output=True,
                          text=True, timeout=900, cwd=HERE)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _has_language_server() -> bool:
    return bool(NODE) and subprocess.run([NODE, "-e", "require.resolve('yaml-language-server/package.json')"],
                                         cwd=HERE, capture_output=True).returncode == 0


def _patterns(node) -> set[str]:
    if isinstance(node, dict):
        return ({node["pattern"]} if isinstance(node.get("pattern"), str) else set()) | {
            p for v in node.values() for p in _patterns(v)}
    if isinstance(node, list):
        return {p for v in node for p in _patterns(v)}
    return set()


@pytest.mark.skipif(not NODE, reason="node is not installed")
def test_patterns_mean_the_same_in_ecmascript():
    """The editor compiles a pattern as an ECMAScript RegExp ('u' flag); jsonschema and the
    tests above read it with Python's re. Both must say the same of every text tried."""
    texts = sorted(set(_whole_texts()) | {t.replace("'", "") for t in TOKENS} | set(BOOL_WORDS_ANY_CASE())
                   | {chr(cp) for cp in range(0, 0x3100) if not 0xD800 <= cp < 0xE000}
                   | {"か" + c for c in _KANA_ALPHABET} | {c + "\u3099" for c in _KANA_ALPHABET}
                   | {f"{y}-{mo:02d}-{d:02d}" for y in ("0000", "2000", "2018", "2020", "2100") for mo in range(14)
                      for d in range(33)}
                   | {"{number}", "{number:}", "{{", "}}", "{number!r}", "{title}", "第{number}章", "{date} 策定", "\n{x}",
                      "1-1\n", "2018\n", "adoption", "ｽﾏｰﾄ", "すまーと\n"})
    patterns = sorted(p for kind in KINDS for p in _patterns(SCHEMAS[kind]))
    result = _editor({"patterns": [[p, texts] for p in patterns]})["patterns"]
    differ = [(p, t) for p, said in zip(patterns, result) for t, js in zip(texts, said) if js != _pattern_says(p, t)]
    assert differ == []


@pytest.mark.skipif(not _has_language_server() and not os.environ.get("CI"),
                    reason="yaml-language-server is not installed (npm ci)")
def test_the_editor_agrees_with_jsonschema(tmp_path):
    """yaml-language-server, as VS Code's YAML extension runs it, finds an error in a file
    exactly where jsonschema does (on the loading above): the bundled files, the cases and
    every field with every kind of scalar."""
    docs = [(kind_of(p), p.read_text(encoding="utf-8")) for p in BUNDLED]
    docs += [(kind_of(Path(rel)), text) for _, rel, text in CASES]
    docs += [(kind_of(Path(rel)), template.replace("{}", token)) for _, rel, template in FIELDS for token in TOKENS]
    said = _editor({"documents": [{"schema": str(REPO / "schema" / f"{kind}.schema.json"), "text": text}
                                  for kind, text in docs]})["documents"]
    differ = []
    for (kind, text), diagnostics in zip(docs, said):
        editor_ok = not [d for d in diagnostics if d["source"].startswith("yaml-schema")]
        if editor_ok != schema_ok(kind, text):
            differ.append((kind, text, diagnostics, schema_errors(kind, text)))
    assert differ == []
    # the five of the issue, as the editor says them
    named = {name: not [d for d in diags if d["source"].startswith("yaml-schema")]
             for (name, _, _), diags in zip(CASES[:5], said[len(BUNDLED):])}
    assert named == {"p-number": True, "term-float": True, "row-headers-yes": True, "adopted-day": True,
                     "title-empty": False}

"""Property test of `plancc diff`: a single random edit of any kind of field, on a copy of
each bundled plan (and the mini plan), is reported — with where it is — in every format
(JSON, text, Markdown, the 新旧対照表 in HTML); an unedited copy is reported as no
difference (exit 0).

Each kind of field is one test; each example picks, for every plan that has such a field
(or can take one), a random place and a random edit of that kind, writes the edited file
back (as JSON, which YAML reads as it is) and compares the copy with the original. An
edit that makes the plan invalid (a number that no longer extends its parent's, a
renamed term that references still use) is not a case: the next place is tried. Every
kind must be exercised on at least one plan.

PLANCC_PROPERTY_EXAMPLES sets how many examples each kind runs (default 2).
"""

from __future__ import annotations

import copy
import html as htmlmod
import json
import os
import random
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPO

from plancc import model as m
from plancc.diff import render as diffs
from plancc.diff.compare import compare_plans
from plancc.i18n import use
from plancc.pipeline import load_and_check
from plancc.text import plain
from plancc.yamlsource import read

MARK = "〓挿入〓"  # an inserted word no plan holds
PLANS = [REPO / "plans/iizuka/2021", REPO / "plans/iizuka/later", REPO / "plans/toride/4th",
         REPO / "plans/toride/5th", REPO / "plans/oita", FIXTURES / "mini"]
EXAMPLES = int(os.environ.get("PLANCC_PROPERTY_EXAMPLES", "2"))
PROSE = {"paragraph", "section", "item", "list", "table", "figure", "note", "signature", "view"}


# ---------------------------------------------------------------- a plan's files as data

@dataclass
class Files:
    """Every YAML file of a plan folder as plain data, by its path in the folder."""

    folder: Path
    data: dict[str, Any]

    def of(self, kind: str) -> list[str]:
        out = []
        for rel in self.data:
            parts = rel.split("/")
            top = parts[0].removesuffix(".yaml")
            if top == kind or (kind == "chapter" and top == "chapters") or (kind == "terms" and top == "glossary") \
                    or (kind == "measures" and top == "measures"):
                out.append(rel)
        return sorted(out)

    @property
    def meta(self) -> dict:
        return self.data["plan.yaml"]

    def measures(self) -> Iterator[tuple[str, int, dict]]:
        for rel in self.of("measures"):
            for i, x in enumerate(self.data[rel].get("measures") or []):
                yield rel, i, x


@lru_cache(maxsize=None)
def _files(folder: Path) -> Files:
    data = {}
    for p in sorted(folder.rglob("*.yaml")):
        src, _ = read(p)
        data[p.relative_to(folder).as_posix()] = src.data
    return Files(folder, data)


def files(folder: Path) -> Files:
    f = _files(folder)
    return Files(f.folder, copy.deepcopy(f.data))


@lru_cache(maxsize=None)
def original(folder: Path):
    plan, findings = load_and_check(folder, str(folder))
    assert plan is not None and not [f for f in findings if f.is_error], folder
    return plan


def _walk(data, path=()) -> Iterator[tuple[tuple, Any]]:
    yield path, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _walk(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _walk(v, path + (i,))


def get(data, path):
    for p in path:
        data = data[p]
    return data


def put(data, path, value):
    get(data, path[:-1])[path[-1]] = value


# ---------------------------------------------------------------- edits

@dataclass
class Expect:
    """What the report must hold: a change of `type` (and one of `ids`, when given) with a
    field named one of `fields`, showing `shown` (in the text, Markdown and JSON;
    `shown_html` in the 新旧対照表, where labels replace ids)."""

    type: set[str]
    fields: set[str] | None  # None: an added or removed item, no fields
    shown: str
    ids: set[str] | None = None
    at: str | None = None
    shown_html: str | None = None
    kind: str = "changed"
    shown_json: str | None = None  # where the JSON holds an id (a tag's) and the reports its label
    underlined: bool = True  # False: a change of order, which shows as the item's own row


@dataclass
class Site:
    file: str
    describe: str
    apply: Callable[[Files, random.Random], Expect]


def insert(text: str, rnd: random.Random) -> str:
    """`text` with MARK inserted where it cannot break markup: not inside [[…]] nor {…}."""
    spans = [(mt.start(), mt.end()) for mt in re.finditer(r"\[\[[^\]]*\]\]|\{[^}]*\}|\*\*|__|`[^`]*`", text)]
    ok = [i for i in range(len(text) + 1) if not any(a < i < b for a, b in spans)]
    i = rnd.choice(ok)
    return text[:i] + MARK + text[i:]


def text_sites(f: Files, kinds: set[str], pattern: Callable[[str, tuple, Any], bool], expect) -> list[Site]:
    """A marker inserted into any string leaf that `pattern` accepts."""
    out = []
    for rel in sorted(f.data):
        for path, value in _walk(f.data[rel]):
            if isinstance(value, str) and pattern(rel, path, value):
                def apply(files: Files, rnd, rel=rel, path=path):
                    put(files.data[rel], path, insert(get(files.data[rel], path), rnd))
                    return expect(files, rel, path)
                out.append(Site(rel, f"{rel}:{'/'.join(map(str, path))}", apply))
    return out


def _under(path: tuple, *keys) -> bool:
    return any(k in path for k in keys)


def measure_of(files: Files, rel: str, path: tuple) -> dict:
    return files.data[rel]["measures"][path[1]]


def measure_expect(fields: set[str], shown: str = MARK, **kw):
    def expect(files, rel, path):
        return Expect({"measure"}, fields, shown, ids={measure_of(files, rel, path)["id"]}, **kw)
    return expect


def chapter_heading(files: Files, rel: str) -> str:
    ch = m.Chapter.model_validate(files.data[rel])
    return ch.heading


def prose_expect(fields: set[str]):
    def expect(files, rel, path):
        return Expect(PROSE, fields, MARK)
    return expect


# ---- the kinds, each a function (plan files) → the places it can edit ----

def k_measure_title(f: Files):
    return text_sites(f, set(), lambda rel, p, v: rel.startswith("measures") and len(p) in (3, 5) and p[-1] == "title",
                      measure_expect({"title"}))


def k_measure_text(f: Files):
    return text_sites(f, set(), lambda rel, p, v: rel.startswith("measures") and _under(p, "blocks") and p[-1] == "p",
                      measure_expect({"text"}))


def k_measure_status(f: Files):
    return text_sites(f, set(), lambda rel, p, v: rel.startswith("measures") and _under(p, "status"),
                      measure_expect({"status"}))


def k_measure_departments(f: Files):
    return text_sites(f, set(), lambda rel, p, v: rel.startswith("measures") and _under(p, "departments"),
                      measure_expect({"departments"}))


def k_measure_note(f: Files):
    out = []
    for rel, i, x in f.measures():
        for path in [("measures", i)] + [("measures", i, "variants", j) for j in range(len(x.get("variants") or []))]:
            def apply(files, rnd, rel=rel, path=path):
                target = get(files.data[rel], path)
                target["note"] = insert(target["note"], rnd) if target.get("note") else MARK
                return Expect({"measure"}, {"note"}, MARK, ids={measure_of(files, rel, path)["id"]})
            out.append(Site(rel, f"{rel}:{path} note", apply))
    return out


def k_measure_number(f: Files):
    out = []
    for rel, i, x in f.measures():
        paths = [("measures", i)] if x.get("number") else [("measures", i, "variants", j)
                                                            for j in range(len(x.get("variants") or []))]
        for path in paths:
            def apply(files, rnd, rel=rel, path=path):
                target = get(files.data[rel], path)
                target["number"] = target["number"] + str(rnd.randint(5, 9))
                return Expect({"measure"}, {"number"}, target["number"], ids={measure_of(files, rel, path)["id"]})
            out.append(Site(rel, f"{rel}:{path} number", apply))
    return out


def k_measure_class(f: Files):
    classes = f.meta.get("classes") or []
    out = []
    for rel, i, x in f.measures():
        def apply(files, rnd, rel=rel, i=i):
            target = files.data[rel]["measures"][i]
            choices = [c for c in classes if c != target.get("class")]
            if not choices:
                return None
            target["class"] = rnd.choice(choices)
            return Expect({"measure"}, {"class"}, target["class"], ids={target["id"]})
        out.append(Site(rel, f"{rel}:{i} class", apply))
    return out


def _vocab_edit(key: str, vocab: list[str], label: Callable[[str], str]):
    def apply(files, rnd, rel, path):
        target = get(files.data[rel], path)
        have = list(target.get(key) or [])
        missing = [v for v in vocab if v not in have]
        if missing and (not have or rnd.random() < 0.7):
            new = rnd.choice(missing)
            have.insert(rnd.randint(0, len(have)), new)
        elif have:
            new = have.pop(rnd.randrange(len(have)))
        else:
            return None
        target[key] = have
        # in every format by its label, as the plan prints it (the JSON holds both)
        return Expect({"measure"}, {key}, label(new), ids={measure_of(files, rel, path)["id"]}, shown_json=new)
    return apply


def k_measure_marks(f: Files):
    marks = {mk["name"]: mk.get("label") or mk["name"] for mk in f.meta.get("marks") or []}
    out = []
    for rel, i, x in f.measures():
        for path in [("measures", i)] + [("measures", i, "variants", j) for j in range(len(x.get("variants") or []))]:
            edit = _vocab_edit("marks", list(marks), lambda n: marks[n])
            out.append(Site(rel, f"{rel}:{path} marks", lambda files, rnd, rel=rel, path=path: edit(files, rnd, rel, path)))
    return out


def k_measure_tags(f: Files):
    tags = {t["id"]: t["label"] for t in f.meta.get("tags") or []}
    out = []
    for rel, i, x in f.measures():
        edit = _vocab_edit("tags", list(tags), lambda t: tags[t])
        out.append(Site(rel, f"{rel}:{i} tags", lambda files, rnd, rel=rel, i=i: edit(files, rnd, rel, ("measures", i))))
    return out


def k_measure_schedule(f: Files):
    meta = f.meta
    stages = list(meta.get("stages") or []) + ["⇒"]
    p = meta["period"]
    keys = [str(y) for y in range(int(p["start"]), int(p["end"]) + 1)]
    phases = [ph["name"] for ph in meta.get("phases") or []]
    out = []
    for rel, i, x in f.measures():
        def apply(files, rnd, rel=rel, i=i):
            target = files.data[rel]["measures"][i]
            sched = target.setdefault("schedule", {}) or {}
            target["schedule"] = sched
            yearly = any(k.isdigit() for k in sched) or not phases
            key = rnd.choice(keys if yearly else phases)
            choices = [s for s in stages if s != sched.get(key)]
            sched[key] = rnd.choice(choices)
            return Expect({"measure"}, {"schedule"}, sched[key], ids={target["id"]}, at=key)
        out.append(Site(rel, f"{rel}:{i} schedule", apply))
    return out


def k_measure_parent(f: Files):
    """Move a measure under another node of the same depth (its numbers follow)."""
    nodes = []
    if "policy.yaml" in f.data:
        for path, v in _walk(f.data["policy.yaml"]):
            if isinstance(v, dict) and "title" in v and ("number" in v or "id" in v):
                nodes.append(v)
    by_ref = {}
    for n in nodes:
        for r in (n.get("id"), n.get("number")):
            if r:
                by_ref[r] = n
    out = []
    for rel, i, x in f.measures():
        def apply(files, rnd, rel=rel, i=i):
            target = files.data[rel]["measures"][i]
            cur = by_ref.get(target["parent"])
            if cur is None or not cur.get("number"):
                return None
            depth = cur["number"].count("-")
            others = [n for n in nodes if n.get("number") and n["number"].count("-") == depth and n is not cur
                      and not n.get("children")]
            if not others:
                return None
            new = rnd.choice(others)
            target["parent"] = new["number"]
            for form in [target] + list(target.get("variants") or []):
                if form.get("number"):
                    form["number"] = new["number"] + "-9" + form["number"].rsplit("-", 1)[1]
            return Expect({"measure"}, {"parent"}, new["title"], ids={target["id"]})
        out.append(Site(rel, f"{rel}:{i} parent", apply))
    return out


def k_measure_fate(f: Files):
    phases = [ph["name"] for ph in f.meta.get("phases") or []]
    out = []
    for rel, i, x in f.measures():
        def apply(files, rnd, rel=rel, i=i):
            target = files.data[rel]["measures"][i]
            if target.get("fate"):
                fate = target["fate"]
                fate["note"] = insert(fate["note"], rnd) if fate.get("note") else MARK
            else:
                target["fate"] = {"kind": "abolished", "note": MARK}
                if phases:
                    target["fate"]["phase"] = phases[-1]
            return Expect({"measure"}, {"fate"}, MARK, ids={target["id"]})
        out.append(Site(rel, f"{rel}:{i} fate", apply))
    return out


def k_measure_id(f: Files):
    targets = {x.get("fate", {}).get("into") for _, _, x in f.measures() if x.get("fate")}
    out = []
    for rel, i, x in f.measures():
        if x["id"] in targets:
            continue
        def apply(files, rnd, rel=rel, i=i):
            target = files.data[rel]["measures"][i]
            old = target["id"]
            target["id"] = old + "-x"
            return Expect({"measure"}, {"id"}, target["id"], ids={target["id"], old})
        out.append(Site(rel, f"{rel}:{i} id", apply))
    return out


def k_measure_order(f: Files):
    """Two measures of one file swapped: they are printed in file order."""
    out = []
    for rel in f.of("measures"):
        n = len(f.data[rel].get("measures") or [])
        for i in range(n - 1):
            def apply(files, rnd, rel=rel, i=i):
                ms = files.data[rel]["measures"]
                ms[i], ms[i + 1] = ms[i + 1], ms[i]
                return Expect({"measure"}, {"order"}, "", ids={ms[i]["id"], ms[i + 1]["id"]}, underlined=False)
            out.append(Site(rel, f"{rel}:{i} order", apply))
    return out


def k_measure_removed(f: Files):
    targets = {(x.get("fate") or {}).get("into") for _, _, x in f.measures()}
    out = []
    for rel, i, x in f.measures():
        if x["id"] in targets:
            continue
        def apply(files, rnd, rel=rel, i=i):
            x = files.data[rel]["measures"].pop(i)
            title = plain(x.get("title") or x["variants"][-1]["title"])
            return Expect({"measure"}, None, title, ids={x["id"]}, kind="removed")
        out.append(Site(rel, f"{rel}:{i} removed", apply))
    return out


def k_measure_added(f: Files):
    """A copy of a measure under a new id, number and title."""
    out = []
    for rel, i, x in f.measures():
        def apply(files, rnd, rel=rel, i=i):
            ms = files.data[rel]["measures"]
            new = copy.deepcopy(ms[i])
            new["id"] = "added-" + new["id"]
            new.pop("fate", None)
            for form in [new] + list(new.get("variants") or []):
                if form.get("number"):
                    form["number"] += "9"
                if form.get("title"):
                    form["title"] = MARK + form["title"]
            ms.insert(i + 1, new)
            return Expect({"measure"}, None, MARK, ids={new["id"]}, kind="added")
        out.append(Site(rel, f"{rel}:{i} added", apply))
    return out


# ---- policy nodes ----

def _node_expect(fields):
    def expect(files, rel, path):
        node = get(files.data[rel], path[:-1] if path[-1] == "title" else path[:path.index("blocks")])
        return Expect({"goal"}, fields, MARK)
    return expect


def k_goal_title(f: Files):
    return text_sites(f, set(), lambda rel, p, v: rel == "policy.yaml" and p[-1] == "title" and not _under(p, "blocks"),
                      _node_expect({"title"}))


def k_goal_text(f: Files):
    return text_sites(f, set(), lambda rel, p, v: rel == "policy.yaml" and _under(p, "blocks")
                      and p[-1] in ("p", "title") or (rel == "policy.yaml" and _under(p, "list")),
                      _node_expect({"text"}))


def k_goal_number(f: Files):
    """Renumber a node that has no children, with its measures and every reference to it."""
    out = []
    if "policy.yaml" not in f.data:
        return out
    for path, v in _walk(f.data["policy.yaml"]):
        if isinstance(v, dict) and v.get("number") and not v.get("children") and "title" in v:
            def apply(files, rnd, path=path):
                node = get(files.data["policy.yaml"], path)
                old = node["number"]
                new = old + str(rnd.randint(5, 9))
                node["number"] = new
                for rel, data in files.data.items():
                    for p2, value in list(_walk(data)):
                        if not p2:
                            continue
                        key = p2[-1]
                        if key in ("parent", "under") and value == old:
                            put(data, p2, new)
                        elif key == "number" and isinstance(value, str) and value.startswith(old + "-") \
                                and rel.startswith("measures"):
                            put(data, p2, new + value[len(old):])
                        elif key == "titles" and isinstance(value, dict) and old in value:
                            value[new] = value.pop(old)
                return Expect({"goal"}, {"number"}, new)
            out.append(Site("policy.yaml", f"policy.yaml:{path} number", apply))
    return out


# ---- chapters ----

def _chapter_leaf(kind_path: Callable[[tuple], bool]):
    return lambda rel, p, v: rel.startswith("chapters/") and kind_path(p)


def k_chapter_title(f: Files):
    def expect(files, rel, path):
        return Expect({"chapter"}, {"title"}, MARK)
    return text_sites(f, set(), _chapter_leaf(lambda p: p == ("title",)), expect)


def k_chapter_number(f: Files):
    out = []
    for rel in f.of("chapter"):
        if f.data[rel].get("number") is None:
            continue
        def apply(files, rnd, rel=rel):
            new = str(int(files.data[rel]["number"]) + rnd.randint(50, 90))
            files.data[rel]["number"] = new
            return Expect({"chapter"}, {"number"}, new)
        out.append(Site(rel, f"{rel} number", apply))
    return out


def k_chapter_label(f: Files):
    out = []
    for rel in f.of("chapter"):
        if f.data[rel].get("number") is None:
            continue
        def apply(files, rnd, rel=rel):
            files.data[rel]["label"] = insert(files.data[rel].get("label") or "第{number}章", rnd)
            return Expect({"chapter"}, {"label"}, MARK)
        out.append(Site(rel, f"{rel} label", apply))
    return out


def _block_leaf(block: str, leaf: Callable[[tuple], bool]):
    def pattern(rel, p, v):
        if not rel.startswith("chapters/") or block not in p:
            return False
        i = len(p) - 1 - p[::-1].index(block)  # the innermost block of that kind
        return leaf(p[i + 1:])
    return pattern


def k_paragraph(f: Files):
    return text_sites(f, set(), lambda rel, p, v: rel.startswith("chapters/") and p[-1] == "p", prose_expect({"text"}))


def k_section_title(f: Files):
    return text_sites(f, set(), _block_leaf("section", lambda q: q == ("title",)), prose_expect({"text"}))


def k_section_number(f: Files):
    return text_sites(f, set(), _block_leaf("section", lambda q: q == ("number",)), prose_expect({"text"}))


def k_item(f: Files):
    return text_sites(f, set(), _block_leaf("item", lambda q: q == ("title",)), prose_expect({"text"}))


def k_list_item(f: Files):
    return text_sites(f, set(), _block_leaf("list", lambda q: len(q) >= 1 and (q[0] == "items" or isinstance(q[0], int))),
                      prose_expect({"text"}))


def k_table_cell(f: Files):
    return text_sites(f, set(), _block_leaf("table", lambda q: q and q[0] == "rows"), prose_expect({"cell", "row"}))


def k_table_header(f: Files):
    return text_sites(f, set(), _block_leaf("table", lambda q: q and q[0] == "header"), prose_expect({"header"}))


def k_table_caption_notes_source(f: Files):
    return text_sites(f, set(), _block_leaf("table", lambda q: q and q[0] in ("caption", "notes", "source")),
                      prose_expect({"caption", "table-note", "source"}))


def k_figure(f: Files):
    return text_sites(f, set(), _block_leaf("figure", lambda q: q and q[0] in ("caption", "words", "source")),
                      prose_expect({"caption", "words", "source"}))


def k_note_signature(f: Files):
    return text_sites(f, set(), lambda rel, p, v: rel.startswith("chapters/") and p[-1] in ("note", "signature")
                      and not _under(p[:-1], "table"), prose_expect({"text"}))


def k_view(f: Files):
    """A generated block's settings: the period table's caption, the policy view's schedule."""
    out = []
    for rel in f.of("chapter"):
        for path, v in _walk(f.data[rel]):
            if isinstance(v, dict) and ("policy" in v or "period" in v or "marks" in v) and len(v) == 1:
                def apply(files, rnd, rel=rel, path=path):
                    block = get(files.data[rel], path)
                    kind = next(iter(block))
                    inner = block[kind] or {}
                    block[kind] = inner
                    if kind == "policy":
                        inner["schedule"] = "false" if str(inner.get("schedule")).lower() == "true" else "true"
                        return Expect({"view"}, {"settings"}, "schedule")
                    inner["caption"] = insert(inner["caption"], rnd) if inner.get("caption") else MARK
                    return Expect({"view"}, {"text", "settings"}, MARK)
                out.append(Site(rel, f"{rel}:{path} view", apply))
    return out


def k_item_mark(f: Files):
    out = []
    for rel in f.of("chapter"):
        for path, v in _walk(f.data[rel]):
            if isinstance(v, dict) and "mark" in v and "title" in v and path and path[-1] == "item":
                def apply(files, rnd, rel=rel, path=path):
                    item = get(files.data[rel], path)
                    item["mark"] = rnd.choice([mk for mk in ("■", "●", "○", "◆", "►", "〇") if mk != item["mark"]])
                    return Expect(PROSE, {"text"}, item["mark"])
                out.append(Site(rel, f"{rel}:{path} mark", apply))
    return out


def k_list_ordered(f: Files):
    out = []
    for rel in f.of("chapter"):
        for path, v in _walk(f.data[rel]):
            if isinstance(v, dict) and "list" in v and len(v) == 1:
                def apply(files, rnd, rel=rel, path=path):
                    block = get(files.data[rel], path)
                    spec = block["list"]
                    items = spec if isinstance(spec, list) else spec["items"]
                    ordered = not isinstance(spec, list) and str(spec.get("ordered")).lower() == "true"
                    block["list"] = {"items": items, "ordered": "false" if ordered else "true"}
                    return Expect({"list"}, {"text"}, "1." if not ordered else "・")
                out.append(Site(rel, f"{rel}:{path} ordered", apply))
    return out


def k_table_row(f: Files):
    """A row added to a table (a copy of one of its rows, with a marker) or one removed."""
    out = []
    for rel in f.of("chapter"):
        for path, v in _walk(f.data[rel]):
            if isinstance(v, dict) and "table" in v and len(v) == 1 and isinstance(v["table"], dict):
                def apply(files, rnd, rel=rel, path=path):
                    t = get(files.data[rel], path)["table"]
                    rows = t["rows"]
                    j = rnd.randrange(len(rows))
                    if len(rows) > 1 and rnd.random() < 0.4:
                        gone = rows.pop(j)
                        first = gone[0] if isinstance(gone[0], str) else gone[0][0]
                        return Expect({"table"}, {"row", "cell"}, first)
                    row = copy.deepcopy(rows[j])
                    row[0] = MARK + (row[0] if isinstance(row[0], str) else "／".join(row[0]))
                    rows.insert(j + 1, row)
                    return Expect({"table"}, {"row", "cell"}, MARK)
                out.append(Site(rel, f"{rel}:{path} row", apply))
    return out


def k_block_removed(f: Files):
    """A paragraph, list, table, figure or note of a chapter taken out."""
    out = []
    for rel in f.of("chapter"):
        for path, v in _walk(f.data[rel]):
            if isinstance(v, dict) and len(v) == 1 and next(iter(v)) in ("p", "note") and isinstance(path[-1], int):
                def apply(files, rnd, rel=rel, path=path):
                    blocks = get(files.data[rel], path[:-1])
                    gone = blocks.pop(path[-1])
                    text = next(iter(gone.values()))
                    return Expect(PROSE, None, plain(text)[:8], kind="removed")
                out.append(Site(rel, f"{rel}:{path} removed", apply))
    return out


# ---- the glossary ----

def _term_expect(fields, shown=MARK):
    def expect(files, rel, path):
        return Expect({"term"}, fields, shown)
    return expect


def k_term_definition(f: Files):
    return text_sites(f, set(), lambda rel, p, v: rel.startswith("glossary") and p[-1] == "definition",
                      _term_expect({"definition"}))


def k_term_term(f: Files):
    return text_sites(f, set(), lambda rel, p, v: rel.startswith("glossary") and p[-1] == "term",
                      _term_expect({"term"}))


def k_term_reading(f: Files):
    out = []
    for rel in f.of("terms"):
        for j, t in enumerate(f.data[rel].get("terms") or []):
            def apply(files, rnd, rel=rel, j=j):
                t = files.data[rel]["terms"][j]
                t["reading"] = t["reading"] + rnd.choice(["あ", "ん", "ー", "ぱ"])
                return Expect({"term"}, {"reading"}, t["reading"])
            out.append(Site(rel, f"{rel}:{j} reading", apply))
    return out


def k_term_id(f: Files):
    out = []
    for rel in f.of("terms"):
        for j, t in enumerate(f.data[rel].get("terms") or []):
            if t.get("id"):
                continue
            def apply(files, rnd, rel=rel, j=j):
                t = files.data[rel]["terms"][j]
                t["id"] = t["term"]  # references to the term still resolve
                return Expect({"term"}, {"id"}, t["term"])
            out.append(Site(rel, f"{rel}:{j} id", apply))
    return out


def k_term_removed_added(f: Files):
    out = []
    for rel in f.of("terms"):
        def add(files, rnd, rel=rel):
            terms = files.data[rel].setdefault("terms", [])
            terms.insert(rnd.randint(0, len(terms)), {"term": MARK, "reading": "げた", "definition": "挿入した用語。"})
            return Expect({"term"}, None, MARK, kind="added")
        out.append(Site(rel, f"{rel} term added", add))
    return out


# ---- plan.yaml ----

PRINTED = {"title", "city", "edition", "section", "adopted", "revised", "period", "upper_plans", "excerpt"}


def _plan_expect(key, shown=MARK):
    return Expect({"plan"}, {key}, shown, ids={key})


def k_plan_text(f: Files):
    """A marker in a text of plan.yaml (title, city, section, notes, labels, words …),
    or in a word plan.yaml leaves at its default."""
    out = []
    skip = {"adopted", "date", "start", "end", "style", "eras_as_of", "latin", "columns", "name", "id"}
    for path, v in _walk(f.meta):
        if isinstance(v, str) and path and path[-1] not in skip and not (path[0] in ("classes", "stages")):
            def apply(files, rnd, path=path):
                put(files.meta, path, insert(get(files.meta, path), rnd))
                return _plan_expect(path[0])
            out.append(Site("plan.yaml", f"plan.yaml:{path}", apply))
    for section, model in (("words", m.Words), ("taisho", m.Taisho), ("measure", m.MeasureStyle),
                           ("glossary", m.GlossaryStyle)):
        for name, info in model.model_fields.items():
            key = info.alias or name
            if isinstance(info.default, str) and key not in (f.meta.get(section) or {}) and key != "columns":
                def apply(files, rnd, section=section, key=key, default=info.default):
                    files.meta.setdefault(section, {})
                    files.meta[section] = files.meta[section] or {}
                    files.meta[section][key] = insert(default, rnd)
                    return _plan_expect(section)
                out.append(Site("plan.yaml", f"plan.yaml:{section}.{key}", apply))
    for key in ("edition", "section"):
        if not f.meta.get(key):
            def apply(files, rnd, key=key):
                files.meta[key] = MARK
                return _plan_expect(key)
            out.append(Site("plan.yaml", f"plan.yaml:{key} added", apply))
    return out


def k_plan_dates(f: Files):
    out = []

    def earlier(d: str) -> str:
        y, mo = int(d[:4]), int(d[5:7])
        y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        return f"{y:04d}-{mo:02d}" + d[7:]

    def apply(files, rnd):
        files.meta["adopted"] = earlier(files.meta["adopted"])
        return _plan_expect("adopted", files.meta["adopted"])
    if f.meta.get("adopted"):  # not where the source does not say when the plan was adopted
        out.append(Site("plan.yaml", "adopted", apply))
    for j, r in enumerate(f.meta.get("revised") or []):
        def apply(files, rnd, j=j):
            r = files.meta["revised"][j]
            r["date"] = earlier(r["date"])
            return _plan_expect("revised", r["date"])
        out.append(Site("plan.yaml", f"revised {j}", apply))

    def add(files, rnd):
        files.meta.setdefault("revised", [])
        files.meta["revised"] = (files.meta["revised"] or []) + [{"date": "2030-03", "note": MARK}]
        return _plan_expect("revised", MARK)
    out.append(Site("plan.yaml", "revised added", add))
    return out


def k_plan_period_phases(f: Files):
    def period(files, rnd):
        meta = files.meta
        meta["period"]["end"] = str(int(meta["period"]["end"]) + 1)
        phases = meta.get("phases") or []
        if phases:
            last = max(phases, key=lambda ph: int(ph["end"]))
            last["end"] = str(int(last["end"]) + 1)
        return _plan_expect("period", meta["period"]["end"])

    def boundary(files, rnd):
        phases = files.meta.get("phases") or []
        if len(phases) < 2:
            return None
        i = rnd.randrange(len(phases) - 1)
        a, b = sorted(phases, key=lambda ph: int(ph["start"]))[i:i + 2]
        if int(a["end"]) <= int(a["start"]):
            return None
        a["end"] = str(int(a["end"]) - 1)
        b["start"] = str(int(b["start"]) - 1)
        return _plan_expect("phases", a["end"])
    return [Site("plan.yaml", "period", period), Site("plan.yaml", "phase boundary", boundary)]


def k_plan_vocabularies(f: Files):
    """classes, stages, marks, tags, levels, upper plans: one more entry, or a choice changed."""
    def add_list(key):
        def apply(files, rnd):
            files.meta[key] = list(files.meta.get(key) or []) + [MARK]
            return _plan_expect(key)
        return apply

    def add_mark(files, rnd):
        files.meta["marks"] = list(files.meta.get("marks") or []) + [{"name": MARK, "label": "見出し"}]
        return _plan_expect("marks")

    def add_tag(files, rnd):
        files.meta["tags"] = list(files.meta.get("tags") or []) + [{"id": "lawx", "label": MARK}]
        return _plan_expect("tags")

    def style(files, rnd):
        years = files.meta.setdefault("years", {}) or {}
        files.meta["years"] = years
        new = rnd.choice([s for s in ("gregorian", "era", "era-short", "both") if s != years.get("style", "both")])
        years["style"] = new
        return _plan_expect("years", new)

    def columns(files, rnd):
        files.meta["taisho"] = {"columns": "old-new"}
        return Expect({"plan"}, {"taisho"}, "old-new", ids={"taisho"})

    def latin(files, rnd):
        g = files.meta.setdefault("glossary", {}) or {}
        files.meta["glossary"] = g
        g["latin"] = "first" if g.get("latin", "last") == "last" else "last"
        return _plan_expect("glossary", g["latin"])
    return [Site("plan.yaml", k, add_list(k)) for k in ("classes", "stages", "upper_plans")] + [
        Site("plan.yaml", "marks", add_mark), Site("plan.yaml", "tags", add_tag), Site("plan.yaml", "years.style", style),
        Site("plan.yaml", "taisho.columns", columns), Site("plan.yaml", "glossary.latin", latin)]


KINDS: dict[str, Callable[[Files], list[Site]]] = {
    name.removeprefix("k_"): fn for name, fn in sorted(globals().items()) if name.startswith("k_")}


# ---------------------------------------------------------------- the outputs, read back

def _strip(s: str) -> str:
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", s))


def html_rows(page: str) -> list[tuple[str, str]]:
    """(the heading in force, the content row's HTML) for each content row of the 新旧対照表."""
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    out, where = [], ""
    for row in re.findall(r"<tr>(.*?)</tr>\n", body, re.S):
        if 'class="where"' in row:
            where = _strip(row)
        else:
            out.append((where, row))
    return out


def check(report, e: Expect, describe: str) -> None:
    js = json.loads(diffs.render_json(report))
    assert js["changes"], f"{describe}: no difference reported"
    found = [c for c in js["changes"] if c["type"] in e.type and (e.ids is None or c["id"] in e.ids)
             and c["kind"] == e.kind
             and (e.fields is None or any(fl["field"] in e.fields and (e.at is None or fl.get("at") == e.at)
                                          for fl in c.get("fields", [])))]
    assert found, f"{describe}: no {e.type} change with a field {e.fields} in {json.dumps(js['changes'], ensure_ascii=False)[:1500]}"
    c = found[0]
    assert (e.shown_json or e.shown) in json.dumps(c, ensure_ascii=False), (describe, e.shown, c)
    where = c["where"] if c["type"] in PROSE else c["id"]

    # text: the change's line names it (type, id; for prose its place), a line of its fields shows the edit
    text = diffs.render_text(report, color=False)
    blocks = re.split(r"\n(?=[-+~] )", text)
    mine = [b for b in blocks if b.split("\n")[0].split(":")[0].endswith(" " + c["id"])]
    assert mine, (describe, c["id"], text[:3000])
    assert any(e.shown in b and (c["type"] not in PROSE or c["where"] in b or c["kind"] != "changed") for b in mine), \
        (describe, e.shown, mine)

    # Markdown, whole: the change's row names it, its details show the edit
    md = diffs.render_markdown(report, "none")
    assert e.shown in _md_unescape(md), (describe, e.shown)
    head = diffs._head(diffs_change(report, c))
    assert _md_unescape(head) in _md_unescape(md) or head in md, (describe, head)

    # the 新旧対照表: the row under the change's heading shows the edit underlined
    page = diffs.render_html(report)
    shown = e.shown_html or e.shown
    rows = html_rows(page)
    if not e.underlined:
        title = (c["new"] or c["old"])["title"]
        assert any(title in w for w, r in rows), (describe, title)
        return
    hits = [(w, r) for w, r in rows if shown in _strip(r) and "<u>" in r]
    if not hits and c["type"] == "plan" and c["id"] in PRINTED:
        # a date or a period is printed as the title page prints it (2018（平成30年）2月 策定)
        title = report.new_meta.title
        hits = [(w, r) for w, r in rows if w == title and "<u>" in r]
    assert hits, (describe, shown, page[-4000:])
    if c["type"] == "measure":
        title = (c["new"] or c["old"])["title"]
        assert any(title in w or title in _strip(r) for w, r in hits), (describe, title, hits)
    elif c["type"] in PROSE or c["type"] == "chapter":
        chapter = c["where"].split(" > ")[0]
        assert any(w.startswith(chapter) or chapter in _strip(r) for w, r in hits), (describe, chapter, hits)
    elif c["type"] == "term":
        title = (c["new"] or c["old"])["title"]
        assert any(title in w for w, r in hits), (describe, title, hits)


def diffs_change(report, c):
    return next(x for x in report.changes if x.id == c["id"] and x.type == c["type"] and x.kind == c["kind"])


def _md_unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


def write(files: Files, dest: Path) -> None:
    for rel, data in files.data.items():
        (dest / rel).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """A writable copy of each plan, restored after each edit."""
    base = tmp_path_factory.mktemp("edits")
    out = {}
    for i, folder in enumerate(PLANS):
        dest = base / f"{i}-{folder.name}"
        shutil.copytree(folder, dest)
        out[folder] = dest
    return out


@pytest.fixture(autouse=True, scope="module")
def english():
    import gettext
    use(gettext.NullTranslations())


def test_an_unedited_copy_rewritten_as_json_is_no_difference(copies):
    for folder in PLANS:
        dest = copies[folder]
        write(files(folder), dest)
        new, findings = load_and_check(dest, str(dest))
        assert new is not None and not [f for f in findings if f.is_error], folder
        report = compare_plans(original(folder), new, str(folder), str(dest))
        assert report.changes == [], (folder, [c.as_json() for c in report.changes][:3])
        for rel in files(folder).data:
            shutil.copyfile(folder / rel, dest / rel)


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          database=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_a_single_edit_of_any_field_is_reported_with_its_place_in_every_format(copies, kind, seed):
    rnd = random.Random(seed)
    exercised = []
    for folder in PLANS:
        sites = KINDS[kind](files(folder))
        rnd.shuffle(sites)
        dest = copies[folder]
        for site in sites[:12]:  # a few places until one makes a valid plan
            edited = files(folder)
            expect = site.apply(edited, rnd)
            if expect is None:
                continue
            try:
                write(edited, dest)
                new, findings = load_and_check(dest, str(dest))
                if new is None or any(f.is_error for f in findings):
                    continue
                report = compare_plans(original(folder), new, str(folder), str(dest))
                check(report, expect, f"{kind} {folder.name} {site.describe} (seed {seed})")
                exercised.append(folder.name)
                break
            finally:
                for rel in edited.data:
                    shutil.copyfile(folder / rel, dest / rel)
    assert exercised, f"no plan could take an edit of kind {kind}"

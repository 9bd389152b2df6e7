"""Check stage: what one file's schema cannot see — references between files and numbers.

Each check yields located Findings; the plan itself is never changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from . import kana, text
from .findings import Finding
from .load import Located, Plan
from .model import PolicyNode, walk_blocks
from .placement import GENERATED, Placement, iter_nodes
from .yamlsource import SourceFile

CONTINUES = "⇒"


def check(plan: Plan) -> list[Finding]:
    out: list[Finding] = []
    placement = Placement(plan)
    for fn in (_check_period, _check_policy, _check_measures, _check_chapters):
        out.extend(fn(plan))
    out.extend(_check_terms(plan, placement))
    out.extend(_check_placement(plan, placement))
    return out


# ---------------------------------------------------------------- helpers

def _strings(data, path=()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _strings(v, path + (i,))


def _ref_position(src: SourceFile, path: tuple, needle: str) -> tuple[int, int]:
    line, col = src.at(path)
    for n in range(line, min(line + 200, len(src.lines)) + 1):
        i = src.lines[n - 1].find(needle, col - 1 if n == line else 0)
        if i >= 0:
            return n, i + 1
    return line, col


def _extends(child: str, parent: str) -> bool:
    return child.startswith(parent + "-") and child.count("-") == parent.count("-") + 1


# ---------------------------------------------------------------- period and phases

def _check_period(plan: Plan) -> Iterator[Finding]:
    meta = plan.meta
    period = meta.value.period
    phases = meta.value.phases
    for i, ph in enumerate(phases):
        if ph.start < period.start or ph.end > period.end:
            yield meta.finding("year-outside-period",
                               f"phase {ph.name} ({ph.start}-{ph.end}) lies outside the plan period "
                               f"{period.start}-{period.end}", "make the phase fit the period",
                               sub=("phases", i))
    names = defaultdict(list)
    for i, ph in enumerate(phases):
        names[ph.name].append(i)
    for name, idx in names.items():
        for i in idx[1:]:
            yield meta.finding("duplicate-phase", f"phase {name} is defined twice",
                               "give each phase its own name", sub=("phases", i, "name"))
    ordered = sorted(range(len(phases)), key=lambda i: (phases[i].start, phases[i].end))
    for a, b in zip(ordered, ordered[1:]):
        pa, pb = phases[a], phases[b]
        if pb.start <= pa.end:
            yield meta.finding("phase-overlap", f"phases {pa.name} and {pb.name} overlap in {pb.start}",
                               f"end {pa.name} before {pb.start}, or start {pb.name} after {pa.end}",
                               sub=("phases", b, "start"))
        elif pb.start > pa.end + 1:
            yield meta.finding("phase-gap", f"no phase covers {pa.end + 1}"
                               + (f"-{pb.start - 1}" if pb.start - 1 > pa.end + 1 else ""),
                               f"start {pb.name} in {pa.end + 1}", sub=("phases", b, "start"))
    if phases:
        first, last = phases[ordered[0]], phases[ordered[-1]]
        if first.start > period.start:
            yield meta.finding("phase-gap", f"no phase covers the start of the period ({period.start})",
                               f"start {first.name} in {period.start}", sub=("phases", ordered[0], "start"))
        if last.end < period.end:
            yield meta.finding("phase-gap", f"no phase covers the end of the period ({period.end})",
                               f"end {last.name} in {period.end}", sub=("phases", ordered[-1], "end"))
    adopted = meta.value.adopted
    for i, r in enumerate(meta.value.revised):
        if r.date < adopted:
            yield meta.finding("invalid-date", f"revision {r.date} is before adoption {adopted}",
                               "check both dates", sub=("revised", i, "date"))


# ---------------------------------------------------------------- glossary and references

def _all_sources(plan: Plan) -> list[SourceFile]:
    return [s for s in plan.sources.values() if s.data is not None]


def _check_terms(plan: Plan, placement: Placement) -> Iterator[Finding]:
    by_key: dict[str, Located] = {}
    by_term: dict[str, Located] = {}
    for t in plan.terms:
        key = t.value.key
        if key in by_key:
            first = by_key[key]
            yield t.finding("duplicate-term", f"term '{key}' is defined twice "
                            f"(first in {first.src.path}:{first.src.at(first.path)[0]})",
                            "keep one definition, or give the second its own `id`",
                            sub=("id",) if t.value.id else ("term",))
        else:
            by_key[key] = t
        by_term.setdefault(t.value.term, t)
        if not kana.is_kana(t.value.reading):
            bad = t.value.reading[kana.first_bad(t.value.reading)]
            yield t.finding("reading-not-kana", f"reading of '{t.value.term}' is not kana ('{bad}')",
                            "write the reading (よみ) in hiragana or katakana, e.g. じょうほう",
                            sub=("reading",))
    used: set[str] = set()
    for src in _all_sources(plan):
        for path, s in _strings(src.data):
            if "[[" not in s:
                continue
            for r in text.refs(s):
                hit = by_key.get(r.ref) or by_term.get(r.ref)
                if hit is None:
                    line, col = _ref_position(src, path, f"[[{r.shown}")
                    close = [k for k in by_key if r.ref in k or k in r.ref]
                    yield Finding(src.path, line, col, "error", "undefined-term",
                                  f"term '{r.ref}' is not in the glossary",
                                  (f"did you mean [[{r.shown}|{close[0]}]]? " if close else "")
                                  + "define it in glossary.yaml, or remove the [[ ]]",
                                  len(r.ref) + 4)
                else:
                    used.add(hit.value.key)
    if placement.append_glossary:
        for t in plan.terms:
            if t.value.key not in used:
                yield t.finding("unused-term", f"term '{t.value.key}' is never referenced",
                                f"reference it where the source footnotes it: [[{t.value.key}]]",
                                sub=("term",), severity="warning")


# ---------------------------------------------------------------- policy tree

def policy_index(plan: Plan) -> dict[str, tuple[PolicyNode, tuple, int]]:
    idx = {}
    if plan.policy:
        for n, p, depth, _ in iter_nodes(plan.policy.value.nodes, ("nodes",)):
            idx.setdefault(n.key, (n, p, depth))
            if n.number:
                idx.setdefault(n.number, (n, p, depth))
    return idx


def _check_policy(plan: Plan) -> Iterator[Finding]:
    if not plan.policy:
        return
    pol = plan.policy
    levels = plan.meta.value.levels
    seen: dict[str, tuple] = {}
    for node, path, depth, parent in iter_nodes(pol.value.nodes, ("nodes",)):
        if node.key in seen:
            yield pol.src.finding(path + ("id" if node.id else "number",), "duplicate-id",
                                  f"policy node '{node.key}' appears twice", "give each node its own number or id")
        seen[node.key] = path
        if parent is not None and node.number and parent.number and not _extends(node.number, parent.number):
            yield pol.src.finding(path + ("number",), "number-parent",
                                  f"number {node.number} does not fit under {parent.number}",
                                  f"number it {parent.number}-N, or move it under the node it belongs to")
        if levels and depth >= len(levels):
            yield pol.src.finding(path, "unknown-level",
                                  f"the tree is deeper than the {len(levels)} levels named in plan.yaml",
                                  "add the level to `levels:` in plan.yaml")


# ---------------------------------------------------------------- measures

def _check_measures(plan: Plan) -> Iterator[Finding]:
    meta = plan.meta.value
    nodes = policy_index(plan)
    phases = [p.name for p in meta.phases]
    marks = {mk.name for mk in meta.marks}
    tags = {t.id for t in meta.tags}
    stages = set(meta.stages)
    ids: dict[str, Located] = {}
    numbers: dict[tuple, Located] = {}
    for ms in plan.measures:
        x = ms.value
        if x.id in ids:
            yield ms.finding("duplicate-id", f"measure id '{x.id}' is used twice", "ids must be unique within a plan",
                             sub=("id",))
        ids.setdefault(x.id, ms)
        parent = nodes.get(x.parent)
        if parent is None:
            yield ms.finding("unknown-parent", f"policy node '{x.parent}' does not exist",
                             "use the number or id of a node in policy.yaml", sub=("parent",))
        forms = [(None, x.number, x.parent, ("number",), x.marks, ())] + [
            (v.phase, v.number, v.parent or x.parent, ("variants", i, "number"), v.marks, ("variants", i))
            for i, v in enumerate(x.variants)]
        for phase, number, parent_key, npath, vmarks, vpath in forms:
            if number is None:
                continue
            pnode = nodes.get(parent_key)
            if pnode and pnode[0].number and not _extends(number, pnode[0].number):
                yield ms.finding("number-parent", f"number {number} does not fit under {pnode[0].number}",
                                 f"number it {pnode[0].number}-N, or set `parent:` to the node it belongs to",
                                 sub=npath)
            key = (phase, number)
            if key in numbers:
                other = numbers[key]
                yield ms.finding("duplicate-number",
                                 f"number {number} is already used by '{other.value.id}'"
                                 + (f" in phase {phase}" if phase else ""),
                                 "each measure needs its own number within a phase", sub=npath)
            else:
                numbers[key] = ms
            for j, mk in enumerate(vmarks):
                if mk not in marks:
                    yield ms.finding("unknown-mark", f"mark '{mk}' is not in plan.yaml's marks",
                                     f"known marks: {', '.join(sorted(marks)) or 'none'}", sub=vpath + ("marks", j))
        seen_phases = set()
        for i, v in enumerate(x.variants):
            if v.phase not in phases:
                yield ms.finding("unknown-phase", f"phase '{v.phase}' is not defined in plan.yaml",
                                 f"known phases: {', '.join(phases) or 'none'}", sub=("variants", i, "phase"))
            elif v.phase in seen_phases:
                yield ms.finding("duplicate-phase", f"measure '{x.id}' has two {v.phase} variants",
                                 "keep one variant per phase", sub=("variants", i, "phase"))
            seen_phases.add(v.phase)
            if v.parent and v.parent not in nodes:
                yield ms.finding("unknown-parent", f"policy node '{v.parent}' does not exist",
                                 "use the number or id of a node in policy.yaml", sub=("variants", i, "parent"))
            if "新規" in v.marks and v.phase in phases and any(
                    w.phase in phases and phases.index(w.phase) < phases.index(v.phase) for w in x.variants):
                yield ms.finding("inconsistent-new", f"{v.phase} variant is marked 新規 but the measure existed before",
                                 "remove the mark, or make it a separate measure", sub=("variants", i, "marks"))
        if x.class_ is not None and x.class_ not in meta.classes:
            yield ms.finding("unknown-class", f"class '{x.class_}' is not in plan.yaml's classes",
                             f"known classes: {', '.join(meta.classes) or 'none'}", sub=("class",))
        for j, t in enumerate(x.tags):
            if t not in tags:
                yield ms.finding("unknown-tag", f"tag '{t}' is not in plan.yaml's tags",
                                 f"known tags: {', '.join(sorted(tags)) or 'none'}", sub=("tags", j))
        yield from _check_schedule(plan, ms, phases, stages)
        if x.fate and x.fate.phase and x.fate.phase not in phases:
            yield ms.finding("unknown-phase", f"phase '{x.fate.phase}' is not defined in plan.yaml",
                             f"known phases: {', '.join(phases) or 'none'}", sub=("fate", "phase"))
    yield from _check_merges(plan, ids)


def _check_schedule(plan: Plan, ms: Located, phases: list[str], stages: set[str]) -> Iterator[Finding]:
    period = plan.meta.value.period
    for key, cell in ms.value.schedule.items():
        if re.fullmatch(r"[0-9]+", key):
            year = int(key)
            if not period.start <= year <= period.end:
                yield ms.finding("year-outside-period",
                                 f"fiscal year {year} is outside the plan period {period.start}-{period.end}",
                                 "schedule only years of the plan period", sub=("schedule", key), key=True)
        elif key not in phases:
            yield ms.finding("unknown-phase" if not re.search(r"[0-9０-９]", key) else "invalid-year",
                             f"schedule key '{key}' is neither a fiscal year nor a phase",
                             "use a Gregorian fiscal year (2018) or a phase name from plan.yaml",
                             sub=("schedule", key), key=True)
        for stage in ([cell] if isinstance(cell, str) else cell):
            if stage != CONTINUES and stage not in stages:
                yield ms.finding("unknown-stage", f"stage '{stage}' is not in plan.yaml's stages",
                                 f"known stages: {', '.join(sorted(stages)) or 'none'}; ⇒ means continues",
                                 sub=("schedule", key))


def _check_merges(plan: Plan, ids: dict[str, Located]) -> Iterator[Finding]:
    for ms in plan.measures:
        fate = ms.value.fate
        if not fate or fate.kind != "merged":
            continue
        if fate.into == ms.value.id:
            yield ms.finding("merge-into-self", f"measure '{ms.value.id}' is merged into itself",
                             "name the measure it went into", sub=("fate", "into"))
        elif fate.into not in ids:
            yield ms.finding("unknown-merge-target", f"merge target '{fate.into}' does not exist",
                             "use the id of another measure", sub=("fate", "into"))
        else:
            seen = {ms.value.id}
            cur = ids[fate.into].value
            while cur.fate and cur.fate.kind == "merged" and cur.fate.into in ids:
                if cur.id in seen or cur.fate.into in seen:
                    yield ms.finding("merge-cycle", f"measure '{ms.value.id}' is merged in a circle "
                                     f"(via '{cur.id}')", "one measure of the chain must survive",
                                     sub=("fate", "into"))
                    break
                seen.add(cur.id)
                cur = ids[cur.fate.into].value


# ---------------------------------------------------------------- chapters

def _check_chapters(plan: Plan) -> Iterator[Finding]:
    nodes = policy_index(plan)
    level_names = {lv.name for lv in plan.meta.value.levels}
    numbers: dict[int, Located] = {}
    for ch in plan.chapters:
        n = ch.value.number
        if n is not None:
            if n in numbers:
                yield ch.finding("duplicate-number", f"chapter {n} appears twice (also {numbers[n].src.path})",
                                 "renumber one of the chapters", sub=("number",))
            numbers[n] = ch
        yield from _check_blocks(ch, ch.src.data.get("blocks") or [], ("blocks",), nodes, level_names)
    if plan.policy:
        for node, path, _, _ in iter_nodes(plan.policy.value.nodes, ("nodes",)):
            yield from _check_blocks(plan.policy, _get(plan.policy.src.data, path + ("blocks",)) or [],
                                     path + ("blocks",), nodes, level_names)
    for ms in plan.measures:
        places = [ms.path + ("blocks",)] + [ms.path + ("variants", i, "blocks") for i in range(len(ms.value.variants))]
        for path in places:
            yield from _check_blocks(ms, _get(ms.src.data, path) or [], path, nodes, level_names)


def _get(data, path):
    for p in path:
        try:
            data = data[p]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _check_blocks(loc: Located, raw_blocks, path, nodes, level_names) -> Iterator[Finding]:
    src = loc.src
    for i, b in enumerate(raw_blocks):
        if not isinstance(b, dict):
            continue
        p = path + (i,)
        if isinstance(b.get("table"), dict):
            t = b["table"]
            width = len(t["header"]) if isinstance(t.get("header"), list) else None
            for r, row in enumerate(t.get("rows") or []):
                if width is None and isinstance(row, list):
                    width = len(row)
                if isinstance(row, list) and len(row) != width:
                    yield src.finding(p + ("table", "rows", r), "table-shape",
                                      f"row has {len(row)} cells, the table has {width} columns",
                                      "add empty cells (\"\") or fix the split")
        if isinstance(b.get("policy"), dict):
            v = b["policy"]
            if v.get("under") is not None and str(v["under"]) not in nodes:
                yield src.finding(p + ("policy", "under"), "unknown-parent",
                                  f"policy node '{v['under']}' does not exist", "use a number or id from policy.yaml")
            for key in ("levels", "text"):
                for j, name in enumerate(v.get(key) or []):
                    if name not in level_names:
                        yield src.finding(p + ("policy", key, j), "unknown-level",
                                          f"level '{name}' is not named in plan.yaml's levels",
                                          f"known levels: {', '.join(sorted(level_names)) or 'none'}")
        for kind in ("section", "item"):
            if isinstance(b.get(kind), dict):
                yield from _check_blocks(loc, b[kind].get("blocks") or [], p + (kind, "blocks"), nodes, level_names)


# ---------------------------------------------------------------- placement

def _check_placement(plan: Plan, placement: Placement) -> Iterator[Finding]:
    """Nothing a plan holds may be left out of its documents without a word: a measure
    no policy block lists, mark descriptions no legend shows, and generated blocks put
    where they cannot be printed (inside the policy tree or a measure)."""
    if plan.policy is not None:
        placed = placement.placed_measures()
        for ms in plan.measures:
            if ms.value.id not in placed and ms.value.parent in placement.nodes:
                yield ms.finding("unplaced-measure",
                                 f"measure '{ms.value.id}' is printed nowhere: no `policy` block with "
                                 "`measures: true` shows its node or a node above it",
                                 "add `measures: true` to the policy block that shows its node",
                                 sub=("parent",), severity="warning")
    if any(mk.description for mk in plan.meta.value.marks) and not placement.marks_placed:
        i = next(i for i, mk in enumerate(plan.meta.value.marks) if mk.description)
        yield plan.meta.finding("unplaced-marks", "mark descriptions are printed nowhere",
                                "place a `marks: {}` block (the legend of marks) in the chapter that explains them",
                                sub=("marks", i, "description"), severity="warning")
    places = []
    if plan.policy:
        for node, path, _, _ in iter_nodes(plan.policy.value.nodes, ("nodes",)):
            places.append((plan.policy, node.blocks, path + ("blocks",)))
    for ms in plan.measures:
        places.append((ms, ms.value.blocks, ms.path + ("blocks",)))
        places += [(ms, v.blocks, ms.path + ("variants", i, "blocks")) for i, v in enumerate(ms.value.variants)]
    for loc, blocks, path in places:
        for p, b in walk_blocks(blocks, path):
            if b.kind in GENERATED:
                yield loc.src.finding(p + (b.kind,), "misplaced-block",
                                      f"a `{b.kind}` block cannot stand here", "put it in a chapter",
                                      key=True)

"""What changed between two revisions of a plan, or between two phases of one plan.

Items are matched by stable identity first (measure id, policy node id, term id), then,
for items left over, by similarity of title and text, never by display number alone:
a number reused by a different measure is a different measure. Prose has no identity,
so paragraphs are aligned as sequences within each chapter both sides hold.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .. import model as m
from .. import progress as prog
from .. import text as textmod
from ..placement import iter_nodes
from ..load import Plan

SIMILAR = 0.6  # minimum similarity for two unmatched items to be the same item


def norm(s: str | None) -> str:
    """Content as compared: NFKC, whitespace removed (the PDF's spaces are not wording)."""
    return "".join(unicodedata.normalize("NFKC", textmod.plain(s or "")).split())


def char_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in equal/delete/insert, character by character on NFKC text."""
    a = unicodedata.normalize("NFKC", textmod.plain(old or ""))
    b = unicodedata.normalize("NFKC", textmod.plain(new or ""))
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", a[i1:i2]))
        else:
            if i2 > i1:
                out.append(("delete", a[i1:i2]))
            if j2 > j1:
                out.append(("insert", b[j1:j2]))
    return out


@dataclass
class Side:
    number: str | None = None
    title: str | None = None
    text: str | None = None

    def as_json(self) -> dict:
        d: dict[str, Any] = {}
        if self.number is not None:
            d["number"] = unicodedata.normalize("NFKC", self.number)
        if self.title is not None:
            d["title"] = textmod.plain(self.title)
        return d


@dataclass
class Change:
    kind: str  # added | removed | changed
    type: str  # measure | goal | chapter | section | paragraph | term
    id: str
    where: str
    old: Side | None = None
    new: Side | None = None
    aspects: list[str] = field(default_factory=list)
    merged_into: str | None = None
    fate_note: str | None = None
    progress: dict | None = None  # a progress record's change: measure, period, old and new values

    @property
    def text_changed(self) -> bool:
        return "text" in self.aspects

    def as_json(self) -> dict:
        d: dict[str, Any] = {"kind": self.kind, "type": self.type, "id": self.id, "where": self.where,
                             "old": self.old.as_json() if self.old else None,
                             "new": self.new.as_json() if self.new else None,
                             "aspects": self.aspects}
        if self.merged_into:
            d["merged_into"] = self.merged_into
        if self.kind == "removed" and self.fate_note:
            d["fate"] = self.fate_note
        if self.progress is not None:
            d["progress"] = self.progress
        if self.text_changed or self.kind != "changed":
            d["text"] = {"old": textmod.plain(self.old.text) if self.old and self.old.text else None,
                         "new": textmod.plain(self.new.text) if self.new and self.new.text else None}
        return d


@dataclass
class Report:
    old: dict
    new: dict
    compared: list[str]
    not_compared: list[str]
    changes: list[Change]

    def as_json(self) -> dict:
        return {"old": self.old, "new": self.new, "compared": self.compared,
                "not_compared": self.not_compared, "changes": [c.as_json() for c in self.changes]}


# ---------------------------------------------------------------- flattening

def blocks_text(blocks: list) -> str:
    """All text of a list of blocks, in reading order, one line per unit."""
    return "\n".join(u[1] for u in units(blocks, ""))


def units(blocks: list, where: str) -> list[tuple[str, str, str]]:
    """(type, text, where) for every paragraph-like unit of prose."""
    out: list[tuple[str, str, str]] = []
    for b in blocks:
        out.extend(getattr(_Units, b.kind)(b, where))
    return out


def _cell(c) -> str:
    return "／".join(c) if isinstance(c, list) else c


class _Units:
    """One method per block kind (model.BLOCK_KINDS): the units of prose it holds."""

    @staticmethod
    def p(b, where):
        return [("paragraph", b.p, where)]

    @staticmethod
    def note(b, where):
        return [("paragraph", "※" + b.note, where)]

    @staticmethod
    def signature(b, where):
        return [("paragraph", b.signature, where)]

    @staticmethod
    def section(b, where):
        s = b.section
        head = textmod.plain(" ".join(x for x in (s.number, s.title) if x))
        return [("section", head, where)] + units(s.blocks, f"{where} > {head}" if where else head)

    @staticmethod
    def item(b, where):
        return [("section", f"{b.item.mark} {b.item.title}", where)] + units(
            b.item.blocks, f"{where} > {textmod.plain(b.item.title)}")

    @staticmethod
    def list(b, where):
        items = b.list if isinstance(b.list, list) else b.list.items
        return [("paragraph", "・" + _cell(it), where) for it in items]

    @staticmethod
    def table(b, where):
        t = b.table
        rows = [" | ".join(_cell(c) for c in row) for row in ([t.header] if t.header else []) + t.rows]
        lines = ([t.caption] if t.caption else []) + ["※" + n for n in t.notes] + rows + ([t.source] if t.source else [])
        return [("table", "\n".join(lines), where)]

    @staticmethod
    def figure(b, where):
        f = b.figure
        return [("figure", " ".join([f.caption] + f.words + ([f.source] if f.source else [])), where)]

    # generated from other files, which are compared on their own
    @staticmethod
    def policy(b, where):
        return []

    period = glossary = policy

    @staticmethod
    def marks(b, where):
        return [("paragraph", b.marks.caption, where)] if b.marks and b.marks.caption else []


# ---------------------------------------------------------------- matching

EXACT_PAIRS = 20_000  # up to this many candidate pairs, every pair is scored
COMMON = 40  # a bigram in more texts than this does not make a pair worth scoring


def similar_pairs(a: list[str], b: list[str], threshold: float) -> dict[tuple[int, int], float]:
    """{(i, j): ratio} for the pairs of texts scoring at least `threshold`.

    Small inputs score every pair. Large ones (a whole plan renumbered, a chapter
    rewritten) would cost len(a) × len(b) comparisons of whole texts, so only pairs that
    share an uncommon character bigram are scored; texts that similar always share one
    in practice. The cheap upper bounds of difflib are tried before the full ratio.
    """
    if len(a) * len(b) <= EXACT_PAIRS:
        candidates = ((i, j) for i in range(len(a)) for j in range(len(b)))
    else:
        index: dict[str, set[int]] = {}
        for j, t in enumerate(b):
            for k in range(len(t) - 1):
                index.setdefault(t[k:k + 2], set()).add(j)
        found: set[tuple[int, int]] = set()
        for i, t in enumerate(a):
            for k in range(len(t) - 1):
                hits = index.get(t[k:k + 2], ())
                if len(hits) <= COMMON:
                    found.update((i, j) for j in hits)
            if not t:
                found.update((i, j) for j, u in enumerate(b) if not u)
        candidates = sorted(found)
    out = {}
    for i, j in candidates:
        x, y = a[i], b[j]
        if not x and not y:
            out[i, j] = 1.0
            continue
        sm = difflib.SequenceMatcher(None, x, y, autojunk=False)
        if sm.real_quick_ratio() >= threshold and sm.quick_ratio() >= threshold:
            score = sm.ratio()
            if score >= threshold:
                out[i, j] = score
    return out


def match(old: dict[str, Any], new: dict[str, Any], key_text) -> list[tuple[str | None, str | None]]:
    """Pairs of keys: by identity, then by similarity (best first), the rest unpaired."""
    pairs = [(k, k) for k in old if k in new]
    left = [k for k in old if k not in new]
    right = [k for k in new if k not in old]
    scores = similar_pairs([key_text(old[k]) for k in left], [key_text(new[k]) for k in right], SIMILAR)
    scored = sorted(((score, left[i], right[j]) for (i, j), score in scores.items()), reverse=True)
    used_a, used_b = set(), set()
    for score, a, b in scored:
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        pairs.append((a, b))
    pairs += [(a, None) for a in left if a not in used_a]
    pairs += [(None, b) for b in right if b not in used_b]
    return pairs


# ---------------------------------------------------------------- measures

@dataclass
class MeasureForm:
    id: str
    number: str | None
    title: str
    text: str
    parent: str
    marks: list[str]
    tags: list[str]
    departments: list[str]
    schedule: dict
    fate: m.Fate | None = None


def forms_of_plan(plan: Plan) -> dict[str, MeasureForm]:
    out = {}
    for x in plan.measures:
        v = x.value
        last = v.variants[-1] if v.variants else None
        out[v.id] = MeasureForm(v.id, last.number if last else v.number, last.title if last else v.title,
                                blocks_text(last.blocks if last else v.blocks), (last.parent if last else None) or v.parent,
                                v.marks + (last.marks if last else []), v.tags, v.departments, v.schedule, v.fate)
    return out


def forms_of_phase(plan: Plan, phase: str) -> dict[str, MeasureForm]:
    """Each measure as a phase has it: its variant of that phase; a measure without
    variants in every phase before the one its fate names (in all, without a fate)."""
    names = [p.name for p in plan.meta.value.phases]
    out = {}
    for x in plan.measures:
        v = x.value
        if not v.variants:
            ended = v.fate and v.fate.phase in names and phase in names
            if not ended or names.index(phase) < names.index(v.fate.phase):
                out[v.id] = MeasureForm(v.id, v.number, v.title or "", blocks_text(v.blocks), v.parent, v.marks,
                                        v.tags, v.departments, v.schedule)
            continue
        for var in v.variants:
            if var.phase == phase:
                out[v.id] = MeasureForm(v.id, var.number, var.title, blocks_text(var.blocks), var.parent or v.parent,
                                        v.marks + var.marks, v.tags, v.departments, v.schedule,
                                        v.fate if v.fate and v.fate.phase != phase else None)
    return out


def compare_measures(old: dict[str, MeasureForm], new: dict[str, MeasureForm], label: str,
                     fates: dict[str, m.Fate] | None = None, compare_text: bool = True) -> list[Change]:
    changes = []
    for a, b in match(old, new, lambda f: norm(f.title) + norm(f.text)[:200]):
        o, n = old.get(a) if a else None, new.get(b) if b else None
        if o and n:
            aspects = []
            if norm(o.number) != norm(n.number):
                aspects.append("renumbered")
            if norm(o.title) != norm(n.title):
                aspects.append("renamed")
            if compare_text and o.text and n.text and norm(o.text) != norm(n.text):
                aspects.append("text")
            if o.schedule != n.schedule:
                aspects.append("schedule")
            if sorted(o.marks) != sorted(n.marks):
                aspects.append("marks")
            if sorted(o.tags) != sorted(n.tags):
                aspects.append("tags")
            if sorted(o.departments) != sorted(n.departments):
                aspects.append("departments")
            if norm(o.parent) != norm(n.parent):
                aspects.append("moved")
            if o.fate != n.fate:  # abolished or merged in this revision, or no longer
                aspects.append(n.fate.kind if n.fate else "fate")
            if aspects:
                ch = Change("changed", "measure", n.id, label, Side(o.number, o.title, o.text),
                            Side(n.number, n.title, n.text), aspects)
                if n.fate and o.fate != n.fate:
                    ch.merged_into = n.fate.into if n.fate.kind == "merged" else None
                    ch.fate_note = n.fate.note
                changes.append(ch)
        elif o:
            fate = (fates or {}).get(o.id) or o.fate
            ch = Change("removed", "measure", o.id, label, Side(o.number, o.title, o.text), None)
            if fate:
                ch.aspects = [fate.kind]
                ch.merged_into = fate.into if fate.kind == "merged" else None
                ch.fate_note = fate.note
            changes.append(ch)
        else:
            changes.append(Change("added", "measure", n.id, label, None, Side(n.number, n.title, n.text)))
    return changes


# ---------------------------------------------------------------- prose, goals, terms

def compare_units(old: list, new: list, label: str) -> list[Change]:
    a = [norm(u[1]) for u in old]
    b = [norm(u[1]) for u in new]
    changes: list[Change] = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        scores = similar_pairs(a[i1:i2], b[j1:j2], 0.5)
        pairs = []
        for i in olds:  # pair each old unit with its most similar new unit in the block
            best = max(news, key=lambda j: scores.get((i - i1, j - j1), 0.0), default=None)
            if best is not None and (i - i1, best - j1) in scores:
                pairs.append((i, best))
                news.remove(best)
            else:
                pairs.append((i, None))
        pairs += [(None, j) for j in news]
        pairs.sort(key=lambda p: (p[1] if p[1] is not None else j1 - 0.5, p[0] or 0))
        for i, j in pairs:
            o, n = (old[i] if i is not None else None), (new[j] if j is not None else None)
            u = n or o
            where = f"{label} > {u[2]}" if u[2] else label
            ident = f"{label}#{(j if j is not None else i) + 1}"
            if o and n:
                changes.append(Change("changed", o[0], ident, where, Side(text=o[1]), Side(text=n[1]), ["text"]))
            elif o:
                changes.append(Change("removed", o[0], ident, where, Side(text=o[1]), None))
            else:
                changes.append(Change("added", n[0], ident, where, None, Side(text=n[1])))
    return changes


def policy_nodes(plan: Plan) -> dict[str, tuple[m.PolicyNode, int]]:
    if not plan.policy:
        return {}
    return {n.key: (n, d) for n, _, d, _ in iter_nodes(plan.policy.value.nodes, ())}


def compare_goals(old: Plan, new: Plan) -> list[Change]:
    a, b = policy_nodes(old), policy_nodes(new)
    out = []
    for x, y in match(a, b, lambda t: norm(t[0].title)):
        o, n = (a[x][0] if x else None), (b[y][0] if y else None)
        if o and n:
            aspects = [k for k, c in (("renumbered", norm(o.number) != norm(n.number)),
                                      ("renamed", norm(o.title) != norm(n.title)),
                                      ("text", norm(blocks_text(o.blocks)) != norm(blocks_text(n.blocks)))) if c]
            if aspects:
                out.append(Change("changed", "goal", n.key, "施策体系", Side(o.number, o.title, blocks_text(o.blocks)),
                                  Side(n.number, n.title, blocks_text(n.blocks)), aspects))
        elif o:
            out.append(Change("removed", "goal", o.key, "施策体系", Side(o.number, o.title, blocks_text(o.blocks))))
        else:
            out.append(Change("added", "goal", n.key, "施策体系", None, Side(n.number, n.title, blocks_text(n.blocks))))
    return out


def used_terms(plan: Plan, chapters: list[m.Chapter]) -> set[str]:
    refs = set()
    for ch in chapters:
        for _, s, _ in units(ch.blocks, ""):
            refs.update(r.ref for r in textmod.refs(s))
    return refs


def compare_terms(old: Plan, new: Plan, only: set[str] | None) -> list[Change]:
    def terms(plan):
        d = {}
        for t in plan.terms:
            if only is None or t.value.key in only or t.value.term in only:
                d.setdefault(norm(t.value.term), t.value)
        return d
    a, b = terms(old), terms(new)
    out = []
    for x, y in match(a, b, lambda t: norm(t.term)):
        o, n = (a[x] if x else None), (b[y] if y else None)
        if o and n:
            if norm(o.definition) != norm(n.definition) or norm(o.term) != norm(n.term):
                out.append(Change("changed", "term", n.key, "用語", Side(title=o.term, text=o.definition),
                                  Side(title=n.term, text=n.definition),
                                  ["text"] + (["renamed"] if norm(o.term) != norm(n.term) else [])))
        elif o:
            out.append(Change("removed", "term", o.key, "用語", Side(title=o.term, text=o.definition)))
        else:
            out.append(Change("added", "term", n.key, "用語", None, Side(title=n.term, text=n.definition)))
    return out


# ---------------------------------------------------------------- progress records

def _record_values(r: m.ProgressRecord) -> dict:
    narrative = [r.narrative] if isinstance(r.narrative, str) else list(r.narrative or [])
    return {"status": r.status, "direction": r.direction,
            "narrative": [textmod.plain(_cell(n)) for n in narrative],
            "indicators": [{"name": i.name, "unit": i.unit, "target": i.target, "actual": i.actual}
                           for i in r.indicators]}


def _record_text(words: m.Words, r: m.ProgressRecord) -> str:
    """A record in words, one line per part, as a 新旧対照表 cell shows it."""
    v = _record_values(r)
    lines = []
    if v["status"]:
        lines.append(f"{words.progress_status}: {v['status']}")
    if v["direction"]:
        lines.append(f"{words.progress_direction}: {v['direction']}")
    lines += v["narrative"]
    for i in v["indicators"]:
        lines.append(f"{i['name']}: {words.progress_target} {i['target'] or ''} / {words.progress_actual} "
                     f"{i['actual'] or ''} {i['unit'] or ''}".rstrip())
    return "\n".join(lines)


def progress_records(plan: Plan) -> dict[tuple[str, str], tuple[prog.Period, m.ProgressRecord]]:
    """(measure id, period key) → (period, record), the first record of each pair."""
    out: dict[tuple[str, str], tuple[prog.Period, m.ProgressRecord]] = {}
    for e in prog.entries(plan):
        out.setdefault((e.value.measure, e.period.key), (e.period, e.value))
    return out


def compare_progress(old: Plan, new: Plan) -> list[Change]:
    """Records added, removed or changed, by measure and period: in period order, then in
    the order of the new side's measures."""
    a, b = progress_records(old), progress_records(new)
    order = {x.value.id: i for i, x in enumerate(new.measures)}
    order.update({x.value.id: len(order) + i for i, x in enumerate(old.measures) if x.value.id not in order})

    def side(plan: Plan, key, period, r) -> Side:
        x = next((ms.value for ms in plan.measures if ms.value.id == key[0]), None)
        number, title = (prog.form_in(plan.meta.value, x, period)[:2]) if x else (None, key[0])
        return Side(number, title, _record_text(plan.meta.value.words, r))

    keys = sorted(set(a) | set(b), key=lambda k: ((b.get(k) or a.get(k))[0].order, order.get(k[0], len(order)), k))
    out = []
    for key in keys:
        o, n = a.get(key), b.get(key)
        plan = new if n else old
        period = (n or o)[0]
        where = f"{plan.meta.value.words.progress} {prog.period_label(plan.meta.value, period)}"
        ident = f"{key[0]}@{key[1]}"
        detail = {"measure": key[0], "period": key[1], "old": _record_values(o[1]) if o else None,
                  "new": _record_values(n[1]) if n else None}
        if o and n:
            aspects = [k for k in ("status", "direction", "narrative", "indicators")
                       if detail["old"][k] != detail["new"][k]]
            if aspects:
                out.append(Change("changed", "progress", ident, where, side(old, key, period, o[1]),
                                  side(new, key, period, n[1]), aspects, progress=detail))
        elif o:
            out.append(Change("removed", "progress", ident, where, side(old, key, period, o[1]), None, progress=detail))
        else:
            out.append(Change("added", "progress", ident, where, None, side(new, key, period, n[1]), progress=detail))
    return out


# ---------------------------------------------------------------- entry points

def describe(plan: Plan, label: str) -> dict:
    meta = plan.meta.value
    return {"path": label, "title": meta.title, "edition": meta.edition, "adopted": meta.adopted,
            "revised": [r.date for r in meta.revised], "excerpt": meta.excerpt is not None}


def chapter_label(ch: m.Chapter) -> str:
    return ch.heading


def compare_plans(old: Plan, new: Plan, old_label: str, new_label: str) -> Report:
    compared, not_compared, changes = [], [], []
    old_ch = {c.value.number if c.value.number is not None else c.value.title: c.value for c in old.chapters}
    new_ch = {c.value.number if c.value.number is not None else c.value.title: c.value for c in new.chapters}
    excerpt = bool(old.meta.value.excerpt or new.meta.value.excerpt)
    both = [k for k in new_ch if k in old_ch]
    for k in both:
        label = chapter_label(new_ch[k])
        compared.append(label)
        changes += compare_units(units(old_ch[k].blocks, ""), units(new_ch[k].blocks, ""), label)
        if norm(old_ch[k].title) != norm(new_ch[k].title):
            changes.append(Change("changed", "chapter", f"chapter-{k}", label, Side(title=old_ch[k].title),
                                  Side(title=new_ch[k].title), ["renamed"]))
    for k in old_ch:
        if k not in new_ch:
            if excerpt:
                not_compared.append(chapter_label(old_ch[k]))
            else:
                changes.append(Change("removed", "chapter", f"chapter-{k}", chapter_label(old_ch[k]),
                                      Side(title=chapter_label(old_ch[k]))))
    for k in new_ch:
        if k not in old_ch:
            if excerpt:
                not_compared.append(chapter_label(new_ch[k]))
            else:
                changes.append(Change("added", "chapter", f"chapter-{k}", chapter_label(new_ch[k]), None,
                                      Side(title=chapter_label(new_ch[k]))))
    if old.measures and new.measures:
        compared.append("施策")
        changes += compare_measures(forms_of_plan(old), forms_of_plan(new), "施策")
        changes += compare_goals(old, new)
    elif old.measures or new.measures:
        not_compared.append("施策")
    if excerpt:
        only = used_terms(old, [old_ch[k] for k in both]) & used_terms(new, [new_ch[k] for k in both])
        changes += compare_terms(old, new, only)
        compared.append("用語（比較した章で参照されるもの）")
    else:
        changes += compare_terms(old, new, None)
        compared.append("用語")
    if old.progress or new.progress:
        changes += compare_progress(old, new)
        compared.append(new.meta.value.words.progress)
    return Report(describe(old, old_label), describe(new, new_label), compared, not_compared, changes)


def compare_phases(plan: Plan, old_phase: str, new_phase: str, label: str) -> Report:
    old_forms = forms_of_phase(plan, old_phase)
    new_forms = forms_of_phase(plan, new_phase)
    fates = {x.value.id: x.value.fate for x in plan.measures
             if x.value.fate and x.value.fate.phase in (new_phase, None)}
    # 実施状況 (status) is a report on the phase, not wording to compare; texts are compared only
    # where both phases have one
    changes = compare_measures(old_forms, new_forms, f"{old_phase}→{new_phase}", fates)
    d = describe(plan, label)
    return Report({**d, "phase": old_phase}, {**d, "phase": new_phase}, [f"施策（{old_phase}→{new_phase}）"], [], changes)

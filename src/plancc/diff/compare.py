"""What changed between two revisions of a plan, or between two phases of one plan.

Items are matched by stable identity first (measure id, policy node id, term id), then,
for items left over, by similarity of title and text, never by display number alone:
a number reused by a different measure is a different measure. Prose has no identity,
so paragraphs are aligned as sequences within each chapter both sides hold.

Every field a plan holds is compared, exactly as written (a changed space or footnote
reference is a change the published text shows); similarity, which only pairs items, is
measured on NFKC text without spaces. A change lists its fields (`Field`): what
differs, where inside the item (a schedule key, a phase, a table cell) and both values,
so that every report can say what changed, not only that it did.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .. import model as m
from .. import progress as prog
from .. import text as textmod
from ..load import Plan
from ..placement import iter_nodes

SIMILAR = 0.6  # minimum similarity for two unmatched items to be the same item


def norm(s: str | None) -> str:
    """Content as matched: NFKC, whitespace removed (the PDF's spaces are not wording)."""
    return "".join(unicodedata.normalize("NFKC", textmod.plain(s or "")).split())


def _normalized(s: str) -> tuple[str, list[int]]:
    """NFKC of `s` character by character, and for each character of it the index of the
    character of `s` it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(s):
        n = unicodedata.normalize("NFKC", ch) if ord(ch) > 0x7F else ch
        chars.append(n)
        origin.extend([i] * len(n))
    return "".join(chars), origin


def _position(origin: list[int], k: int, length: int) -> int:
    """Where in the original text the normalized text's index `k` falls (a boundary inside
    one original character's expansion moves after it)."""
    if k >= len(origin):
        return length
    if k > 0 and origin[k] == origin[k - 1]:
        return origin[k] + 1
    return origin[k]


def char_diff(old: str | None, new: str | None, equal_from: str = "new") -> list[tuple[str, str]]:
    """[(op, text)] with op in equal/delete/insert, character by character, the pieces in
    the texts as written (without term-reference markup).

    Compared as NFKC, so that a changed glyph width does not underline a whole word; when
    that shows nothing although the texts differ (only the width, a space or a footnote
    reference changed), compared as written. Unchanged pieces are given as `equal_from`
    (new or old) writes them."""
    a, b = textmod.plain(old or ""), textmod.plain(new or "")
    na, oa = _normalized(a)
    nb, ob = _normalized(b)
    if na == nb:
        na, oa, nb, ob = a, list(range(len(a))), b, list(range(len(b)))
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, na, nb, autojunk=False).get_opcodes():
        x = a[_position(oa, i1, len(a)):_position(oa, i2, len(a))]
        y = b[_position(ob, j1, len(b)):_position(ob, j2, len(b))]
        if op == "equal":
            piece = y if equal_from == "new" else x
            if piece:
                out.append(("equal", piece))
        else:
            if x:
                out.append(("delete", x))
            if y:
                out.append(("insert", y))
    return out


def cell_text(c) -> str:
    """A cell or stage list as one line (stages of one year joined with 、, as layout does)."""
    if c is None:
        return ""
    return "、".join(c) if isinstance(c, list) else c


# ---------------------------------------------------------------- what a change holds

@dataclass
class Field:
    """One field of an item that differs: `name` (title, schedule, cell …), `at` where
    inside the item (a schedule key, a phase, a table cell "row,column"), both values
    (text, a list of texts, or None where one side has none)."""

    name: str
    old: Any = None
    new: Any = None
    at: str | None = None
    notation: bool = False  # only the notation differs: glyph width, spaces, term-reference markup
    path: tuple[str, ...] = ()  # a plan.yaml setting: the keys under `name` that `at` joins (not in the JSON)

    def as_json(self) -> dict:
        d: dict[str, Any] = {"field": self.name}
        if self.at is not None:
            d["at"] = self.at
        d["old"], d["new"] = self.old, self.new
        if self.notation:
            d["notation"] = True
        return d


@dataclass
class Form:
    """A measure as one phase shows it (or its only form)."""

    phase: str | None
    number: str | None
    title: str
    marks: list[str]
    text: str
    status: list[str]
    note: str | None
    parent: str | None  # the variant's own parent (a node's name), where it overrides the measure's

    def as_json(self) -> dict:
        return {"phase": self.phase, "number": self.number, "title": self.title, "marks": self.marks,
                "text": self.text, "status": self.status, "note": self.note, "parent": self.parent}


@dataclass
class FateSide:
    kind: str  # abolished | merged
    phase: str | None
    into: str | None  # the id of the measure it went into
    into_name: str | None  # that measure's number and title, as this side shows it
    note: str | None
    shown: str  # as the plan prints it: the note, or the plan's word for it

    def as_json(self) -> dict:
        return {"kind": self.kind, "phase": self.phase, "into": self.into, "into_name": self.into_name,
                "note": self.note}


@dataclass
class MeasureSide:
    """Everything a measure shows on one side."""

    forms: list[Form]
    marks: list[str]  # marks of the measure itself (a phase review folds them into its form)
    klass: str | None
    tags: list[str]
    departments: list[str]
    schedule: dict[str, str]  # key (2018, 前期) → cell, in the plan's column order
    note: str | None
    parent: str | None  # the node it sits under, by name
    fate: FateSide | None
    schedule_title: str | None = None  # the grid's title for it, where not its heading's

    def as_json(self) -> dict:
        return {"forms": [f.as_json() for f in self.forms], "marks": self.marks, "class": self.klass,
                "tags": self.tags, "departments": self.departments, "schedule": self.schedule,
                "schedule_title": self.schedule_title,
                "note": self.note, "parent": self.parent, "fate": self.fate.as_json() if self.fate else None}


@dataclass
class Side:
    number: str | None = None
    title: str | None = None
    text: str | None = None
    reading: str | None = None  # a term's
    measure: MeasureSide | None = None
    block: Any = None  # a table, figure or generated block as the plan holds it
    value: Any = None  # a plan.yaml setting

    def as_json(self) -> dict:
        d: dict[str, Any] = {}
        if self.number is not None:
            d["number"] = unicodedata.normalize("NFKC", self.number)
        if self.title is not None:
            d["title"] = textmod.plain(self.title)
        if self.reading is not None:
            d["reading"] = self.reading
        return d


ASPECT_OF = {"number": "renumbered", "title": "renamed", "parent": "moved", "term": "renamed"}


@dataclass
class Change:
    kind: str  # added | removed | changed
    type: str  # plan | chapter | paragraph | section | item | list | table | figure | note | signature
    #            | view | goal | measure | term
    id: str
    where: str
    old: Side | None = None
    new: Side | None = None
    aspects: list[str] = field(default_factory=list)
    merged_into: str | None = None
    fate_note: str | None = None
    fields: list[Field] = field(default_factory=list)
    gap_before: bool = False  # unchanged text lies between this change and the one before it
    gap_after: bool = False  # … and after this one, to the end of its chapter
    chapter: str | None = None  # the chapter a prose change is in
    progress: dict | None = None  # a progress record's change: measure, period, old and new values

    @property
    def text_changed(self) -> bool:
        return "text" in self.aspects

    @property
    def merged_into_name(self) -> str | None:
        side = self.old or self.new
        if side and side.measure and side.measure.fate and side.measure.fate.kind == "merged":
            return side.measure.fate.into_name
        return None

    def as_json(self) -> dict:
        d: dict[str, Any] = {"kind": self.kind, "type": self.type, "id": self.id, "where": self.where,
                             "old": self.old.as_json() if self.old else None,
                             "new": self.new.as_json() if self.new else None,
                             "aspects": self.aspects}
        if self.merged_into:
            d["merged_into"] = self.merged_into
            if self.merged_into_name:
                d["merged_into_name"] = self.merged_into_name
        if self.kind == "removed" and self.fate_note:
            d["fate"] = self.fate_note
        d["text"] = {"old": textmod.plain(self.old.text) if self.old and self.old.text else None,
                     "new": textmod.plain(self.new.text) if self.new and self.new.text else None}
        if self.fields:
            d["fields"] = [f.as_json() for f in self.fields]
        if self.progress is not None:
            d["progress"] = self.progress
        side = self.new if self.kind == "added" else self.old if self.kind == "removed" else None
        if side is not None and side.measure is not None:
            d["content"] = side.measure.as_json()
        elif side is not None and side.value is not None:
            d["content"] = side.value
        return d


def aspects_of(fields: list[Field]) -> list[str]:
    """What changed, in a word each: renumbered, renamed, text, schedule …; a change of
    notation only (全角/半角, spaces, term references) is "notation", not a new wording."""
    return list(dict.fromkeys("notation" if f.notation else ASPECT_OF.get(f.name, f.name) for f in fields))


@dataclass
class Report:
    old: dict
    new: dict
    compared: list[str]
    not_compared: list[str]
    changes: list[Change]
    # the two sides' plan.yaml (not in the JSON): the words and labels a report prints with
    old_meta: m.PlanMeta | None = None
    new_meta: m.PlanMeta | None = None

    def as_json(self) -> dict:
        return {"old": self.old, "new": self.new, "compared": self.compared,
                "not_compared": self.not_compared, "changes": [c.as_json() for c in self.changes]}


# ---------------------------------------------------------------- flattening

@dataclass
class Unit:
    """A paragraph-like piece of prose: what is aligned between two chapters."""

    type: str
    text: str
    where: str
    block: Any = None  # the table, figure or generated block, compared field by field

    @property
    def key(self) -> str:
        """What must be equal for the unit to be unchanged: its text, and the settings of a
        table's or a generated block's that the text does not show."""
        if self.block is None:
            return self.text
        return self.text + "\x00" + json.dumps(self.block.model_dump(mode="json", by_alias=True),
                                               ensure_ascii=False, sort_keys=True)


def blocks_text(blocks: list) -> str:
    """All text of a list of blocks, in reading order, one line per unit."""
    return "\n".join(u.text for u in units(blocks, "") if u.text)


def units(blocks: list, where: str) -> list[Unit]:
    """Every paragraph-like unit of prose, with where it is."""
    out: list[Unit] = []
    for b in blocks:
        out.extend(getattr(_Units, b.kind)(b, where))
    return out


def _cell(c) -> str:
    return "／".join(c) if isinstance(c, list) else c


def _heading(number: str | None, title: str | None) -> str:
    return " ".join(x for x in (number, title) if x)


def table_lines(t: m.Table) -> list[str]:
    rows = [" | ".join(_cell(c) for c in row) for row in ([t.header] if t.header else []) + t.rows]
    return ([t.caption] if t.caption else []) + ["※" + n for n in t.notes] + rows + ([t.source] if t.source else [])


def figure_text(f: m.Figure) -> str:
    return " ".join([f.caption] + f.words + ([f.source] if f.source else []))


class _Units:
    """One method per block kind (model.BLOCK_KINDS): the units of prose it holds."""

    @staticmethod
    def p(b, where):
        return [Unit("paragraph", b.p, where)]

    @staticmethod
    def note(b, where):
        return [Unit("note", "※" + b.note, where)]

    @staticmethod
    def signature(b, where):
        return [Unit("signature", b.signature, where)]

    @staticmethod
    def section(b, where):
        s = b.section
        head = _heading(s.number, s.title)
        shown = textmod.plain(head)
        return [Unit("section", head, where)] + units(s.blocks, f"{where} > {shown}" if where else shown)

    @staticmethod
    def item(b, where):
        shown = textmod.plain(b.item.title)
        return [Unit("item", f"{b.item.mark} {b.item.title}", where)] + units(
            b.item.blocks, f"{where} > {shown}" if where else shown)

    @staticmethod
    def list(b, where):
        spec = b.list
        items = spec if isinstance(spec, list) else spec.items
        ordered = not isinstance(spec, list) and spec.ordered
        # numbering is the reader's: an ordered list's items carry their number
        return [Unit("list", (f"{i}. " if ordered else "・") + _cell(it), where) for i, it in enumerate(items, 1)]

    @staticmethod
    def table(b, where):
        return [Unit("table", "\n".join(table_lines(b.table)), where, b.table)]

    @staticmethod
    def figure(b, where):
        return [Unit("figure", figure_text(b.figure), where, b.figure)]

    # generated from other files, which are compared on their own; what is compared here
    # is the block's own settings (which levels, which caption …)
    @staticmethod
    def policy(b, where):
        return [Unit("view", "", where, b)]

    @staticmethod
    def period(b, where):
        return [Unit("view", (b.period.caption if b.period else None) or "", where, b)]

    @staticmethod
    def glossary(b, where):
        return [Unit("view", "", where, b)]

    @staticmethod
    def marks(b, where):
        return [Unit("view", (b.marks.caption if b.marks else None) or "", where, b)]


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


def in_order(pairs: list[tuple[Any, Any]], old_keys: list, new_keys: list) -> list[tuple[Any, Any]]:
    """Matched pairs in the new side's order, each old-only item after the item it
    followed on the old side."""
    new_pos = {k: i for i, k in enumerate(new_keys)}
    old_pos = {k: i for i, k in enumerate(old_keys)}
    partner = {a: b for a, b in pairs if a is not None and b is not None}

    def place(pair):
        a, b = pair
        if b is not None:
            return (new_pos.get(b, len(new_keys)), 0, 0)
        # the nearest old item before it that the new side still holds
        i = old_pos.get(a, 0)
        for k in reversed(old_keys[:i]):
            if k in partner:
                return (new_pos.get(partner[k], -1), 1, i)
        return (-1, 1, i)

    return sorted(pairs, key=place)


def moved_in_order(pairs: list[tuple[Any, Any]], old_keys: list, new_keys: list) -> dict[Any, tuple[int, int]]:
    """Paired items whose order among the paired ones changed: {new key: (old position,
    new position)}, 1-based. The fewest that explain the change: those outside the
    longest run kept in order."""
    old_pos = {k: i for i, k in enumerate(old_keys)}
    new_pos = {k: i for i, k in enumerate(new_keys)}
    both = sorted(((new_pos[b], old_pos[a], b) for a, b in pairs if a is not None and b is not None))
    seq = [o for _, o, _ in both]
    # longest increasing subsequence of the old positions, in new order (patience sorting)
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(seq)
    for i, x in enumerate(seq):
        lo = 0
        hi = len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(x)
            tail_at.append(i)
        else:
            tails[lo] = x
            tail_at[lo] = i
        back[i] = tail_at[lo - 1] if lo else -1
    keep = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep.add(i)
        i = back[i]
    return {b: (o + 1, n + 1) for k, (n, o, b) in enumerate(both) if k not in keep}


def _same(a, b) -> bool:
    return (a or None) == (b or None)


def _text_field(fields: list[Field], name: str, old, new, at: str | None = None, both: bool = False) -> None:
    """Append a Field when two texts differ (when `both`, only where both sides have one)."""
    if both and not (old and new):
        return
    if not _same(old, new):
        fields.append(Field(name, old or None, new or None, at, notation=bool(old and new) and norm(old) == norm(new)))


def _set_field(fields: list[Field], name: str, old: list[str], new: list[str], at: str | None = None) -> None:
    """Marks, tags and departments: a change of order is a change of what is printed."""
    if list(old) != list(new):
        fields.append(Field(name, list(old), list(new), at))


# ---------------------------------------------------------------- measures

class _Names:
    """How one side names what a measure refers to: policy nodes and other measures."""

    def __init__(self, plan: Plan):
        self.meta = plan.meta.value
        self.nodes: dict[str, m.PolicyNode] = {}
        if plan.policy:
            for n, _, _, _ in iter_nodes(plan.policy.value.nodes, ()):
                self.nodes.setdefault(n.key, n)
            for n, _, _, _ in iter_nodes(plan.policy.value.nodes, ()):
                if n.number:
                    self.nodes.setdefault(n.number, n)
        self.measures = {x.value.id: x.value for x in plan.measures}
        phases = [p.name for p in self.meta.phases]
        self.column = {str(y): i for i, y in enumerate(range(self.meta.period.start, self.meta.period.end + 1))}
        self.column.update({p: len(self.column) + i for i, p in enumerate(phases)})

    def node_key(self, ref: str | None) -> str | None:
        n = self.nodes.get(ref or "")
        return n.key if n else ref

    def node(self, ref: str | None) -> str | None:
        """A node by its number and title, as it is printed; the reference if it has none."""
        if ref is None:
            return None
        n = self.nodes.get(ref)
        return textmod.plain(_heading(n.number, n.title)) if n else ref

    def measure(self, mid: str | None, phase: str | None) -> str | None:
        """A measure by number and title, in `phase`'s form when it has one."""
        x = self.measures.get(mid or "")
        if x is None:
            return mid
        v = next((v for v in x.variants if v.phase == phase), None) or (x.variants[-1] if x.variants else None)
        return textmod.plain(_heading(v.number, v.title) if v else _heading(x.number, x.title))

    def fate(self, x: m.Measure, side_phase: str | None) -> FateSide | None:
        f = x.fate
        if f is None:
            return None
        words = self.meta.words
        # the target as the side the merged measure belongs to knows it (「…」へ統合)
        into_name = self.measure(f.into, side_phase) if f.kind == "merged" else None
        if f.note:
            shown = f.note
        elif f.kind == "abolished":
            shown = words.abolished
        else:
            shown = words.merged_into.format(target=into_name) if into_name else words.merged
        return FateSide(f.kind, f.phase, f.into, into_name, f.note, shown)

    def schedule(self, x: m.Measure) -> dict[str, str]:
        keys = sorted(x.schedule, key=lambda k: (self.column.get(k, len(self.column)), k))
        return {k: cell_text(x.schedule[k]) for k in keys}


def _form(v: m.Variant, marks: list[str], names: _Names, parent: str | None) -> Form:
    return Form(v.phase, v.number, v.title, marks, blocks_text(v.blocks), [_cell(s) for s in v.status], v.note,
                parent)


def measure_side(x: m.Measure, names: _Names, phase: str | None = None) -> MeasureSide | None:
    """A measure as a plan shows it (phase None: every form), or as one phase shows it."""
    if phase is None:
        if x.variants:
            forms = [_form(v, list(v.marks), names, names.node(v.parent) if v.parent else None) for v in x.variants]
        else:  # its marks stand in its heading, as the plan prints them
            forms = [Form(None, x.number, x.title or "", list(x.marks), blocks_text(x.blocks), [], None, None)]
        return MeasureSide(forms, list(x.marks) if x.variants else [], x.class_, list(x.tags), list(x.departments), names.schedule(x),
                           x.note, names.node(x.parent), names.fate(x, None), x.schedule_title)
    v = next((v for v in x.variants if v.phase == phase), None)
    fate = names.fate(x, phase) if x.fate and x.fate.phase != phase else None
    if v is None and not x.variants:
        # a measure without variants stands in every phase until the one its fate names
        order = [p.name for p in names.meta.phases]
        if x.fate and x.fate.phase in order and phase in order and order.index(phase) >= order.index(x.fate.phase):
            return None
        form = Form(phase, x.number, x.title or "", list(x.marks), blocks_text(x.blocks), [], None, None)
        return MeasureSide([form], [], x.class_, list(x.tags), list(x.departments), names.schedule(x), x.note,
                           names.node(x.parent), fate, x.schedule_title)
    if v is None:
        return None
    form = _form(v, list(x.marks) + list(v.marks), names, None)
    return MeasureSide([form], [], x.class_, list(x.tags), list(x.departments), names.schedule(x), x.note,
                       names.node(v.parent or x.parent), fate, x.schedule_title)


@dataclass
class _Item:
    """A measure of one side, for matching: its id, its side, its parent's key."""

    id: str
    side: MeasureSide
    parent_key: str | None

    @property
    def form(self) -> Form:
        return self.side.forms[-1]

    @property
    def match_text(self) -> str:
        return norm(self.form.title) + norm(self.form.text)[:200]


def measures_of(plan: Plan, names: _Names, phase: str | None = None) -> dict[str, _Item]:
    out = {}
    for x in plan.measures:
        v = x.value
        side = measure_side(v, names, phase)
        if side is None:
            continue
        parent = v.parent
        if phase is not None:
            parent = next((w.parent for w in v.variants if w.phase == phase and w.parent), None) or v.parent
        out[v.id] = _Item(v.id, side, names.node_key(parent))
    return out


def _fate_key(f: FateSide | None):
    return (f.kind, f.phase, f.into, f.note) if f else None


def measure_fields(o: _Item, n: _Item, whole_plan: bool, same_parent) -> list[Field]:
    """What differs between two sides of one measure. In a phase review (`whole_plan`
    False) a text, status or note is compared only where both phases have one: a 前期
    form reports what was done, a 中期 form says what will be."""
    fields: list[Field] = []
    a, b = o.side, n.side
    if o.id != n.id:  # matched by similarity: the id itself was changed
        fields.append(Field("id", o.id, n.id))
    if whole_plan:
        fa = {f.phase: f for f in a.forms}
        fb = {f.phase: f for f in b.forms}
        pairs = [(fa.get(p), fb.get(p)) for p in dict.fromkeys([f.phase for f in a.forms] + [f.phase for f in b.forms])]
    else:
        pairs = [(a.forms[-1], b.forms[-1])]
    for x, y in pairs:
        at = (x or y).phase if whole_plan else None
        if x is None or y is None:
            fields.append(Field("form", _heading(x.number, x.title) if x else None,
                                _heading(y.number, y.title) if y else None, at))
            continue
        _text_field(fields, "number", x.number, y.number, at)
        _text_field(fields, "title", x.title, y.title, at)
        _set_field(fields, "marks", x.marks, y.marks, at)
        _text_field(fields, "status", "\n".join(x.status), "\n".join(y.status), at, both=not whole_plan)
        _text_field(fields, "text", x.text, y.text, at, both=not whole_plan)
        _text_field(fields, "note", x.note, y.note, at, both=not whole_plan)
        if whole_plan:
            _text_field(fields, "parent", x.parent, y.parent, at)
    _set_field(fields, "marks", a.marks, b.marks)
    _text_field(fields, "class", a.klass, b.klass)
    _set_field(fields, "tags", a.tags, b.tags)
    _set_field(fields, "departments", a.departments, b.departments)
    if not same_parent(o.parent_key, n.parent_key):
        fields.append(Field("parent", a.parent, b.parent))
    for key in dict.fromkeys(list(a.schedule) + list(b.schedule)):
        _text_field(fields, "schedule", a.schedule.get(key), b.schedule.get(key), key)
    _text_field(fields, "schedule_title", a.schedule_title, b.schedule_title)
    _text_field(fields, "note", a.note, b.note)
    if _fate_key(a.fate) != _fate_key(b.fate):
        fields.append(Field("fate", a.fate.shown if a.fate else None, b.fate.shown if b.fate else None))
    return fields


def _measure_side_summary(item: _Item) -> Side:
    f = item.form
    return Side(f.number, f.title, f.text, measure=item.side)


def compare_measures(old: dict[str, _Item], new: dict[str, _Item], label: str,
                     fates: dict[str, FateSide] | None = None, whole_plan: bool = True,
                     same_parent=lambda a, b: a == b) -> list[Change]:
    changes = []
    pairs = in_order(match(old, new, lambda it: it.match_text), list(old), list(new))
    # in a plan, measures are printed in file order: a measure moved in it moves in print
    moved = moved_in_order(pairs, list(old), list(new)) if whole_plan else {}
    for a, b in pairs:
        o, n = old.get(a) if a else None, new.get(b) if b else None
        if o and n:
            fields = measure_fields(o, n, whole_plan, same_parent)
            if b in moved:
                fields.append(Field("order", str(moved[b][0]), str(moved[b][1])))
            if fields:
                changes.append(Change("changed", "measure", n.id, label, _measure_side_summary(o),
                                      _measure_side_summary(n), aspects_of(fields), fields=fields))
        elif o:
            fate = (fates or {}).get(o.id) or o.side.fate
            if fate is not None and o.side.fate is not fate:
                o.side.fate = fate
            ch = Change("removed", "measure", o.id, label, _measure_side_summary(o), None)
            if fate:
                ch.aspects = [fate.kind]
                ch.merged_into = fate.into if fate.kind == "merged" else None
                ch.fate_note = fate.note
            changes.append(ch)
        else:
            changes.append(Change("added", "measure", n.id, label, None, _measure_side_summary(n)))
    return changes


# ---------------------------------------------------------------- prose

def table_fields(a: m.Table, b: m.Table) -> list[Field]:
    """A table cell by cell: caption, notes, header, rows (aligned), source."""
    fields: list[Field] = []
    _text_field(fields, "caption", a.caption, b.caption)
    for i in range(max(len(a.notes), len(b.notes))):
        _text_field(fields, "table-note", a.notes[i] if i < len(a.notes) else None,
                    b.notes[i] if i < len(b.notes) else None, str(i + 1))
    ha, hb = a.header or [], b.header or []
    for c in range(max(len(ha), len(hb))):
        _text_field(fields, "header", _cell(ha[c]) if c < len(ha) else None, _cell(hb[c]) if c < len(hb) else None,
                    str(c + 1))
    ra = [[_cell(c) for c in row] for row in a.rows]
    rb = [[_cell(c) for c in row] for row in b.rows]
    sm = difflib.SequenceMatcher(None, ["\x00".join(r) for r in ra], ["\x00".join(r) for r in rb], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        common = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(common):
            x, y = ra[i1 + k], rb[j1 + k]
            for c in range(max(len(x), len(y))):
                _text_field(fields, "cell", x[c] if c < len(x) else None, y[c] if c < len(y) else None,
                            f"{j1 + k + 1},{c + 1}")
        for i in range(i1 + common, i2):
            fields.append(Field("row", " | ".join(ra[i]), None, str(i + 1)))
        for j in range(j1 + common, j2):
            fields.append(Field("row", None, " | ".join(rb[j]), str(j + 1)))
    if a.row_headers != b.row_headers:
        fields.append(Field("row_headers", str(a.row_headers).lower(), str(b.row_headers).lower()))
    _text_field(fields, "source", a.source, b.source)
    return fields


def figure_fields(a: m.Figure, b: m.Figure) -> list[Field]:
    fields: list[Field] = []
    _text_field(fields, "caption", a.caption, b.caption)
    _set_field(fields, "words", a.words, b.words)
    _text_field(fields, "source", a.source, b.source)
    return fields


def view_settings(block) -> str:
    """A generated block's settings, as written in the chapter file (under: 1, levels: …)."""
    data = block.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    inner = data.get(block.kind) or {}
    return ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(inner.items()))


def unit_fields(o: Unit, n: Unit) -> list[Field]:
    if o.type == n.type == "table":
        fields = table_fields(o.block, n.block)
    elif o.type == n.type == "figure":
        fields = figure_fields(o.block, n.block)
    elif o.type == n.type == "view" and o.block.kind == n.block.kind:
        fields = []
        _text_field(fields, "settings", view_settings(o.block), view_settings(n.block))
        if o.text != n.text:
            fields.insert(0, Field("text", o.text, n.text))
    else:
        fields = [Field("text", o.text, n.text, notation=o.type == n.type and norm(o.text) == norm(n.text))] \
            if o.text != n.text or o.type != n.type else []
        if o.type != n.type:
            fields.insert(0, Field("kind", o.type, n.type))
    return fields


def compare_units(old: list[Unit], new: list[Unit], label: str) -> list[Change]:
    a = [u.key for u in old]
    b = [u.key for u in new]
    na = [norm(u.text) for u in old]
    nb = [norm(u.text) for u in new]
    changes: list[Change] = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for k, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        scores = similar_pairs(na[i1:i2], nb[j1:j2], 0.5)
        for i in olds:
            for j in news:
                x, y = old[i], new[j]
                if x.type == y.type == "view" and x.block.kind == y.block.kind:
                    # a generated block is the same block whatever its caption says
                    scores.setdefault((i - i1, j - j1), 0.99)
                elif x.type == y.type and x.type in ("table", "figure") and (i - i1, j - j1) not in scores:
                    # a table or figure is still itself with a row or word more or less: paired
                    # when its caption is the same, or a third alike
                    if x.block.caption and norm(x.block.caption) == norm(y.block.caption):
                        scores[i - i1, j - j1] = 0.9
                        continue
                    if x.type == "table" and x.block.header == y.block.header and \
                            {len(r) for r in x.block.rows} == {len(r) for r in y.block.rows}:
                        scores[i - i1, j - j1] = 0.8  # the same columns: rows added, removed or changed
                        continue
                    ratio = difflib.SequenceMatcher(None, na[i], nb[j], autojunk=False).ratio()
                    if ratio >= 0.3:
                        scores[i - i1, j - j1] = 0.5 + ratio / 100
        pairs = []
        for i in olds:  # pair each old unit with its most similar new unit in the block
            best = max(news, key=lambda j: scores.get((i - i1, j - j1), 0.0), default=None)
            if best is not None and (i - i1, best - j1) in scores:
                pairs.append((i, best))
                news.remove(best)
            else:
                pairs.append((i, None))
        pairs += [(None, j) for j in news]
        # in reading order: a removed unit after the new unit paired with the old one before it
        after = {i: j for i, j in pairs if i is not None and j is not None}

        def place(p, after=after, j1=j1):
            i, j = p
            if j is not None:
                return (j, 0, i or 0)
            before = [after[x] for x in after if x < i]
            return (max(before) if before else j1 - 1, 1, i)
        pairs.sort(key=place)
        first = len(changes)
        for i, j in pairs:
            o, n = (old[i] if i is not None else None), (new[j] if j is not None else None)
            u = n or o
            where = f"{label} > {u.where}" if u.where else label
            ident = f"{label}#{(j if j is not None else i) + 1}"
            block = lambda x: Side(text=x.text, block=x.block)
            if o and n:
                fields = unit_fields(o, n)
                if not fields:
                    continue
                ch = Change("changed", n.type, ident, where, block(o), block(n), aspects_of(fields), fields=fields)
            elif o:
                ch = Change("removed", o.type, ident, where, block(o), None)
            else:
                ch = Change("added", n.type, ident, where, None, block(n))
            ch.chapter = label
            changes.append(ch)
        if len(changes) > first:
            changes[first].gap_before = k > 0 and opcodes[k - 1][0] == "equal"
            changes[-1].gap_after = k == len(opcodes) - 2 and opcodes[-1][0] == "equal"
    return changes


def chapter_key(ch: m.Chapter):
    return ch.number if ch.number is not None else ch.title


def chapter_fields(a: m.Chapter, b: m.Chapter) -> list[Field]:
    fields: list[Field] = []
    _text_field(fields, "number", None if a.number is None else str(a.number),
                None if b.number is None else str(b.number))
    _text_field(fields, "title", a.title, b.title)
    _text_field(fields, "label", a.label, b.label)
    return fields


# ---------------------------------------------------------------- policy nodes, terms

def policy_nodes(plan: Plan) -> dict[str, tuple[m.PolicyNode, int, str | None]]:
    """key → (node, depth, its parent's key)."""
    if not plan.policy:
        return {}
    return {n.key: (n, d, parent.key if parent else None) for n, _, d, parent in iter_nodes(plan.policy.value.nodes, ())}


def match_goals(old: Plan, new: Plan) -> list[tuple[str | None, str | None]]:
    a, b = policy_nodes(old), policy_nodes(new)
    return in_order(match(a, b, lambda t: norm(t[0].title)), list(a), list(b))


def compare_goals(old: Plan, new: Plan, label: str, pairs) -> list[Change]:
    a, b = policy_nodes(old), policy_nodes(new)
    partner = {x: y for x, y in pairs if x and y}
    moved = moved_in_order(pairs, list(a), list(b))
    out = []
    for x, y in pairs:
        o, n = (a[x][0] if x else None), (b[y][0] if y else None)
        side = lambda node: Side(node.number, node.title, blocks_text(node.blocks))
        if o and n:
            fields: list[Field] = []
            _text_field(fields, "number", o.number, n.number)
            _text_field(fields, "title", o.title, n.title)
            _text_field(fields, "text", blocks_text(o.blocks), blocks_text(n.blocks))
            pa, pb = a[x][2], b[y][2]
            if (partner.get(pa) if pa else None) != pb:
                name = lambda tree, k: textmod.plain(_heading(tree[k][0].number, tree[k][0].title)) if k else None
                fields.append(Field("parent", name(a, pa), name(b, pb)))
            if o.id != n.id and (o.id or n.id):
                fields.append(Field("id", o.id, n.id))
            if y in moved:
                fields.append(Field("order", str(moved[y][0]), str(moved[y][1])))
            if fields:
                out.append(Change("changed", "goal", n.key, label, side(o), side(n), aspects_of(fields), fields=fields))
        elif o:
            out.append(Change("removed", "goal", o.key, label, side(o)))
        else:
            out.append(Change("added", "goal", n.key, label, None, side(n)))
    return out


def used_terms(plan: Plan, chapters: list[m.Chapter]) -> set[str]:
    refs = set()
    for ch in chapters:
        for u in units(ch.blocks, ""):
            refs.update(r.ref for r in textmod.refs(u.text))
    return refs


def compare_terms(old: Plan, new: Plan, only: set[str] | None, label: str) -> list[Change]:
    def terms(plan):
        d = {}
        for t in plan.terms:
            if only is None or t.value.key in only or t.value.term in only:
                d.setdefault(t.value.key, t.value)
        return d
    a, b = terms(old), terms(new)
    out = []
    side = lambda t: Side(title=t.term, text=t.definition, reading=t.reading)
    for x, y in in_order(match(a, b, lambda t: norm(t.term) + norm(t.definition)[:100]), list(a), list(b)):
        o, n = (a[x] if x else None), (b[y] if y else None)
        if o and n:
            fields: list[Field] = []
            _text_field(fields, "term", o.term, n.term)
            _text_field(fields, "reading", o.reading, n.reading)
            _text_field(fields, "definition", o.definition, n.definition)
            if o.id != n.id:
                fields.append(Field("id", o.id, n.id))
            if fields:
                aspects = aspects_of(fields)
                if "definition" in aspects:
                    aspects.append("text")  # the wording changed: a character diff follows
                out.append(Change("changed", "term", n.key, label, side(o), side(n), aspects, fields=fields))
        elif o:
            out.append(Change("removed", "term", o.key, label, side(o)))
        else:
            out.append(Change("added", "term", n.key, label, None, side(n)))
    return out


# ---------------------------------------------------------------- plan.yaml

# settings that only concern the measures and the policy tree (not compared when one
# side holds none)
MEASURE_SETTINGS = ("levels", "measure", "classes", "marks", "tags", "stages")
KEYED_LISTS = {"phases": "name", "marks": "name", "tags": "id"}


def _leaves(value: Any, path: tuple, out: dict) -> None:
    """plan.yaml as leaves: scalars, lists of scalars; lists of mappings by their name."""
    if isinstance(value, dict):
        for k, v in value.items():
            _leaves(v, path + (k,), out)
    elif value == [] or value == {}:
        return  # nothing: as if absent
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        key = KEYED_LISTS.get(path[-1]) if path else None
        for i, v in enumerate(value):
            name = str(v.get(key)) if key and isinstance(v, dict) and v.get(key) is not None else str(i + 1)
            _leaves(v, path + (name,), out)
    else:
        out[path] = value


def _shown(v: Any) -> Any:
    if v is None or isinstance(v, (str, list)):
        return v
    if isinstance(v, bool):
        return str(v).lower()
    return str(v)


def unstated(meta: m.PlanMeta) -> tuple[str, ...]:
    """Title-page settings the new side leaves unsaid, so not compared: the old side's value
    was not removed, only not given by the new side's source (an adoption date the source
    does not state; the section and revisions of an excerpt, which holds no title page).
    What the new side states and the old one did not is compared: it is new."""
    out: tuple[str, ...] = ()
    if not meta.draft and meta.adopted is None:
        out += ("adopted",)
    if meta.excerpt is not None:
        out += (("section",) if meta.section is None else ()) + (("revised",) if not meta.revised else ())
    return out


def compare_meta(old: m.PlanMeta, new: m.PlanMeta, skip: tuple = ()) -> list[Change]:
    da = old.model_dump(mode="json", by_alias=True)
    db = new.model_dump(mode="json", by_alias=True)
    out = []
    for key in dict.fromkeys(list(da) + list(db)):
        if key in skip:
            continue
        la: dict = {}
        lb: dict = {}
        _leaves(da.get(key), (), la)
        _leaves(db.get(key), (), lb)
        fields = []
        for path in dict.fromkeys(list(la) + list(lb)):
            va, vb = _shown(la.get(path)), _shown(lb.get(path))
            if va != vb:
                fields.append(Field(key, va, vb, ".".join(path) or None, path=path))
        if fields:
            out.append(Change("changed", "plan", key, "plan.yaml", Side(value=da.get(key)), Side(value=db.get(key)),
                              [key], fields=fields))
    return out


# ---------------------------------------------------------------- progress records

PROGRESS_PARTS = ("status", "direction", "narrative", "indicators")


def _record_values(r: m.ProgressRecord) -> dict:
    narrative = [r.narrative] if isinstance(r.narrative, str) else list(r.narrative or [])
    return {"status": r.status, "direction": r.direction,
            "narrative": [textmod.plain(_cell(n)) for n in narrative],
            "indicators": [{"name": i.name, "unit": i.unit, "target": i.target, "actual": i.actual}
                           for i in r.indicators]}


def _indicator_text(words: m.Words, i: dict) -> str:
    """An indicator in the report's words: 電子申請の件数: 目標 3000 / 実績 3120 件."""
    return (f"{i['name']}: {words.progress_target} {i['target'] or ''} / {words.progress_actual} "
            f"{i['actual'] or ''} {i['unit'] or ''}").rstrip()


def _record_text(words: m.Words, r: m.ProgressRecord) -> str:
    """A record in words, one line per part, as a 新旧対照表 cell shows it."""
    v = _record_values(r)
    lines = []
    if v["status"]:
        lines.append(f"{words.progress_status}: {v['status']}")
    if v["direction"]:
        lines.append(f"{words.progress_direction}: {v['direction']}")
    lines += v["narrative"]
    lines += [_indicator_text(words, i) for i in v["indicators"]]
    return "\n".join(lines)


def _part_text(words: m.Words, value) -> Any:
    """A part of a record as a report shows it: indicators in words, as above."""
    if isinstance(value, list):
        return [_indicator_text(words, v) if isinstance(v, dict) else v for v in value]
    return value


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
            words = new.meta.value.words
            fields = [Field(k, _part_text(words, detail["old"][k]), _part_text(words, detail["new"][k]))
                      for k in PROGRESS_PARTS if detail["old"][k] != detail["new"][k]]
            if fields:
                out.append(Change("changed", "progress", ident, where, side(old, key, period, o[1]),
                                  side(new, key, period, n[1]), [f.name for f in fields], fields=fields,
                                  progress=detail))
        elif o:
            out.append(Change("removed", "progress", ident, where, side(old, key, period, o[1]), None, progress=detail))
        else:
            out.append(Change("added", "progress", ident, where, None, side(new, key, period, n[1]), progress=detail))
    return out


# ---------------------------------------------------------------- entry points

def describe(plan: Plan, label: str) -> dict:
    meta = plan.meta.value
    return {"path": label, "title": meta.title, "edition": meta.edition, "adopted": meta.adopted, "draft": meta.draft,
            "revised": [r.date for r in meta.revised], "excerpt": meta.excerpt is not None}


def chapter_label(ch: m.Chapter) -> str:
    return ch.heading


def compare_plans(old: Plan, new: Plan, old_label: str, new_label: str) -> Report:
    compared, not_compared, changes = [], [], []
    om, nm = old.meta.value, new.meta.value
    excerpt = bool(om.excerpt or nm.excerpt)
    # an excerpt is compared where both sides hold the part; whole plans everywhere
    measures_cmp = bool(old.measures and new.measures) or (not excerpt and bool(old.measures or new.measures))
    policy_cmp = bool(old.policy and new.policy) or (not excerpt and bool(old.policy or new.policy))
    # the settings of measures and tree are not compared where they are, beside an excerpt without them
    holds = bool(old.measures or new.measures or old.policy or new.policy)
    skip = MEASURE_SETTINGS if excerpt and holds and not measures_cmp and not policy_cmp else ()
    changes += compare_meta(om, nm, skip + unstated(nm))

    old_ch = {chapter_key(c.value): c.value for c in old.chapters}
    new_ch = {chapter_key(c.value): c.value for c in new.chapters}
    # by number (or title), then by a similar title: a renumbered chapter is the same chapter
    pairs = in_order(match(old_ch, new_ch, lambda c: norm(c.title) + norm(blocks_text(c.blocks))[:300]),
                     list(old_ch), list(new_ch))
    both = []
    moved = moved_in_order(pairs, list(old_ch), list(new_ch))
    for a, b in pairs:
        o, n = (old_ch[a] if a is not None else None), (new_ch[b] if b is not None else None)
        if o is not None and n is not None:
            both.append((o, n))
            label = chapter_label(n)
            compared.append(label)
            fields = chapter_fields(o, n)
            if b in moved:
                fields.append(Field("order", str(moved[b][0]), str(moved[b][1])))
            if fields:
                ch = Change("changed", "chapter", f"chapter-{chapter_key(n)}", label, Side(title=chapter_label(o)),
                            Side(title=label), aspects_of(fields), fields=fields)
                ch.chapter = label
                changes.append(ch)
            changes += compare_units(units(o.blocks, ""), units(n.blocks, ""), label)
        elif excerpt:
            not_compared.append(chapter_label(o if o is not None else n))
        else:
            c = o if o is not None else n
            side = Side(title=chapter_label(c), text=blocks_text(c.blocks))
            ch = Change("removed" if o is not None else "added", "chapter", f"chapter-{chapter_key(c)}",
                        chapter_label(c), side if o is not None else None, side if n is not None else None)
            ch.chapter = chapter_label(c)
            changes.append(ch)

    # a part is named by the side that holds it
    measures_word = (nm if new.measures else om).measure.name
    policy_word = (nm if new.policy else om).words.policy
    goals: list = []
    if policy_cmp:
        goals = match_goals(old, new)
        changes += compare_goals(old, new, policy_word, goals)
        compared.append(policy_word)
    elif old.policy or new.policy:
        not_compared.append(policy_word)
    if measures_cmp:
        compared.append(measures_word)
        partner = {x: y for x, y in goals if x and y}
        same_parent = lambda a, b: (partner.get(a, a) if a else None) == b
        changes += compare_measures(measures_of(old, _Names(old)), measures_of(new, _Names(new)), measures_word,
                                    same_parent=same_parent)
    elif old.measures or new.measures:
        not_compared.append(measures_word)
    glossary_word = nm.glossary.title
    if excerpt:
        # the terms the compared chapters refer to, on either side, and every term an excerpt
        # holds (it holds those of its chapters)
        only = used_terms(old, [o for o, _ in both]) | used_terms(new, [n for _, n in both])
        for plan, meta in ((old, om), (new, nm)):
            if meta.excerpt:
                only |= {t.value.key for t in plan.terms} | {t.value.term for t in plan.terms}
        changes += compare_terms(old, new, only, glossary_word)
        compared.append(glossary_word + "（" + "、".join(chapter_label(n) for _, n in both) + "）" if both else glossary_word)
    else:
        changes += compare_terms(old, new, None, glossary_word)
        compared.append(glossary_word)
    if old.progress or new.progress:
        changes += compare_progress(old, new)
        compared.append(nm.words.progress)
    return Report(describe(old, old_label), describe(new, new_label), compared, not_compared, changes, om, nm)


def compare_phases(plan: Plan, old_phase: str, new_phase: str, label: str) -> Report:
    names = _Names(plan)
    old_forms = measures_of(plan, names, old_phase)
    new_forms = measures_of(plan, names, new_phase)
    fates = {x.value.id: names.fate(x.value, old_phase) for x in plan.measures
             if x.value.fate and x.value.fate.phase in (new_phase, None)}
    # 実施状況 (status) is a report on the phase, not wording to compare; texts are compared only
    # where both phases have one
    meta = plan.meta.value
    changes = compare_measures(old_forms, new_forms, meta.measure.name, fates, whole_plan=False)
    d = describe(plan, label)
    return Report({**d, "phase": old_phase}, {**d, "phase": new_phase}, [f"{meta.measure.name}（{old_phase}→{new_phase}）"],
                  [], changes, meta, meta)

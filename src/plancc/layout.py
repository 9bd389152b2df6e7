"""Lay a checked plan out as a document, independent of any output format.

Here the reading order is fixed once for every renderer: chapter by chapter, policy
views expanded in place, footnotes numbered per chapter in order of first reference,
the glossary sorted 50音順 and grouped by kana row, year and phase labels computed.
Renderers only turn this tree into their own syntax.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from . import kana, text
from . import model as m
from .check import CONTINUES, iter_nodes
from .fiscal import FiscalYear, month_label, parse_date
from .load import Plan


# ---------------------------------------------------------------- document tree

@dataclass
class Ref:
    shown: str
    term: m.Term
    number: int  # footnote number within the chapter
    chapter: int  # index of the chapter


Inline = list  # of str | Ref


@dataclass
class Node:
    """One block of the document: kind plus fields the templates read."""

    kind: str
    depth: int = 0
    title: Inline | None = None
    number: str | None = None
    anchor: str = ""
    text: Inline | None = None
    children: list["Node"] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Footnote:
    number: int
    term: m.Term
    definition: Inline


@dataclass
class ChapterView:
    index: int
    heading: str
    anchor: str
    blocks: list[Node]
    footnotes: list[Footnote]


@dataclass
class GlossaryGroup:
    label: str
    anchor: str
    terms: list[tuple[m.Term, Inline, bool]]  # term, definition, show reading


@dataclass
class ScheduleGrid:
    columns: list[str]  # labels of the year/phase columns
    keys: list[str]  # the schedule keys behind the columns ("2018", "前期")
    rows: list["ScheduleRow"]
    by_phase: bool


@dataclass
class ScheduleRow:
    measure: m.Measure
    number: str
    title: str
    marks: list[str]
    klass: str
    tags: list[str]
    departments: list[str]
    cells: list[str]


@dataclass
class Document:
    plan: Plan
    title: str
    subtitle_lines: list[str]
    toc: list[tuple[int, str, str]]  # depth, label, anchor
    chapters: list[ChapterView]
    glossary_title: str
    glossary: list[GlossaryGroup]
    glossary_placed: bool
    schedule: ScheduleGrid
    years_note: str | None
    excerpt_note: str | None


# ---------------------------------------------------------------- labels

class Labels:
    def __init__(self, meta: m.PlanMeta):
        self.meta = meta
        as_of = meta.years.eras_as_of
        self.as_of = parse_date(meta.adopted if as_of == "adoption" else as_of)

    def year(self, fy: int) -> str:
        return FiscalYear(fy).label(self.meta.years.style, self.as_of)

    def level(self, depth: int, node: m.PolicyNode) -> str:
        levels = self.meta.levels
        fmt = levels[depth].label if depth < len(levels) else "{number}"
        label = fmt.format(number=node.number or "", title=node.title).strip()
        if "{title}" in fmt:
            return label
        return f"{label} {node.title}".strip() if label else node.title

    def measure(self, number: str) -> str:
        return self.meta.measure.label.format(number=number)

    def mark(self, name: str) -> str:
        for mk in self.meta.marks:
            if mk.name == name:
                return mk.label or mk.name
        return name

    def tag(self, tid: str) -> str:
        for t in self.meta.tags:
            if t.id == tid:
                return t.label
        return tid


# ---------------------------------------------------------------- builder

class _Layout:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.meta = plan.meta.value
        self.labels = Labels(self.meta)
        self.terms: dict[str, m.Term] = {}
        for t in plan.terms:
            self.terms.setdefault(t.value.key, t.value)
        for t in plan.terms:
            self.terms.setdefault(t.value.term, t.value)
        self.nodes = {}
        if plan.policy:
            for n, _, depth, parent in iter_nodes(plan.policy.value.nodes, ()):
                self.nodes[n.key] = (n, depth, parent)
                if n.number:
                    self.nodes.setdefault(n.number, (n, depth, parent))
        self.by_parent: dict[str, list[m.Measure]] = {}
        for x in plan.measures:
            self.by_parent.setdefault(x.value.parent, []).append(x.value)
        self.grid_keys = self._grid_keys()
        self.chapter = 0
        self.notes: dict[str, Footnote] = {}
        self.note_order: list[Footnote] = []
        self.toc: list[tuple[int, str, str]] = []
        self.anchor_seq = 0
        self.glossary_placed = False
        self.policy_placed = False

    # inline text ------------------------------------------------------
    def inline(self, s: str | None, footnotes: bool = True) -> Inline:
        if s is None:
            return []
        out: Inline = []
        for part in text.split(s):
            if isinstance(part, str):
                out.append(part)
                continue
            term = self.terms.get(part.ref)
            if term is None or not footnotes:
                out.append(part.shown)
                continue
            note = self.notes.get(term.key)
            if note is None:
                note = Footnote(len(self.note_order) + 1, term, self.inline(term.definition, footnotes=False))
                self.notes[term.key] = note
                self.note_order.append(note)
            out.append(Ref(part.shown, term, note.number, self.chapter))
        return out

    def anchor(self, prefix: str) -> str:
        self.anchor_seq += 1
        return f"{prefix}-{self.anchor_seq}"

    # blocks -------------------------------------------------------------
    def blocks(self, blocks: list, depth: int) -> list[Node]:
        out: list[Node] = []
        for b in blocks:
            out.extend(self.block(b, depth))
        return out

    def cell(self, c) -> Any:
        return [self.inline(x) for x in c] if isinstance(c, list) else self.inline(c)

    def block(self, b, depth: int) -> list[Node]:
        kind = m.block_kind(b)
        if kind == "p":
            return [Node("p", depth, text=self.inline(b.p))]
        if kind == "section":
            s = b.section
            anchor = self.anchor(f"c{self.chapter + 1}")
            heading = " ".join(x for x in (s.number, s.title) if x)
            if depth <= 1:
                self.toc.append((depth, heading, anchor))
            return [Node("section", depth, title=self.inline(s.title), number=s.number, anchor=anchor,
                         children=self.blocks(s.blocks, depth + 1))]
        if kind == "item":
            it = b.item
            return [Node("item", depth, title=self.inline(it.title), data={"mark": it.mark},
                         children=self.blocks(it.blocks, depth + 1))]
        if kind == "list":
            spec = b.list
            items = spec if isinstance(spec, list) else spec.items
            ordered = False if isinstance(spec, list) else spec.ordered
            return [Node("list", depth, data={"items": [self.cell(i) for i in items], "ordered": ordered})]
        if kind == "table":
            t = b.table
            return [Node("table", depth, title=self.inline(t.caption), data={
                "header": [self.cell(c) for c in t.header] if t.header else None,
                "rows": [[self.cell(c) for c in row] for row in t.rows],
                "row_headers": t.row_headers,
                "notes": [self.inline(n) for n in t.notes],
                "source": self.inline(t.source),
            })]
        if kind == "figure":
            f = b.figure
            return [Node("figure", depth, title=self.inline(f.caption), data={
                "source": self.inline(f.source), "words": [self.inline(w) for w in f.words]})]
        if kind == "note":
            return [Node("note", depth, text=self.inline(b.note))]
        if kind == "signature":
            return [Node("signature", depth, text=self.inline(b.signature))]
        if kind == "policy":
            self.policy_placed = True
            return self.policy(b.policy or m.PolicyView(), depth)
        if kind == "period":
            return [self.period((b.period or m.PeriodView()).caption, depth)]
        if kind == "glossary":
            self.glossary_placed = True
            return [Node("glossary", depth)]
        raise AssertionError(kind)

    def period(self, caption: str | None, depth: int) -> Node:
        p = self.meta.period
        years = list(range(p.start, p.end + 1))
        rows = [[ph.name] + ["●" if ph.start <= y <= ph.end else "" for y in years] for ph in self.meta.phases]
        return Node("table", depth, title=self.inline(caption or "計画期間"), data={
            "header": [""] + [self.labels.year(y) for y in years],
            "rows": rows, "row_headers": True, "notes": [], "source": []})

    # policy tree ------------------------------------------------------------
    def policy(self, view: m.PolicyView, depth: int) -> list[Node]:
        level_names = [lv.name for lv in self.meta.levels]
        shown = set(view.levels) if view.levels is not None else None
        with_text = set(view.text) if view.text is not None else shown
        roots = self.plan.policy.value.nodes if self.plan.policy else []
        base = 0
        if view.under is not None and view.under in self.nodes:
            node, base, _ = self.nodes[view.under]
            roots = [node]
        deepest = max((level_names.index(n) for n in (view.levels or level_names) if n in level_names), default=None)

        def name_of(d: int) -> str | None:
            return level_names[d] if d < len(level_names) else None

        def visit(nodes, d, hdepth) -> list[Node]:
            out: list[Node] = []
            for n in nodes:
                name = name_of(d)
                show = shown is None or name in shown
                inner_depth = hdepth + 1 if show else hdepth
                children = visit(n.children, d + 1, inner_depth)
                if show:
                    anchor = self.anchor(f"c{self.chapter + 1}-p")
                    body = self.blocks(n.blocks, hdepth + 1) if (with_text is None or name in with_text) else []
                    title = view.titles.get(n.key) or view.titles.get(n.number or "")
                    label = self.labels.level(d, n if title is None else n.model_copy(update={"title": title}))
                    node = Node("policy-node", hdepth, title=[label], number=n.number,
                                anchor=anchor, children=body + children, data={"level": name})
                    at_bottom = deepest is None and not n.children or deepest == d
                    if view.measures and at_bottom:
                        node.children.extend(self.measure_list(n, hdepth + 1))
                        if view.schedule:
                            node.children.extend(self.schedule_block(n, hdepth + 1))
                    out.append(node)
                else:
                    out.extend(children)
            return out

        return visit(roots, base, depth)

    def measures_under(self, node: m.PolicyNode) -> list[m.Measure]:
        keys = {node.key, node.number} - {None}
        return [x for k in keys for x in self.by_parent.get(k, [])]

    def measure_list(self, node: m.PolicyNode, depth: int) -> list[Node]:
        measures = self.measures_under(node)
        if not measures:
            return []
        out: list[Node] = []
        if self.meta.measure.list_heading:
            out.append(Node("label", depth, text=self.inline(self.meta.measure.list_heading)))
        for x in measures:
            out.append(self.measure(x, depth))
        return out

    def measure(self, x: m.Measure, depth: int) -> Node:
        lab = self.labels
        body = self.blocks(x.blocks, depth + 1)
        variants = []
        for v in x.variants:
            variants.append(Node("variant", depth + 1, title=self.inline(v.title), number=v.number, data={
                "phase": v.phase, "label": lab.measure(v.number), "marks": [lab.mark(mk) for mk in v.marks],
                "status_heading": self.meta.measure.status_heading.format(phase=v.phase),
                "status": [self.cell(s) for s in v.status], "note": self.inline(v.note)},
                children=self.blocks(v.blocks, depth + 2)))
        fate = None
        if x.fate:
            fate = {"kind": x.fate.kind, "phase": x.fate.phase, "note": self.inline(x.fate.note),
                    "into": x.fate.into}
        return Node("measure", depth, title=self.inline(x.title), number=x.number,
                    anchor=f"measure-{x.id}", children=body, data={
                        "id": x.id, "label": lab.measure(x.number) if x.number else "",
                        "marks": [lab.mark(mk) for mk in x.marks], "class": x.class_,
                        "tags": [lab.tag(t) for t in x.tags], "departments": x.departments,
                        "variants": variants, "fate": fate, "note": self.inline(x.note),
                        "schedule": self.schedule_cells(x)})

    def schedule_cells(self, x: m.Measure) -> list[tuple[str, str]]:
        keys, labels, _ = self.grid_keys
        return [(label, cell_text(x.schedule.get(key))) for key, label in zip(keys, labels) if key in x.schedule]

    def _grid_keys(self) -> tuple[list[str], list[str], bool]:
        """The grid's columns: fiscal years when any measure has a yearly schedule, else phases."""
        yearly = any(k.isdigit() for x in self.plan.measures for k in x.value.schedule)
        if yearly or not self.meta.phases:
            p = self.meta.period
            keys = [str(y) for y in range(p.start, p.end + 1)]
            return keys, [self.labels.year(int(k)) for k in keys], False
        keys = [ph.name for ph in self.meta.phases]
        return keys, list(keys), True

    def schedule_block(self, node: m.PolicyNode, depth: int) -> list[Node]:
        measures = self.measures_under(node)
        if not measures or not any(x.schedule for x in measures):
            return []
        grid = self.grid(measures)
        out = []
        if self.meta.measure.schedule_heading:
            out.append(Node("label", depth, text=self.inline(self.meta.measure.schedule_heading)))
        out.append(Node("schedule", depth, data={"grid": grid}))
        return out

    def grid(self, measures: list[m.Measure]) -> ScheduleGrid:
        keys, labels, by_phase = self.grid_keys
        rows = []
        for x in measures:
            latest = x.variants[-1] if x.variants else None
            if by_phase and not x.schedule:
                cells = [self.phase_cell(x, k) for k in keys]
            else:
                cells = [cell_text(x.schedule.get(k)) for k in keys]
            rows.append(ScheduleRow(
                measure=x, number=latest.number if latest else x.number, title=text.plain(latest.title if latest else x.title),
                marks=[self.labels.mark(mk) for mk in (x.marks + (latest.marks if latest else []))],
                klass=x.class_ or "", tags=[self.labels.tag(t) for t in x.tags],
                departments=list(x.departments), cells=cells))
        return ScheduleGrid(labels, keys, rows, by_phase)

    def phase_cell(self, x: m.Measure, phase: str) -> str:
        for v in x.variants:
            if v.phase == phase:
                return f"{v.number} {text.plain(v.title)}"
        if x.fate and x.fate.phase == phase:
            if x.fate.kind == "abolished":
                return "廃止"
            target = next((y.value for y in self.plan.measures if y.value.id == x.fate.into), None)
            if target is not None:
                tv = next((v for v in target.variants if v.phase == phase), None)
                name = f"{tv.number} {text.plain(tv.title)}" if tv else text.plain(target.title or target.id)
                return f"統合（→{name}）"
            return "統合"
        return ""

    # glossary ---------------------------------------------------------------
    def glossary(self) -> list[GlossaryGroup]:
        g = self.meta.glossary
        kana_groups: dict[str, list[m.Term]] = {}
        latin_groups: dict[str, list[m.Term]] = {}
        seen = set()
        for t in self.plan.terms:
            term = t.value
            if term.key in seen:
                continue
            seen.add(term.key)
            initial = kana.latin_initial(term.term)
            if initial is not None:
                latin_groups.setdefault(g.latin_label or initial, []).append(term)
            else:
                kana_groups.setdefault(kana.row_of(term.reading), []).append(term)
        def latin_key(t: m.Term) -> str:
            return unicodedata.normalize("NFKC", t.term).upper()
        kana_list = [GlossaryGroup(g.group_label.format(row=row), f"glossary-{row}",
                                   self.entries(sorted(kana_groups[row], key=lambda t: (kana.sort_key(t.reading), t.term))))
                     for row in kana.ROWS if row in kana_groups]
        latin_list = [GlossaryGroup(label, f"glossary-latin-{i}", self.entries(sorted(terms, key=latin_key)))
                      for i, (label, terms) in enumerate(sorted(latin_groups.items()))]
        return latin_list + kana_list if g.latin == "first" else kana_list + latin_list

    def entries(self, terms: list[m.Term]):
        out = []
        for t in terms:
            # the reading is shown unless the term already spells it (アクセシビリティー, X（エックス）)
            term = kana.to_hiragana(t.term).replace(" ", "")
            show = not all(part in term for part in kana.to_hiragana(t.reading).replace("・", " ").split())
            out.append((t, self.inline(t.definition, footnotes=False), show))
        return out

    # document ---------------------------------------------------------------
    def document(self) -> Document:
        meta = self.meta
        chapters: list[ChapterView] = []
        for i, ch in enumerate(self.plan.chapters):
            self.chapter = i
            self.notes, self.note_order = {}, []
            c = ch.value
            label = (c.label or "第{number}章").format(number=c.number) if c.number is not None else ""
            heading = f"{label} {c.title}".strip()
            anchor = f"c{i + 1}"
            self.toc.append((0, heading, anchor))
            blocks = self.blocks(c.blocks, 1)
            chapters.append(ChapterView(i, heading, anchor, blocks, list(self.note_order)))
        if self.plan.policy and not self.policy_placed:
            # the plan never said where its tree goes: append it, so no measure is lost
            self.chapter = len(chapters)
            self.notes, self.note_order = {}, []
            anchor = f"c{self.chapter + 1}"
            self.toc.append((0, "施策体系", anchor))
            blocks = self.policy(m.PolicyView(measures=True, schedule=True), 1)
            chapters.append(ChapterView(self.chapter, "施策体系", anchor, blocks, list(self.note_order)))
        toc = self.toc
        lines = []
        if meta.edition and meta.edition not in meta.title:
            lines.append(meta.edition)
        lines.append(f"{month_label(meta.adopted)} 策定")
        for r in meta.revised:
            lines.append(f"{month_label(r.date)} 改訂" + (f"（{r.note}）" if r.note else ""))
        if meta.section:
            lines.append(meta.section)
        p = meta.period
        lines.append(f"計画期間: {self.labels.year(p.start)}～{self.labels.year(p.end)}")
        if meta.upper_plans:
            lines.append("上位計画: " + "、".join(meta.upper_plans))
        return Document(
            plan=self.plan, title=meta.title, subtitle_lines=lines, toc=toc, chapters=chapters,
            glossary_title=meta.glossary.title, glossary=self.glossary(),
            glossary_placed=self.glossary_placed,
            schedule=self.grid([x.value for x in self.plan.measures]),
            years_note=meta.years.note, excerpt_note=meta.excerpt.note if meta.excerpt else None)


def cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, list):
        return "、".join(cell)
    return cell


def layout(plan: Plan) -> Document:
    return _Layout(plan).document()

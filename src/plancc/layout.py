"""Lay a checked plan out as a document (document.py), independent of any output format.

Here the reading order is fixed once for every renderer: chapter by chapter, policy
views expanded in place, footnotes numbered per chapter in order of first reference,
the glossary sorted 50音順 and grouped by kana row, year and phase labels computed, and
every word around the plan's text taken from plan.yaml (`words`, `measure`, `marks` …).
Renderers only turn this tree into their own syntax.
"""

from __future__ import annotations

import unicodedata

from . import document as d
from . import kana, text
from . import model as m
from .fiscal import FiscalYear, month_label, parse_date
from .load import Plan
from .placement import Placement


CHAPTER_LEVEL = 2  # heading levels: the title is 1, chapters 2, their sections 3 …


def issued_date(meta: m.PlanMeta):
    """The day the plan dates from: its adoption, or for a draft or a plan whose source
    does not say when it was adopted, the start of its first fiscal year (adopted by then
    at the latest): from the plan, never the clock. File metadata carries it."""
    return parse_date(meta.adopted or f"{meta.period.start}-04-01")


def updated_date(meta: m.PlanMeta):
    """The day of the plan's last revision, or the day it dates from."""
    return max([issued_date(meta)] + [parse_date(r.date) for r in meta.revised])


def eras_as_of(meta: m.PlanMeta):
    """The day whose known eras label the plan's years (years.eras_as_of): a date given,
    or the day the plan dates from; a draft knows every era known today (None)."""
    as_of = meta.years.eras_as_of
    if as_of != "adoption":
        return parse_date(as_of)
    return None if meta.draft else issued_date(meta)


def adoption_line(meta: m.PlanMeta) -> str | None:
    """The title page's adoption line: the date (words.adopted), words.draft for a draft,
    or None where the source does not say when the plan was adopted."""
    if meta.draft:
        return meta.words.draft
    return meta.words.adopted.format(date=month_label(meta.adopted)) if meta.adopted else None


class Labels:
    """How a plan labels years, levels, measures, marks and tags (all from plan.yaml)."""

    def __init__(self, meta: m.PlanMeta):
        self.meta = meta
        self.as_of = eras_as_of(meta)
        self.marks = {mk.name: mk for mk in meta.marks}
        self.tags = {t.id: t.label for t in meta.tags}

    def year(self, fy: int) -> str:
        return FiscalYear(fy).label(self.meta.years.style, self.as_of)

    def level(self, depth: int, node: m.PolicyNode, title: str) -> str:
        levels = self.meta.levels
        fmt = levels[depth].label if depth < len(levels) else "{number}"
        label = fmt.format(number=node.number or "", title=title).strip()
        if "{title}" in fmt:
            return label
        return f"{label} {title}".strip() if label else title

    def measure(self, number: str) -> str:
        return self.meta.measure.label.format(number=number)

    def mark(self, name: str) -> d.MarkLabel:
        mk = self.marks.get(name)
        label = (mk.label or mk.name) if mk else name
        return d.MarkLabel(label, self.meta.words.mark.format(mark=label), mk.description if mk else None)

    def tag(self, tid: str) -> str:
        return self.tags.get(tid, tid)


def cell_text(cell: m.Cell | None) -> str:
    """A schedule cell as one string: stages of one year joined with 、."""
    if cell is None:
        return ""
    return "、".join(cell) if isinstance(cell, list) else cell


class _Layout:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.meta = plan.meta.value
        self.words = self.meta.words
        self.labels = Labels(self.meta)
        self.placement = Placement(plan)
        self.terms: dict[str, m.Term] = {}
        for t in plan.terms:
            self.terms.setdefault(t.value.key, t.value)
        for t in plan.terms:
            self.terms.setdefault(t.value.term, t.value)
        self.measures = {x.value.id: x.value for x in plan.measures}
        self.progress = None
        if plan.progress:  # only a plan with progress records pays for loading what reads them
            from .progress import Progress

            self.progress = Progress(plan)
        self.grid_keys = self._grid_keys()
        self.chapter = 0
        self.notes: dict[str, d.Footnote] = {}
        self.toc: list[d.TocEntry] = []
        self.anchor_seq = 0
        self.in_item = 0  # inside a run-in heading (■ …, 【…】)

    # inline text ------------------------------------------------------
    def inline(self, s: str | None, footnotes: bool = True) -> d.Inline:
        if s is None:
            return ()
        out: list[str | d.FootnoteRef] = []
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
                note = d.Footnote(len(self.notes) + 1, term.term, self.inline(term.definition, footnotes=False))
                self.notes[term.key] = note
            out.append(d.FootnoteRef(part.shown, self.chapter, note.number))
        return tuple(out)

    def optional(self, s: str | None) -> d.Inline | None:
        return self.inline(s) if s else None

    def cell(self, c: m.Cell) -> d.Cell:
        return tuple(self.inline(x) for x in c) if isinstance(c, list) else (self.inline(c),)

    def anchor(self, prefix: str) -> str:
        self.anchor_seq += 1
        return f"{prefix}-{self.anchor_seq}"

    # blocks: one method per block kind of the authoring format ----------------
    def blocks(self, blocks: list, level: int) -> list[d.Block]:
        out: list[d.Block] = []
        for b in blocks:
            out.extend(getattr(self, "block_" + b.kind)(b, level))
        return out

    def block_p(self, b: m.P, level: int) -> list[d.Block]:
        return [d.Paragraph(self.inline(b.p))]

    def block_section(self, b: m.SectionBlock, level: int) -> list[d.Block]:
        s = b.section
        anchor = self.anchor(f"c{self.chapter + 1}")
        if level == CHAPTER_LEVEL + 1 and not self.in_item:
            heading = " ".join(x for x in (s.number, text.plain(s.title) if s.title else None) if x)
            self.toc.append(d.TocEntry(1, heading, anchor))
        return [d.Section(level, s.number, self.inline(s.title), anchor, self.blocks(s.blocks, level + 1))]

    def block_item(self, b: m.ItemBlock, level: int) -> list[d.Block]:
        # a run-in heading is no heading of the outline: a section inside it is at the level
        # of the item's own siblings (so levels never skip), and not in the contents
        it = b.item
        title = self.inline(it.title)  # before the blocks: footnotes are numbered in reading order
        self.in_item += 1
        blocks = self.blocks(it.blocks, level)
        self.in_item -= 1
        if it.mark == "【】":  # the title is printed in brackets, with no glyph
            return [d.HeadedItem(None, ("【",) + title + ("】",), blocks)]
        return [d.HeadedItem(it.mark, title, blocks)]

    def block_list(self, b: m.ListBlock, level: int) -> list[d.Block]:
        spec = b.list
        items = spec if isinstance(spec, list) else spec.items
        ordered = False if isinstance(spec, list) else spec.ordered
        return [d.BulletList([self.cell(i) for i in items], ordered)]

    def block_table(self, b: m.TableBlock, level: int) -> list[d.Block]:
        t = b.table
        return [d.Table(self.optional(t.caption), [self.cell(c) for c in t.header] if t.header else None,
                        [[self.cell(c) for c in row] for row in t.rows], t.row_headers,
                        [self.inline(n) for n in t.notes], self.optional(t.source))]

    def block_figure(self, b: m.FigureBlock, level: int) -> list[d.Block]:
        f = b.figure
        return [d.Figure(self.inline(f.caption), [self.inline(w) for w in f.words], self.optional(f.source),
                         figure_word=self.words.figure)]

    def block_note(self, b: m.NoteBlock, level: int) -> list[d.Block]:
        return [d.Note(self.inline(b.note))]

    def block_signature(self, b: m.SignatureBlock, level: int) -> list[d.Block]:
        return [d.Signature(self.inline(b.signature))]

    def block_policy(self, b: m.PolicyBlock, level: int) -> list[d.Block]:
        return self.policy(b.policy or m.PolicyView(), level)

    def block_period(self, b: m.PeriodBlock, level: int) -> list[d.Block]:
        caption = (b.period.caption if b.period else None) or self.words.period_table
        p = self.meta.period
        years = list(range(p.start, p.end + 1))
        rows = [[self.cell(ph.name)] + [self.cell("●" if ph.start <= y <= ph.end else "") for y in years]
                for ph in self.meta.phases]
        return [d.Table(self.inline(caption), [self.cell("")] + [self.cell(self.labels.year(y)) for y in years],
                        rows, row_headers=True)]

    def block_glossary(self, b: m.GlossaryBlock, level: int) -> list[d.Block]:
        return [d.Glossary(level, self.glossary())]

    def block_marks(self, b: m.MarksBlock, level: int) -> list[d.Block]:
        out: list[d.Block] = []
        if b.marks and b.marks.caption:
            out.append(d.Paragraph(self.inline(b.marks.caption)))
        items = [(self.inline(self.words.marks_legend.format(description=mk.description, label=mk.label or mk.name)),)
                 for mk in self.meta.marks if mk.description]
        out.append(d.BulletList(items))
        return out

    # policy tree ------------------------------------------------------------
    def policy(self, view: m.PolicyView, level: int) -> list[d.Block]:
        level_names = [lv.name for lv in self.meta.levels]
        shown = set(view.levels) if view.levels is not None else None
        with_text = set(view.text) if view.text is not None else shown
        roots, base = self.placement.roots(view)
        placed = self.placement.measures_of_view(view)

        def name_of(depth: int) -> str | None:
            return level_names[depth] if depth < len(level_names) else None

        headed = set(view.headings) if view.headings is not None else None

        def visit(nodes: list[m.PolicyNode], depth: int, hlevel: int) -> list[d.Block]:
            out: list[d.Block] = []
            for n in nodes:
                name = name_of(depth)
                if not (shown is None or name in shown):
                    out.extend(visit(n.children, depth + 1, hlevel))
                    continue
                # a node the source does not head here: what it holds, at its own level
                headless = headed is not None and not ({n.key, n.number} & headed)
                inner = hlevel if headless else hlevel + 1
                anchor = None if headless else self.anchor(f"c{self.chapter + 1}-p")
                body = self.blocks(n.blocks, inner) if (with_text is None or name in with_text) else []
                title = view.titles.get(n.key) or view.titles.get(n.number or "") or n.title
                heading = None if headless else self.inline(self.labels.level(depth, n, title))
                blocks = body + visit(n.children, depth + 1, inner)
                measures = placed.get(id(n), [])
                if measures:
                    blocks.extend(self.measure_list(measures, inner))
                    if view.schedule:
                        blocks.extend(self.schedule_block(measures))
                if headless:
                    out.extend(blocks)
                else:
                    out.append(d.Section(hlevel, None, heading, anchor, blocks, role="policy-node"))
            return out

        return visit(roots, base, level)

    def measure_list(self, measures: list[m.Measure], level: int) -> list[d.Block]:
        out: list[d.Block] = []
        if self.meta.measure.list_heading:
            out.append(d.Caption(self.inline(self.meta.measure.list_heading)))
        out.extend(self.measure(x, level) for x in measures)
        return out

    def measure(self, x: m.Measure, level: int) -> d.Measure:
        lab, words = self.labels, self.words
        above = self.meta.measure.marks == "above"
        forms: list[d.MeasureForm] = []
        if x.variants:
            for v in x.variants:
                # a phase's 実施状況: the variant's `status`, or the narrative of the phase's progress record
                status = v.status or (self.progress.phase_narrative(x.id, v.phase) if self.progress else [])
                forms.append(d.MeasureForm(
                    f"【{v.phase}】", lab.measure(v.number), self.inline(v.title), [lab.mark(mk) for mk in v.marks],
                    self.meta.measure.status_heading.format(phase=v.phase) if status else None,
                    [self.cell(s) for s in status], self.blocks(v.blocks, level + 1), self.optional(v.note),
                    marks_above=above))
        else:
            forms.append(d.MeasureForm(None, lab.measure(x.number or ""), self.inline(x.title),
                                       [lab.mark(mk) for mk in x.marks], blocks=self.blocks(x.blocks, level + 1),
                                       marks_above=above))
        fate = None
        if x.fate:
            fate = self.inline(x.fate.note) if x.fate.note else (self.fate_word(x, x.fate.phase),)
            if not x.variants and x.fate.phase:
                # variants show up to which phase a measure ran; without them, the fate says when it ended
                fate = (f"【{x.fate.phase}】",) + fate
        facts = []
        if x.class_:
            facts.append(d.Fact(words.class_, [(x.class_,)]))
        if x.tags:
            facts.append(d.Fact(words.tags, [(f"【{lab.tag(t)}】",) for t in x.tags], separator=""))
        if x.departments and not self.placement.in_grid(x):  # the grid's column says them, once
            facts.append(d.Fact(words.departments, [self.inline(dep) for dep in x.departments]))
        if x.schedule and not self.placement.in_grid(x):
            keys, labels, _ = self.grid_keys
            fate_at = self.fate_column(x)
            facts.append(d.Fact(words.schedule, [(f"{label} {cell}",)
                                                 for i, (k, label, cell) in enumerate(zip(keys, labels, self.cells(x)))
                                                 if k in x.schedule or i == fate_at],
                                separator=" ／ "))
        return d.Measure(x.id, level, f"measure-{x.id}", forms, fate, facts, self.optional(x.note), words.note)

    # schedule grid ------------------------------------------------------------
    def _grid_keys(self) -> tuple[list[str], list[str], bool]:
        """The grid's columns: fiscal years when any measure has a yearly schedule, else phases."""
        yearly = any(k.isdigit() for x in self.plan.measures for k in x.value.schedule)
        if yearly or not self.meta.phases:
            p = self.meta.period
            keys = [str(y) for y in range(p.start, p.end + 1)]
            return keys, [self.labels.year(int(k)) for k in keys], False
        keys = [ph.name for ph in self.meta.phases]
        return keys, list(keys), True

    def schedule_block(self, measures: list[m.Measure]) -> list[d.Block]:
        if not any(x.schedule for x in measures):
            return []
        grid = self.grid(measures)
        if self.meta.measure.schedule_heading:  # the plan's heading captions the grid (【スケジュール】)
            grid.caption = text.plain(self.meta.measure.schedule_heading)
        return [d.Schedule(grid)]

    def grid(self, measures: list[m.Measure]) -> d.ScheduleGrid:
        keys, labels, by_phase = self.grid_keys
        rows = []
        for x in measures:
            latest = x.variants[-1] if x.variants else None
            cells = self.cells(x)
            rows.append(d.ScheduleRow(
                id=x.id, anchor=f"measure-{x.id}", number=(latest.number if latest else x.number) or "",
                title=text.plain(x.schedule_title or (latest.title if latest else x.title) or ""),
                marks=[self.labels.mark(mk).label for mk in (x.marks + (latest.marks if latest else []))],
                klass=x.class_ or "", tags=[self.labels.tag(t) for t in x.tags],
                departments=[text.plain(dep) for dep in x.departments], cells=cells))
        style = self.meta.measure
        return d.ScheduleGrid(self.words.schedule, style.schedule_column or style.name, self.words.departments,
                              labels, keys, by_phase, rows)

    def cells(self, x: m.Measure) -> list[str]:
        """A measure's row of the grid: its stages per column, and its fate (廃止, 統合（→…）)
        in the first column of the phase it ended in, with or without variants."""
        keys, _, by_phase = self.grid_keys
        if by_phase and not x.schedule:
            return [self.phase_cell(x, k) for k in keys]
        cells = [cell_text(x.schedule.get(k)) for k in keys]
        at = self.fate_column(x)
        if at is not None and not cells[at]:
            cells[at] = self.fate_word(x, x.fate.phase)
        return cells

    def fate_column(self, x: m.Measure) -> int | None:
        """The grid column where a measure's fate is shown: the first of its fate's phase."""
        if not x.fate or not x.fate.phase:
            return None
        keys, _, by_phase = self.grid_keys
        if by_phase:
            return keys.index(x.fate.phase) if x.fate.phase in keys else None
        phase = next((p for p in self.meta.phases if p.name == x.fate.phase), None)
        return keys.index(str(phase.start)) if phase is not None and str(phase.start) in keys else None

    def phase_cell(self, x: m.Measure, phase: str) -> str:
        for v in x.variants:
            if v.phase == phase:
                return f"{v.number} {text.plain(v.title)}"
        if x.fate and x.fate.phase == phase:
            return self.fate_word(x, phase)
        return ""

    def fate_word(self, x: m.Measure, phase: str | None) -> str:
        if x.fate.kind == "abolished":
            return self.words.abolished
        target = self.measures.get(x.fate.into)
        if target is None:
            return self.words.merged
        tv = next((v for v in target.variants if v.phase == phase), None) or (
            target.variants[-1] if target.variants else None)
        name = f"{tv.number} {text.plain(tv.title)}" if tv else f"{target.number} {text.plain(target.title or '')}"
        return self.words.merged_into.format(target=name.strip())

    # glossary ---------------------------------------------------------------
    def glossary(self) -> list[d.GlossaryGroup]:
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

        def latin_key(t: m.Term) -> tuple[str, str]:
            return unicodedata.normalize("NFKC", t.term).upper(), t.term

        kana_list = [d.GlossaryGroup(g.group_label.format(row=row), f"glossary-{row}",
                                     self.entries(sorted(kana_groups[row], key=lambda t: (kana.sort_key(t.reading), t.term)),
                                                  f"glossary-{row}"))
                     for row in kana.ROWS if row in kana_groups]
        latin_list = [d.GlossaryGroup(label, f"glossary-latin-{i}", self.entries(sorted(terms, key=latin_key),
                                                                                 f"glossary-latin-{i}"))
                      for i, (label, terms) in enumerate(sorted(latin_groups.items()))]
        return latin_list + kana_list if g.latin == "first" else kana_list + latin_list

    def entries(self, terms: list[m.Term], anchor: str) -> list[d.GlossaryEntry]:
        out = []
        for i, t in enumerate(terms, 1):
            # the reading is shown unless the term already spells it (アクセシビリティー, X（エックス）)
            spelled = kana.to_hiragana(t.term).replace(" ", "")
            show = not all(part in spelled for part in kana.to_hiragana(t.reading).replace("・", " ").split())
            # as the source's glossary: every reading, those of terms in Latin letters only, or none
            readings = self.meta.glossary.readings
            printed = readings == "all" or (readings == "latin" and unicodedata.normalize("NFKC", t.term).isascii())
            out.append(d.GlossaryEntry(t.term, t.reading if printed else None, show and printed,
                                       self.inline(t.definition, footnotes=False), f"term-{i}-{anchor}"))
        return out

    # document ---------------------------------------------------------------
    def chapter_view(self, index: int, heading: str, blocks_of, toc_sections: bool = True) -> d.Chapter:
        self.chapter = index
        self.notes = {}
        anchor = f"c{index + 1}"
        self.toc.append(d.TocEntry(0, heading, anchor))
        listed = len(self.toc)
        blocks = blocks_of()
        if not toc_sections:
            del self.toc[listed:]
        return d.Chapter(index, heading, anchor, blocks, list(self.notes.values()),
                         self.words.footnotes.format(chapter=heading))

    def document(self) -> d.Document:
        meta, words = self.meta, self.words
        chapters = [self.chapter_view(i, ch.value.heading, lambda ch=ch: self.blocks(ch.value.blocks, CHAPTER_LEVEL + 1),
                                      ch.value.toc_sections)
                    for i, ch in enumerate(self.plan.chapters)]
        if self.placement.append_policy:
            # the plan never said where its tree goes: append it, so no measure is lost
            chapters.append(self.chapter_view(len(chapters), words.policy,
                                              lambda: self.policy(self.placement.views[0], CHAPTER_LEVEL + 1)))
        if self.placement.append_glossary:
            chapters.append(self.chapter_view(len(chapters), meta.glossary.title,
                                              lambda: [d.Glossary(CHAPTER_LEVEL + 1, self.glossary())]))
        lines = []
        if meta.edition and meta.edition not in meta.title:
            lines.append(meta.edition)
        adoption = adoption_line(meta)
        if adoption:
            lines.append(adoption)
        for r in meta.revised:
            lines.append(words.revised_note.format(date=month_label(r.date), note=r.note) if r.note
                         else words.revised.format(date=month_label(r.date)))
        if meta.section:
            lines.append(meta.section)
        p = meta.period
        lines.append(words.period.format(start=self.labels.year(p.start), end=self.labels.year(p.end)))
        if meta.upper_plans:
            lines.append(words.upper_plans.format(plans="、".join(meta.upper_plans)))
        return d.Document(
            title=meta.title, city=meta.city, lang="ja", subtitle_lines=lines,
            excerpt_note=words.excerpt.format(note=meta.excerpt.note) if meta.excerpt else None,
            years_note=(words.note,) + self.inline(meta.years.note) if meta.years.note else None, toc=self.toc, chapters=chapters,
            schedule=self.grid([x.value for x in self.plan.measures]),
            words=d.Words(words.contents, words.skip_to_main, words.back_to_text, words.note_ref),
            issued=issued_date(meta),
            updated=updated_date(meta))


def layout(plan: Plan) -> d.Document:
    return _Layout(plan).document()

"""The 新旧対照表 as a format-neutral document: rows of the two columns, each a list of
paragraphs and grids whose runs are underlined where they changed (傍線).

Built once from a Report; `render.render_html` and `docx.render_docx` only choose their
syntax. Every word comes from the plans (`taisho:`, `words:`, `measure:` … in plan.yaml,
with documented defaults), none from the reader's locale: the 新旧対照表 is a published
Japanese document.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from .. import model as m
from ..fiscal import month_label, parse_date
from ..layout import Labels, adoption_line
from ..text import plain
from .compare import (KEYED_LISTS, Change, Field, Form, MeasureSide, Report, cell_text, char_diff,
                      view_settings)


# ---------------------------------------------------------------- the document

@dataclass
class Run:
    text: str
    changed: bool = False  # underlined (傍線)


@dataclass
class Para:
    runs: list[Run]
    style: str = "p"  # p | head (a heading line) | item (a list item) | small | omitted | term (a fact's term)


@dataclass
class Grid:
    """A table inside a cell: a schedule, a table of the plan's prose."""

    header: list[list[Run]] | None
    rows: list[list[list[Run]]]


Block = Para | Grid


@dataclass
class Row:
    where: str | None  # the location heading the row (None: a （略） row)
    new: list[Block] = field(default_factory=list)
    old: list[Block] = field(default_factory=list)


@dataclass
class Side:
    label: str  # 改正後 / 改正前
    name: str  # 飯塚市地域情報化計画（2021年3月改訂）
    path: str  # the folder or git revision, in small print


@dataclass
class Taisho:
    title: str
    new: Side
    old: Side
    new_first: bool
    lines: list[str]  # what was compared, what was not
    underline_note: str
    no_changes: str
    rows: list[Row]
    font: str

    @property
    def columns(self) -> tuple[Side, Side]:
        return (self.new, self.old) if self.new_first else (self.old, self.new)

    def cells(self, row: Row) -> tuple[list[Block], list[Block]]:
        return (row.new, row.old) if self.new_first else (row.old, row.new)


# ---------------------------------------------------------------- naming the sides

def plan_title(meta: m.PlanMeta) -> str:
    """The plan's title with its edition (第四次 …) where the title does not carry it."""
    if meta.edition and meta.edition not in meta.title:
        return meta.edition + meta.title
    return meta.title


def side_name(meta: m.PlanMeta, profile: m.Taisho, phase: str | None = None) -> str:
    """A side as the office names it: 飯塚市地域情報化計画（2021年3月改訂）."""
    revised = sorted(r.date for r in meta.revised)
    if meta.draft:  # no date to name it by
        name = f"{plan_title(meta)}（{meta.words.draft}）"
    elif not revised and not meta.adopted:  # adopted, but its source does not say when
        name = plan_title(meta)
    else:
        day = parse_date(revised[-1] if revised else meta.adopted)
        date = profile.date.format(year=day.year, month=day.month)
        template = profile.side if revised else profile.side_adopted
        name = template.format(title=plan_title(meta), date=date)
    return profile.side_phase.format(side=name, phase=phase) if phase else name


def profile_of(report: Report) -> m.Taisho:
    """The new side's 新旧対照表 settings (the revision being decided makes the table)."""
    return (report.new_meta or report.old_meta or m.PlanMeta.model_construct()).taisho


# ---------------------------------------------------------------- plan.yaml settings by name

def _models_in(t) -> tuple[Any, bool]:
    """The model a field's type holds (through Annotated, unions, lists and dicts), and
    whether it holds several of them (a list or a dict, whose items the path keys)."""
    origin = typing.get_origin(t)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(t)[0])
    if origin in (list, dict):
        model, _ = _models_in(typing.get_args(t)[-1])
        return model, model is not None
    if origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(t):
            model, many = _models_in(arg)
            if model is not None:
                return model, many
        return None, False
    return (t, False) if isinstance(t, type) and hasattr(t, "model_fields") else (None, False)


def _item(items: Any, key: str | None, segment: str) -> Any:
    """The item of a list that a path's segment names: by its name or id (KEYED_LISTS),
    else by its position from 1 (as compare._leaves keys them)."""
    if isinstance(items, dict):
        return items.get(segment)
    if not isinstance(items, list):
        return None
    if key:
        return next((x for x in items if isinstance(x, dict) and str(x.get(key)) == segment), None)
    return items[int(segment) - 1] if segment.isdigit() and 0 < int(segment) <= len(items) else None


def _walk_setting(f: Field, data: dict | None) -> tuple[list[str], Any]:
    """The names along a setting's path (see setting_name) and the model's field of its value."""
    names: list[str] = []
    model, many, node, info = m.PlanMeta, False, data, None
    parent: str | None = None
    for depth, segment in enumerate((f.name,) + f.path):
        if many:  # an item of a list (or a dict): no title of its own
            node = _item(node, KEYED_LISTS.get(parent or "") if depth > 1 else None, segment)
            names.append(next((str(node[k]) for k in ("name", "id") if isinstance(node, dict) and node.get(k)),
                              segment))
            many, info = False, None
            continue
        info = next((i for n, i in (model.model_fields.items() if model else ()) if (i.alias or n) == segment), None)
        names.append(info.title if info is not None and info.title else segment)
        node = node.get(segment) if isinstance(node, dict) else None
        model, many = _models_in(info.annotation) if info is not None else (None, False)
        parent = segment
    return names, info


def setting_name(f: Field, data: dict | None = None) -> str:
    """A setting of plan.yaml by the titles the model gives its keys: 年度の表示 > 年度の書き方
    for years.style (the titles an editor shows for them too). An item of a list is named
    by its own name or id in `data` (one side's plan.yaml as the comparison reads it): 印 >
    新規 > 表示する言葉; else by its position. A key without a title is shown as written.
    The titles are Japanese whatever the reader's language (`--lang en` too): they name the
    settings of a Japanese plan, as its editor's schema does."""
    return " > ".join(_walk_setting(f, data)[0])


def _is_token(t) -> bool:
    """Whether a setting's values are tokens (true, era-short, 2018), not text: a change
    replaces the whole value, so the whole of it is underlined."""
    origin = typing.get_origin(t)
    if origin is typing.Annotated:
        return _is_token(typing.get_args(t)[0])
    if origin is typing.Literal:
        return True
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(t) if a is not type(None)]
        return bool(args) and all(_is_token(a) for a in args)
    return t in (bool, int)


# ---------------------------------------------------------------- marking changes

def marked(text: str | None, other: str | None, side: str, compare: bool = True) -> list[Run]:
    """`text` as runs, the characters `other` lacks underlined (side: new or old)."""
    if not text:
        return []
    if not compare:
        return [Run(plain(text))]
    keep = ("equal", "insert") if side == "new" else ("equal", "delete")
    ops = char_diff(other, text) if side == "new" else char_diff(text, other, equal_from="old")
    runs: list[Run] = []
    for op, t in ops:
        if op in keep:
            runs.append(Run(t, op != "equal"))
    return runs


def lines_of(runs: list[Run]) -> list[list[Run]]:
    """Runs split at line breaks: one list of runs per paragraph."""
    out: list[list[Run]] = [[]]
    for r in runs:
        parts = r.text.split("\n")
        for i, p in enumerate(parts):
            if i:
                out.append([])
            if p:
                out[-1].append(Run(p, r.changed))
    return [x for x in out if x]


def paras(text: str | None, other: str | None, side: str, compare: bool = True, style: str = "p") -> list[Para]:
    return [Para(runs, style) for runs in lines_of(marked(text, other, side, compare))]


def whole(text: str | None, changed: bool, style: str = "p") -> list[Para]:
    return [Para([Run(line, changed)], style) for line in plain(text or "").split("\n") if line]


def marked_list(items: list[str], other: list[str], side: str) -> list[list[Run]]:
    """Items of a list, those the other side lacks (or holds elsewhere) underlined."""
    a, b = (other, items) if side == "new" else (items, other)
    changed = set()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            changed.update(range(j1, j2) if side == "new" else range(i1, i2))
    return [[Run(plain(x), i in changed)] for i, x in enumerate(items)]


def joined(items: list[list[Run]], separator: str) -> list[Run]:
    out: list[Run] = []
    for i, runs in enumerate(items):
        if i:
            out.append(Run(separator))
        out.extend(runs)
    return out


# ---------------------------------------------------------------- building

class _Builder:
    def __init__(self, report: Report, profile: m.Taisho):
        self.report = report
        self.profile = profile
        self.metas = {"new": report.new_meta, "old": report.old_meta}
        self.labels = {k: Labels(v) for k, v in self.metas.items() if v is not None}
        # each side's plan.yaml as the comparison reads it: the items of its lists by name
        self.dumps = {k: v.model_dump(mode="json", by_alias=True) if v is not None else None
                      for k, v in self.metas.items()}

    def omitted(self) -> Para:
        return Para([Run(self.profile.omitted)], "omitted")

    def fill(self, row: Row, c: Change, build) -> Row:
        """Both columns of a change: each side built against the other, or the word for
        a new or deleted item."""
        if c.new is not None:
            row.new = build("new", c.new, c.old, c)
        else:
            row.new = [Para([Run(self.profile.removed)])]
        if c.old is not None:
            row.old = build("old", c.old, c.new, c)
        else:
            row.old = [Para([Run(self.profile.added)])]
        return row

    # measures ---------------------------------------------------------------
    def measure_where(self, c: Change) -> str:
        side, which = (c.new, "new") if c.new is not None else (c.old, "old")
        meta = self.metas[which]
        f = side.measure.forms[-1]
        label = meta.measure.label.format(number=f.number or "") if meta else (f.number or "")
        return plain(" ".join(x for x in (label, f.title) if x))

    def measure(self, which: str, side, other, c: Change) -> list[Block]:
        meta = self.metas[which]
        words = meta.words
        labels = self.labels[which]
        ms: MeasureSide = side.measure
        om: MeasureSide | None = other.measure if other is not None else None
        full = om is None  # a new or deleted item is shown in full, underlined
        fields = {(f.name, f.at) for f in c.fields}
        phase_review = bool(self.report.new.get("phase"))
        out: list[Block] = []
        pending = [False]  # a part left out since the last one shown

        def show(flag: bool) -> bool:
            if not flag:
                pending[0] = True
            elif pending[0]:
                out.append(self.omitted())
                pending[0] = False
            return flag

        def changed(name: str, at=None) -> bool:
            return full or (name, at) in fields

        for fl in c.fields:  # an id is no printed word: said in small print where it changed
            if fl.name == "id":
                mine, theirs = (fl.new, fl.old) if which == "new" else (fl.old, fl.new)
                show(True)
                out.append(Para(marked(f"id: {mine}", f"id: {theirs}", which), "small"))
        # where the measure sits is said only when that changed (a new item's heading says it)
        if ms.parent and not full and ("parent", None) in fields:
            show(True)
            out.append(Para(marked(ms.parent, om.parent, which), "small"))
        other_forms = {f.phase: f for f in om.forms} if om else {}
        for f in ms.forms:
            of: Form | None = (om.forms[-1] if phase_review else other_forms.get(f.phase)) if om else None
            at = None if phase_review else f.phase
            if not full and of is None:  # a form only this side has
                show(True)
                out.extend(self.form(f, meta, labels))
                continue
            if f.parent and not full and ("parent", at) in fields:
                show(True)
                out.append(Para(marked(f.parent, of.parent if of else None, which), "small"))
            show(True)  # a form's heading is always shown: it says where the row is
            out.extend(self.form_head(f, of, meta, labels, full, which))
            if f.status:
                # a phase review shows a 前期 form with its 実施状況, as the plan prints it
                both = of is not None and (bool(of.status) or not phase_review)
                if show(full or not both or changed("status", at)):
                    out.append(Para([Run(meta.measure.status_heading.format(phase=f.phase or ""))], "small"))
                    st = "\n".join(f.status)
                    for runs in lines_of(marked(st, "\n".join(of.status) if of else None, which,
                                                compare=both) if not full else [Run(st, True)]):
                        out.append(Para([Run("・")] + runs, "item"))
            if f.text:
                both = of is not None and (bool(of.text) or not phase_review)
                if show(full or not both or changed("text", at)):
                    out.extend(whole(f.text, True) if full else paras(f.text, of.text if of else None, which, both))
            if f.note:
                both = of is not None and (bool(of.note) or not phase_review)
                if show(full or not both or changed("note", at)):
                    out.extend(whole(f.note, True) if full else paras(f.note, of.note if of else None, which, both))
        if ms.marks and show(changed("marks")):
            items, others = self.shown_marks(ms.marks, om.marks if om else [], which)
            out.append(Para(joined([[Run(x, True)] for x in items] if full else marked_list(items, others, which), " "),
                            "small"))
        if ms.klass and show(changed("class")):
            out.append(Para([Run(words.class_, False), Run("　"), Run(ms.klass, True)], "fact"))
        if ms.tags and show(changed("tags")):
            items = [f"【{labels.tag(t)}】" for t in ms.tags]
            others = [f"【{self.labels[self.other(which)].tag(t)}】" for t in om.tags] if om else []
            runs = joined([[Run(x, True)] for x in items] if full else marked_list(items, others, which), "")
            out.append(Para(([Run(words.tags), Run("　")] if words.tags else []) + runs, "fact"))
        if ms.departments and show(changed("departments")):
            items, others = ms.departments, (om.departments if om else [])
            runs = joined([[Run(plain(x), True)] for x in items] if full else marked_list(items, others, which), "、")
            out.append(Para([Run(words.departments), Run("　")] + runs, "fact"))
        if ms.schedule_title and show(changed("schedule_title")):  # the grid's own title for it
            out.append(Para([Run(words.schedule), Run("　")] + (
                marked(ms.schedule_title, om.schedule_title if om else None, which) if not full
                else [Run(plain(ms.schedule_title), True)]), "fact"))
        if ms.schedule and show(full or any(n == "schedule" for n, _ in fields)):
            out.append(Para([Run(words.schedule)], "fact"))
            out.append(self.grid(ms.schedule, om.schedule if om else {}, labels, full, meta))
        if ms.note and show(changed("note")):
            out.append(Para([Run(words.note)] + (marked(ms.note, om.note if om else None, which) if not full
                                                 else [Run(plain(ms.note), True)])))
        if ms.fate is not None and c.kind != "removed":  # a deleted item's fate stands beside （削る）
            shown = ms.fate.shown
            o_shown = om.fate.shown if om and om.fate else None
            if show(full or changed("fate")):
                runs = [Run(plain(shown), True)] if full else marked(shown, o_shown, which)
                out.append(Para([Run("※")] + runs))
        if pending[0]:
            out.append(self.omitted())
        return out

    @staticmethod
    def other(which: str) -> str:
        return "old" if which == "new" else "new"

    def shown_marks(self, mine: list[str], theirs: list[str], which: str) -> tuple[list[str], list[str]]:
        """Marks as each side's words.mark prints them (〔新規〕), for this side and the other."""
        def shown(marks: list[str], side: str) -> list[str]:
            return [s for s in (self.labels[side].mark(x).shown for x in marks) if s]
        return shown(mine, which), (shown(theirs, self.other(which)) if theirs else [])

    def form_head(self, f: Form, of: Form | None, meta: m.PlanMeta, labels: Labels, full: bool, which: str) -> list[Block]:
        label = meta.measure.label
        before, _, after = label.partition("{number}")
        runs = [Run(f"【{f.phase}】"), Run(" ")] if f.phase else []
        runs.append(Run(before))
        if full:
            runs += [Run(f.number or "", True), Run(after), Run(" "), Run(plain(f.title), True)]
        else:
            runs += marked(f.number, of.number if of else None, which) + [Run(after), Run(" ")]
            runs += marked(f.title, of.title if of else None, which)
        if f.marks:
            items, others = self.shown_marks(f.marks, of.marks if of else [], which)
            runs.append(Run(" "))
            runs += joined([[Run(x, True)] for x in items] if full else marked_list(items, others, which), " ")
        return [Para([r for r in runs if r.text], "head")]

    def form(self, f: Form, meta, labels) -> list[Block]:
        out = self.form_head(f, None, meta, labels, True, "new")
        if f.status:
            out.append(Para([Run(meta.measure.status_heading.format(phase=f.phase or ""))], "small"))
            out += [Para([Run("・"), Run(s, True)], "item") for s in f.status]
        out += whole(f.text, True) + whole(f.note, True)
        return out

    def grid(self, cells: dict[str, str], other: dict[str, str], labels: Labels, full: bool,
             meta: m.PlanMeta) -> Grid:
        keys = [str(y) for y in range(meta.period.start, meta.period.end + 1)]
        if not any(k in keys for k in cells):
            keys = [p.name for p in meta.phases]
        keys += [k for k in cells if k not in keys]
        header = [[Run(labels.year(int(k)) if k.isdigit() else k)] for k in keys]
        row = []
        for k in keys:
            v = cells.get(k, "")
            row.append([Run(v, True)] if full and v else
                       [Run(v, v != other.get(k, ""))] if v else [])
        return Grid(header, [row])

    # prose ------------------------------------------------------------------
    def unit(self, which: str, side, other, c: Change) -> list[Block]:
        full = other is None
        meta = self.metas[which]
        if c.type == "table":
            return self.table(side.block, other.block if other is not None else None, which)
        if c.type == "view":
            kind = side.block.kind
            word = {"policy": meta.words.policy, "glossary": meta.glossary.title,
                    "period": meta.words.period_table}.get(kind)
            text = side.text or word or ""
            out = [Para([Run(text, full)])] if text else []
            settings = view_settings(side.block)
            o_settings = view_settings(other.block) if other is not None else None
            if settings:
                out.append(Para(marked(settings, o_settings, which) if not full else [Run(settings, True)], "small"))
            return out
        if c.type == "chapter":
            out = [Para(marked(side.title, other.title if other else None, which) if not full
                        else [Run(plain(side.title), True)], "head")]
            if full:
                out += whole(side.text, True)
            return out
        if c.type in ("section", "item"):
            return [Para(p.runs, "head") for p in (whole(side.text, True) if full else
                                                    paras(side.text, other.text, which))]
        if c.type == "list":
            return [Para(p.runs, "item") for p in (whole(side.text, True) if full else
                                                    paras(side.text, other.text, which))]
        return whole(side.text, True) if full else paras(side.text, other.text, which)

    def table(self, t: m.Table, o: m.Table | None, which: str) -> list[Block]:
        full = o is None
        out: list[Block] = []
        if t.caption:
            out.append(Para(marked(t.caption, o.caption if o else None, which) if not full
                            else [Run(plain(t.caption), True)], "head"))
        for i, n in enumerate(t.notes):
            on = o.notes[i] if o and i < len(o.notes) else None
            out.append(Para([Run("※")] + (marked(n, on, which) if not full else [Run(plain(n), True)]), "small"))
        header = None
        if t.header:
            oh = (o.header or []) if o else []
            header = [marked(cell_text(x), cell_text(oh[c]) if c < len(oh) else None, which) if not full
                      else [Run(plain(cell_text(x)), True)] for c, x in enumerate(t.header)]
        rows_t = [[cell_text(x) for x in row] for row in t.rows]
        rows_o = [[cell_text(x) for x in row] for row in o.rows] if o else []
        a, b = (rows_o, rows_t) if which == "new" else (rows_t, rows_o)
        partner: dict[int, int] = {}
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ["\x00".join(r) for r in a],
                                                          ["\x00".join(r) for r in b], autojunk=False).get_opcodes():
            if op in ("equal", "replace"):
                for k in range(min(i2 - i1, j2 - j1)):
                    if which == "new":
                        partner[j1 + k] = i1 + k
                    else:
                        partner[i1 + k] = j1 + k
        rows = []
        for r, row in enumerate(rows_t):
            orow = rows_o[partner[r]] if r in partner else None
            cells = []
            for c, x in enumerate(row):
                if orow is None:
                    cells.append([Run(plain(x), True)] if x else [])
                else:
                    cells.append(marked(x, orow[c] if c < len(orow) else None, which))
            rows.append(cells)
        out.append(Grid(header, rows))
        if t.source:
            out.append(Para(marked(t.source, o.source if o else None, which) if not full
                            else [Run(plain(t.source), True)], "small"))
        return out

    # goals, terms -----------------------------------------------------------
    def goal(self, which: str, side, other, c: Change) -> list[Block]:
        full = other is None
        head = " ".join(x for x in (side.number, side.title) if x)
        ohead = " ".join(x for x in (other.number, other.title) if x) if other else None
        out: list[Block] = [Para(marked(head, ohead, which) if not full else [Run(plain(head), True)], "head")]
        if full:
            out += whole(side.text, True)
        elif any(f.name == "text" for f in c.fields):
            out += paras(side.text, other.text, which)
        elif side.text:
            out.append(self.omitted())
        for f in c.fields:
            if f.name in ("parent", "id"):
                mine, theirs = (f.new, f.old) if which == "new" else (f.old, f.new)
                if mine:
                    out.append(Para(marked(mine, theirs, which), "small"))
        return out

    def term(self, which: str, side, other, c: Change) -> list[Block]:
        full = other is None
        head = f"{side.title}（{side.reading}）"
        ohead = f"{other.title}（{other.reading}）" if other else None
        out: list[Block] = [Para(marked(head, ohead, which) if not full else [Run(plain(head), True)], "head")]
        if full:
            out += whole(side.text, True)
        elif any(f.name == "definition" for f in c.fields):
            out += paras(side.text, other.text, which)
        else:
            out.append(self.omitted())
        for f in c.fields:
            if f.name == "id":
                mine, theirs = (f.new, f.old) if which == "new" else (f.old, f.new)
                if mine:
                    out.append(Para(marked(f"id: {mine}", f"id: {theirs}" if theirs else None, which), "small"))
        return out

    # plan.yaml --------------------------------------------------------------
    def printed(self, meta: m.PlanMeta, key: str) -> list[str] | None:
        """The lines a plan's title page prints for one setting of plan.yaml, or None."""
        words = meta.words
        labels = Labels(meta)
        if key == "title":
            return [meta.title]
        if key == "city":
            return [meta.city]
        if key == "edition":
            return [meta.edition] if meta.edition else []
        if key == "section":
            return [meta.section] if meta.section else []
        if key in ("adopted", "draft"):  # one line of the title page: the date, or words.draft
            line = adoption_line(meta)
            return [line] if line else []
        if key == "revised":
            return [words.revised_note.format(date=month_label(r.date), note=r.note) if r.note
                    else words.revised.format(date=month_label(r.date)) for r in meta.revised]
        if key == "period":
            return [words.period.format(start=labels.year(meta.period.start), end=labels.year(meta.period.end))]
        if key == "upper_plans":
            return [words.upper_plans.format(plans="、".join(meta.upper_plans))] if meta.upper_plans else []
        if key == "excerpt":
            return [words.excerpt.format(note=meta.excerpt.note)] if meta.excerpt else []
        return None

    def setting(self, which: str, side, other, c: Change) -> list[Block]:
        meta, ometa = self.metas[which], self.metas[self.other(which)]
        lines = self.printed(meta, c.id)
        if lines is not None:
            olines = self.printed(ometa, c.id) or []
            return paras("\n".join(lines), "\n".join(olines), which)
        out: list[Block] = []
        data = self.dumps[which]
        for f in c.fields:
            mine, theirs = (f.new, f.old) if which == "new" else (f.old, f.new)
            text = lambda v: "、".join(v) if isinstance(v, list) else ("" if v is None else str(v))
            if mine is None:
                continue
            # by its name in the model, not its key: the table is read at 決裁 and in council
            names, info = _walk_setting(f, data)
            if info is not None and _is_token(info.annotation):
                runs = [Run(text(mine), theirs != mine)]
            else:
                runs = marked(text(mine), text(theirs) if theirs is not None else None, which)
            out.append(Para([Run(" > ".join(names) + ": ")] + runs))
        return out

    # the whole table ---------------------------------------------------------
    def rows(self) -> list[Row]:
        out: list[Row] = []
        # a key no document prints (the source file transcribed) is not the council's to decide
        plan_rows = [c for c in self.report.changes if c.type == "plan" and c.id not in m.PlanMeta.UNPRINTED]
        if any(c.id == "adopted" for c in plan_rows):  # both print the one adoption line
            plan_rows = [c for c in plan_rows if c.id != "draft"]
        if plan_rows:
            title = self.metas["new"].title if self.metas["new"] else ""
            out.append(Row(title))
            for c in plan_rows:
                out.append(self.fill(Row(""), c, self.setting))
        for c in self.report.changes:
            if c.type == "plan":
                continue
            if c.type == "measure":
                row = self.fill(Row(self.measure_where(c)), c, self.measure)
                fate = c.old.measure.fate if c.kind == "removed" else None
                if fate is not None:
                    row.new.append(Para([Run("※"), Run(plain(fate.shown))]))
                out.append(row)
            elif c.type == "goal":
                out.append(self.fill(Row(f"{c.where} > " + " ".join(x for x in ((c.new or c.old).number,
                                                                           plain((c.new or c.old).title or "")) if x)),
                                     c, self.goal))
            elif c.type == "term":
                out.append(self.fill(Row(f"{c.where} > {plain((c.new or c.old).title or '')}"), c, self.term))
            else:
                if c.gap_before:
                    out.append(Row(None, [self.omitted()], [self.omitted()]))
                out.append(self.fill(Row(c.where), c, self.unit))
                if c.gap_after:
                    out.append(Row(None, [self.omitted()], [self.omitted()]))
        return _merge_headings(out)


def _merge_headings(rows: list[Row]) -> list[Row]:
    """A location is headed once: rows in a run under the same heading share it."""
    last = None
    for r in rows:
        if r.where is None and not (r.new or r.old):
            continue
        if r.where and r.where == last and r.where != "":
            r.where = ""
        elif r.where:
            last = r.where
        elif r.where is None:  # a （略） row: the next change is headed again
            last = None
    return rows


def build(report: Report, columns: str | None = None, labels: tuple[str, str] | None = None) -> Taisho:
    """The 新旧対照表 of a report; `columns` and `labels` (new, old) override plan.yaml."""
    profile = profile_of(report)
    new_label, old_label = labels or (profile.new, profile.old)
    b = _Builder(report, profile)
    new_meta = report.new_meta
    old_meta = report.old_meta
    new = Side(new_label, side_name(new_meta, profile, report.new.get("phase")), report.new["path"])
    old = Side(old_label, side_name(old_meta, profile, report.old.get("phase")), report.old["path"])
    lines = [profile.compared.format(parts="、".join(report.compared))]
    if report.not_compared:
        lines.append(profile.not_compared.format(parts="、".join(report.not_compared)))
    return Taisho(profile.title.format(title=plan_title(new_meta)), new, old, (columns or profile.columns) == "new-old",
                  lines, profile.underline_note, profile.no_changes, b.rows(), profile.font)

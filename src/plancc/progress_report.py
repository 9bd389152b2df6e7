"""Lay out a plan's progress report (progress.md, progress.html, progress.csv) as a
document (document.py) that the plan's renderers render like any other.

Everything is counted by progress.py, once; this module only arranges it, in the order
取手市's 第四次計画 publishes it (図表21/22) and then in more detail:

1. the latest period: measures by status and by direction, counts and shares, with the
   vocabulary's definitions as the note;
2. the same per policy node of the counted level (目標), with the on-track share;
3. the periods side by side (when there are several);
4. a measure × period grid of statuses;
5. each indicator against its targets;
6. what each measure's records say (実施状況), by policy node.

Each chart is a `Chart` that carries its data table, so nothing is only in a picture.
Every word comes from plan.yaml (`words.progress_*`, the vocabularies, `levels`).
"""

from __future__ import annotations

from . import document as d
from . import model as m
from . import progress as prog
from . import text
from .layout import CHAPTER_LEVEL, _Layout, issued_date, updated_date
from .placement import iter_nodes


def _plain(cell: d.Cell) -> str:
    return "／".join(d.plain_text(line) for line in cell)


def describe(table: d.Table) -> str:
    """A table's data in words, row by row: the chart's description for assistive technology."""
    header = [_plain(c) for c in table.header] if table.header else []
    rows = []
    for row in table.rows:
        cells = [_plain(c) for c in row]
        rest = [f"{h} {c}".strip() for h, c in zip(header[1:], cells[1:])] if header else cells[1:]
        rows.append(f"{cells[0]}：{'、'.join(rest)}")
    return "。".join(rows)


class _Report:
    def __init__(self, plan):
        self.plan = plan
        self.lay = _Layout(plan)
        self.progress = self.lay.progress or prog.Progress(plan)
        self.meta: m.PlanMeta = plan.meta.value
        self.words = self.meta.words
        self.style = self.meta.progress
        self.toc: list[d.TocEntry] = []
        levels = self.meta.levels
        self.level_name = levels[self.progress.level].name if self.progress.level < len(levels) else ""

    # words ------------------------------------------------------------------
    def label(self, period: prog.Period) -> str:
        return prog.period_label(self.meta, period)

    def share(self, count: int, percent: int | None) -> str:
        return self.words.progress_share.format(count=count, percent="-" if percent is None else percent)

    def c(self, s: str) -> d.Cell:
        return (self.lay.inline(s, footnotes=False),)

    def node_label(self, node: prog.Node) -> str:
        return text.plain(self.lay.labels.level(node.depth, node.node, node.node.title))

    def measure_label(self, x: m.Measure, period: prog.Period | None = None) -> str:
        number, title = prog.latest_form(x) if period is None else prog.form_in(self.meta, x, period)[:2]
        return " ".join(p for p in (self.lay.labels.measure(number) if number else "", text.plain(title)) if p)

    def status_names(self) -> list[str]:
        return [s.name for s in self.style.statuses]

    def direction_names(self) -> list[str]:
        return [dn.label or dn.name for dn in self.style.directions]

    def on_track_label(self) -> str | None:
        names = [s.name for s in self.style.statuses if s.on_track]
        return self.words.progress_on_track.format(statuses="・".join(names)) if names else None

    def chart(self, form: str, table: d.Table, categories: list[str], series: list[d.ChartSeries],
              labels: list[list[str]]) -> d.Chart:
        return d.Chart(self.lay.anchor("chart"), form, d.plain_text(table.caption or ()), describe(table),
                       categories, series, labels, table)

    def definitions(self, heading: str, words: list) -> list[d.Inline]:
        defined = [w for w in words if w.definition]
        if not defined:
            return []
        return [self.lay.inline(self.words.progress_definitions.format(name=heading), footnotes=False)] + [
            self.lay.inline(self.words.progress_definition.format(name=w.name, definition=w.definition),
                            footnotes=False) for w in defined]

    # 1. the latest period -------------------------------------------------------
    def vocabulary_table(self, heading: str, names: list[str], counts: list[int], shares: list[int] | None,
                         notes: list[d.Inline]) -> d.Chart:
        w = self.words
        rows, cats, values, labels = [], [], [], []
        entries = list(zip(names + [w.progress_unreported], counts, shares or [None] * len(counts)))
        for i, (name, count, pct) in enumerate(entries):
            if i == len(names) and count == 0:
                continue  # no measure without a record: no row for it
            rows.append([self.c(name), self.c(self.share(count, pct))])
            cats.append(name)
            values.append(float(count))
            labels.append(self.share(count, pct))
        total = sum(counts)
        rows.append([self.c(w.progress_total), self.c(self.share(total, 100 if total else None))])
        table = d.Table(self.lay.inline(heading, footnotes=False), [self.c(heading), self.c(w.progress_count)], rows,
                        row_headers=True, notes=notes, note_mark="")
        return self.chart("bars", table, cats, [d.ChartSeries(w.progress_count, values)], [labels])

    def latest(self, summary: prog.PeriodSummary) -> list[d.Block]:
        w, t = self.words, summary.overall
        out: list[d.Block] = []
        if self.style.statuses:
            out.append(self.vocabulary_table(w.progress_status, self.status_names(), t.status, t.status_shares,
                                             self.definitions(w.progress_status, self.style.statuses)))
        if self.style.directions and summary.has_directions:
            out.append(self.vocabulary_table(w.progress_direction, self.direction_names(), t.direction,
                                             t.direction_shares,
                                             self.definitions(w.progress_direction, self.style.directions)))
        return out

    # 2. and 3. tallies side by side: per node, per period ------------------------------
    def tally_table(self, caption: str, first: str, rows_in: list[tuple[str, prog.Tally]]) -> d.Chart:
        """Rows of tallies (per node or per period): counts and shares by status, the
        on-track share; and a 100 % bar per row."""
        w = self.words
        names = self.status_names()
        with_unreported = any(t.status[-1] for _, t in rows_in)
        cols = names + ([w.progress_unreported] if with_unreported else [])
        on_track = self.on_track_label()
        header = [self.c(first), self.c(w.progress_count)] + [self.c(n) for n in cols] + (
            [self.c(on_track)] if on_track else [])
        rows, series_values = [], [[] for _ in cols]
        labels: list[list[str]] = [[] for _ in cols]
        for name, t in rows_in:
            pcts = t.status_shares or [None] * len(t.status)
            cells = [self.c(name), self.c(str(t.measures))]
            for i in range(len(cols)):
                cells.append(self.c(self.share(t.status[i], pcts[i])))
                series_values[i].append(float(pcts[i]) if pcts[i] is not None else None)
                labels[i].append(self.share(t.status[i], pcts[i]) if t.status[i] else "")
            if on_track:
                cells.append(self.c(self.share(t.on_track_count, t.on_track_share)))
            rows.append(cells)
        table = d.Table(self.lay.inline(caption, footnotes=False), header, rows, row_headers=True)
        return self.chart("stacked", table, [n for n, _ in rows_in],
                          [d.ChartSeries(n, v) for n, v in zip(cols, series_values)], labels)

    def by_node(self, summary: prog.PeriodSummary) -> list[d.Block]:
        if not summary.nodes or not self.style.statuses:
            return []
        caption = self.words.progress_by_node.format(level=self.level_name)
        rows = [(self.node_label(n), t) for n, t in summary.nodes] + [(self.words.progress_total, summary.overall)]
        return [self.tally_table(caption, self.level_name, rows)]

    def history(self) -> list[d.Block]:
        if len(self.progress.periods) < 2 or not self.style.statuses:
            return []
        rows = [(self.label(p), self.progress.summary(p).overall) for p in self.progress.periods]
        return [self.tally_table(self.words.progress_history, self.words.progress_period, rows)]

    # 4. the grid ------------------------------------------------------------------
    def grid(self) -> list[d.Block]:
        if not self.style.statuses:
            return []
        periods = self.progress.periods
        header = [self.c(self.meta.measure.schedule_column or self.meta.measure.name)] + [
            self.c(self.label(p)) for p in periods]
        rows = []
        for x in self.progress.measures.values():
            cells, shown = [], False
            end = prog.end_of(self.meta, x)
            for p in periods:
                r = self.progress.record(x.id, p)
                if r is not None:
                    cells.append(self.c(r.status or ""))
                    shown = True
                elif end is not None and p.start >= end:
                    cells.append(self.c(self.lay.fate_word(x, x.fate.phase)))
                elif prog.live_in(self.meta, x, p):
                    # a period that ought to report on the measure and does not: said, not left blank
                    cells.append(self.c(self.words.progress_unreported))
                    shown = True
                else:  # not started yet
                    cells.append(self.c(""))
            if shown:
                rows.append([self.c(self.measure_label(x))] + cells)
        return [d.Table(self.lay.inline(self.words.progress_grid, footnotes=False), header, rows, row_headers=True)]

    # 5. indicators ------------------------------------------------------------------
    def indicators(self) -> list[d.Block]:
        w = self.words
        out: list[d.Block] = []
        for x, name, unit, rows_in in self.progress.indicators():
            caption = f"{self.measure_label(x)} {name}"
            header = [self.c(w.progress_period), self.c(f"{w.progress_target}（{unit}）"),
                      self.c(f"{w.progress_actual}（{unit}）")]
            rows, cats, targets, actuals = [], [], [], []
            for period, ind in rows_in:
                rows.append([self.c(self.label(period)), self.c(ind.target or ""), self.c(ind.actual or "")])
                cats.append(self.label(period))
                targets.append(float(prog.amount(ind.target)) if ind.target is not None else None)
                actuals.append(float(prog.amount(ind.actual)) if ind.actual is not None else None)
            table = d.Table(self.lay.inline(caption, footnotes=False), header, rows, row_headers=True)
            out.append(self.chart("grouped", table, cats,
                                  [d.ChartSeries(w.progress_target, targets),
                                   d.ChartSeries(w.progress_actual, actuals)],
                                  [[i.target or "" for _, i in rows_in], [i.actual or "" for _, i in rows_in]]))
        return out

    # 6. the records ------------------------------------------------------------------
    def record_table(self, x: m.Measure) -> d.Table | None:
        w = self.words
        with_status = bool(self.style.statuses)
        with_direction = any((r := self.progress.record(x.id, p)) is not None and r.direction
                             for p in self.progress.periods)
        header = [self.c(w.progress_period)] + ([self.c(w.progress_status)] if with_status else []) + (
            [self.c(w.progress_direction)] if with_direction else []) + [self.c(w.progress_narrative)]
        rows = []
        for p in self.progress.periods:
            r = self.progress.record(x.id, p)
            if r is None:
                continue
            narrative = ([r.narrative] if isinstance(r.narrative, str) else list(r.narrative or []))
            lines = tuple(self.lay.inline(line if isinstance(line, str) else "／".join(line), footnotes=False)
                          for line in narrative) or ((),)
            rows.append([self.c(self.label(p))] + ([self.c(r.status or "")] if with_status else []) + (
                [self.c(r.direction or "")] if with_direction else []) + [lines])
        if not rows:
            return None
        return d.Table(None, header, rows, row_headers=True)

    def records(self, level: int) -> list[d.Block]:
        latest = self.progress.latest
        groups: dict[str, list[m.Measure]] = {}
        nodes: dict[str, prog.Node] = {}
        loose: list[m.Measure] = []
        summary = self.progress.summary(latest)
        for n, _ in summary.nodes:
            nodes[n.key] = n
        for x in self.progress.measures.values():
            if not any(self.progress.record(x.id, p) for p in self.progress.periods):
                continue
            node = self.progress.node_of(x, latest)
            if node is not None and node.key in nodes:
                groups.setdefault(node.key, []).append(x)
            elif node is not None:
                depth = self.progress.depth(node.key)
                nodes[node.key] = prog.Node(node.key, node, depth)
                groups.setdefault(node.key, []).append(x)
            else:
                loose.append(x)

        def measure_sections(measures: list[m.Measure], hlevel: int) -> list[d.Block]:
            out: list[d.Block] = []
            for x in measures:
                table = self.record_table(x)
                out.append(d.Section(hlevel, None, self.lay.inline(self.measure_label(x), footnotes=False),
                                     self.lay.anchor("record"), [table] if table else []))
            return out

        out: list[d.Block] = []
        order = [n for n, _, _, _ in iter_nodes(self.plan.policy.value.nodes, ())] if self.plan.policy else []
        for n in order:
            if n.key in groups and self.progress.nodes.get(n.key) is n:
                node = nodes[n.key]
                anchor = self.lay.anchor("node")
                label = self.node_label(node)
                self.toc.append(d.TocEntry(1, label, anchor))
                out.append(d.Section(level, None, self.lay.inline(label, footnotes=False), anchor,
                                     measure_sections(groups.pop(n.key), level + 1), role="policy-node"))
        return out + measure_sections(loose, level)

    # the document -----------------------------------------------------------------
    def add(self, heading: str, blocks_of) -> None:
        """A chapter, when it has anything to show (its sections' contents entries follow its own)."""
        index = len(self.chapters)
        anchor = f"c{index + 1}"
        self.lay.chapter = index
        mark = len(self.toc)
        self.toc.append(d.TocEntry(0, heading, anchor))
        blocks = blocks_of()
        if not blocks:
            del self.toc[mark:]
            return
        self.chapters.append(d.Chapter(index, heading, anchor, blocks, [],
                                       self.words.footnotes.format(chapter=heading)))

    def document(self) -> d.Document:
        w, meta = self.words, self.meta
        latest = self.progress.latest
        summary = self.progress.summary(latest)
        self.chapters: list[d.Chapter] = []
        self.add(w.progress_summary.format(period=self.label(latest)), lambda: self.latest(summary))
        self.add(w.progress_by_node.format(level=self.level_name), lambda: self.by_node(summary))
        self.add(w.progress_history, self.history)
        self.add(w.progress_grid, self.grid)
        self.add(w.progress_indicators, self.indicators)
        self.add(w.progress_records, lambda: self.records(CHAPTER_LEVEL + 1))
        lines = [meta.title]
        if meta.section:
            lines.append(meta.section)
        p = meta.period
        lines.append(w.period.format(start=prog.year_label(meta, p.start), end=prog.year_label(meta, p.end)))
        lines.append(w.progress_as_of.format(period=self.label(latest)))
        return d.Document(
            title=w.progress_title.format(title=meta.title), city=meta.city, lang="ja", subtitle_lines=lines,
            excerpt_note=None, years_note=None,
            toc=self.toc, chapters=self.chapters, schedule=self.lay.grid([x.value for x in self.plan.measures]),
            words=d.Words(w.contents, w.skip_to_main, w.back_to_text, w.note_ref), progress=self.data(),
            issued=issued_date(meta),
            updated=updated_date(meta))

    def data(self) -> d.ProgressData:
        rows, indicators = [], []
        for p in self.progress.periods:
            year, phase = (str(p.year), "") if p.year is not None else ("", p.phase or "")
            for x in self.progress.measures.values():
                r = self.progress.record(x.id, p)
                if r is None:
                    continue
                number, title, _ = prog.form_in(self.meta, x, p)
                node = self.progress.node_of(x, p)
                depth = self.progress.depth(node.key) if node is not None else 0
                narrative = [r.narrative] if isinstance(r.narrative, str) else list(r.narrative or [])
                rows.append(d.ProgressRow(
                    x.id, number, text.plain(title),
                    self.node_label(prog.Node(node.key, node, depth)) if node is not None else "", year, phase,
                    r.status or "", r.direction or "",
                    "\n".join(text.plain(n if isinstance(n, str) else "／".join(n)) for n in narrative)))
                for ind in r.indicators:
                    indicators.append(d.IndicatorRow(x.id, year, phase, ind.name, ind.unit or "", ind.target or "",
                                                     ind.actual or ""))
        return d.ProgressData(self.words.progress_title.format(title=self.meta.title), rows, indicators)


def progress_report(plan) -> d.Document | None:
    """The plan's progress report, or None when it has no progress records."""
    if not plan.progress or not prog.entries(plan):
        return None
    return _Report(plan).document()

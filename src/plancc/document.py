"""The laid-out document: typed, format-neutral, final. Every renderer reads this.

layout.py builds it from a checked plan. Everything a reader will see is decided here:
reading order, headings and their levels, footnote numbers, labels and the words
around them (all from plan.yaml), schedule cells. A renderer only chooses its syntax
and escapes: it visits each block with one method per block kind (see `Visitor`) and
spells no word of its own.

Text comes in two kinds:

- `Inline`: text a plan supplies, as inline Markdown, with footnote references. A
  renderer passes it through its format's escaper for rich text.
- `str`: a label or value (a number, a year label, a department): plain text that a
  renderer escapes as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Generic, TypeVar, Union


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote reference placed after the words it annotates."""

    shown: str  # the words in the running text
    chapter: int  # index of the chapter whose notes hold it
    number: int  # the note's number within that chapter


Inline = tuple[Union[str, FootnoteRef], ...]
"""Rich text as runs: inline Markdown written by the plan, and footnote references."""

Cell = tuple[Inline, ...]
"""A table cell or list item: one line, or several lines / bullets in one cell."""


def plain_text(text: Inline) -> str:
    """The words of rich text without its footnote references (for CSV and titles)."""
    return "".join(r if isinstance(r, str) else r.shown for r in text)


# ---------------------------------------------------------------- blocks

class Block:
    kind: ClassVar[str]


@dataclass
class Paragraph(Block):
    kind: ClassVar[str] = "paragraph"
    text: Inline


@dataclass
class Section(Block):
    """A heading and what it holds: a chapter's section, a policy node."""

    kind: ClassVar[str] = "section"
    level: int  # 1 = chapter heading, 2 = its sections …
    number: str | None
    title: Inline
    anchor: str
    blocks: list[Block] = field(default_factory=list)
    role: str = "section"  # section | policy-node: a hint for styling only


@dataclass
class HeadedItem(Block):
    """A bold run-in heading (■ データの利活用, 【取組み事項】) and its text."""

    kind: ClassVar[str] = "item"
    mark: str | None  # a glyph before the title (■ ● ○); None when the title carries its own brackets
    title: Inline
    blocks: list[Block] = field(default_factory=list)


@dataclass
class BulletList(Block):
    kind: ClassVar[str] = "list"
    items: list[Cell]
    ordered: bool = False


@dataclass
class Table(Block):
    kind: ClassVar[str] = "table"
    caption: Inline | None
    header: list[Cell] | None
    rows: list[list[Cell]]
    row_headers: bool = False
    notes: list[Inline] = field(default_factory=list)
    source: Inline | None = None
    note_mark: str = "※"


@dataclass
class Figure(Block):
    """A figure whose image is not in the text: its caption, the words it carries, its source."""

    kind: ClassVar[str] = "figure"
    caption: Inline
    words: list[Inline] = field(default_factory=list)
    source: Inline | None = None
    figure_word: str = "図"


@dataclass
class Note(Block):
    kind: ClassVar[str] = "note"
    text: Inline
    mark: str = "※"


@dataclass
class Signature(Block):
    kind: ClassVar[str] = "signature"
    text: Inline


@dataclass
class Caption(Block):
    """A bold line introducing what follows (【取組み事項】, 【スケジュール】, a status heading)."""

    kind: ClassVar[str] = "caption"
    text: Inline


@dataclass(frozen=True)
class MarkLabel:
    """A measure's mark: its words (HTML boxes them), and as text formats print them
    after the heading (words.mark: 〔新規〕)."""

    label: str
    shown: str
    description: str | None = None


@dataclass
class Fact:
    """One line of a measure's facts: a term (分類, 担当課等 …) and its values; a fact
    without a term (None) prints its values alone."""

    term: str | None
    values: list[Inline]
    separator: str = "、"


@dataclass
class MeasureForm:
    """A measure as one phase shows it (or its only form): heading, status, text."""

    phase: str | None  # "【前期】" for a phase variant, else None
    label: str  # "個別施策 1-3-3", "■1-1-1"
    title: Inline
    marks: list[MarkLabel]
    status_heading: str | None = None
    status: list[Cell] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    note: Inline | None = None
    note_mark: str = "※"
    marks_above: bool = False  # the marks on a line above the heading (measure.marks: above)


@dataclass
class Measure(Block):
    kind: ClassVar[str] = "measure"
    id: str
    level: int
    anchor: str
    forms: list[MeasureForm]
    fate: Inline | None = None  # what became of it (廃止, 統合（→…）), with the plan's note
    facts: list[Fact] = field(default_factory=list)
    note: Inline | None = None
    note_label: str = "（注）"
    fate_mark: str = "※"


@dataclass
class ScheduleRow:
    id: str
    anchor: str
    number: str
    title: str
    marks: list[str]
    klass: str
    tags: list[str]
    departments: list[str]
    cells: list[str]


@dataclass
class ScheduleGrid:
    """The schedule as a grid: one row per measure, one column per fiscal year or phase."""

    caption: str
    measure_column: str  # the first column's heading: the plan's word for a measure
    departments_column: str
    columns: list[str]  # labels of the year/phase columns
    keys: list[str]  # the schedule keys behind the columns ("2018", "前期")
    by_phase: bool
    rows: list[ScheduleRow]


@dataclass
class Schedule(Block):
    kind: ClassVar[str] = "schedule"
    grid: ScheduleGrid


@dataclass
class GlossaryEntry:
    term: str
    reading: str | None  # None: the plan does not print this one (glossary.readings)
    show_reading: bool  # False when the term already spells its reading, or readings are not printed
    definition: Inline
    anchor: str


@dataclass
class GlossaryGroup:
    label: str
    anchor: str
    entries: list[GlossaryEntry]


@dataclass
class Glossary(Block):
    kind: ClassVar[str] = "glossary"
    level: int
    groups: list[GlossaryGroup]


@dataclass
class ChartSeries:
    name: str  # the legend's word for it (a status, 目標, 実績)
    values: list[float | None]  # one per category; None: no value


@dataclass
class Chart(Block):
    """A chart drawn from data that a table beside it holds in full: the chart is for the
    eye, the table (and the chart's description) for everyone, so nothing is chart-only.

    forms: `bars` (one horizontal bar per category, one series), `stacked` (one 100 %
    bar per category, one segment per series: values are whole percents), `grouped`
    (per category one bar per series).
    """

    kind: ClassVar[str] = "chart"
    anchor: str
    form: str
    title: str  # what the chart shows (its table's caption)
    description: str  # the data in words, for assistive technology
    categories: list[str]
    series: list[ChartSeries]
    value_labels: list[list[str]]  # per series, per category: the value as printed ("22（50％）")
    table: Table


# ---------------------------------------------------------------- open data of the progress report

@dataclass
class ProgressRow:
    measure_id: str
    number: str
    title: str
    node: str  # the policy node it is counted under (目標1 …)
    fiscal_year: str
    phase: str
    status: str
    direction: str
    narrative: str  # lines joined with newlines


@dataclass
class IndicatorRow:
    measure_id: str
    fiscal_year: str
    phase: str
    indicator: str
    unit: str
    target: str
    actual: str


@dataclass
class ProgressData:
    title: str
    rows: list[ProgressRow]
    indicators: list[IndicatorRow]


# ---------------------------------------------------------------- the document

@dataclass
class Footnote:
    number: int
    term: str
    definition: Inline
    separator: str = "："


@dataclass
class Chapter:
    index: int
    heading: str
    anchor: str
    blocks: list[Block]
    footnotes: list[Footnote]
    footnotes_label: str  # e.g. "第1章 はじめにの注", for assistive technology


@dataclass
class TocEntry:
    level: int  # 0 = chapter, 1 = section
    label: str
    anchor: str


@dataclass
class Words:
    """Words of the page frame itself, from plan.yaml's `words`."""

    contents: str
    skip_to_main: str
    back_to_text: str  # with {number}
    note_ref: str  # with {number}: how a reference is read aloud


@dataclass
class Document:
    title: str
    city: str
    lang: str
    subtitle_lines: list[str]
    excerpt_note: str | None
    years_note: Inline | None
    toc: list[TocEntry]
    chapters: list[Chapter]
    schedule: ScheduleGrid  # every measure, for the CSV outputs
    words: Words
    issued: date  # adopted (the first of its month when plan.yaml gives no day)
    updated: date  # last revised, else adopted: file metadata (PDF, Word, Excel), never the clock
    footnote_mark: str = "※"
    progress: ProgressData | None = None  # the progress report's records, for its CSV outputs


# ---------------------------------------------------------------- visiting

R = TypeVar("R")


class Visitor(Generic[R]):
    """One method per block kind: `visit_paragraph`, `visit_section`, …

    A renderer subclasses it; a block kind it does not handle is a programming error,
    reported at once rather than rendered as nothing.
    """

    def visit(self, block: Block) -> R:
        method = getattr(self, "visit_" + block.kind, None)
        if method is None:
            raise NotImplementedError(f"{type(self).__name__} does not render {block.kind} blocks")
        return method(block)

    def visit_all(self, blocks: list[Block]) -> list[R]:
        return [self.visit(b) for b in blocks]


BLOCK_TYPES: tuple[type[Block], ...] = (Paragraph, Section, HeadedItem, BulletList, Table, Figure, Note,
                                        Signature, Caption, Measure, Schedule, Glossary, Chart)

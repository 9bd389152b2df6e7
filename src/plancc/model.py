"""The authoring format as pydantic models: one model per file kind, blocks for prose.

See docs/authoring.md. Models check the shape of one file; cross-references between
files are the business of check.py.
"""

from __future__ import annotations

import re
import string
from datetime import date
from typing import Annotated, Any, ClassVar, Iterator, Literal, Union

from pydantic import (AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag,
                      model_validator)
from pydantic_core import PydanticCustomError

NUMBER_RE = re.compile(r"^[0-9]+(-[0-9]+)*$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


def _number(v: str) -> str:
    if not NUMBER_RE.match(v):
        raise PydanticCustomError("number_format", "a number is written with half-width digits and hyphens, like 1-2-3")
    return v


def _measure_id(v: str) -> str:
    if not ID_RE.match(v):
        raise PydanticCustomError("id_format", "an id uses half-width letters, digits, '-', '_' or '.', like public-wifi")
    return v


def _plan_date(v: str) -> str:
    m = DATE_RE.match(v)
    if not m:
        raise PydanticCustomError("date_format", "a date is written YYYY-MM or YYYY-MM-DD, like 2018-03")
    y, mo, d = int(m[1]), int(m[2]), int(m[3] or 1)
    try:
        date(y, mo, d)
    except ValueError as exc:
        raise PydanticCustomError("date_invalid", "not a real date: {reason}", {"reason": str(exc)}) from None
    return v


def _nonblank(v: str) -> str:
    if not v.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return v


def LabelTemplate(*fields: str):
    """A label written with {field} placeholders (第{number}章): only the named fields,
    no format specs or indexing, so that every label renders whatever the plan holds."""
    allowed = ", ".join("{" + f + "}" for f in fields) or "none"

    def check(v: str) -> str:
        try:
            parts = list(string.Formatter().parse(v))
        except ValueError as exc:
            raise PydanticCustomError(
                "label_template", "'{template}' is not a label template ({problem})",
                {"template": v, "problem": str(exc), "allowed": allowed}) from None
        for _, name, spec, conversion in parts:
            if name is not None and (name not in fields or spec or conversion):
                shown = "{" + name + (("!" + conversion) if conversion else "") + ((":" + spec) if spec else "") + "}"
                raise PydanticCustomError(
                    "label_field", "'{field}' cannot be used in this label",
                    {"template": v, "field": shown, "allowed": allowed})
        return v

    return Annotated[str, AfterValidator(check)]


Text = Annotated[str, AfterValidator(_nonblank)]
Number = Annotated[str, AfterValidator(_number)]
MeasureId = Annotated[str, AfterValidator(_measure_id)]
PlanDate = Annotated[str, AfterValidator(_plan_date)]
FiscalYearInt = Annotated[int, Field(ge=1868, le=2200)]
Cell = Union[str, list[str]]


# ---------------------------------------------------------------- prose blocks

class Section(Strict):
    number: str | None = None
    title: Text | None = None
    blocks: list["Block"] = []


class Item(Strict):
    mark: Text
    title: Text
    blocks: list["Block"] = []


class BulletList(Strict):
    items: list[Cell]
    ordered: bool = False


class Table(Strict):
    caption: str | None = None
    notes: list[Text] = []
    header: list[Cell] | None = None
    rows: list[list[Cell]]
    row_headers: bool = False
    source: str | None = None


class Figure(Strict):
    caption: Text
    source: str | None = None
    words: list[str] = []


class PolicyView(Strict):
    under: str | None = None
    levels: list[str] | None = None
    text: list[str] | None = None
    measures: bool = False
    schedule: bool = False
    titles: dict[str, Text] = {}  # node number or id → the title as printed here, where it differs


class PeriodView(Strict):
    caption: str | None = None


class GlossaryView(Strict):
    pass


class P(Strict):
    kind: ClassVar[str] = "p"
    p: Text


class SectionBlock(Strict):
    kind: ClassVar[str] = "section"
    section: Section


class ItemBlock(Strict):
    kind: ClassVar[str] = "item"
    item: Item


class ListBlock(Strict):
    kind: ClassVar[str] = "list"
    list: Union[list[Cell], BulletList]


class TableBlock(Strict):
    kind: ClassVar[str] = "table"
    table: Table


class FigureBlock(Strict):
    kind: ClassVar[str] = "figure"
    figure: Figure


class NoteBlock(Strict):
    kind: ClassVar[str] = "note"
    note: Text


class SignatureBlock(Strict):
    kind: ClassVar[str] = "signature"
    signature: Text


class PolicyBlock(Strict):
    kind: ClassVar[str] = "policy"
    policy: PolicyView | None = None


class PeriodBlock(Strict):
    kind: ClassVar[str] = "period"
    period: PeriodView | None = None


class GlossaryBlock(Strict):
    kind: ClassVar[str] = "glossary"
    glossary: GlossaryView | None = None


class MarksView(Strict):
    caption: str | None = None


class MarksBlock(Strict):
    kind: ClassVar[str] = "marks"
    marks: MarksView | None = None


BLOCK_KINDS = {
    "p": P, "section": SectionBlock, "item": ItemBlock, "list": ListBlock, "table": TableBlock,
    "figure": FigureBlock, "note": NoteBlock, "signature": SignatureBlock, "policy": PolicyBlock,
    "period": PeriodBlock, "glossary": GlossaryBlock, "marks": MarksBlock,
}


def inner_blocks(block) -> list | None:
    """The blocks nested in a block (a section's or an item's), or None."""
    if block.kind == "section":
        return block.section.blocks
    if block.kind == "item":
        return block.item.blocks
    return None


def walk_blocks(blocks: list, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(data path, block) for every block at any depth, in reading order."""
    for i, b in enumerate(blocks):
        p = path + (i,)
        yield p, b
        inner = inner_blocks(b)
        if inner:
            yield from walk_blocks(inner, p + (b.kind, "blocks"))


def block_kind(v: Any) -> str | None:
    if isinstance(v, BaseModel):
        for k, cls in BLOCK_KINDS.items():
            if isinstance(v, cls):
                return k
    if isinstance(v, dict):
        for k in v:
            if k in BLOCK_KINDS:
                return k
    return None


Block = Annotated[
    Union[tuple(Annotated[cls, Tag(k)] for k, cls in BLOCK_KINDS.items())],  # type: ignore[misc]
    Discriminator(block_kind, custom_error_type="block_kind",
                  custom_error_message="unknown block kind"),
]

class Chapter(Strict):
    number: int | None = None
    title: Text
    label: LabelTemplate("number") | None = None
    blocks: list[Block] = []

    @property
    def heading(self) -> str:
        """The heading as printed: 第1章 はじめに (the label only for numbered chapters)."""
        if self.number is None:
            return self.title
        label = (self.label or "第{number}章").format(number=self.number)
        return f"{label} {self.title}".strip()


# ---------------------------------------------------------------- glossary

class Term(Strict):
    id: str | None = None
    term: Text
    reading: Text
    definition: Text

    @property
    def key(self) -> str:
        return self.id or self.term


class Glossary(Strict):
    terms: list[Term] = []


# ---------------------------------------------------------------- policy tree

class PolicyNode(Strict):
    id: str | None = None
    number: Number | None = None
    title: Text
    blocks: list[Block] = []
    children: list["PolicyNode"] = []

    @property
    def key(self) -> str:
        return self.id or self.number or self.title


class Policy(Strict):
    nodes: list[PolicyNode] = []


# ---------------------------------------------------------------- measures

Stage = Union[str, list[str]]


class Variant(Strict):
    phase: Text
    number: Number
    title: Text
    parent: str | None = None
    marks: list[str] = []
    blocks: list[Block] = []
    status: list[Cell] = []
    note: str | None = None


class Fate(Strict):
    phase: str | None = None
    kind: Literal["abolished", "merged"]
    into: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _into_only_for_merged(self):
        if self.kind == "merged" and not self.into:
            raise PydanticCustomError("merge_needs_into", "a merged measure names the measure it went into: add `into: <id>`")
        if self.kind == "abolished" and self.into:
            raise PydanticCustomError("abolished_with_into", "an abolished measure is not merged: remove `into`, or use kind: merged")
        return self


class Measure(Strict):
    id: MeasureId
    parent: str
    number: Number | None = None
    title: Text | None = None
    marks: list[str] = []
    class_: str | None = Field(None, alias="class")
    tags: list[str] = []
    departments: list[Text] = []
    blocks: list[Block] = []
    schedule: dict[str, Stage] = {}  # fiscal year (2018) or phase name → stage(s)
    note: str | None = None
    variants: list[Variant] = []
    fate: Fate | None = None

    @model_validator(mode="after")
    def _number_or_variants(self):
        if self.variants and (self.number or self.title):
            raise PydanticCustomError("variants_and_number", "a measure with variants keeps its number and title in the variants; "
                                      "remove the top-level number/title")
        if not self.variants and not (self.number and self.title):
            raise PydanticCustomError("number_or_variants", "a measure needs a number and a title (or per-phase variants)")
        return self


class Measures(Strict):
    measures: list[Measure] = []


# ---------------------------------------------------------------- plan metadata

class FiscalRange(Strict):
    start: FiscalYearInt
    end: FiscalYearInt

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise PydanticCustomError("period_reversed", "the period ends ({end}) before it starts ({start})",
                                      {"start": self.start, "end": self.end})
        return self


class Phase(FiscalRange):
    name: Text


class Revision(Strict):
    date: PlanDate
    note: str | None = None


class Years(Strict):
    style: Literal["gregorian", "era", "era-short", "both"] = "both"
    eras_as_of: str = "adoption"
    note: str | None = None

    @model_validator(mode="after")
    def _as_of(self):
        if self.eras_as_of != "adoption":
            _plan_date(self.eras_as_of)
        return self


class Level(Strict):
    name: Text
    label: LabelTemplate("number", "title") = "{number}"


class MeasureStyle(Strict):
    name: Text = "施策"
    label: LabelTemplate("number") = "{number}"
    list_heading: str | None = None
    schedule_heading: str | None = None
    schedule_column: str | None = None  # the grid's first column heading, where it differs from `name`
    status_heading: LabelTemplate("phase") = "({phase}実施状況)"


class Mark(Strict):
    name: Text
    label: str | None = None
    description: str | None = None


class LegalTag(Strict):
    id: Text
    label: Text


class GlossaryStyle(Strict):
    title: str = "用語集"
    group_label: LabelTemplate("row") = "{row}行"
    latin: Literal["first", "last"] = "last"
    latin_label: str | None = None


class Words(Strict):
    """Words the built documents need of their own. Every one can be reworded in
    plan.yaml under `words:`, so a page says only what the city chose to say."""

    contents: Text = "目次"
    adopted: LabelTemplate("date") = "{date} 策定"
    draft: Text = "策定前（案）"  # in place of `adopted` while plan.yaml has no adoption date
    revised: LabelTemplate("date") = "{date} 改訂"
    revised_note: LabelTemplate("date", "note") = "{date} 改訂（{note}）"
    period: LabelTemplate("start", "end") = "計画期間: {start}～{end}"
    upper_plans: LabelTemplate("plans") = "上位計画: {plans}"
    excerpt: LabelTemplate("note") = "この版は抜粋です: {note}"
    policy: Text = "施策体系"
    period_table: Text = "計画期間"
    schedule: Text = "スケジュール"
    departments: Text = "担当課等"
    class_: Text = Field("分類", alias="class")
    tags: Text = "根拠"
    note: Text = "（注）"
    abolished: Text = "廃止"
    merged: Text = "統合"
    merged_into: LabelTemplate("target") = "統合（→{target}）"
    marks_legend: LabelTemplate("description", "label") = "{description}…{label}"
    footnotes: LabelTemplate("chapter") = "{chapter}の注"
    skip_to_main: Text = "本文へ移動"
    back_to_text: LabelTemplate("number") = "本文の※{number}へ戻る"
    note_ref: LabelTemplate("number") = "注{number}"
    figure: Text = "図"


class Excerpt(Strict):
    note: Text


class PlanMeta(Strict):
    city: Text
    title: Text
    edition: str | None = None
    section: str | None = None
    adopted: PlanDate | None = None  # empty: not adopted yet, built as a draft (check warns: adopted-empty)
    revised: list[Revision] = []
    period: FiscalRange
    phases: list[Phase] = []
    years: Years = Years()
    upper_plans: list[Text] = []
    excerpt: Excerpt | None = None
    levels: list[Level] = []
    measure: MeasureStyle = MeasureStyle()
    classes: list[Text] = []
    marks: list[Mark] = []
    tags: list[LegalTag] = []
    stages: list[Text] = []
    glossary: GlossaryStyle = GlossaryStyle()
    words: Words = Words()
    source: str | None = None


FILE_MODELS = {
    "plan": PlanMeta,
    "chapter": Chapter,
    "glossary": Glossary,
    "policy": Policy,
    "measures": Measures,
}

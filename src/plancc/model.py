"""The authoring format as pydantic models: one model per file kind, blocks for prose.

See docs/authoring.md. Models check the shape of one file; cross-references between
files are the business of check.py.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, Union

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
    p: Text


class SectionBlock(Strict):
    section: Section


class ItemBlock(Strict):
    item: Item


class ListBlock(Strict):
    list: Union[list[Cell], BulletList]


class TableBlock(Strict):
    table: Table


class FigureBlock(Strict):
    figure: Figure


class NoteBlock(Strict):
    note: Text


class SignatureBlock(Strict):
    signature: Text


class PolicyBlock(Strict):
    policy: PolicyView | None = None


class PeriodBlock(Strict):
    period: PeriodView | None = None


class GlossaryBlock(Strict):
    glossary: GlossaryView | None = None


BLOCK_KINDS = {
    "p": P, "section": SectionBlock, "item": ItemBlock, "list": ListBlock, "table": TableBlock,
    "figure": FigureBlock, "note": NoteBlock, "signature": SignatureBlock, "policy": PolicyBlock,
    "period": PeriodBlock, "glossary": GlossaryBlock,
}


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
    label: str | None = None
    blocks: list[Block] = []


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
    label: str = "{number}"


class MeasureStyle(Strict):
    name: str = "施策"
    label: str = "{number}"
    list_heading: str | None = None
    schedule_heading: str | None = None
    status_heading: str = "({phase}実施状況)"


class Mark(Strict):
    name: Text
    label: str | None = None
    description: str | None = None


class LegalTag(Strict):
    id: Text
    label: Text


class GlossaryStyle(Strict):
    title: str = "用語集"
    group_label: str = "{row}行"
    latin: Literal["first", "last"] = "last"
    latin_label: str | None = None


class Excerpt(Strict):
    note: Text


class PlanMeta(Strict):
    city: Text
    title: Text
    edition: str | None = None
    section: str | None = None
    adopted: PlanDate
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
    source: str | None = None


FILE_MODELS = {
    "plan": PlanMeta,
    "chapter": Chapter,
    "glossary": Glossary,
    "policy": Policy,
    "measures": Measures,
}

"""The authoring format as pydantic models: one model per file kind, blocks for prose.

See docs/authoring.md. Models check the shape of one file; cross-references between
files are the business of check.py.

Every field carries a title and a description (Japanese, then English): they are what
an editor shows for the key, through the JSON Schemas `plancc schema` writes (schema.py).
The schemas must accept exactly what these models accept of a file as an editor reads it:
VS Code's YAML extension reads YAML 1.2's core schema (`2018` is a number, `true` a
boolean), while plancc reads every plain scalar as text (yamlsource.py). So each text type
below says, in `WithJsonSchema`, which strings, numbers and booleans it takes; its
patterns are written to mean the same in Python's `re` and in ECMAScript (the editor's).
"""

import re
import string
from datetime import date
from typing import Annotated, Any, ClassVar, Iterator, Literal, Union

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag,
                      WithJsonSchema, model_validator)
from pydantic_core import PydanticCustomError

NUMBER_RE = re.compile(r"[0-9]+(?:-[0-9]+)*")
ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
# The white space Python's str.strip() removes (a text of only these is blank) …
PY_SPACE = r"[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
NONBLANK = r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# … and the white space around a whole number written as text (Unicode's White_Space,
# which pydantic trimmed when it parsed such numbers).
NUM_SPACE = r"[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# A whole number written as text: digits (Python's single underscores between them
# allowed), a sign, a fraction of zeros (2018.0), white space around it.
WHOLE_RE = re.compile(rf"{NUM_SPACE}*([+-]?[0-9]+(?:_[0-9]+)*)(?:\.0+)?{NUM_SPACE}*")
# End of the text in both dialects: Python's `$` also matches before a final newline.
END = r"$(?!\n)"

# What an editor may see where plancc reads text: any YAML 1.2 scalar but null.
SCALAR = ["string", "number", "boolean"]


def ja_en(ja: str, en: str) -> str:
    """A description: Japanese for the city's staff first, English after a blank line."""
    return f"{ja}\n\n{en}"


def about(default: Any, title: str, ja: str, en: str, **kw) -> Any:
    """A field with its title and description (`...` as default: the key is required)."""
    return Field(default, title=title, description=ja_en(ja, en), **kw)


def named(title: str, **json_schema_extra) -> ConfigDict:
    """A model's title in the schema (the editor names it in messages), and extra keywords."""
    return ConfigDict(title=title, json_schema_extra=json_schema_extra or None)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


def _number(v: str) -> str:
    if not NUMBER_RE.fullmatch(v):
        raise PydanticCustomError("number_format", "a number is written with half-width digits and hyphens, like 1-2-3")
    return v


def _measure_id(v: str) -> str:
    if not ID_RE.fullmatch(v):
        raise PydanticCustomError("id_format", "an id uses half-width letters, digits, '-', '_' or '.', like public-wifi")
    return v


def _plan_date(v: str) -> str:
    m = DATE_RE.fullmatch(v)
    if not m:
        raise PydanticCustomError("date_format", "a date is written YYYY-MM or YYYY-MM-DD, like 2018-03")
    y, mo, d = int(m[1]), int(m[2]), int(m[3] or 1)
    try:
        date(y, mo, d)
    except ValueError as exc:
        raise PydanticCustomError("date_invalid", "not a real date: {reason}", {"reason": str(exc)}) from None
    if y < 1868:  # before 明治: no era year to print beside it (fiscal years start there too)
        raise PydanticCustomError("date_too_early", "{value} is before 1868, where Japanese era years begin",
                                  {"value": v})
    return v


def _nonblank(v: str) -> str:
    if not v.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return v


def _whole(v: Any) -> Any:
    """A whole number written as text → int; the grammar is WHOLE_RE's, not whatever the
    model library's lax mode happens to take (it read '0_-1' as -1)."""
    if isinstance(v, str):
        m = WHOLE_RE.fullmatch(v)
        if m:
            try:
                return int(m[1])
            except ValueError:  # more digits than Python converts (4300)
                pass
        raise PydanticCustomError("int_parsing", "Input should be a valid integer, unable to parse string as an integer")
    return v


# Dates as plancc takes them: YYYY-MM (any month of years 1868-9999: before 明治 there is
# no era year to print beside them) or a real YYYY-MM-DD.
_LEAP = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_FROM_1868 = "(?=(?:18(?:6[89]|[7-9][0-9])|19[0-9]{2}|[2-9][0-9]{3})-)"
DATE_PATTERN = ("^" + _FROM_1868 + "(?:[0-9]{4}-(?:0[1-9]|1[0-2])"
                "|[0-9]{4}-(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
                "|[0-9]{4}-(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
                "|[0-9]{4}-02-(?:0[1-9]|1[0-9]|2[0-8])"
                f"|{_LEAP}-02-29){END}")
_DATE_MESSAGE = ja_en("年月は 2018-03 のように YYYY-MM、年月日は 2018-03-31 のように YYYY-MM-DD で、実在する日付を書きます。",
                      "Write a real date as YYYY-MM or YYYY-MM-DD, like 2018-03.")


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

    # what string.Formatter reads as literal text, {{ and }}, and the allowed {field} ({field:} too)
    names = "|".join(re.escape(f) for f in fields)
    placeholder = rf"|\{{(?:{names}):?\}}" if fields else ""
    pattern = rf"^(?:[^{{}}]|\{{\{{|\}}\}}{placeholder})*{END}"
    shown_ja = "、".join("{" + f + "}" for f in fields) or "なし"
    message = ja_en(f"差し込みに使えるのは {shown_ja} だけです。{{ と }} そのものは {{{{ と }}}} と書きます。",
                    f"The only placeholders allowed are {allowed}; write {{{{ and }}}} for the braces themselves.")
    return Annotated[str, AfterValidator(check),
                     WithJsonSchema({"type": SCALAR, "pattern": pattern, "patternErrorMessage": message})]


Text = Annotated[str, AfterValidator(_nonblank), WithJsonSchema({
    "type": SCALAR, "pattern": NONBLANK,
    "patternErrorMessage": ja_en("空にはできません。", "Must not be empty.")})]
# A YAML number spells a policy or measure number only when it is a whole number >= 0 (1, 10);
# how it was spelled (0x1, 1.0, +1) is more than the editor's JSON value tells.
Number = Annotated[str, AfterValidator(_number), WithJsonSchema({
    "type": ["string", "integer"], "minimum": 0, "pattern": f"^{NUMBER_RE.pattern}{END}",
    "patternErrorMessage": ja_en("1-2-3 のように、半角数字とハイフンで書きます。",
                                 "Write half-width digits and hyphens, like 1-2-3.")})]
MeasureId = Annotated[str, AfterValidator(_measure_id), WithJsonSchema({
    "type": SCALAR, "minimum": 0, "pattern": f"^{ID_RE.pattern}{END}",
    "patternErrorMessage": ja_en("public-wifi のように、半角の英字・数字と - _ . で書きます（先頭は英字か数字）。",
                                 "Use half-width letters, digits, '-', '_' or '.', starting with a letter or digit, "
                                 "like public-wifi.")})]
PlanDate = Annotated[str, AfterValidator(_plan_date), WithJsonSchema({
    "type": "string", "pattern": DATE_PATTERN, "patternErrorMessage": _DATE_MESSAGE})]


class _ReadingSchema:
    """The editors' schema of a reading: kana only, as check.py's reading-not-kana wants
    (kana.py builds the pattern from the Unicode tables, only when a schema is written)."""

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict[str, Any]:
        from .kana import reading_pattern

        return {"type": "string", "pattern": reading_pattern(), "patternErrorMessage": ja_en(
            "読みは、ひらがなかカタカナで書きます（ー、・、空白も使えます）。例: じょうほう",
            "Write the reading in hiragana or katakana (ー, ・ and spaces allowed), like じょうほう.")}


Reading = Annotated[str, AfterValidator(_nonblank), _ReadingSchema()]
FiscalYearInt = Annotated[int, Field(ge=1868, le=2200), BeforeValidator(_whole)]
WholeNumber = Annotated[int, BeforeValidator(_whole)]
Cell = Union[str, list[str]]


# ---------------------------------------------------------------- prose blocks

_BLOCKS_JA = "ブロック（p、section、list、table など）を順に並べます。"
_BLOCKS_EN = "Blocks (p, section, list, table …) in reading order."


class Section(Strict):
    model_config = named("節")
    number: str | None = about(None, "節の番号", "節の番号です。原文の表記のとおりに書きます（例: 1、(1)、①、1)、Ａ.）。見出しの題名の前に表示します。番号のない節では省略します。",
                               "The section's number exactly as printed (1, (1), ①, 1), Ａ.), shown before its title; "
                               "omit it for an unnumbered section.")
    title: Text | None = about(None, "節の題名", "節の題名です。見出しとして表示します。章の直下の節は目次にも載せます。",
                               "The section's title, shown as its heading; sections directly under a chapter are listed "
                               "in the table of contents.")
    blocks: list["Block"] = about([], "節の本文", "節の本文です。" + _BLOCKS_JA + "節の中に節を入れることもできます。",
                                  "The section's body. " + _BLOCKS_EN + " Sections nest at any depth.")


class Item(Strict):
    model_config = named("見出し付きの項目")
    mark: Text = about(..., "項目の記号", "項目の題名の前に付ける記号です（例: ■ ● ○ ◆ ► ・）。【】と書くと、記号を付けずに題名を【】で囲んで表示します。",
                       "The glyph before the item's title (■ ● ○ ◆ ► ・); 【】 shows the title in 【brackets】 "
                       "instead.")
    title: Text = about(..., "項目の題名", "項目の題名です。記号の後に表示します。", "The item's title, shown after its mark.")
    blocks: list["Block"] = about([], "項目の本文", "項目の本文です。" + _BLOCKS_JA + "省略できます。",
                                  "The item's body (optional). " + _BLOCKS_EN)


_CELL_JA = "文、または文の一覧（一つの中に複数の行や箇条書きを入れるとき）で書きます。"
_CELL_EN = "Each is a text, or a list of texts (several lines or bullets in one place)."


class BulletList(Strict):
    model_config = named("箇条書き")
    items: list[Cell] = about(..., "箇条書きの項目", "箇条書きの各項目です。行頭の記号（・ - など）は書きません。「(1) …」のように文の一部である番号はそのまま書きます。" + _CELL_JA,
                              "The list's items, without their bullet glyphs (・ -); numbering that is part of the "
                              "text ((1) …) stays. " + _CELL_EN)
    ordered: bool = about(False, "番号付き", "true にすると、番号付きの箇条書き（1. 2. …）として表示します。既定は false（記号付きの箇条書き）です。",
                          "true prints a numbered list (1. 2. …); the default false a bulleted one.")


class Table(Strict):
    model_config = named("表")
    caption: str | None = about(None, "表の表題", "表の表題です（例: 図表2 SDGs達成に向けた取組におけるデジタルテクノロジーの役割）。表の上に表示します。省略できます。",
                                "The table's caption, printed above it (optional).")
    notes: list[Text] = about([], "表の注記", "表の下に ※ を付けて表示する注記の一覧です。先頭の ※ は書きません。",
                              "Notes printed under the table, each after ※ (write them without the ※).")
    header: list[Cell] | None = about(None, "見出し行", "表の見出し行の各セルです。" + _CELL_JA + "見出し行のない表では省略します。",
                                      "The header row's cells (omit it for a table without one). " + _CELL_EN)
    rows: list[list[Cell]] = about(..., "表の行", "表の各行です。行はセルの一覧で、どの行も見出し行と同じ数のセルを持ちます。セルは" + _CELL_JA,
                                   "The table's rows, each a list of cells, as many as the header has. " + _CELL_EN)
    row_headers: bool = about(False, "行見出し", "true にすると、各行の最初のセルを行の見出しとして表示します。既定は false です。",
                              "true makes the first cell of each row its row header; default false.")
    source: str | None = about(None, "表の出典", "表の出典です（例: （出典）総務省「…」）。表の下に表示します。省略できます。",
                               "The table's source, printed under it (optional).")


class Figure(Strict):
    model_config = named("図")
    caption: Text = about(..., "図の表題", "図の表題です。画像は収録しないため、表題と図の中の言葉で図を表します。",
                          "The figure's caption; the image itself is not in the text, so the caption and the figure's "
                          "words stand for it.")
    source: str | None = about(None, "図の出典", "図の出典です。表題の後に表示します。省略できます。",
                               "The figure's source, printed with its caption (optional).")
    words: list[str] = about([], "図の中の言葉", "図の中に書かれている言葉の一覧です。省略できます。",
                             "The words the figure carries (optional).")


class PolicyView(Strict):
    model_config = named("施策体系の表示")
    under: str | None = about(None, "表示する部分", "施策体系のうち、この番号または id の項目とその下だけを表示します（例: \"1\"）。省略すると全体を表示します。",
                              "Show only this node (its number or id) and what is under it; omitted, the whole tree.")
    levels: list[str] | None = about(None, "表示する階層", "表示する階層の名前（plan.yaml の levels の name）の一覧です（例: [基本方針]）。省略するとすべての階層を表示します。",
                                     "The levels to show, by their names in plan.yaml's levels; omitted, all of them.")
    text: list[str] | None = about(None, "本文を表示する階層", "本文（blocks）も表示する階層の名前の一覧です。省略すると、表示するすべての階層の本文を表示します。",
                                   "The levels whose blocks are shown too; omitted, every level shown.")
    measures: bool = about(False, "個別施策の一覧", "true にすると、表示する項目の下に個別施策を並べます。個別施策は、表示する項目のうち最も近い上位の項目の下に入ります。既定は false です。",
                           "true lists the measures under the nearest node shown among their parent and its "
                           "ancestors; default false.")
    schedule: bool = about(False, "スケジュール表", "true にすると、個別施策の一覧の後にスケジュール表を表示します（measures が true のとき）。既定は false です。",
                           "true prints the schedule grid after each node's measures (with measures: true); "
                           "default false.")
    headings: list[str] | None = about(None, "見出しを表示する項目", "表示する項目のうち、見出しを表示する項目の番号または id の一覧です（例: [2-2, 4-2]）。ほかの項目は見出しを表示せず、その個別施策（と本文）だけを同じ場所に並べます。原文がこの場所で一部の項目にしか見出しを付けていないときに使います。省略すると、表示するすべての項目に見出しを付けます。",
                                      "Of the nodes shown, those whose heading is printed here (numbers or ids); the "
                                      "others print no heading, only their measures (and text) in the same place. For a "
                                      "source that heads only some nodes in this place; omitted, every node shown is "
                                      "headed.")
    titles: dict[str, Text] = about({}, "この場所での題名", "この場所でだけ項目の題名を変えて表示するときに、番号または id と題名の組を書きます（例: {4-2: ICTを活用した生涯学習…}）。",
                                    "Where this place prints a node's title differently: node number or id → the "
                                    "title as printed here.")


class PeriodView(Strict):
    model_config = named("計画期間の表")
    caption: str | None = about(None, "表の表題", "計画期間の表の表題です。省略すると plan.yaml の words の period_table（既定: 計画期間）を使います。",
                                "The table's caption; omitted, words.period_table of plan.yaml (計画期間).")


class GlossaryView(Strict):
    model_config = named("用語集の表示")


class P(Strict):
    model_config = named("段落")
    kind: ClassVar[str] = "p"
    p: Text = about(..., "段落", "段落です。Markdown のインライン記法（**強調** など）と用語の参照 [[用語]] を使えます。",
                    "A paragraph: Markdown inline text with term references [[term]].")


class SectionBlock(Strict):
    model_config = named("節")
    kind: ClassVar[str] = "section"
    section: Section = about(..., "節", "番号と題名の付いた節です（number、title、blocks）。",
                             "A numbered (or unnumbered) section: number, title, blocks.")


class ItemBlock(Strict):
    model_config = named("見出し付きの項目")
    kind: ClassVar[str] = "item"
    item: Item = about(..., "見出し付きの項目", "記号と題名の付いた項目です（mark、title、blocks）。例: ■ 情報発信の充実",
                       "A headed item: mark, title, blocks (■ 情報発信の充実).")


CellList = list[Cell]  # (inside ListBlock, `list` is the field)


class ListBlock(Strict):
    model_config = named("箇条書き")
    kind: ClassVar[str] = "list"
    list: Union[CellList, BulletList] = about(..., "箇条書き", "箇条書きです。項目の一覧を書くか、番号付きにするときは {items: [...], ordered: true} と書きます。",
                                                "A bulleted list: its items, or {items: [...], ordered: true} for a "
                                                "numbered one.")


class TableBlock(Strict):
    model_config = named("表")
    kind: ClassVar[str] = "table"
    table: Table = about(..., "表", "表です（caption、header、rows、row_headers、notes、source）。",
                         "A table: caption, header, rows, row_headers, notes, source.")


class FigureBlock(Strict):
    model_config = named("図")
    kind: ClassVar[str] = "figure"
    figure: Figure = about(..., "図", "図です。画像は収録せず、表題（caption）と図の中の言葉（words）を書きます。",
                           "A figure whose image is not in the text: its caption and the words it carries.")


class NoteBlock(Strict):
    model_config = named("注記")
    kind: ClassVar[str] = "note"
    note: Text = about(..., "注記", "注記（※ …）です。先頭の ※ は書きません。", "A note (※ …); write it without the leading ※.")


class SignatureBlock(Strict):
    model_config = named("署名")
    kind: ClassVar[str] = "signature"
    signature: Text = about(..., "署名", "署名の行です（例: 大分市長 佐藤 樹一郎）。",
                            "A signature line (大分市長 佐藤 樹一郎).")


# The generated blocks may be written without a value (`- glossary:`); their key is what
# makes them the block they are, so the schema requires it.
class PolicyBlock(Strict):
    model_config = named("施策体系の表示", required=["policy"])
    kind: ClassVar[str] = "policy"
    policy: PolicyView | None = about(None, "施策体系", "ここに施策体系（policy.yaml）を表示します。値を省略すると全体を表示します。章の中にだけ書けます。",
                                      "Prints the policy tree (policy.yaml) here; with no value, all of it. Only in "
                                      "chapters.")


class PeriodBlock(Strict):
    model_config = named("計画期間の表", required=["period"])
    kind: ClassVar[str] = "period"
    period: PeriodView | None = about(None, "計画期間の表", "ここに計画期間と期の表を表示します。表は plan.yaml の period と phases から作ります。章の中にだけ書けます。",
                                      "Prints a table of the plan period and its phases, made from plan.yaml. Only in "
                                      "chapters.")


class GlossaryBlock(Strict):
    model_config = named("用語集の表示", required=["glossary"])
    kind: ClassVar[str] = "glossary"
    glossary: GlossaryView | None = about(None, "用語集", "ここに用語集を表示します（値は書かないか {} とします）。どの章にも書かないときは、文書の最後に用語集を付けます。章の中にだけ書けます。",
                                          "Prints the glossary here (no value, or {}); if no chapter has one, the "
                                          "glossary is appended at the end. Only in chapters.")


class MarksView(Strict):
    model_config = named("印の凡例")
    caption: str | None = about(None, "凡例の前の文", "印の凡例の前に表示する文です。省略できます。",
                                "A line printed before the legend (optional).")


class MarksBlock(Strict):
    model_config = named("印の凡例", required=["marks"])
    kind: ClassVar[str] = "marks"
    marks: MarksView | None = about(None, "印の凡例", "ここに印の凡例を表示します（plan.yaml の marks のうち description のある印を「説明…印」の形で並べます）。章の中にだけ書けます。",
                                    "Prints the legend of the marks that have a description in plan.yaml. Only in "
                                    "chapters.")


# Blocks that print a generated part (placement.py): only chapters may hold them (misplaced-block).
GENERATED = ("policy", "glossary", "period", "marks")

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
    model_config = named("章")
    number: WholeNumber | None = about(None, "章の番号", "章の番号です（整数、例: 1）。見出しは label の形（既定: 第1章）で表示します。前付けや付録のように番号のない章では省略します。",
                                       "The chapter's number (a whole number); its heading is label's form (第1章). "
                                       "Omit it for unnumbered front matter and appendices.")
    title: Text = about(..., "章の題名", "章の題名です（例: はじめに）。章番号の後に見出しとして表示し、目次にも載せます。",
                        "The chapter's title, shown after its number as its heading and in the table of contents.")
    label: LabelTemplate("number") | None = about(None, "章番号の表示", "章番号の表示のしかたです。{number} に章の番号が入ります。省略すると「第{number}章」です。",
                                                  "How the chapter number is shown; {number} is the number. Default "
                                                  "第{number}章.")
    blocks: list[Block] = about([], "章の本文", "章の本文です。" + _BLOCKS_JA, "The chapter's body. " + _BLOCKS_EN)
    toc_sections: bool = about(True, "目次に節を載せる", "true（既定）のとき、章の直下の節を目次に載せます。false にすると、目次にはこの章の題名だけを載せます（例: 付録の規程の、条の見出し（目的及び設置）など）。",
                               "true (default) lists the chapter's top sections in the table of contents; false lists "
                               "the chapter's title alone (an appended regulation whose sections are its articles' "
                               "captions).")

    @property
    def heading(self) -> str:
        """The heading as printed: 第1章 はじめに (the label only for numbered chapters)."""
        if self.number is None:
            return self.title
        label = (self.label or "第{number}章").format(number=self.number)
        return f"{label} {self.title}".strip()


# ---------------------------------------------------------------- glossary

class Term(Strict):
    model_config = named("用語")
    id: str | None = about(None, "用語の識別子", "用語の識別子です（例: LPWA）。書くと、本文の参照 [[…]] は term の代わりにこの id で用語を指します。省略できます。",
                           "The term's id; when given, references [[…]] use it instead of the term (optional).")
    term: Text = about(..., "用語", "用語です（例: LPWA(Low Power Wide Area)）。用語集と章末の注に表示します。id がないときは、本文から [[用語]] で参照します。",
                       "The term as shown in the glossary and the chapter notes; without an id, references [[…]] "
                       "use it.")
    reading: Reading = about(..., "読み", "用語全体の読みを、かな（ひらがな・カタカナ）で書きます。長音（ー）、中点（・）、空白も使えます。用語集の五十音順の並べ替えと、ア行・カ行などの分類に使います。",
                          "The reading of the whole term in kana (ー ・ and spaces allowed); it sorts the glossary "
                          "and puts the term in its kana row.")
    definition: Text = about(..., "説明", "用語の説明です。用語集と、用語を参照した章の章末の注に表示します。ほかの用語を [[…]] で参照できます。",
                             "The definition, shown in the glossary and in the notes of each chapter that refers to "
                             "the term; it may refer to other terms with [[…]].")

    @property
    def key(self) -> str:
        return self.id or self.term


class Glossary(Strict):
    model_config = named("用語集")
    terms: list[Term] = about([], "用語の一覧", "用語の一覧です。本文で [[用語]] と書いた箇所に注の番号を付け、章末の注と用語集に説明を表示します。",
                              "The terms: where the text refers to one with [[…]], a note number is attached and the "
                              "definition is shown in the chapter's notes and in the glossary.")


# ---------------------------------------------------------------- policy tree

class PolicyNode(Strict):
    model_config = named("施策体系の項目")
    id: str | None = about(None, "項目の識別子", "項目の識別子です。省略すると number を使います。番号のない項目を measures.yaml の parent などから指すときに書きます。",
                           "The node's id; default its number. Give one where a node without a number is referred "
                           "to (a measure's parent …).")
    number: Number | None = about(None, "項目の番号", "項目の番号です（例: 1-2）。半角数字とハイフンで書き、親の項目の番号を延ばします（1 の下に 1-2、1-2 の下に 1-2-3）。番号のない項目では省略します。",
                                  "The node's number, half-width digits and hyphens, extending its parent's (1-2 "
                                  "under 1); omit it for an unnumbered node.")
    title: Text = about(..., "項目の題名", "項目の題名です。plan.yaml の levels の label の形で見出しとして表示します。",
                        "The node's title, shown as its heading in the form of its level's label.")
    blocks: list[Block] = about([], "項目の本文", "項目の本文です。" + _BLOCKS_JA, "The node's own text. " + _BLOCKS_EN)
    children: list["PolicyNode"] = about([], "下の階層の項目", "一つ下の階層の項目の一覧です。階層の深さは自由です。",
                                         "The nodes one level down; depth is free.")

    @property
    def key(self) -> str:
        return self.id or self.number or self.title


class Policy(Strict):
    model_config = named("施策体系")
    nodes: list[PolicyNode] = about([], "最上位の項目", "施策体系の最上位の項目（例: 基本方針）の一覧です。下の階層は各項目の children に書きます。階層の名前は plan.yaml の levels で決めます。",
                                    "The top-level nodes of the policy tree; lower levels go in children, named by "
                                    "plan.yaml's levels.")


# ---------------------------------------------------------------- measures

Stage = Union[str, list[str]]
_PHASE_JA = "期の名前（plan.yaml の phases の name、例: 中期）です。"


class Variant(Strict):
    model_config = named("期ごとの形")
    phase: Text = about(..., "期", "この形を使う" + _PHASE_JA, "The phase this form belongs to (a name from plan.yaml's phases).")
    number: Number = about(..., "施策の番号", "この期での施策の番号です（例: 1-3-2）。半角数字とハイフンで書き、親の項目の番号を延ばします。",
                           "The measure's number in this phase, extending its parent's.")
    title: Text = about(..., "施策の題名", "この期での施策の題名です。", "The measure's title in this phase.")
    parent: str | None = about(None, "この期の親の項目", "この期に施策が属する施策体系の項目（番号または id）です。見直しで別の項目に移ったときだけ書きます。",
                               "The policy node (number or id) the measure sits under in this phase, where a review "
                               "moved it.")
    marks: list[str] = about([], "印", "この期の施策に付ける印（plan.yaml の marks の name）の一覧です（例: [新規]）。",
                             "Marks of the measure in this phase (names from plan.yaml's marks).")
    blocks: list[Block] = about([], "施策の本文", "この期の施策の本文です。" + _BLOCKS_JA, "The measure's text in this phase. " + _BLOCKS_EN)
    status: list[Cell] = about([], "実施状況", "この期の実施状況の一覧です。plan.yaml の measure の status_heading（既定: ({phase}実施状況)）の見出しの後に表示します。",
                               "The phase's progress, listed under measure.status_heading of plan.yaml.")
    note: str | None = about(None, "注記", "この期の施策の注記です。省略できます。", "A note on the measure in this phase (optional).")


class Fate(Strict):
    model_config = named("廃止・統合", allOf=[
        {"if": {"required": ["kind"], "properties": {"kind": {"const": "merged"}}},
         "then": {"required": ["into"], "properties": {"into": {
             "not": {"type": "null"}, "minLength": 1,
             "errorMessage": ja_en("統合した施策は、統合先の施策の id を into に書きます。",
                                   "A merged measure names the measure it went into: into: <id>.")}}}},
        {"if": {"required": ["kind"], "properties": {"kind": {"const": "abolished"}}},
         "then": {"properties": {"into": {
             "enum": [None, ""],
             "errorMessage": ja_en("廃止した施策には into を書きません（統合なら kind: merged とします）。",
                                   "An abolished measure is not merged: remove into, or use kind: merged.")}}}},
    ])
    phase: str | None = about(None, "期", "廃止または統合した" + _PHASE_JA + "スケジュール表のその期の欄に「廃止」「統合（→…）」を表示します。",
                              "The phase in which the measure was abolished or merged; the schedule grid shows it "
                              "there.")
    year: FiscalYearInt | None = about(None, "年度", "廃止または統合した年度です（期のない計画で、phase の代わりに書きます）。この年度から施策がなくなります。",
                                        "The first fiscal year without the measure (plans without phases, instead of phase).")
    kind: Literal["abolished", "merged"] = about(..., "廃止か統合か", "abolished（廃止）または merged（統合）です。",
                                                 "abolished or merged.")
    into: str | None = about(None, "統合先", "統合先の施策の id です。kind が merged のときに書きます。",
                             "The id of the measure it was merged into (with kind: merged).")
    note: str | None = about(None, "説明", "廃止・統合の説明です（例: 「…」へ統合。）。書くとこの文を表示し、省略すると plan.yaml の words の abolished、merged_into の言葉を表示します。",
                             "An explanation, shown instead of the words abolished / merged_into of plan.yaml.")

    @model_validator(mode="after")
    def _into_only_for_merged(self):
        if self.phase is not None and self.year is not None:
            raise PydanticCustomError("fate_phase_and_year", "a fate names a phase or a year, not both")
        if self.kind == "merged" and not self.into:
            raise PydanticCustomError("merge_needs_into", "a merged measure names the measure it went into: add `into: <id>`")
        if self.kind == "abolished" and self.into:
            raise PydanticCustomError("abolished_with_into", "an abolished measure is not merged: remove `into`, or use kind: merged")
        return self


_VARIANTS_RULE = ja_en("variants のある施策では、number と title を各 variants に書き、ここには書きません。",
                       "A measure with variants keeps its number and title in the variants.")


class Measure(Strict):
    # _number_or_variants below, for the editor
    model_config = named(
        "個別施策",
        **{"if": {"required": ["variants"], "properties": {"variants": {"type": "array", "minItems": 1}}},
           "then": {"properties": {"number": {"type": "null", "errorMessage": _VARIANTS_RULE},
                                   "title": {"type": "null", "errorMessage": _VARIANTS_RULE}}},
           "else": {"required": ["number", "title"],
                    "properties": {"number": {"not": {"type": "null"}}, "title": {"not": {"type": "null"}}}}})
    id: MeasureId = about(..., "施策の識別子", "施策を見分けるための記号です（例: public-wifi）。半角の英字・数字と - _ . で書き、一度決めたら変えません。番号が変わっても、新旧対照表で同じ施策として扱うのに使います。",
                          "The measure's stable identity (public-wifi): half-width letters, digits, - _ . ; it never "
                          "changes, so a renumbered measure is still matched.")
    parent: str = about(..., "親の項目", "施策が属する施策体系（policy.yaml）の項目の番号または id です（例: 1-1）。",
                        "The policy node (number or id) the measure sits under.")
    number: Number | None = about(None, "施策の番号", "施策の番号です（例: 1-1-1）。半角数字とハイフンで書き、親の項目の番号を延ばします。variants を使うときは書きません。",
                                  "The measure's number, extending its parent's; not with variants.")
    title: Text | None = about(None, "施策の題名", "施策の題名です。variants を使うときは書きません。", "The measure's title; not with variants.")
    marks: list[str] = about([], "印", "施策に付ける印（plan.yaml の marks の name）の一覧です（例: [重点, 新規]）。",
                             "Marks (names from plan.yaml's marks).")
    class_: str | None = about(None, "分類", "施策の分類です（plan.yaml の classes のいずれか、例: 重点施策）。",
                               "The measure's class (one of plan.yaml's classes).", alias="class")
    tags: list[str] = about([], "根拠", "施策の根拠（plan.yaml の tags の id）の一覧です（例: [law14]）。「根拠」の欄に【】で囲んで表示します。",
                            "Legal-basis tags (ids from plan.yaml's tags), shown in 【】.")
    departments: list[Text] = about([], "担当課", "担当課の一覧です（例: [魅力とりで発信課]）。「担当課等」の欄とスケジュール表に表示します。",
                                    "The responsible sections, shown with the measure and in the schedule grid.")
    blocks: list[Block] = about([], "施策の本文", "施策の本文です。" + _BLOCKS_JA, "The measure's text. " + _BLOCKS_EN)
    schedule: dict[str, Stage] = about({}, "スケジュール", "年度（西暦、例: 2018）または期の名前（例: 前期）ごとの段階です。段階は plan.yaml の stages の一つ、その一覧、または ⇒（前の年度から継続）です。",
                                       "Fiscal year (2018) or phase name → stage: one of plan.yaml's stages, a list "
                                       "of them, or ⇒ (continues).")
    schedule_title: Text | None = about(None, "スケジュール表での題名", "スケジュール表の行に、見出しと違う題名が書かれているときの、その題名です（例: 被災者生活再建支援システム共同整備事業の構築）。スケジュール表と schedule.csv に表示します。省略すると見出しの題名を使います。",
                                        "The title the schedule grid gives the measure where it differs from its "
                                        "heading; printed in the grid and schedule.csv. Omitted, the heading's title.")
    note: str | None = about(None, "注記", "施策の注記です。plan.yaml の words の note（既定: （注））を付けて表示します。",
                             "A note on the measure, shown after words.note of plan.yaml (（注）).")
    variants: list[Variant] = about([], "期ごとの形", "期ごとに見直した施策の形（中期見直しなど）の一覧です。書くときは、number と title を施策ではなく各形に書きます。",
                                    "The measure's form per phase (a mid-term review); with them, number and title "
                                    "go in each form.")
    fate: Fate | None = about(None, "廃止・統合", "施策を廃止または統合したときに書きます（phase、kind、into、note）。",
                              "Where the measure was abolished or merged: phase, kind, into, note.")

    @model_validator(mode="after")
    def _number_or_variants(self):
        if self.variants and (self.number or self.title):
            raise PydanticCustomError("variants_and_number", "a measure with variants keeps its number and title in the variants; "
                                      "remove the top-level number/title")
        if not self.variants and not (self.number and self.title):
            raise PydanticCustomError("number_or_variants", "a measure needs a number and a title (or per-phase variants)")
        return self


class Measures(Strict):
    model_config = named("個別施策の一覧")
    measures: list[Measure] = about([], "個別施策", "個別施策の一覧です。この順に表示します（measures フォルダーに複数のファイルがあるときは、ファイル名の順につなげます）。",
                                    "The measures, printed in this order (files of a measures folder in file-name "
                                    "order).")


# ---------------------------------------------------------------- plan metadata

_YEAR_JA = "西暦の年度を整数で書きます（例: 2018）。"
_YEAR_EN = "A fiscal year, Gregorian (2018)."


class FiscalRange(Strict):
    model_config = named("計画期間")
    start: FiscalYearInt = about(..., "開始年度", "計画期間の最初の年度です。" + _YEAR_JA, "The first year of the period. " + _YEAR_EN)
    end: FiscalYearInt = about(..., "終了年度", "計画期間の最後の年度です（この年度を含みます）。" + _YEAR_JA + "開始年度より前にはできません。",
                               "The last year of the period, inclusive; not before start. " + _YEAR_EN)

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise PydanticCustomError("period_reversed", "the period ends ({end}) before it starts ({start})",
                                      {"start": self.start, "end": self.end})
        return self


class Phase(FiscalRange):
    model_config = named("期")
    start: FiscalYearInt = about(..., "期の最初の年度", "期の最初の年度です。" + _YEAR_JA, "The phase's first year. " + _YEAR_EN)
    end: FiscalYearInt = about(..., "期の最後の年度", "期の最後の年度です（この年度を含みます）。" + _YEAR_JA,
                               "The phase's last year, inclusive. " + _YEAR_EN)
    name: Text = about(..., "期の名前", "期の名前です（例: 前期）。measures.yaml の variants の phase と schedule のキーに、この名前を書きます。",
                       "The phase's name (前期), used by measures' variants and schedules.")


class Revision(Strict):
    model_config = named("改訂")
    date: PlanDate = about(..., "改訂の年月", "改訂した年月（YYYY-MM）または年月日（YYYY-MM-DD）です（例: 2021-03）。表紙に「…改訂」の行として表示します。策定より前にはできません。",
                           "When the plan was revised (YYYY-MM or YYYY-MM-DD), shown on the title page; not before "
                           "adoption.")
    note: str | None = about(None, "改訂の内容", "改訂の内容です（例: 中期個別施策見直しにより改訂）。表紙の改訂の行に括弧書きで添えます。省略できます。",
                             "What the revision was, added to its line on the title page (optional).")


class Years(Strict):
    model_config = named("年度の表示")
    style: Literal["gregorian", "era", "era-short", "both"] = about(
        "both", "年度の書き方", "年度の書き方です。gregorian: 2018年度、era: 平成30年度、era-short: 30年度、both: 2018年度(平成30年度)。既定は both です。",
        "How years are written: gregorian 2018年度, era 平成30年度, era-short 30年度, both 2018年度(平成30年度).")
    eras_as_of: Annotated[str, WithJsonSchema({
        "type": "string", "pattern": DATE_PATTERN.replace("^" + _FROM_1868 + "(?:", "^(?:adoption|" + _FROM_1868 + "(?:", 1).replace(
            f"){END}", f")){END}"),
        "patternErrorMessage": ja_en("adoption か、2019-05-01 のような日付（YYYY-MM-DD または YYYY-MM）を書きます。",
                                     "adoption, or a date (YYYY-MM-DD or YYYY-MM).")})] = about(
        "adoption", "元号の基準日", "和暦の元号をどの時点のもので数えるかです。adoption（既定）は策定時点（adopted）の元号を使います。例えば2018年に策定した計画では、2022年度を平成34年度と書きます。日付（YYYY-MM-DD）を書くと、その日の時点の元号を使います。",
        "Which eras count: adoption (default), those known when the plan was adopted (FY2022 is 平成34年度 in a "
        "plan of 2018); or a date YYYY-MM-DD.")
    note: str | None = about(None, "年度の注記", "年度の書き方についての注記です（例: 本計画において使用する元号は、計画策定時点のものを用いています。）。表紙に plan.yaml の words の note（既定: （注））を付けて表示します。",
                             "A note on how years are written, shown on the title page after words.note.")

    @model_validator(mode="after")
    def _as_of(self):
        if self.eras_as_of != "adoption":
            _plan_date(self.eras_as_of)
        return self


class Level(Strict):
    model_config = named("階層")
    name: Text = about(..., "階層の名前", "施策体系の階層の名前です（例: 基本方針）。policy ブロックの levels と text で階層を選ぶときに、この名前を書きます。",
                       "The level's name (基本方針), used by policy blocks' levels and text.")
    label: LabelTemplate("number", "title") = about(
        "{number}", "見出しの形", "この階層の項目の見出しの形です。{number}（項目の番号）と {title}（題名）を使えます（例: 基本方針{number}）。{title} を含まないときは、形の後に題名を続けます。既定は {number} です。",
        "How a node of this level is headed; {number} and {title} may be used. Without {title}, the title follows. "
        "Default {number}.")


class MeasureStyle(Strict):
    model_config = named("個別施策の表示")
    name: Text = about("施策", "個別施策の呼び方", "個別施策の呼び方です（例: 個別施策、取組み事項）。スケジュール表の最初の列の見出しにも使います（schedule_column がないとき）。既定は「施策」です。",
                       "What a measure is called (個別施策); also the schedule grid's first column heading unless "
                       "schedule_column is given. Default 施策.")
    label: LabelTemplate("number") = about("{number}", "番号の表示", "施策の番号の表示のしかたです。{number} に番号が入ります（例: 個別施策 {number}）。既定は {number} です。",
                                           "How a measure's number is shown; {number} is the number. Default {number}.")
    list_heading: str | None = about(None, "一覧の見出し", "項目ごとの個別施策の一覧の前に表示する見出しです（例: 【取組み事項】）。省略できます。",
                                     "Printed before a node's measures (【取組み事項】); optional.")
    schedule_heading: str | None = about(None, "スケジュール表の見出し", "項目ごとのスケジュール表の前に表示する見出しです（例: 【スケジュール】）。省略できます。",
                                         "Printed before a node's schedule grid (【スケジュール】); optional.")
    schedule_column: str | None = about(None, "スケジュール表の最初の列", "スケジュール表の最初の列の見出しです。name と違うときに書きます（例: 施策）。",
                                        "The schedule grid's first column heading, where it is not name (施策).")
    marks: Literal["after", "above"] = about(
        "after", "印の位置", "個別施策の印（marks）を表示する位置です。after は見出しの後（例: … 窓口サービス改善 〔新規個別施策〕）、above は見出しの上の行に印だけを表示します（原文が印を見出しの上に書いているとき）。既定は after です。",
        "Where a measure's marks are printed: after its heading (after, the default), or on a line of their own "
        "above it (above, where the source prints them so).")
    status_heading: LabelTemplate("phase") = about(
        "({phase}実施状況)", "実施状況の見出し", "期ごとの実施状況（variants の status）の前に表示する見出しです。{phase} に期の名前が入ります。既定は ({phase}実施状況) です。",
        "The heading of a variant's status list; {phase} is the phase's name. Default ({phase}実施状況).")


class Mark(Strict):
    model_config = named("印")
    name: Text = about(..., "印の名前", "印の名前です（例: 新規）。measures.yaml の marks に、この名前を書きます。",
                       "The mark's name, written in measures' marks.")
    label: str | None = about(None, "表示する言葉", "文書に表示する印の言葉です（例: 新規個別施策）。省略すると name を表示します。",
                              "The words shown for the mark (新規個別施策); default its name.")
    description: str | None = about(None, "印の説明", "印の説明です（例: 重点的に取組む施策）。説明のある印は、章の marks ブロックで凡例として表示します。",
                                    "What the mark means; marks with a description are listed in the legend of a "
                                    "marks block.")


class LegalTag(Strict):
    model_config = named("根拠")
    id: Text = about(..., "根拠の識別子", "根拠の識別子です（例: law10）。measures.yaml の tags に、この id を書きます。",
                     "The tag's id, written in measures' tags.")
    label: Text = about(..., "表示する言葉", "文書に表示する根拠の言葉です（例: 法 10 条:オンライン化原則）。施策の「根拠」の欄に【】で囲んで表示します。",
                        "The words shown for the tag, in 【】 with the measure.")


class GlossaryStyle(Strict):
    model_config = named("用語集の表示")
    title: str = about("用語集", "用語集の見出し", "用語集の見出しです。どの章にも glossary ブロックがないとき、文書の最後に付ける用語集の見出しにします。既定は「用語集」です。",
                       "The glossary's heading when it is appended at the end (no chapter places it). Default 用語集.")
    readings: Literal["all", "latin", "none"] = about(
        "all", "読みの表示", "用語集で用語に読み（reading）を添えるかどうかです（HTML ではルビ）。all: 用語がそのまま表していない読みをすべて添えます。latin: 英字（と数字、記号）だけで書いた用語の読みだけを添えます（例: ASP（エー・エス・ピー）。Lアラートには添えません）。none: 読みを添えず、並べ替えと行の分類にだけ使います。原文の用語集の書き方に合わせます。既定は all です。",
        "Which readings the glossary prints beside the terms (ruby in HTML): all, those the term does not "
        "spell; latin, only those of terms written in Latin letters (and digits, signs) alone "
        "(ASP（エー・エス・ピー）, not Lアラート); "
        "none, readings only sort and group the terms. As the source's glossary does. Default all.")
    append: bool = about(True, "用語集を最後に付ける", "どの章にも glossary ブロックがないとき、用語集を文書の最後に付けるかどうかです。false にすると用語集を付けず、用語は本文で参照した箇所の章末の注にだけ表示します（原文に用語集がなく、注だけで用語を説明しているとき）。既定は true です。",
                         "Whether the glossary is appended at the end when no chapter places it; false prints the "
                         "terms only as the chapter notes where they are referenced (a source with notes but no "
                         "glossary). Default true.")
    group_label: LabelTemplate("row") = about(
        "{row}行", "行の見出し", "五十音の行ごとのまとまりの見出しです。{row} に行の最初の文字が入ります（例: {row}行 → ア行、【{row}】 → 【ア】）。既定は {row}行 です。",
        "The heading of a kana row's group; {row} is its first kana ({row}行 → ア行). Default {row}行.")
    latin: Literal["first", "last"] = about("last", "英字の用語の位置", "英字や数字で始まる用語を、かなの行の前（first）と後（last）のどちらに置くかです。既定は last です。",
                                           "Terms starting with a Latin letter or digit go before (first) or after "
                                           "(last) the kana rows. Default last.")
    latin_label: str | None = about(None, "英字の用語の見出し", "英字や数字で始まる用語のまとまりの見出しです。省略すると最初の文字ごとに分けます（A、B …）。書くと一つにまとめます（例: 【アルファベット】）。",
                                    "One heading for all Latin-letter terms (【アルファベット】); omitted, one group "
                                    "per letter.")


def _word(default: str, title: str, ja: str, en: str, **kw) -> Any:
    return about(default, title, f"{ja}既定は「{default}」です。", f"{en} Default {default}.", **kw)


class Words(Strict):
    """Words the built documents need of their own. Every one can be reworded in
    plan.yaml under `words:`, so a page says only what the city chose to say."""

    model_config = named("文書の言葉", description=ja_en(
        "出力する文書が自ら書く言葉です。市の表記に合わせて変えられます。", "Words the built documents need of their own."))
    contents: Text = _word("目次", "目次", "目次の見出しです。", "The table of contents' heading.")
    adopted: LabelTemplate("date") = _word("{date} 策定", "策定の行", "表紙の策定の行です。{date} に策定の年月が入ります。",
                                           "The title page's adoption line; {date} is when.")
    draft: Text = _word("策定前（案）", "策定前の表示", "plan.yaml に策定の年月（adopted）を書いていない間、表紙の策定の行の代わりに表示する言葉です。",
                        "Shown instead of the adoption line while plan.yaml has no adoption date.")
    revised: LabelTemplate("date") = _word("{date} 改訂", "改訂の行", "表紙の改訂の行（改訂の内容を書いていないとき）です。{date} に改訂の年月が入ります。",
                                           "A revision's line on the title page (without a note); {date} is when.")
    revised_note: LabelTemplate("date", "note") = _word("{date} 改訂（{note}）", "内容付きの改訂の行", "表紙の改訂の行（改訂の内容を書いたとき）です。{date} に年月、{note} に内容が入ります。",
                                                        "A revision's line with its note; {date} and {note}.")
    period: LabelTemplate("start", "end") = _word("計画期間: {start}～{end}", "計画期間の行", "表紙の計画期間の行です。{start} と {end} に最初と最後の年度が入ります。",
                                                  "The title page's period line; {start} and {end} are the years.")
    upper_plans: LabelTemplate("plans") = _word("上位計画: {plans}", "上位計画の行", "表紙の上位計画の行です。{plans} に上位計画を読点でつないだものが入ります。",
                                                "The title page's line of upper plans; {plans} joins them with 、.")
    excerpt: LabelTemplate("note") = _word("この版は抜粋です: {note}", "抜粋の注記", "抜粋の版（excerpt）の表紙の注記です。{note} に excerpt の note が入ります。",
                                           "The title page's excerpt notice; {note} is excerpt's note.")
    policy: Text = _word("施策体系", "施策体系の見出し", "どの章にも policy ブロックがないとき、文書の最後に付ける施策体系の見出しです。",
                         "The heading of the policy tree appended at the end when no chapter places it.")
    period_table: Text = _word("計画期間", "計画期間の表の表題", "period ブロックの表の表題（caption を書かないとき）です。",
                               "The caption of a period block's table (without its own caption).")
    schedule: Text = _word("スケジュール", "スケジュール", "スケジュール表の表題と、施策の「スケジュール」の欄の名前です。",
                           "The schedule grid's caption and the name of a measure's schedule line.")
    departments: Text = _word("担当課等", "担当課の欄", "施策の担当課の欄と、スケジュール表の担当課の列の見出しです。",
                              "The name of a measure's departments and the grid's column of them.")
    class_: Text = _word("分類", "分類の欄", "施策の分類（class）の欄の名前です。", "The name of a measure's class line.", alias="class")
    tags: Text | None = _word("根拠", "根拠の欄", "施策の根拠（tags）の欄の名前です。null と書くと、欄の名前を付けずに根拠（【法 10 条:オンライン化原則】など）だけを表示します（原文が根拠だけを書いているとき）。",
                              "The name of a measure's tags line; null prints the tags alone, with no name (as a "
                              "source that prints only 【法 10 条:…】).")
    note: Text = _word("（注）", "注記の印", "施策の注記と年度の注記の前に付ける言葉です。", "Put before a measure's note and the years note.")
    abolished: Text = _word("廃止", "廃止", "廃止した施策の表示です（fate の note がないとき）。", "Shown for an abolished measure (without a fate note).")
    merged: Text = _word("統合", "統合", "統合先が見つからない統合の表示です。", "Shown for a merge whose target is not found.")
    merged_into: LabelTemplate("target") = _word("統合（→{target}）", "統合先の表示", "統合した施策の表示です（fate の note がないとき）。{target} に統合先の番号と題名が入ります。",
                                                  "Shown for a merged measure (without a fate note); {target} is the "
                                                  "target's number and title.")
    marks_legend: LabelTemplate("description", "label") = _word("{description}…{label}", "凡例の一行", "印の凡例の一行です。{description} に説明、{label} に印の言葉が入ります。",
                                                                 "A line of the marks legend; {description} and {label}.")
    mark: LabelTemplate("mark") = _word("〔{mark}〕", "見出しの後の印", "個別施策の見出しの後に付ける印の書き方です（Markdown と Word）。{mark} に印の言葉（marks の label、なければ name）が入ります。印が二つ以上あるときは、空白を挟んで並べます。HTML（と PDF）では括弧の代わりに印の言葉を枠で囲んで表示します。",
                                        "How a mark is printed after a measure's heading (Markdown and Word); {mark} is "
                                        "its words (the mark's label, else its name); several are separated by a space. "
                                        "HTML (and PDF) box the words instead of bracketing them.")
    footnotes: LabelTemplate("chapter") = _word("{chapter}の注", "章末の注の見出し", "章末の注の見出しです。{chapter} に章の見出しが入ります。",
                                                "The heading of a chapter's notes; {chapter} is the chapter's heading.")
    skip_to_main: Text = _word("本文へ移動", "本文へ移動", "HTML のページの最初にある、本文へ移動するリンクの言葉です（キーボードや読み上げで使う人のため）。",
                               "The HTML page's skip link to the main text (for keyboard and screen-reader users).")
    back_to_text: LabelTemplate("number") = _word("本文の※{number}へ戻る", "本文へ戻る", "HTML の注から本文の参照箇所へ戻るリンクの読み上げの言葉です。{number} に注の番号が入ります。",
                                                  "How a note's link back to the text is read aloud; {number} is the "
                                                  "note's number.")
    note_ref: LabelTemplate("number") = _word("注{number}", "注の参照", "HTML の本文の注番号（※1）の読み上げの言葉です。{number} に注の番号が入ります。",
                                              "How a note reference (※1) is read aloud; {number} is its number.")
    figure: Text = _word("図", "図", "Markdown の出力で、図の表題の後に括弧書きで添える言葉です。",
                         "Added after a figure's caption in the Markdown output.")
    # the progress report (progress/*.yaml): headings, captions, column heads and notes
    progress: Text = _word("進捗状況", "進捗報告の「進捗状況」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                            "A word of the progress report.")
    progress_title: LabelTemplate("title") = _word("{title} 進捗状況", "進捗報告の「{title} 進捗状況」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                                    "A word of the progress report.")
    progress_as_of: LabelTemplate("period") = _word("{period}までの記録", "進捗報告の「{period}までの記録」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                                     "A word of the progress report.")
    progress_summary: LabelTemplate("period") = _word("{period}の実施状況", "進捗報告の「{period}の実施状況」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                                       "A word of the progress report.")
    progress_status: Text = _word("実施状況", "進捗報告の「実施状況」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                   "A word of the progress report.")
    progress_direction: Text = _word("施策の方向性", "進捗報告の「施策の方向性」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                      "A word of the progress report.")
    progress_count: Text = _word("施策数", "進捗報告の「施策数」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                  "A word of the progress report.")
    progress_share: LabelTemplate("count", "percent") = _word("{count}（{percent}％）", "進捗報告の「{count}（{percent}％）」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                                               "A word of the progress report.")
    progress_total: Text = _word("合計", "進捗報告の「合計」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                  "A word of the progress report.")
    progress_unreported: Text = _word("記録なし", "進捗報告の「記録なし」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                       "A word of the progress report.")
    progress_definitions: LabelTemplate("name") = _word("注）「{name}」の定義は、次のとおりです。", "進捗報告の「注）「{name}」の定義は、次のとおりです。」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                                         "A word of the progress report.")
    progress_definition: LabelTemplate("name", "definition") = _word("・「{name}」：{definition}", "進捗報告の「・「{name}」：{definition}」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                                                      "A word of the progress report.")
    progress_by_node: LabelTemplate("level") = _word("{level}別の実施状況", "進捗報告の「{level}別の実施状況」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                                      "A word of the progress report.")
    progress_on_track: LabelTemplate("statuses") = _word("{statuses}の計", "進捗報告の「{statuses}の計」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                                          "A word of the progress report.")
    progress_history: Text = _word("年度別の推移", "進捗報告の「年度別の推移」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                    "A word of the progress report.")
    progress_grid: Text = _word("施策別の実施状況", "進捗報告の「施策別の実施状況」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                 "A word of the progress report.")
    progress_indicators: Text = _word("指標の目標と実績", "進捗報告の「指標の目標と実績」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                       "A word of the progress report.")
    progress_indicator: Text = _word("指標", "進捗報告の「指標」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                      "A word of the progress report.")
    progress_unit: Text = _word("単位", "進捗報告の「単位」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                 "A word of the progress report.")
    progress_target: Text = _word("目標", "進捗報告の「目標」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                   "A word of the progress report.")
    progress_actual: Text = _word("実績", "進捗報告の「実績」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                   "A word of the progress report.")
    progress_records: Text = _word("施策ごとの実施内容", "進捗報告の「施策ごとの実施内容」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                    "A word of the progress report.")
    progress_narrative: Text = _word("実施内容", "進捗報告の「実施内容」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                      "A word of the progress report.")
    progress_period: Text = _word("年度", "進捗報告の「年度」", "進捗状況の報告（progress.html、progress.md）で使う言葉です。",
                                   "A word of the progress report.")


class Taisho(Strict):
    """The 新旧対照表 as the office makes it: which column comes first, what the columns
    are called and the words it prints. Every word has a default (the national
    ministries' usage); `plancc diff --columns` and `--labels` override the first two for
    one run. Taken from the new side's plan.yaml."""

    model_config = named("新旧対照表")
    columns: Literal["new-old", "old-new"] = _word("new-old", "列の順", "new-old は改正後を左の列に（省庁の様式）、old-new は右の列にします。",
                                                  "new-old puts 改正後 on the left (ministries' order); old-new on the right.")
    new: Text = _word("改正後", "新しい版の列の見出し", "新しい版の列の見出しです（例: 改正案）。", "The new column's label.")
    old: Text = _word("改正前", "古い版の列の見出し", "古い版の列の見出しです（例: 現行）。", "The old column's label.")
    added: Text = _word("（新設）", "新設の言葉", "新しく加わった項目の横に、古い版の列に書く言葉です。",
                        "What the old column holds beside a new item.")
    removed: Text = _word("（削る）", "削除の言葉", "削った項目の横に、新しい版の列に書く言葉です。",
                          "What the new column holds beside a deleted item.")
    omitted: Text = _word("（略）", "省略の言葉", "変更と変更の間の、変わっていない部分の代わりに書く言葉です。",
                          "Unchanged text left out between changes.")
    title: LabelTemplate("title") = _word("{title}新旧対照表", "表題", "新旧対照表の表題です。{title} に計画名が入ります。",
                                          "The title; {title} is the plan's title.")
    side: LabelTemplate("title", "date") = _word("{title}（{date}改訂）", "改訂した版の呼び方", "改訂した版の呼び方です。{title} に計画名、{date} に最新の改訂の年月が入ります。",
                                                 "A revised side; {title} and {date} of its latest revision.")
    side_adopted: LabelTemplate("title", "date") = _word("{title}（{date}策定）", "改訂していない版の呼び方", "改訂していない版の呼び方です。{date} に策定の年月が入ります。",
                                                         "A side never revised; {date} of its adoption.")
    side_phase: LabelTemplate("side", "phase") = _word("{side}【{phase}】", "期の比較での版の呼び方", "期を比べる（--phases）ときの版の呼び方です。{side} に版の呼び方、{phase} に期の名前が入ります。",
                                                       "A side of a phase review; {side} and {phase}.")
    date: LabelTemplate("year", "month") = _word("{year}年{month}月", "年月の書き方", "版の呼び方に入る年月の書き方です。", "How a side's date is written.")
    underline_note: Text = _word("（傍線部分は改正部分）", "傍線の注記", "表の前に書く、傍線の意味の注記です。", "The note on what is underlined.")
    compared: LabelTemplate("parts") = _word("比較した範囲: {parts}", "比較した範囲の行", "比較した範囲の行です。{parts} に範囲が入ります。",
                                             "The line of compared parts.")
    not_compared: LabelTemplate("parts") = _word("比較していない範囲（片方にのみ収録）: {parts}", "比較していない範囲の行",
                                                 "片方の版にだけある範囲の行です。{parts} に範囲が入ります。", "The line of parts not compared.")
    no_changes: Text = _word("差分はありません。", "差分がないときの言葉", "差分がないときに書く言葉です。", "Said when nothing changed.")
    font: Text = _word("ＭＳ 明朝", "Word の日本語フォント", "Word の新旧対照表で日本語に使うフォントです。", "The Word file's Japanese font (w:eastAsia).")


class Excerpt(Strict):
    model_config = named("抜粋")
    note: Text = about(..., "抜粋の内容", "この版が収録している範囲です（例: 第1章のみ収録）。表紙に words の excerpt の形で表示します。",
                       "What this edition holds of its source (第1章のみ収録), shown on the title page.")


class ProgressStatus(Strict):
    """One word of the status vocabulary (実施状況: 完了／目標達成, 継続, 調整, 停滞 …)."""

    model_config = named("実施状況の言葉")
    name: Text = about(..., "言葉", "実施状況の言葉です（例: 完了／目標達成）。進捗の記録の status に書きます。",
                       "The status word (完了／目標達成), written as a record's status.")
    definition: str | None = about(None, "定義", "この言葉の定義です。進捗報告の表の注に表示します。",
                                   "Its definition, printed as the note of the report's tables.")
    on_track: bool = about(False, "順調", "true のとき、この実施状況を「順調」として目標ごとの割合に数えます。",
                           "Counted as on track in the share per policy node.")


class ProgressDirection(Strict):
    """One word of the direction vocabulary (施策の方向性: 拡大・拡充, 継続, 再検討, 廃止 …)."""

    model_config = named("施策の方向性の言葉")
    name: Text = about(..., "言葉", "施策の方向性の言葉です（例: 拡大・拡充）。進捗の記録の direction に書きます。",
                       "The direction word (拡大・拡充), written as a record's direction.")
    label: str | None = about(None, "表示", "表に表示する言葉が name と違うときに書きます（例: 一層の推進を図る（拡大・拡充））。",
                              "How tables print it, where it differs from the name.")
    definition: str | None = about(None, "定義", "この言葉の定義です。進捗報告の表の注に表示します。",
                                   "Its definition, printed as the note of the report's tables.")


class ProgressStyle(Strict):
    model_config = named("進捗管理")
    statuses: list[ProgressStatus] = about([], "実施状況", "実施状況の言葉と定義の一覧です（例: 完了／目標達成、継続、調整、停滞）。",
                                           "The status vocabulary with definitions.")
    directions: list[ProgressDirection] = about([], "施策の方向性", "施策の方向性の言葉と定義の一覧です（例: 拡大・拡充、継続、再検討、廃止）。",
                                                "The direction vocabulary with definitions.")
    by_level: str | None = about(None, "集計の階層", "目標ごとの集計に使う施策体系の階層の名前です。省略すると最上位の階層です。",
                                 "The policy level the report counts by (default: the top level).")
    # how shares are rounded to whole percent so that they add up to 100: half up, the
    # difference settled on the first categories (vocabulary order) that were rounded the
    # other way (first-in-order, as 取手市 rounds), or by largest remainder
    rounding: Literal["first-in-order", "largest-remainder"] = about(
        "first-in-order", "割合の丸め方", "割合を整数の％に丸めて合計を100にする方法です。first-in-order は四捨五入して、差を言葉の順に最初の区分で調整します（取手市の表の丸め方）。largest-remainder は端数の大きい順に調整します。",
        "How shares are rounded to whole percent adding up to 100: half up with the difference settled in "
        "vocabulary order (first-in-order), or by largest remainder.")


class PlanMeta(Strict):
    model_config = named("計画（plan.yaml）")
    # keys no output prints (source: the file the fidelity tests compare with); the
    # 新旧対照表 taken to council has no row for them
    UNPRINTED: ClassVar[frozenset[str]] = frozenset({"source"})
    city: Text = about(..., "市区町村名", "計画を策定した市区町村の名前です（例: 飯塚市）。計画の一覧ページ（index.html）で計画名の前に表示します。",
                       "The city whose plan this is (飯塚市), shown before the title on the index page.")
    title: Text = about(..., "計画名", "計画の正式な名称です（例: 飯塚市地域情報化計画）。表紙の見出しと、HTML の各ページ（印刷したときの各ページの上部）、計画の一覧、新旧対照表の見出しに使います。",
                        "The plan's official name, used as the title page's heading, on every printed page, in the "
                        "index and in the 新旧対照表.")
    edition: str | None = about(None, "版", "計画の版の名前です（例: 第四次）。計画名に含まれていないときは、表紙の計画名の下に表示します。省略できます。",
                                "The edition (第四次), shown under the title unless the title holds it (optional).")
    section: str | None = about(None, "担当課", "計画を担当する課の名前です（例: 総務部情報政策課）。表紙に表示します。省略できます。",
                                "The responsible section, shown on the title page (optional).")
    adopted: PlanDate | None = about(None, "策定の年月", "計画を策定した年月（YYYY-MM）または年月日（YYYY-MM-DD）です（例: 2018-03）。表紙の策定の行に表示します。和暦の元号は、この時点のものを使います（years の eras_as_of が adoption のとき）。原文に策定の年月が書かれていない計画では省略します（表紙に策定の行を表示せず、元号は計画期間の最初の年度の始まり（4月1日）の時点のものを使います）。策定前の案では書かずに draft: true と書きます。",
                              "When the plan was adopted (YYYY-MM or YYYY-MM-DD), shown on the title page; eras are "
                              "those known then (years.eras_as_of: adoption). Left out where the source does not say "
                              "when: no adoption line, and eras as of the start of the period (April 1 of its first "
                              "year). A draft has none: it says draft: true.")
    draft: bool = about(False, "策定前の案", "true のとき、この版は策定前の案です。表紙には策定の行の代わりに words の draft（既定: 策定前（案））を表示し、検査で注意します。和暦の元号は現在知られているものを使います。策定したら、この行を消して adopted に策定の年月を書きます。既定は false（策定済み）です。",
                        "true: this edition is a draft, not yet adopted. The title page shows words.draft (策定前（案）) "
                        "instead of the adoption line, validate warns, and eras are those known today. Once adopted, "
                        "remove it and write the date under adopted. Default false (adopted).")
    revised: list[Revision] = about([], "改訂", "計画を改訂した年月と内容の一覧です。表紙に改訂の行として表示します。省略できます。",
                                    "The plan's revisions (date, note), shown on the title page (optional).")
    period: FiscalRange = about(..., "計画期間", "計画期間です。最初と最後の年度を西暦で書きます（例: {start: 2018, end: 2026}）。最後の年度を含みます。",
                                "The plan period: first and last fiscal year, inclusive.")
    phases: list[Phase] = about([], "期", "計画期間を前期・中期・後期などに分けるときの期の一覧です。期と期の間に重なりや空きがないように書きます。省略できます。",
                                "The phases of the period (前期, 中期 …), contiguous, without gaps or overlaps "
                                "(optional).")
    years: Years = about(Years(), "年度の表示", "年度の書き方（西暦・和暦）と、和暦の元号の基準日、年度についての注記です。",
                         "How years are written, which eras count, and a note on it.")
    upper_plans: list[Text] = about([], "上位計画", "上位計画の名前の一覧です（例: [第2次飯塚市総合計画]）。表紙に「上位計画:」の行として表示します。省略できます。",
                                    "The upper plans, shown on the title page (optional).")
    excerpt: Excerpt | None = about(None, "抜粋", "この版が元の計画の一部だけを収録しているときに書きます（例: {note: 第1章のみ収録}）。表紙に抜粋であることを表示し、新旧対照表では両方にある章だけを比べます。",
                                    "When this edition holds only part of its source ({note: 第1章のみ収録}); the "
                                    "title page says so and a diff compares only the chapters both sides hold.")
    levels: list[Level] = about([], "施策体系の階層", "施策体系（policy.yaml）の階層ごとの名前と見出しの形の一覧です。1番目が最上位の階層です。",
                                "The policy tree's level names and how their nodes are headed, top level first.")
    measure: MeasureStyle = about(MeasureStyle(), "個別施策の表示", "個別施策の呼び方と、番号や見出しの表示のしかたです。",
                                  "What measures are called and how their numbers and headings are shown.")
    classes: list[Text] = about([], "施策の分類", "個別施策の分類の一覧です（例: [重点施策, 推進施策]）。measures.yaml の class には、ここにある分類だけを書けます。省略できます。",
                                "The measure classes; measures' class must be one of them (optional).")
    marks: list[Mark] = about([], "印", "個別施策に付ける印の一覧です（例: 新規、重点）。measures.yaml の marks には、ここにある印だけを書けます。省略できます。",
                              "The measure marks; measures' marks must be among them (optional).")
    tags: list[LegalTag] = about([], "根拠", "個別施策の根拠（法令の条項など）の一覧です。measures.yaml の tags には、ここにある id だけを書けます。省略できます。",
                                 "The legal-basis tags; measures' tags must be among their ids (optional).")
    stages: list[Text] = about([], "スケジュールの段階", "スケジュールに書く段階の一覧です（例: [調査・研究, 検討, 構築, 運用]）。measures.yaml の schedule には、ここにある段階と ⇒（継続）だけを書けます。省略できます。",
                               "The schedule stages; measures' schedules hold only these and ⇒ (optional).")
    glossary: GlossaryStyle = about(GlossaryStyle(), "用語集の表示", "用語集の見出しと、五十音の行や英字の用語のまとめ方です。",
                                    "The glossary's heading and how its terms are grouped.")
    words: Words = about(Words(), "文書の言葉", "出力する文書が自ら書く言葉（目次、策定、改訂、注の見出しなど）です。市の表記に合わせて変えられます。書かない言葉は既定のままです。",
                         "Words the built documents need of their own (目次, 策定 …), reworded here as the city "
                         "writes them; those not given keep their defaults.")
    progress: ProgressStyle = about(ProgressStyle(), "進捗管理", "進捗状況の記録（progress/*.yaml）に使う実施状況と方向性の言葉、その定義、集計の階層と割合の丸め方です。",
                                    "The status and direction vocabularies of progress records, with their "
                                    "definitions, the level counted by and how shares are rounded.")
    taisho: Taisho = about(Taisho(), "新旧対照表", "新旧対照表（plancc diff）の作り方です。列の順、列の見出し（改正後・改正前、改正案・現行など）、新設・削除・省略の言葉、各版の呼び方を、庁内の様式に合わせて書きます。書かない項目は既定のままです。",
                           "How this office makes its 新旧対照表 (plancc diff): column order, labels, the words "
                           "for new, deleted and omitted items, how each side is named.")
    source: str | None = about(None, "原文のファイル", "この版が書き写した原文のファイル名です（sources フォルダーの中）。原文との照合の試験に使い、文書には表示しません。",
                               "The source text under sources/ this edition transcribes; used by the fidelity tests, "
                               "not printed.")


# ---------------------------------------------------------------- progress (progress/*.yaml)

AMOUNT_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def _amount(v: str) -> str:
    if not AMOUNT_RE.match(v):
        raise PydanticCustomError("amount_format", "a number is written with half-width digits, like 30 or 12.5")
    return v


Amount = Annotated[str, AfterValidator(_amount)]  # kept as typed (30, 12.5); compared as Decimal


class Indicator(Strict):
    """A KPI reported with a record: its name and unit, this period's target and actual."""

    model_config = named("指標")
    name: Text = about(..., "指標名", "指標（KPI）の名前です。", "The indicator's (KPI's) name.")
    unit: str | None = about(None, "単位", "指標の単位です（例: 件、％）。必ず書き、どの年度も同じ単位にします。",
                             "Its unit; required and the same in every period (check.py says so).")
    target: Amount | None = about(None, "目標値", "この期間の目標値です（半角の数字）。", "This period's target (half-width digits).")
    actual: Amount | None = about(None, "実績値", "この期間の実績値です（半角の数字）。", "This period's actual value (half-width digits).")


class ProgressRecord(Strict):
    model_config = named("進捗の記録")
    measure: Text = about(..., "施策", "記録する施策の id です。", "The measure's id.")
    status: str | None = about(None, "実施状況", "実施状況です。plan.yaml の progress の statuses にある言葉を書きます。",
                               "From plan.yaml's progress.statuses.")
    direction: str | None = about(None, "施策の方向性", "施策の方向性です。plan.yaml の progress の directions にある言葉を書きます。",
                                  "From plan.yaml's progress.directions.")
    narrative: Union[Text, list[Cell], None] = about(None, "実施内容", "この期間に行ったことです（文、または箇条書きのリスト）。",
                                                     "What was done (a text or a list).")
    indicators: list[Indicator] = about([], "指標", "指標（KPI）の目標と実績の一覧です。", "Indicators (KPIs) with target and actual.")


class ProgressFile(Strict):
    """One period's records: a fiscal year (`year: 2019`), or a phase (`phase: 前期`)."""

    model_config = named("進捗状況の記録（progress/*.yaml）")
    year: FiscalYearInt | None = about(None, "年度", "記録する年度です（西暦）。year か phase のどちらかを書きます。",
                                       "The fiscal year reported (or phase).")
    phase: Text | None = about(None, "期", "記録する期の名前です（例: 前期）。year か phase のどちらかを書きます。",
                               "The phase reported (or year).")
    records: list[ProgressRecord] = about([], "記録", "施策ごとの記録の一覧です。", "One record per measure.")

    @model_validator(mode="after")
    def _year_or_phase(self):
        if (self.year is None) == (self.phase is None):
            raise PydanticCustomError("year_or_phase", "a progress file reports one fiscal year or one phase: "
                                      "give `year:` or `phase:`")
        return self


FILE_MODELS = {
    "plan": PlanMeta,
    "chapter": Chapter,
    "glossary": Glossary,
    "policy": Policy,
    "measures": Measures,
    "progress": ProgressFile,
}

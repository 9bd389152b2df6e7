"""The JSON Schemas of the plan files, for editors.

VS Code's YAML extension (yaml-language-server) checks and completes a plan file against
the schema its first line names (`# yaml-language-server: $schema=…`); `plancc schema KIND`
prints it, and schema/*.schema.json are the committed copies (`make schema`).

A schema must accept exactly what `plancc validate` accepts of one file, as the editor
reads the file: YAML 1.2's core schema, where `2018` and `1.10` are numbers, `true` is a
boolean and `2018-03-31` is a string (YAML 1.2 has no dates). plancc reads every scalar
as text (yamlsource.py) and the model decides what a field takes. So here:

- a text field takes a string, a number or a boolean (the model's text types say, with
  their own `WithJsonSchema`, which of them their checks let through);
- a true/false field takes a boolean, 0 or 1, or a string pydantic reads as one (yes, on …);
- a whole-number field takes an integer, or a string written as model.WHOLE_RE says,
  within the field's bounds.

Titles and descriptions come from the models' fields (Japanese first, then English).
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from . import model as m

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# What each file is, for the editor's hover on the file's top.
ABOUT = {
    "plan": m.ja_en("計画の版ごとの基本情報（plan.yaml）です。市区町村名、計画名、策定日、計画期間、期、施策体系の階層、印や分類の一覧、文書の言葉などを書きます。",
                    "A plan edition's metadata (plan.yaml): city, title, dates, period, phases, levels, "
                    "vocabularies, words."),
    "chapter": m.ja_en("計画の一つの章（chapters/NN-name.yaml）です。ファイル名の順に並べます。",
                       "One chapter of the plan (chapters/NN-name.yaml), in file-name order."),
    "glossary": m.ja_en("用語集（glossary.yaml または glossary/*.yaml）です。", "The glossary (glossary.yaml or glossary/*.yaml)."),
    "policy": m.ja_en("施策体系（policy.yaml）です。方針 → 目標 → 施策のような木の形で書きます。",
                      "The policy tree (policy.yaml)."),
    "measures": m.ja_en("個別施策（measures.yaml または measures/*.yaml）です。", "The measures (measures.yaml or measures/*.yaml)."),
    "progress": m.ja_en("一つの年度または期の進捗状況の記録（progress/*.yaml）です。",
                        "One fiscal year's or phase's progress records (progress/*.yaml)."),
}

# The words pydantic's lax mode reads as true or false (any case, nothing around them).
BOOL_WORDS = ("0", "1", "f", "false", "n", "no", "off", "on", "t", "true", "y", "yes")


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


BOOL_PATTERN = "^(?:" + "|".join(_any_case(w) for w in BOOL_WORDS) + ")" + m.END

_SEP = "_?"  # the underscore Python allows between digits


def _group(regex: str) -> str:
    return f"(?:{regex})" if "|" in regex else regex


def _same_length(lo: str, hi: str) -> str:
    """A regex for the numerals lo..hi, all of one length, an underscore allowed between digits."""
    n = len(lo)
    if n == 1:
        return lo if lo == hi else f"[{lo}-{hi}]"
    rest = (_SEP + "[0-9]") * (n - 1)
    if lo[0] == hi[0]:
        return lo[0] + _SEP + _group(_same_length(lo[1:], hi[1:]))
    if lo[1:] == "0" * (n - 1) and hi[1:] == "9" * (n - 1):
        return f"[{lo[0]}-{hi[0]}]" + rest
    parts = [lo[0] + _SEP + _group(_same_length(lo[1:], "9" * (n - 1)))]
    if int(hi[0]) - int(lo[0]) > 1:
        parts.append(f"[{int(lo[0]) + 1}-{int(hi[0]) - 1}]" + rest)
    parts.append(hi[0] + _SEP + _group(_same_length("0" * (n - 1), hi[1:])))
    return "|".join(parts)


def numerals_between(lo: int, hi: int) -> str:
    """A regex for the decimal numerals of lo..hi (1 <= lo <= hi), without leading zeros."""
    parts = []
    for n in range(len(str(lo)), len(str(hi)) + 1):
        a, b = max(lo, 10 ** (n - 1)), min(hi, 10 ** n - 1)
        parts.append(_same_length(str(a), str(b)))
    return "|".join(parts)


def whole_pattern(lo: int | None = None, hi: int | None = None) -> str:
    """The pattern of model.WHOLE_RE's texts, those of lo..hi only when bounds are given."""
    space = m.NUM_SPACE
    if lo is None and hi is None:
        return f"^{m.WHOLE_RE.pattern}{m.END}"
    if lo is None or hi is None or lo < 1:
        raise NotImplementedError("a whole-number field has both bounds, the lower at least 1")
    # a plus sign and leading zeros may come before the digits; a minus sign cannot (lo >= 1)
    return rf"^{space}*\+?(?:0_?)*(?:{numerals_between(lo, hi)})(?:\.0+)?{space}*{m.END}"


class EditorSchema(GenerateJsonSchema):
    """pydantic's JSON Schema, with the scalars of the model as YAML 1.2 spells them."""

    def str_schema(self, schema) -> dict[str, Any]:
        out = super().str_schema(schema)
        out["type"] = list(m.SCALAR)
        return out

    def bool_schema(self, schema) -> dict[str, Any]:
        return {"type": ["boolean", "integer", "string"], "minimum": 0, "maximum": 1, "pattern": BOOL_PATTERN,
                "patternErrorMessage": m.ja_en("true か false を書きます。", "Write true or false.")}

    def int_schema(self, schema) -> dict[str, Any]:
        lo, hi = schema.get("ge"), schema.get("le")
        out: dict[str, Any] = {"type": ["integer", "string"], "pattern": whole_pattern(lo, hi)}
        if lo is not None:
            out["minimum"], out["maximum"] = lo, hi
            out["patternErrorMessage"] = m.ja_en(f"{lo}から{hi}までの整数を半角数字で書きます。",
                                                 f"A whole number from {lo} to {hi}, in half-width digits.")
        else:
            out["patternErrorMessage"] = m.ja_en("整数を半角数字で書きます。", "A whole number, in half-width digits.")
        return out


def _chapters_only(doc: dict[str, Any]) -> None:
    """The policy tree and the measures may not hold the blocks that print generated parts
    (check.py's misplaced-block): in their files, such a block matches nothing."""
    message = m.ja_en("このブロックは章（chapters）の中にだけ書けます。", "This block belongs in a chapter only.")
    for kind in m.GENERATED:
        name = m.BLOCK_KINDS[kind].__name__
        old = doc["$defs"][name]
        # (no value is allowed: `enum: []`, whose errorMessage the editor shows)
        doc["$defs"][name] = {"title": old["title"], "type": "object", "required": [kind], "properties": {
            kind: {"enum": [], "title": old["properties"][kind]["title"], "description": message, "errorMessage": message}}}
    for name in [v.__name__ for v in (m.PolicyView, m.PeriodView, m.GlossaryView, m.MarksView)]:
        rest = {k: v for k, v in doc.items() if k != "$defs"}, {k: v for k, v in doc["$defs"].items() if k != name}
        if name in doc["$defs"] and f'"#/$defs/{name}"' not in json.dumps(rest):  # only such a block held it
            del doc["$defs"][name]


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of plan file (a key of model.FILE_MODELS)."""
    doc = m.FILE_MODELS[kind].model_json_schema(by_alias=True, schema_generator=EditorSchema)
    if kind in ("policy", "measures"):
        _chapters_only(doc)
    doc["$schema"] = DRAFT
    doc["description"] = ABOUT[kind]
    return doc

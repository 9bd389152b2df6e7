"""Load stage: find plan folders, read their YAML files and validate each against the model.

Every problem becomes a located Finding; nothing here raises on bad input.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from . import model as m
from .findings import Finding
from .yamlsource import SourceFile, read

T = TypeVar("T")

KNOWN_TOP_FILES = {"plan.yaml", "glossary.yaml", "policy.yaml", "measures.yaml"}


@dataclass
class Located(Generic[T]):
    """A model object with the file and data path it was written at."""

    value: T
    src: SourceFile
    path: tuple

    def finding(self, code: str, message: str, hint: str | None = None, *, sub: tuple = (),
                key: bool = False, severity: str = "error") -> Finding:
        return self.src.finding(self.path + sub, code, message, hint, key=key, severity=severity)


@dataclass
class Plan:
    folder: Path
    name: str  # the folder as the user sees it
    meta: Located[m.PlanMeta]
    chapters: list[Located[m.Chapter]] = field(default_factory=list)
    terms: list[Located[m.Term]] = field(default_factory=list)
    policy: Located[m.Policy] | None = None
    measures: list[Located[m.Measure]] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)


def discover(paths: list[Path]) -> tuple[list[Path], list[Finding]]:
    """Plan folders (folders holding plan.yaml) at or below each path, in a stable order."""
    found: list[Path] = []
    findings: list[Finding] = []
    for p in paths:
        if p.is_file():
            if p.name == "plan.yaml":
                found.append(p.parent)
            else:
                findings.append(Finding(str(p), 1, 1, "error", "not-a-plan",
                                        "this is a file, not a plan folder",
                                        "pass the folder that holds plan.yaml"))
            continue
        hits = []
        for root, dirs, files in os.walk(p):  # does not follow symlinked folders
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            if "plan.yaml" in files:
                hits.append(Path(root))
        if not hits:
            findings.append(Finding(str(p), 1, 1, "error", "no-plan",
                                    "no plan found here (a plan is a folder holding plan.yaml)",
                                    "create plan.yaml in the plan's folder, or pass another path"))
        found.extend(sorted(hits))
    unique = list(dict.fromkeys(found))
    return unique, findings


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return f"text '{value[:30]}'" if len(value) <= 30 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_EXPECT = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "bool_type": "true or false", "bool_parsing": "true or false",
    "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
    "model_attributes_type": "a mapping", "union_tag_invalid": "a block",
}

_ALL_FIELDS = sorted({name if not info.alias else info.alias
                      for cls in vars(m).values()
                      if isinstance(cls, type) and issubclass(cls, BaseModel)
                      for name, info in cls.model_fields.items()})


def _walk(src: SourceFile, loc: tuple) -> tuple[tuple, Any, bool]:
    """Follow a pydantic error location through the raw data.

    Returns the data path, the value there and whether the location names a key.
    Union member labels and discriminator tags in `loc` are skipped.
    """
    node, path, is_key = src.data, (), False
    for part in loc:
        if part == "[key]":
            is_key = True
            continue
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node, path = node[part], path + (part,)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node, path = node[part], path + (part,)
        elif isinstance(node, dict) and isinstance(part, int) and str(part) in node:
            node, path = node[str(part)], path + (str(part),)
    return path, node, is_key


def errors_to_findings(src: SourceFile, exc: ValidationError, what: str) -> list[Finding]:
    out: list[Finding] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        typ = err["type"]
        if typ == "extra_forbidden":
            path, _, _ = _walk(src, loc[:-1])
            key = loc[-1]
            close = difflib.get_close_matches(str(key), _ALL_FIELDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "remove it; docs/authoring.md lists the keys"
            out.append(src.finding(path + (key,), "unknown-key", f"unknown key '{key}' in {what}", hint, key=True))
            continue
        path, value, is_key = _walk(src, loc)
        if typ == "missing":
            key = loc[-1]
            out.append(src.finding(path, "missing-key", f"missing key '{key}' in {what}",
                                   f"add `{key}:`; docs/authoring.md describes it"))
        elif typ in ("union_tag_not_found", "block_kind", "union_tag_invalid"):
            kinds = ", ".join(m.BLOCK_KINDS)
            keys = ", ".join(value) if isinstance(value, dict) else _describe(value)
            out.append(src.finding(path, "unknown-block", f"not a block: {keys}",
                                   f"a block is a one-key mapping; the key is one of: {kinds}"))
        elif typ in _EXPECT:
            out.append(src.finding(path, "wrong-type",
                                   f"expected {_EXPECT[typ]}, found {_describe(value)}",
                                   "see docs/authoring.md for this field", key=is_key))
        elif typ == "literal_error":
            exp = err.get("ctx", {}).get("expected", "")
            out.append(src.finding(path, "invalid-value", f"'{value}' is not allowed here; expected {exp}",
                                   "use one of the listed values"))
        else:
            msg = err["msg"].removeprefix("Value error, ")
            out.append(src.finding(path, "invalid-value", msg, _hint_for(typ, msg)))
    # a union reports each member's failure; one finding per spot is enough
    seen, unique = set(), []
    for f in out:
        k = (f.line, f.col, f.code if f.code != "wrong-type" else "")
        if k not in seen:
            seen.add(k)
            unique.append(f)
    return unique


def _hint_for(typ: str, msg: str) -> str:
    if "half-width" in msg:
        return "full-width digits and dashes (１－２) are for prose; write 1-2 in data"
    if typ.startswith("greater_than") or typ.startswith("less_than"):
        return "fiscal years are Gregorian, like 2018"
    return "see docs/authoring.md"


def _validate(src: SourceFile, cls: type[BaseModel], what: str) -> tuple[Any, list[Finding]]:
    if not isinstance(src.data, dict):
        return None, [src.finding((), "wrong-type", f"a {what} file holds a mapping, found {_describe(src.data)}",
                                  "start the file with keys like `title:`")]
    try:
        return cls.model_validate(src.data), []
    except ValidationError as exc:
        return None, errors_to_findings(src, exc, what)


def _files(folder: Path, single: str, many: str) -> list[Path]:
    out = []
    if (folder / single).is_file():
        out.append(folder / single)
    d = folder / many
    if d.is_dir():
        out.extend(sorted(p for p in d.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
    return out


def load_plan(folder: Path, name: str | None = None) -> tuple[Plan | None, list[Finding]]:
    """Read and validate every file of one plan folder. The plan is None if any file is invalid."""
    name = name or str(folder)
    findings: list[Finding] = []
    ok = True

    def load(path: Path, cls, what: str):
        nonlocal ok
        shown = os.path.join(name, os.path.relpath(path, folder))
        src, fs = read(path, shown)
        findings.extend(fs)
        if src is None:
            ok = False
            return None, None
        sources[shown] = src
        obj, fs = _validate(src, cls, what)
        findings.extend(fs)
        if obj is None:
            ok = False
        return obj, src

    sources: dict[str, SourceFile] = {}
    meta, meta_src = load(folder / "plan.yaml", m.PlanMeta, "plan.yaml")
    chapters, terms, measures = [], [], []
    for path in _files(folder, "", "chapters"):
        ch, src = load(path, m.Chapter, "chapter")
        if ch is not None:
            chapters.append(Located(ch, src, ()))
    for path in _files(folder, "glossary.yaml", "glossary"):
        g, src = load(path, m.Glossary, "glossary")
        if g is not None:
            terms.extend(Located(t, src, ("terms", i)) for i, t in enumerate(g.terms))
    policy = None
    if (folder / "policy.yaml").is_file():
        pol, src = load(folder / "policy.yaml", m.Policy, "policy")
        if pol is not None:
            policy = Located(pol, src, ())
    for path in _files(folder, "measures.yaml", "measures"):
        ms, src = load(path, m.Measures, "measures")
        if ms is not None:
            measures.extend(Located(x, src, ("measures", i)) for i, x in enumerate(ms.measures))
    for p in sorted(folder.iterdir()):
        if p.suffix in (".yaml", ".yml") and p.name not in KNOWN_TOP_FILES:
            findings.append(Finding(os.path.join(name, p.name), 1, 1, "warning", "unknown-file",
                                    f"plancc does not read {p.name}",
                                    "plan files are plan.yaml, glossary.yaml, policy.yaml, measures.yaml "
                                    "and the folders chapters/, glossary/, measures/"))
    if not ok or meta is None:
        return None, findings
    plan = Plan(folder, name, Located(meta, meta_src, ()), chapters, terms, policy, measures, sources)
    return plan, findings

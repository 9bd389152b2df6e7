"""Load stage: find plan folders, read their YAML files and validate each against the model.

Every problem becomes a located Finding; nothing here raises on bad input.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from . import ime
from . import model as m
from .findings import Finding
from .i18n import N_, Phrase
from .yamlsource import SourceFile, read

T = TypeVar("T")

SUFFIXES = (".yaml", ".yml")  # read alike: plan.yml is plan.yaml
KNOWN_STEMS = ("plan", "glossary", "policy", "measures")
KNOWN_TOP_FILES = {stem + suffix for stem in KNOWN_STEMS for suffix in SUFFIXES}
PLAN_FILES = ("plan.yaml", "plan.yml")


def plan_file(folder: Path) -> Path | None:
    """The plan.yaml (or plan.yml) that makes `folder` a plan folder, or None."""
    for name in PLAN_FILES:
        if (folder / name).is_file():
            return folder / name
    return None


@dataclass
class Located(Generic[T]):
    """A model object with the file and data path it was written at."""

    value: T
    src: SourceFile
    path: tuple

    def finding(self, code: str, /, *, sub: tuple = (), key: bool = False, severity: str | None = None,
                **params) -> Finding:
        """A finding of `code` at this object's path (+ `sub`), its templates filled from `params`."""
        return self.src.finding(self.path + sub, code, key=key, severity=severity, **params)


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
    progress: list[Located[m.ProgressFile]] = field(default_factory=list)  # progress/*.yaml, in file-name order


def discover(paths: list[Path]) -> tuple[list[Path], list[Finding]]:
    """Plan folders (folders holding plan.yaml) at or below each path, in a stable order."""
    found: list[Path] = []
    findings: list[Finding] = []
    for p in paths:
        if not p.is_dir():
            if p.name in PLAN_FILES:
                found.append(p.parent)
            else:
                findings.append(Finding.new(str(p), 1, 1, "not-a-plan"))
            continue
        hits = []
        unreadable = []

        def trouble(exc: OSError) -> None:  # a folder that cannot be listed is said, not skipped
            unreadable.append(exc)
            findings.append(Finding.new(exc.filename or str(p), 1, 1, "unreadable", form="folder",
                                        reason=exc.strerror or str(exc)))

        for root, dirs, files in os.walk(p, onerror=trouble):  # does not follow symlinked folders
            # a plan.yaml that is a folder, a FIFO or a link is a plan folder too: reading it
            # says what is wrong with it
            if any(name in files or name in dirs for name in PLAN_FILES):
                hits.append(Path(root))
            for d in sorted(dirs):
                if not d.startswith(".") and d not in PLAN_FILES and os.path.islink(os.path.join(root, d)):
                    findings.append(Finding.new(os.path.join(root, d), 1, 1, "linked-folder"))
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in PLAN_FILES)
        if not hits and not unreadable:
            findings.append(Finding.new(str(p), 1, 1, "no-plan"))
        found.extend(sorted(hits))
    unique = list(dict.fromkeys(found))
    return unique, findings


def _describe(value: Any) -> Phrase | str:
    if value is None:
        return Phrase(N_("nothing"))
    if isinstance(value, bool):
        return Phrase(N_("true/false"))
    if isinstance(value, str):
        return Phrase(N_("text '{text}'"), (("text", value),)) if len(value) <= 30 else Phrase(N_("text"))
    if isinstance(value, list):
        return Phrase(N_("a list"))
    if isinstance(value, dict):
        return Phrase(N_("a mapping"))
    return type(value).__name__


_TEXT, _WHOLE, _BOOL, _LIST, _MAPPING = (
    Phrase(N_("text")), Phrase(N_("a whole number")), Phrase(N_("true or false")), Phrase(N_("a list")),
    Phrase(N_("a mapping")))
_EXPECT = {
    "string_type": _TEXT, "int_type": _WHOLE, "int_parsing": _WHOLE, "int_from_float": _WHOLE,
    "bool_type": _BOOL, "bool_parsing": _BOOL, "list_type": _LIST, "dict_type": _MAPPING,
    "model_type": _MAPPING, "model_attributes_type": _MAPPING, "union_tag_invalid": Phrase(N_("a block")),
}

# pydantic error type (model.py raises its own with PydanticCustomError) → invalid-value's form
_VALUE_FORMS = {
    "number_format": "number", "id_format": "id", "date_format": "date", "date_invalid": "date-real", "date_too_early": "date-too-early",
    "blank": "blank", "merge_needs_into": "merge-needs-into", "abolished_with_into": "abolished-with-into",
    "variants_and_number": "variants-and-number", "number_or_variants": "number-or-variants",
    "period_reversed": "period-reversed", "fate_phase_and_year": "fate-phase-and-year",
    "year_or_phase": "year-or-phase", "amount_format": "amount",
    "label_template": "label-template", "label_field": "label-field", "greater_than_equal": "too-small", "less_than_equal": "too-large",
}

# pydantic error type → what the field needed, for telling a Japanese keyboard's mistakes (ime.py)
_IME_KINDS = {"list_type": "list", "dict_type": "mapping", "model_type": "mapping",
              "model_attributes_type": "mapping", "block_kind": "mapping", "union_tag_not_found": "mapping",
              "union_tag_invalid": "mapping", "int_parsing": "int", "int_type": "int",
              "number_format": "number", "date_format": "date", "id_format": "id"}
_IME_AT_ONE_CHARACTER = {"fullwidth-bracket", "fullwidth-colon", "fullwidth-dash"}
_IME_PATTERNS = {"number": m.NUMBER_RE, "date": m.DATE_RE, "id": m.ID_RE}


def _ime_finding(src: SourceFile, path: tuple, typ: str, value: Any) -> Finding | None:
    """The finding for a value that fails because it was typed with the IME on or in
    Japanese style (［…］ for a list, １－１, 令和7年3月 …), or None."""
    kind = _IME_KINDS.get(typ)
    if kind is None or not isinstance(value, str):
        return None
    slip = ime.value_slip(kind, value, _IME_PATTERNS.get(kind))
    if slip is None:
        return None
    code, offset, params = slip
    f = src.finding(path, code, value=value, **dict(params))
    if src.lines[f.line - 1][f.col - 1:].startswith(value[:offset + 1]):  # a plain scalar: point into it
        f = dataclasses.replace(f, col=f.col + offset)
        if code in _IME_AT_ONE_CHARACTER:
            f = dataclasses.replace(f, width=1)
    return f


# what a file of each kind is called in a message
WHAT = {"plan": N_("plan.yaml"), "chapter": N_("chapter"), "glossary": N_("glossary"), "policy": N_("policy"),
        "measures": N_("measures"), "progress": N_("progress")}


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


def _bare(annotation) -> Any:
    """`X` from Annotated[X, …] and X | None."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        args = typing.get_args(annotation)
        if _is_union(annotation) and type(None) in args:
            rest = [a for a in args if a is not type(None)]
            if len(rest) == 1:
                annotation = rest[0]
                continue
        return annotation


def _is_union(annotation) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _is_model(t) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


@functools.cache
def _field_types(cls: type[BaseModel]) -> dict[str, Any]:
    """Field name and alias → the field's type (model.py's annotations, resolved)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    out = {}
    for name, info in cls.model_fields.items():
        out[name] = hints[name]
        if info.alias:
            out[info.alias] = hints[name]
    return out


def _field(cls: type[BaseModel], part) -> Any:
    return _field_types(cls).get(part) if isinstance(part, str) else None


def _step(t, part) -> Any:
    """The type one step of a pydantic error location below type `t` (None: not a type)."""
    t = _bare(t)
    if _is_model(t):
        return _field(t, part)
    if _is_union(t):  # a block's tag, or a member's label (its class name)
        for member in typing.get_args(t):
            tags = [a.tag for a in getattr(member, "__metadata__", ()) if hasattr(a, "tag")]
            inner = _bare(member)
            if part in tags or (_is_model(inner) and part == inner.__name__):
                return inner
        return None
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin is list and isinstance(part, int) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def model_at(cls: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class at a pydantic error location below `cls` (through fields, list
    indices, dict keys, union members and the block discriminator's tags), or None."""
    t: Any = cls
    for part in loc:
        t = _step(t, part)
        if t is None:
            return None
    t = _bare(t)
    return t if _is_model(t) else None


def _close_key(cls: type[BaseModel], loc: tuple, key: str) -> str | None:
    """A key of the model that `key` stands in, close enough to be a misspelling of it."""
    model = model_at(cls, loc)
    if model is None:
        return None
    names = [info.alias or name for name, info in model.model_fields.items()]
    close = difflib.get_close_matches(key, names, n=1)
    return close[0] if close else None


def errors_to_findings(src: SourceFile, exc: ValidationError, what: str, cls: type[BaseModel] | None = None
                       ) -> list[Finding]:
    """One finding per pydantic error of validating `src` as `cls` (a file of kind `what`)."""
    out: list[Finding] = []
    shown_what = Phrase(WHAT.get(what, what))
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        typ = err["type"]
        if typ == "extra_forbidden":
            path, _, _ = _walk(src, loc[:-1])
            key = str(loc[-1])
            close = _close_key(cls, loc[:-1], key) if cls is not None else None
            more = {"form": "close", "close": close} if close else {}
            out.append(src.finding(path + (loc[-1],), "unknown-key", key=True, name=key, what=shown_what, **more))
            continue
        path, value, is_key = _walk(src, loc)
        slip = None if is_key else _ime_finding(src, path, typ, value)
        if slip is not None:
            out.append(slip)
        elif typ == "missing":
            out.append(src.finding(path, "missing-key", name=str(loc[-1]), what=shown_what))
        elif typ in ("union_tag_not_found", "block_kind", "union_tag_invalid"):
            keys = ", ".join(value) if isinstance(value, dict) else _describe(value)
            out.append(src.finding(path, "unknown-block", keys=keys, kinds=", ".join(m.BLOCK_KINDS)))
        elif typ in _EXPECT:
            out.append(src.finding(path, "wrong-type", key=is_key, expected=_EXPECT[typ], found=_describe(value)))
        elif typ == "literal_error":
            out.append(src.finding(path, "invalid-value", value=str(value),
                                   expected=str(err.get("ctx", {}).get("expected", ""))))
        elif typ in _VALUE_FORMS:
            params = dict(err.get("ctx") or {})
            for bound in ("ge", "le"):
                if bound in params:
                    params["limit"] = params.pop(bound)
            if isinstance(value, (str, int)):
                params["value"] = value
            out.append(src.finding(path, "invalid-value", form=_VALUE_FORMS[typ], **params))
        else:  # an error type this table does not know yet: pydantic's own words
            out.append(src.finding(path, "invalid-value", form="other", detail=err["msg"].removeprefix("Value error, ")))
    # a union reports each member's failure; one finding per spot is enough
    seen, unique = set(), []
    for f in out:
        k = (f.line, f.col, f.code if f.code != "wrong-type" else "")
        if k not in seen:
            seen.add(k)
            unique.append(f)
    return unique


def _validate(src: SourceFile, cls: type[BaseModel], what: str) -> tuple[Any, list[Finding]]:
    if not isinstance(src.data, dict):
        return None, [src.finding((), "wrong-type", form="file", what=Phrase(WHAT.get(what, what)),
                                  found=_describe(src.data))]
    try:
        return cls.model_validate(src.data), []
    except ValidationError as exc:
        return None, errors_to_findings(src, exc, what, cls)


def _files(folder: Path, name: str, single: str, many: str, findings: list[Finding]) -> list[Path]:
    """The files of one kind: `single` (a stem: "glossary" → glossary.yaml or glossary.yml)
    and every .yaml/.yml entry of the folder `many`, in file-name order, whatever each is
    (the reader refuses folders, FIFOs, devices and links leading out of the plan folder
    with a finding); a folder that cannot be listed is a finding too."""
    out = []
    if single:
        out.extend(folder / (single + suffix) for suffix in SUFFIXES if os.path.lexists(folder / (single + suffix)))
    if not many:
        return out
    d = folder / many
    if not os.path.lexists(d):
        return out
    shown = os.path.join(name, many)
    if not d.is_dir():
        findings.append(Finding.new(shown, 1, 1, "not-a-file", form="not-folder", name=many + "/"))
        return out
    try:
        names = sorted(os.listdir(d))
    except OSError as exc:
        findings.append(Finding.new(shown, 1, 1, "unreadable", form="folder", reason=exc.strerror or str(exc)))
        return out
    out.extend(d / n for n in names if n.endswith(SUFFIXES))
    return out


def _twins(paths: list[Path], folder: Path, name: str) -> tuple[list[Path], list[Finding]]:
    """`paths` without the .yml of any x.yaml it also holds, and an error for each such pair:
    which of the two is meant cannot be told."""
    by_stem: dict[Path, list[Path]] = {}
    for p in paths:
        by_stem.setdefault(p.with_suffix(""), []).append(p)
    findings, out = [], []
    for group in by_stem.values():
        out.append(group[0])
        if len(group) > 1:
            first, second = (os.path.join(name, os.path.relpath(p, folder)) for p in group[:2])
            findings.append(Finding.new(second, 1, 1, "yaml-and-yml", first=first, second=second))
    return out, findings


FILE_MODELS = (m.PlanMeta, m.Chapter, m.Glossary, m.Policy, m.Measures)
"""The models every plan's files are validated with (progress files are the exception)."""


def build_validators() -> None:
    """Build the validators of the plan files now. pydantic builds each on first use
    (model.Strict defers them, so commands that validate nothing do not pay for them);
    before plans are spread over forked workers, building them once in the parent lets
    every worker inherit them instead of building its own."""
    # A section's blocks recur in chapters, policy nodes and measures: built first, their
    # schema is reused by the others instead of being made again for each (a quarter of the time).
    for cls in (m.Section, *FILE_MODELS):
        cls.model_rebuild()


def load_plan(folder: Path, name: str | None = None) -> tuple[Plan | None, list[Finding]]:
    """Read and validate every file of one plan folder. The plan is None if any file is invalid."""
    name = name or str(folder)
    findings: list[Finding] = []
    ok = True

    def load(path: Path, cls, what: str):
        nonlocal ok
        shown = os.path.join(name, os.path.relpath(path, folder))
        src, fs = read(path, shown, within=folder)
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

    def files(single: str, many: str) -> list[Path]:
        nonlocal ok
        paths, twins = _twins(_files(folder, name, single, many, findings), folder, name)
        if twins:
            findings.extend(twins)
            ok = False
        return paths

    sources: dict[str, SourceFile] = {}
    meta, meta_src = None, None
    for path in files("plan", "") or [folder / "plan.yaml"]:  # gone since it was found: unreadable
        meta, meta_src = load(path, m.PlanMeta, "plan")
    chapters, terms, measures = [], [], []
    for path in files("", "chapters"):
        ch, src = load(path, m.Chapter, "chapter")
        if ch is not None:
            chapters.append(Located(ch, src, ()))
    for path in files("glossary", "glossary"):
        g, src = load(path, m.Glossary, "glossary")
        if g is not None:
            terms.extend(Located(t, src, ("terms", i)) for i, t in enumerate(g.terms))
    policy = None
    for path in files("policy", ""):
        pol, src = load(path, m.Policy, "policy")
        if pol is not None:
            policy = Located(pol, src, ())
    for path in files("measures", "measures"):
        ms, src = load(path, m.Measures, "measures")
        if ms is not None:
            measures.extend(Located(x, src, ("measures", i)) for i, x in enumerate(ms.measures))
    progress = []
    for path in files("", "progress"):
        pf, src = load(path, m.ProgressFile, "progress")
        if pf is not None:
            progress.append(Located(pf, src, ()))
    try:
        top = sorted(os.listdir(folder))
    except OSError as exc:
        findings.append(Finding.new(name, 1, 1, "unreadable", form="folder", reason=exc.strerror or str(exc)))
        ok, top = False, []
    for n in top:
        if n.endswith(SUFFIXES) and n not in KNOWN_TOP_FILES:
            findings.append(Finding.new(os.path.join(name, n), 1, 1, "unknown-file", name=n))
    if not ok or meta is None:
        return None, findings
    plan = Plan(folder, name, Located(meta, meta_src, ()), chapters, terms, policy, measures, sources, progress)
    return plan, findings

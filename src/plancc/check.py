"""Check stage: what one file's schema cannot see — references between files and numbers.

Each check yields located Findings; the plan itself is never changed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING, Iterator

from . import ime, kana, text
from .findings import Finding
from .i18n import N_, Phrase
from .load import Located, Plan
from .model import PolicyNode, walk_blocks
from .placement import GENERATED, Placement, iter_nodes
from .yamlsource import SourceFile

if TYPE_CHECKING:
    from .progress import Entry

CONTINUES = "⇒"


def check(plan: Plan) -> list[Finding]:
    out: list[Finding] = []
    placement = Placement(plan)
    for fn in (_check_period, _check_policy, _check_measures, _check_chapters, _check_progress):
        out.extend(fn(plan))
    out.extend(_check_terms(plan, placement))
    out.extend(_check_placement(plan, placement))
    return out


# ---------------------------------------------------------------- helpers

def _texts_with_brackets(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(data path, text) of every string in `data` holding a bracket a term reference is
    written with, ASCII or full-width. (Every string of every file passes through here,
    so a path is made only for those.)"""
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for k, v in items:
        if isinstance(v, str):
            if "[[" in v or "［" in v or "］" in v:
                yield path + (k,), v
        elif isinstance(v, (dict, list)):
            yield from _texts_with_brackets(v, path + (k,))


def _ref_position(src: SourceFile, path: tuple, needle: str) -> tuple[int, int]:
    line, col = src.at(path)
    for n in range(line, min(line + 200, len(src.lines)) + 1):
        i = src.lines[n - 1].find(needle, col - 1 if n == line else 0)
        if i >= 0:
            return n, i + 1
    return line, col


def _known(names) -> str | Phrase:
    """A vocabulary for a hint: its names, or "none"."""
    return ", ".join(names) or Phrase(N_("none"))


def _extends(child: str, parent: str) -> bool:
    return child.startswith(parent + "-") and child.count("-") == parent.count("-") + 1


# ---------------------------------------------------------------- period and phases

def _check_period(plan: Plan) -> Iterator[Finding]:
    meta = plan.meta
    period = meta.value.period
    phases = meta.value.phases
    for i, ph in enumerate(phases):
        if ph.start < period.start or ph.end > period.end:
            yield meta.finding("year-outside-period", sub=("phases", i), phase=ph.name, start=ph.start,
                               end=ph.end, period_start=period.start, period_end=period.end)
    names = defaultdict(list)
    for i, ph in enumerate(phases):
        names[ph.name].append(i)
    for name, idx in names.items():
        for i in idx[1:]:
            yield meta.finding("duplicate-phase", sub=("phases", i, "name"), phase=name)
    ordered = sorted(range(len(phases)), key=lambda i: (phases[i].start, phases[i].end))
    for a, b in zip(ordered, ordered[1:]):
        pa, pb = phases[a], phases[b]
        if pb.start <= pa.end:
            yield meta.finding("phase-overlap", sub=("phases", b, "start"), first=pa.name, second=pb.name,
                               year=pb.start, end=pa.end)
        elif pb.start > pa.end + 1:
            yield meta.finding("phase-gap", sub=("phases", b, "start"), phase=pb.name, year=pa.end + 1,
                               years=f"{pa.end + 1}" + (f"-{pb.start - 1}" if pb.start - 1 > pa.end + 1 else ""))
    if phases:
        first, last = phases[ordered[0]], phases[ordered[-1]]
        if first.start > period.start:
            yield meta.finding("phase-gap", sub=("phases", ordered[0], "start"), form="period-start",
                               phase=first.name, year=period.start)
        if last.end < period.end:
            yield meta.finding("phase-gap", sub=("phases", ordered[-1], "end"), form="period-end",
                               phase=last.name, year=period.end)
    adopted, draft = meta.value.adopted, meta.value.draft
    if draft and adopted is not None:
        yield meta.finding("draft-adopted", sub=("draft",), key=True, adopted=adopted)
    elif draft:
        yield meta.finding("draft", sub=("draft",), key=True, draft=meta.value.words.draft)
    elif adopted is None and "adopted" in meta.value.model_fields_set:
        # written but left empty: a draft says draft: true, a plan whose source gives no date leaves it out
        yield meta.finding("adopted-empty", sub=("adopted",), key=True)
    if adopted is None:
        return
    for i, r in enumerate(meta.value.revised):
        if r.date < adopted:
            yield meta.finding("invalid-date", sub=("revised", i, "date"), date=r.date, adopted=adopted)


# ---------------------------------------------------------------- glossary and references

def _all_sources(plan: Plan) -> list[SourceFile]:
    return [s for s in plan.sources.values() if s.data is not None]


def _check_terms(plan: Plan, placement: Placement) -> Iterator[Finding]:
    by_key: dict[str, Located] = {}
    by_term: dict[str, Located] = {}
    for t in plan.terms:
        key = t.value.key
        if key in by_key:
            first = by_key[key]
            yield t.finding("duplicate-term", sub=("id",) if t.value.id else ("term",), term=key,
                            first=f"{first.src.path}:{first.src.at(first.path)[0]}")
        else:
            by_key[key] = t
        by_term.setdefault(t.value.term, t)
        if not kana.is_kana(t.value.reading):
            bad = t.value.reading[kana.first_bad(t.value.reading)]
            yield t.finding("reading-not-kana", sub=("reading",), term=t.value.term, char=bad)
    used: set[str] = set()
    # a reference typed with the IME on is found by its NFKC form (ＧＩＳ → GIS, full-width spaces)
    loose: dict[str, Located] = {}
    for t in list(by_key.values()) + list(by_term.values()):
        for name in (t.value.key, t.value.term):
            loose.setdefault(unicodedata.normalize("NFKC", name).strip(), t)
    for src in _all_sources(plan):
        for path, s in _texts_with_brackets(src.data):
            if "[[" in s:
                for r in text.refs(s):
                    hit = by_key.get(r.ref) or by_term.get(r.ref)
                    if hit is not None:
                        used.add(hit.value.key)
                        continue
                    line, col = _ref_position(src, path, f"[[{r.shown}")
                    typed = s[r.start:s.index("]]", r.start) + 2]
                    shown, ref = ime.split_ref(typed[2:-2])
                    hit = loose.get(ref)
                    if hit is not None:
                        used.add(hit.value.key)
                        # typed as it should be, but the glossary's own name is full-width (ＩＣＴ)
                        form = "term" if unicodedata.normalize("NFKC", typed) == typed else None
                        yield Finding.new(src.path, line, col, "fullwidth-ref", width=len(typed), typed=typed,
                                          term=hit.value.key, fixed=ime.written_ref(shown, hit.value.key), form=form)
                        continue
                    close = [k for k in by_key if r.ref in k or k in r.ref]
                    more = {"form": "close", "shown": r.shown, "close": close[0]} if close else {}
                    yield Finding.new(src.path, line, col, "undefined-term", width=len(r.ref) + 4, ref=r.ref,
                                      **more)
            for r in ime.loose_refs(s):
                line, col = _ref_position(src, path, r.typed)
                hit = by_key.get(r.ref) or by_term.get(r.ref) or loose.get(r.ref)
                if hit is not None:
                    used.add(hit.value.key)
                    yield Finding.new(src.path, line, col, "fullwidth-ref", width=len(r.typed), typed=r.typed,
                                      term=hit.value.key, fixed=ime.written_ref(r.shown, hit.value.key))
                else:
                    yield Finding.new(src.path, line, col, "fullwidth-ref-text", width=len(r.typed), typed=r.typed,
                                      ref=r.ref)
    if not placement.glossary_placed:  # terms are the notes where they are referenced
        for t in plan.terms:
            if t.value.key not in used:
                yield t.finding("unused-term", sub=("term",), term=t.value.key)


# ---------------------------------------------------------------- policy tree

def policy_index(plan: Plan) -> dict[str, tuple[PolicyNode, tuple, int]]:
    idx = {}
    if plan.policy:
        for n, p, depth, _ in iter_nodes(plan.policy.value.nodes, ("nodes",)):
            idx.setdefault(n.key, (n, p, depth))
            if n.number:
                idx.setdefault(n.number, (n, p, depth))
    return idx


def _check_policy(plan: Plan) -> Iterator[Finding]:
    if not plan.policy:
        return
    pol = plan.policy
    levels = plan.meta.value.levels
    seen: dict[str, tuple] = {}
    for node, path, depth, parent in iter_nodes(pol.value.nodes, ("nodes",)):
        if node.key in seen:
            yield pol.src.finding(path + ("id" if node.id else "number",), "duplicate-id", form="node", id=node.key)
        seen[node.key] = path
        if parent is not None and node.number and parent.number and not _extends(node.number, parent.number):
            yield pol.src.finding(path + ("number",), "number-parent", form="node", number=node.number,
                                  parent=parent.number)
        if levels and depth >= len(levels):
            yield pol.src.finding(path, "unknown-level", count=len(levels))


# ---------------------------------------------------------------- measures

def _check_measures(plan: Plan) -> Iterator[Finding]:
    meta = plan.meta.value
    nodes = policy_index(plan)
    phases = [p.name for p in meta.phases]
    marks = {mk.name for mk in meta.marks}
    tags = {t.id for t in meta.tags}
    stages = set(meta.stages)
    ids: dict[str, Located] = {}
    numbers: dict[tuple, Located] = {}
    for ms in plan.measures:
        x = ms.value
        if x.id in ids:
            yield ms.finding("duplicate-id", sub=("id",), id=x.id)
        ids.setdefault(x.id, ms)
        parent = nodes.get(x.parent)
        if parent is None:
            yield ms.finding("unknown-parent", sub=("parent",), parent=x.parent)
        forms = [(None, x.number, x.parent, ("number",), x.marks, ())] + [
            (v.phase, v.number, v.parent or x.parent, ("variants", i, "number"), v.marks, ("variants", i))
            for i, v in enumerate(x.variants)]
        for phase, number, parent_key, npath, vmarks, vpath in forms:
            if number is None:
                continue
            pnode = nodes.get(parent_key)
            if pnode and pnode[0].number and not _extends(number, pnode[0].number):
                yield ms.finding("number-parent", sub=npath, number=number, parent=pnode[0].number)
            key = (phase, number)
            if key in numbers:
                other = numbers[key]
                more = {"form": "phase", "phase": phase} if phase else {}
                yield ms.finding("duplicate-number", sub=npath, number=number, other=other.value.id, **more)
            else:
                numbers[key] = ms
            for j, mk in enumerate(vmarks):
                if mk not in marks:
                    yield ms.finding("unknown-mark", sub=vpath + ("marks", j), mark=mk, known=_known(sorted(marks)))
        seen_phases = set()
        for i, v in enumerate(x.variants):
            if v.phase not in phases:
                yield ms.finding("unknown-phase", sub=("variants", i, "phase"), phase=v.phase, known=_known(phases))
            elif v.phase in seen_phases:
                yield ms.finding("duplicate-phase", sub=("variants", i, "phase"), form="variant", id=x.id,
                                 phase=v.phase)
            seen_phases.add(v.phase)
            if v.parent and v.parent not in nodes:
                yield ms.finding("unknown-parent", sub=("variants", i, "parent"), parent=v.parent)
            if "新規" in v.marks and v.phase in phases and any(
                    w.phase in phases and phases.index(w.phase) < phases.index(v.phase) for w in x.variants):
                yield ms.finding("inconsistent-new", sub=("variants", i, "marks"), phase=v.phase)
        if x.class_ is not None and x.class_ not in meta.classes:
            yield ms.finding("unknown-class", sub=("class",), name=x.class_, known=_known(meta.classes))
        for j, t in enumerate(x.tags):
            if t not in tags:
                yield ms.finding("unknown-tag", sub=("tags", j), tag=t, known=_known(sorted(tags)))
        yield from _check_schedule(plan, ms, phases, stages)
        yield from _check_fate(plan, ms)
        if x.fate and x.fate.phase and x.fate.phase not in phases:
            yield ms.finding("unknown-phase", sub=("fate", "phase"), phase=x.fate.phase, known=_known(phases))
        period = meta.period
        if x.fate and x.fate.year is not None and not period.start <= x.fate.year <= period.end:
            yield ms.finding("year-outside-period", sub=("fate", "year"), form="year", year=x.fate.year,
                             period_start=period.start, period_end=period.end)
    yield from _check_merges(plan, ids)
    yield from _check_grid_kind(plan)


def _check_schedule(plan: Plan, ms: Located, phases: list[str], stages: set[str]) -> Iterator[Finding]:
    period = plan.meta.value.period
    by_kind: dict[str, list[str]] = {"year": [], "phase": []}
    for key, cell in ms.value.schedule.items():
        if re.fullmatch(r"[0-9]+", key):
            by_kind["year"].append(key)
            year = int(key)
            if not period.start <= year <= period.end:
                yield ms.finding("year-outside-period", sub=("schedule", key), key=True, form="schedule",
                                 year=year, period_start=period.start, period_end=period.end)
        elif key in phases:
            by_kind["phase"].append(key)
        elif (slip := ime.year_key_slip(key)) is not None:
            code, params = slip
            yield ms.finding(code, sub=("schedule", key), key=True, value=key, **dict(params))
        elif re.search(r"[0-9０-９]", key):
            yield ms.finding("invalid-year", sub=("schedule", key), key=True, name=key)
        else:
            yield ms.finding("unknown-phase", sub=("schedule", key), key=True, form="schedule", name=key)
        for j, stage in enumerate([cell] if isinstance(cell, str) else cell):
            if stage == CONTINUES or stage in stages:
                continue
            joined = ime.joined_stages(stage, stages | {CONTINUES})
            if joined:
                yield ms.finding("stages-joined", sub=("schedule", key) + (() if isinstance(cell, str) else (j,)),
                                 cell=stage, fixed="[" + ", ".join(joined) + "]")
            else:
                yield ms.finding("unknown-stage", sub=("schedule", key), stage=stage, known=_known(sorted(stages)))
    if by_kind["year"] and by_kind["phase"]:
        keys = list(ms.value.schedule)
        # the key of the kind that comes second is the one out of place
        second = max(by_kind["year"][0], by_kind["phase"][0], key=keys.index)
        yield ms.finding("schedule-mixed-keys", sub=("schedule", second), key=True,
                         phase=by_kind["phase"][0], year=by_kind["year"][0])


def _key_kind(key: str, phases) -> str | None:
    """A schedule key is a fiscal year ("year"), a phase's name ("phase"), or a mistake (None)."""
    return "year" if re.fullmatch(r"[0-9]+", key) else "phase" if key in phases else None


def schedule_kind(plan: Plan, x) -> str | None:
    """How a measure's schedule is keyed: "year", "phase", or None (no schedule, or both kinds)."""
    phases = {p.name for p in plan.meta.value.phases}
    kinds = {_key_kind(k, phases) for k in x.schedule} - {None}
    return kinds.pop() if len(kinds) == 1 else None


_KIND_WORDS = {"year": Phrase(N_("fiscal years")), "phase": Phrase(N_("phases"))}


def _check_grid_kind(plan: Plan) -> Iterator[Finding]:
    """One schedule grid for the whole plan: its columns are fiscal years or phases, so every
    measure's schedule is keyed the same way (else its row would be blank)."""
    kinds: dict[str, list[Located]] = {"year": [], "phase": []}
    for ms in plan.measures:
        kind = schedule_kind(plan, ms.value)
        if kind:
            kinds[kind].append(ms)
    if not (kinds["year"] and kinds["phase"]):
        return
    # the kind most measures use is the grid's (years on a tie, as the grid would have it)
    grid = "year" if len(kinds["year"]) >= len(kinds["phase"]) else "phase"
    other = "phase" if grid == "year" else "year"
    phases = {p.name for p in plan.meta.value.phases}
    model = kinds[grid][0]
    model_key = next(k for k in model.value.schedule if _key_kind(k, phases) == grid)
    for ms in kinds[other]:
        name = next(k for k in ms.value.schedule if _key_kind(k, phases) == other)
        yield ms.finding("schedule-key-kind", sub=("schedule", name), key=True, id=ms.value.id,
                         kind=_KIND_WORDS[other], name=name, other=_KIND_WORDS[grid], other_id=model.value.id,
                         other_key=model_key)


_FATE_WORDS = {"abolished": Phrase(N_("abolished")), "merged": Phrase(N_("merged"))}


def _check_fate(plan: Plan, ms: Located) -> Iterator[Finding]:
    """A measure abolished or merged in a phase has no stage and no variant from that phase on."""
    x, meta = ms.value, plan.meta.value
    names = [p.name for p in meta.phases]
    if not x.fate or x.fate.phase not in names:
        return
    gone = {p.name for p in meta.phases[names.index(x.fate.phase):]}
    years = {y for p in meta.phases if p.name in gone for y in range(p.start, p.end + 1)}
    fate = _FATE_WORDS[x.fate.kind]
    for key, cell in x.schedule.items():
        if key in gone or (re.fullmatch(r"[0-9]+", key) and int(key) in years):
            stage = "、".join(cell) if isinstance(cell, list) else cell
            yield ms.finding("fate-schedule", sub=("schedule", key), key=True, id=x.id, fate=fate,
                             phase=x.fate.phase, stage=stage, name=key)
            break
    for i, v in enumerate(x.variants):
        if v.phase in gone:
            yield ms.finding("fate-schedule", sub=("variants", i, "phase"), form="variant", id=x.id, fate=fate,
                             phase=x.fate.phase, variant=v.phase)


def _check_merges(plan: Plan, ids: dict[str, Located]) -> Iterator[Finding]:
    for ms in plan.measures:
        fate = ms.value.fate
        if not fate or fate.kind != "merged":
            continue
        if fate.into == ms.value.id:
            yield ms.finding("merge-into-self", sub=("fate", "into"), id=ms.value.id)
        elif fate.into not in ids:
            yield ms.finding("unknown-merge-target", sub=("fate", "into"), target=fate.into)
        else:
            seen = {ms.value.id}
            cur = ids[fate.into].value
            while cur.fate and cur.fate.kind == "merged" and cur.fate.into in ids:
                if cur.id in seen or cur.fate.into in seen:
                    yield ms.finding("merge-cycle", sub=("fate", "into"), id=ms.value.id, via=cur.id)
                    break
                seen.add(cur.id)
                cur = ids[cur.fate.into].value


# ---------------------------------------------------------------- chapters

def _check_chapters(plan: Plan) -> Iterator[Finding]:
    nodes = policy_index(plan)
    level_names = {lv.name for lv in plan.meta.value.levels}
    numbers: dict[int, Located] = {}
    for ch in plan.chapters:
        n = ch.value.number
        if n is not None:
            if n in numbers:
                yield ch.finding("duplicate-number", sub=("number",), form="chapter", number=n,
                                 other=numbers[n].src.path)
            numbers[n] = ch
        yield from _check_blocks(ch, ch.src.data.get("blocks") or [], ("blocks",), nodes, level_names)
    if plan.policy:
        for node, path, _, _ in iter_nodes(plan.policy.value.nodes, ("nodes",)):
            yield from _check_blocks(plan.policy, _get(plan.policy.src.data, path + ("blocks",)) or [],
                                     path + ("blocks",), nodes, level_names)
    for ms in plan.measures:
        places = [ms.path + ("blocks",)] + [ms.path + ("variants", i, "blocks") for i in range(len(ms.value.variants))]
        for path in places:
            yield from _check_blocks(ms, _get(ms.src.data, path) or [], path, nodes, level_names)


def _get(data, path):
    for p in path:
        try:
            data = data[p]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _check_blocks(loc: Located, raw_blocks, path, nodes, level_names) -> Iterator[Finding]:
    src = loc.src
    for i, b in enumerate(raw_blocks):
        if not isinstance(b, dict):
            continue
        p = path + (i,)
        if isinstance(b.get("table"), dict):
            t = b["table"]
            width = len(t["header"]) if isinstance(t.get("header"), list) else None
            for r, row in enumerate(t.get("rows") or []):
                if width is None and isinstance(row, list):
                    width = len(row)
                if isinstance(row, list) and len(row) != width:
                    yield src.finding(p + ("table", "rows", r), "table-shape", cells=len(row), columns=width)
        if isinstance(b.get("policy"), dict):
            v = b["policy"]
            if v.get("under") is not None and str(v["under"]) not in nodes:
                yield src.finding(p + ("policy", "under"), "unknown-parent", parent=str(v["under"]))
            for j, name in enumerate(v["headings"] if isinstance(v.get("headings"), list) else []):
                if str(name) not in nodes:
                    yield src.finding(p + ("policy", "headings", j), "unknown-parent", parent=str(name))
            for key in ("levels", "text"):
                for j, name in enumerate(v.get(key) or []):
                    if name not in level_names:
                        yield src.finding(p + ("policy", key, j), "unknown-level", form="view", level=name,
                                          known=_known(sorted(level_names)))
        for kind in ("section", "item"):
            if isinstance(b.get(kind), dict):
                yield from _check_blocks(loc, b[kind].get("blocks") or [], p + (kind, "blocks"), nodes, level_names)


# ---------------------------------------------------------------- placement

def _check_placement(plan: Plan, placement: Placement) -> Iterator[Finding]:
    """Nothing a plan holds may be left out of its documents without a word: a measure
    no policy block lists, mark descriptions no legend shows, and generated blocks put
    where they cannot be printed (inside the policy tree or a measure)."""
    if plan.policy is not None:
        placed = placement.placed_measures()
        for ms in plan.measures:
            if ms.value.id not in placed and ms.value.parent in placement.nodes:
                yield ms.finding("unplaced-measure", sub=("parent",), id=ms.value.id)
    if any(mk.description for mk in plan.meta.value.marks) and not placement.marks_placed:
        i = next(i for i, mk in enumerate(plan.meta.value.marks) if mk.description)
        yield plan.meta.finding("unplaced-marks", sub=("marks", i, "description"))
    places = []
    if plan.policy:
        for node, path, _, _ in iter_nodes(plan.policy.value.nodes, ("nodes",)):
            places.append((plan.policy, node.blocks, path + ("blocks",)))
    for ms in plan.measures:
        places.append((ms, ms.value.blocks, ms.path + ("blocks",)))
        places += [(ms, v.blocks, ms.path + ("variants", i, "blocks")) for i, v in enumerate(ms.value.variants)]
    for loc, blocks, path in places:
        for p, b in walk_blocks(blocks, path):
            if b.kind in GENERATED:
                yield loc.src.finding(p + (b.kind,), "misplaced-block", key=True, kind=b.kind)


# ---------------------------------------------------------------- progress

def _close(value: str, names: list[str]) -> str | None:
    """The word of a vocabulary that `value` most likely stands in for (one contains the
    other, or they are similar), compared after NFKC."""
    norm = {unicodedata.normalize("NFKC", n): n for n in names}
    v = unicodedata.normalize("NFKC", value)
    within = [n for k, n in norm.items() if v in k or k in v]
    if within:
        return within[0]
    close = difflib.get_close_matches(v, list(norm), n=1, cutoff=0.5)
    return norm[close[0]] if close else None


def _vocabulary_word(rec: Located, key: str, value: str | None, names: list[str]) -> Iterator[Finding]:
    """unknown-status / unknown-direction for a record's `key` (status or direction)."""
    if value is None or value in names:
        return
    close = _close(value, names) if names else None
    form = "none" if not names else "close" if close else None
    more = {"close": close} if close else {}
    at = {"sub": (key,), "width": len(value), "form": form, "known": _known(names)}
    if key == "status":
        yield rec.finding("unknown-status", **at, status=value, **more)
    else:
        yield rec.finding("unknown-direction", **at, direction=value, **more)


def _where(loc: Located, sub: tuple = ()) -> str:
    return f"{loc.src.path}:{loc.src.at(loc.path + sub)[0]}"


def _check_progress(plan: Plan) -> Iterator[Finding]:
    """The vocabularies in plan.yaml, each progress file's period, and every record: its
    measure (and whether the period is within the measure's life), its words, its
    indicators' units; one record per measure and period."""
    yield from _check_vocabularies(plan)
    if not plan.progress:
        return
    # only a plan with progress records pays for loading what reads them
    from . import progress as prog

    meta = plan.meta.value
    period, phases = meta.period, [p.name for p in meta.phases]
    for pf in plan.progress:
        v = pf.value
        if v.year is not None and not period.start <= v.year <= period.end:
            yield pf.finding("year-outside-period", sub=("year",), form="year", year=v.year,
                             period_start=period.start, period_end=period.end)
        if v.phase is not None and v.phase not in phases:
            yield pf.finding("unknown-phase", sub=("phase",), phase=v.phase, known=_known(phases))
    measures = {x.value.id: x for x in plan.measures}
    statuses = [w.name for w in meta.progress.statuses]
    directions = [w.name for w in meta.progress.directions]
    first: dict[tuple[str, str], Located] = {}
    units: dict[tuple[str, str], tuple[str, str]] = {}  # (measure, indicator) → (unit, where)
    entries = [e for e in prog.entries(plan) if period.start <= e.period.start and e.period.end <= period.end]
    for e in sorted(entries, key=lambda e: e.period.order):
        rec, r = e.record, e.value
        ms = measures.get(r.measure)
        if ms is None:
            yield _unknown_measure(plan, rec, r.measure)
        else:
            key = (r.measure, e.period.key)
            if key in first:
                yield rec.finding("duplicate-record", sub=("measure",), width=len(r.measure), measure=r.measure,
                                  period=prog.period_label(meta, e.period), first=_where(first[key]))
            first.setdefault(key, rec)
            yield from _check_record_life(plan, e, ms)
        if statuses and r.status is None:
            yield rec.finding("missing-status", sub=("measure",), width=len(r.measure), measure=r.measure,
                              known=_known(statuses))
        yield from _vocabulary_word(rec, "status", r.status, statuses)
        yield from _vocabulary_word(rec, "direction", r.direction, directions)
        for j, ind in enumerate(r.indicators):
            if not (ind.unit or "").strip():
                spot = "unit" if ind.unit is not None else "name"
                yield rec.finding("indicator-unit", sub=("indicators", j, spot), width=max(1, len(getattr(ind, spot))),
                                  name=ind.name, measure=r.measure)
                continue
            ikey = (r.measure, ind.name)
            if ikey in units and units[ikey][0] != ind.unit:
                yield rec.finding("indicator-unit", sub=("indicators", j, "unit"), width=len(ind.unit), form="changed",
                                  name=ind.name, measure=r.measure, unit=ind.unit, first=units[ikey][0],
                                  where=units[ikey][1])
            units.setdefault(ikey, (ind.unit, _where(rec, ("indicators", j, "unit"))))


def _check_vocabularies(plan: Plan) -> Iterator[Finding]:
    style = plan.meta.value.progress
    for field_name, words in (("statuses", style.statuses), ("directions", style.directions)):
        seen: set[str] = set()
        for i, w in enumerate(words):
            if w.name in seen:
                yield plan.meta.finding("duplicate-vocabulary", sub=("progress", field_name, i, "name"),
                                        name=w.name, field=field_name)
            seen.add(w.name)
    level_names = [lv.name for lv in plan.meta.value.levels]
    if style.by_level is not None and style.by_level not in level_names:
        yield plan.meta.finding("unknown-level", sub=("progress", "by_level"), form="view", level=style.by_level,
                                known=_known(level_names))


def _unknown_measure(plan: Plan, rec: Located, name: str) -> Finding:
    """unknown-measure, saying which id was meant when `name` is a measure's number or
    title, or which id is close to it."""
    for ms in plan.measures:
        x = ms.value
        forms = [(x.number, x.title)] + [(v.number, v.title) for v in x.variants]
        if any(name == number or (title and text.plain(name) == text.plain(title)) for number, title in forms):
            return rec.finding("unknown-measure", sub=("measure",), width=len(name), form="number", measure=name,
                               id=x.id)
    close = difflib.get_close_matches(name, [ms.value.id for ms in plan.measures], n=1, cutoff=0.6)
    more = {"form": "close", "close": close[0]} if close else {}
    return rec.finding("unknown-measure", sub=("measure",), width=len(name), measure=name, **more)


def _check_record_life(plan: Plan, e: Entry, ms: Located) -> Iterator[Finding]:
    """A record for a period before its measure starts, for a period from which a fate
    ends it, or for a phase whose 実施状況 the measure's variant already holds."""
    from . import progress as prog

    meta, x, rec, r = plan.meta.value, ms.value, e.record, e.value
    label = prog.period_label(meta, e.period)
    at = {"sub": ("measure",), "width": len(r.measure), "measure": x.id, "period": label}
    if e.period.phase is not None and r.narrative is not None:
        for i, w in enumerate(x.variants):
            if w.phase == e.period.phase and w.status:
                yield rec.finding("duplicate-record", sub=("narrative",), form="status", measure=x.id, period=label,
                                  first=_where(ms, ("variants", i, "status")))
    start, end = prog.start_of(meta, x), prog.end_of(meta, x)
    if start is not None and e.period.end < start:
        if x.variants:
            start_label = x.variants[0].phase
        elif any(k.isdigit() for k in x.schedule):
            start_label = prog.year_label(meta, start)
        else:
            start_label = next(p.name for p in meta.phases if p.start == start)
        yield rec.finding("progress-before-start", **at, start=start_label)
    if end is not None and e.period.start >= end:
        end_label = x.fate.phase or prog.year_label(meta, end)
        if x.fate.kind == "merged":
            yield rec.finding("progress-after-fate", **at, form="merged", into=x.fate.into, end=end_label)
        else:
            yield rec.finding("progress-after-fate", **at, end=end_label)

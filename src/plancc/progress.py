"""Progress records (progress/*.yaml) and what is computed from them, once.

A progress file reports one period: a fiscal year (`year: 2019`) or a phase (`phase:
前期`). This module answers, for check, layout and diff alike: which periods there are
and in what order, when a measure starts and from when it no longer exists, which
measures a period ought to report on, the counts by status and direction (overall and
per policy node), and the whole-percent shares of those counts, rounded the way the
plan asks so that they add up to 100.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from . import model as m
from .fiscal import FiscalYear
from .load import Located, Plan
from .placement import iter_nodes


# ---------------------------------------------------------------- periods

@dataclass(frozen=True)
class Period:
    """What a progress file reports: a fiscal year, or a phase (its years start..end)."""

    year: int | None
    phase: str | None
    start: int
    end: int

    @property
    def key(self) -> str:
        return str(self.year) if self.year is not None else self.phase or ""

    @property
    def order(self) -> tuple:
        # a phase's record sums the phase up: it comes after the record of its last year
        return (self.end, self.year is None, self.start)


def period_of(plan: Plan, pf: m.ProgressFile) -> Period | None:
    """The period a progress file reports, or None when it names no phase of the plan."""
    if pf.year is not None:
        return Period(pf.year, None, pf.year, pf.year)
    ph = next((p for p in plan.meta.value.phases if p.name == pf.phase), None)
    return Period(None, ph.name, ph.start, ph.end) if ph else None


def year_label(meta: m.PlanMeta, year: int) -> str:
    """A fiscal year in the plan's style (years.style), named after the era in force: a
    progress report is written after the fact, so FY2022 is 令和4年度 even in a plan adopted
    in 平成 (whose own pages call it 平成34年度)."""
    return FiscalYear(year).label(meta.years.style)


def period_label(meta: m.PlanMeta, period: Period) -> str:
    """A period as the report prints it: 2019年度(令和元年度), or the phase's name."""
    if period.year is None:
        return period.phase or ""
    return year_label(meta, period.year)


@dataclass
class Entry:
    """One record with the period of its file."""

    period: Period
    record: Located[m.ProgressRecord]

    @property
    def value(self) -> m.ProgressRecord:
        return self.record.value


def entries(plan: Plan) -> list[Entry]:
    """Every record whose file names a period the plan has, in file order."""
    out = []
    for pf in plan.progress:
        period = period_of(plan, pf.value)
        if period is None:
            continue
        out.extend(Entry(period, Located(r, pf.src, ("records", i))) for i, r in enumerate(pf.value.records))
    return out


# ---------------------------------------------------------------- measures in time

def _phase_range(meta: m.PlanMeta, name: str | None) -> tuple[int, int] | None:
    ph = next((p for p in meta.phases if p.name == name), None)
    return (ph.start, ph.end) if ph else None


def start_of(meta: m.PlanMeta, x: m.Measure) -> int | None:
    """The fiscal year a measure starts: its first variant's phase, or its first scheduled
    year or phase; None when the plan does not say (it runs the whole period)."""
    starts = []
    for v in x.variants:
        r = _phase_range(meta, v.phase)
        if r:
            starts.append(r[0])
    if not x.variants:
        for key in x.schedule:
            if key.isdigit():
                starts.append(int(key))
            elif (r := _phase_range(meta, key)):
                starts.append(r[0])
    return min(starts) if starts else None


def end_of(meta: m.PlanMeta, x: m.Measure) -> int | None:
    """The first fiscal year without the measure (its fate's phase or year), or None."""
    if x.fate is None:
        return None
    if x.fate.year is not None:
        return x.fate.year
    r = _phase_range(meta, x.fate.phase)
    return r[0] if r else None


def live_in(meta: m.PlanMeta, x: m.Measure, period: Period) -> bool:
    """Whether a period ought to report on the measure: it has started by the period's end
    and still exists at its start."""
    start, end = start_of(meta, x), end_of(meta, x)
    return (start is None or start <= period.end) and (end is None or period.start < end)


def form_in(meta: m.PlanMeta, x: m.Measure, period: Period) -> tuple[str, str, str]:
    """(number, title, parent) of a measure as the period knew it: the variant of the
    period's phase, else the last variant before it, else the first one."""
    if not x.variants:
        return x.number or "", x.title or "", x.parent
    chosen = None
    for v in x.variants:
        r = _phase_range(meta, v.phase)
        if period.phase is not None and v.phase == period.phase:
            chosen = v
            break
        if r and r[0] <= period.start:
            chosen = v
    v = chosen or x.variants[0]
    return v.number, v.title, v.parent or x.parent


def latest_form(x: m.Measure) -> tuple[str, str]:
    """(number, title) of the measure's last variant, or its own."""
    if x.variants:
        return x.variants[-1].number, x.variants[-1].title
    return x.number or "", x.title or ""


# ---------------------------------------------------------------- shares

def shares(counts: list[int], rounding: str = "first-in-order") -> list[int] | None:
    """Whole-percent shares of `counts` that add up to 100 (None when they are all 0).

    Each share is rounded half up; when the rounded shares do not add up to 100, the
    difference is settled one point at a time:

    - first-in-order: on the first categories, in the vocabulary's order, that rounding
      moved the other way (as 取手市's 第四次計画 does: 22/17/3/2 of 44 are 50/38/7/5 %,
      and 10/13/14/5/2 are 22/30/32/11/5 %);
    - largest-remainder: on the categories whose exact share lies nearest the next whole
      percent (Hamilton's method: 22/17/3/2 are 50/39/7/4 %).
    """
    total = sum(counts)
    if total == 0:
        return None
    exact = [Fraction(c * 100, total) for c in counts]
    if rounding == "largest-remainder":
        out = [int(e) for e in exact]
        rest = 100 - sum(out)
        by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - out[i]), i))
        for i in by_remainder[:rest]:
            out[i] += 1
        return out
    out = [int(e + Fraction(1, 2)) for e in exact]
    diff = sum(out) - 100
    for i, e in enumerate(exact):
        if diff > 0 and out[i] > e:
            out[i] -= 1
            diff -= 1
        elif diff < 0 and out[i] < e:
            out[i] += 1
            diff += 1
    return out


# ---------------------------------------------------------------- tallies

@dataclass
class Tally:
    """Counts of one period (overall, or within one policy node) by status and by direction.

    `status` holds one count per word of the vocabulary, then the measures without a
    record; `direction` likewise, then the measures without one. Shares are computed once,
    here, over all of them.
    """

    status: list[int]
    direction: list[int]
    rounding: str
    on_track: list[bool]  # per status word

    @property
    def measures(self) -> int:
        return sum(self.status)

    @property
    def status_shares(self) -> list[int] | None:
        return shares(self.status, self.rounding)

    @property
    def direction_shares(self) -> list[int] | None:
        return shares(self.direction, self.rounding)

    @property
    def on_track_count(self) -> int:
        return sum(c for c, ok in zip(self.status, self.on_track) if ok)

    @property
    def on_track_share(self) -> int | None:
        """The on-track share: the sum of the on-track statuses' rounded shares (so that
        it agrees with the table it sums up: 50 % + 38 % are 88 %)."""
        s = self.status_shares
        return None if s is None else sum(p for p, ok in zip(s, self.on_track) if ok)


@dataclass
class Node:
    key: str
    node: m.PolicyNode
    depth: int


@dataclass
class PeriodSummary:
    period: Period
    overall: Tally
    nodes: list[tuple[Node, Tally]] = field(default_factory=list)  # per policy node of the counted level
    has_directions: bool = False


class Progress:
    """A checked plan's progress records, indexed once for the report and the diff."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.meta = plan.meta.value
        self.style = self.meta.progress
        self.entries = entries(plan)
        self.measures = {x.value.id: x.value for x in plan.measures}
        self.periods = sorted({e.period for e in self.entries}, key=lambda p: p.order)
        self.records: dict[tuple[str, str], m.ProgressRecord] = {}
        for e in self.entries:
            self.records.setdefault((e.value.measure, e.period.key), e.value)
        self.statuses = [s.name for s in self.style.statuses]
        self.directions = [d.name for d in self.style.directions]
        self._parents: dict[str, m.PolicyNode | None] = {}
        self._depth: dict[str, int] = {}
        self.nodes: dict[str, m.PolicyNode] = {}
        if plan.policy:
            for n, _, depth, parent in iter_nodes(plan.policy.value.nodes, ()):
                self.nodes.setdefault(n.key, n)
                self._parents.setdefault(n.key, parent)
                self._depth.setdefault(n.key, depth)
            for n, _, _, _ in iter_nodes(plan.policy.value.nodes, ()):
                if n.number:
                    self.nodes.setdefault(n.number, n)
        levels = [lv.name for lv in self.meta.levels]
        self.level = levels.index(self.style.by_level) if self.style.by_level in levels else 0

    def depth(self, key: str) -> int:
        return self._depth.get(key, 0)

    def __bool__(self) -> bool:
        return bool(self.entries)

    @property
    def latest(self) -> Period | None:
        return self.periods[-1] if self.periods else None

    def record(self, measure: str, period: Period) -> m.ProgressRecord | None:
        return self.records.get((measure, period.key))

    def phase_narrative(self, measure: str, phase: str) -> list[m.Cell]:
        """A phase record's narrative as a list (for the plan's 【前期】 実施状況)."""
        r = self.records.get((measure, phase))
        if r is None or r.narrative is None:
            return []
        return [r.narrative] if isinstance(r.narrative, str) else list(r.narrative)

    def live(self, period: Period) -> list[m.Measure]:
        """Measures the period ought to report on (or does), in measures.yaml order."""
        return [x for x in self.measures.values() if live_in(self.meta, x, period) or self.record(x.id, period)]

    def node_of(self, x: m.Measure, period: Period) -> m.PolicyNode | None:
        """The node of the counted level above the measure (as the period placed it)."""
        _, _, parent = form_in(self.meta, x, period)
        node = self.nodes.get(parent)
        if node is None:
            return None
        chain = []
        while node is not None:
            chain.append(node)
            node = self._parents.get(node.key)
        chain.reverse()
        return chain[min(self.level, len(chain) - 1)]

    def tally(self, measures: list[m.Measure], period: Period) -> Tally:
        status = [0] * (len(self.statuses) + 1)
        direction = [0] * (len(self.directions) + 1)
        for x in measures:
            r = self.record(x.id, period)
            s = r.status if r else None
            status[self.statuses.index(s) if s in self.statuses else len(self.statuses)] += 1
            dn = r.direction if r else None
            direction[self.directions.index(dn) if dn in self.directions else len(self.directions)] += 1
        return Tally(status, direction, self.style.rounding, [s.on_track for s in self.style.statuses] + [False])

    def summary(self, period: Period) -> PeriodSummary:
        live = self.live(period)
        out = PeriodSummary(period, self.tally(live, period))
        out.has_directions = any((r := self.record(x.id, period)) is not None and r.direction for x in live)
        if self.plan.policy:
            groups: dict[str, list[m.Measure]] = {}
            for x in live:
                n = self.node_of(x, period)
                if n is not None:
                    groups.setdefault(n.key, []).append(x)
            for n, _, depth, _ in iter_nodes(self.plan.policy.value.nodes, ()):
                if n.key in groups and self.nodes.get(n.key) is n:
                    out.nodes.append((Node(n.key, n, depth), self.tally(groups.pop(n.key), period)))
        return out

    def indicators(self) -> list[tuple[m.Measure, str, str, list[tuple[Period, m.Indicator]]]]:
        """(measure, indicator name, unit, [(period, values)]) per measure and indicator,
        in measures.yaml order, then in the order the indicators first appear."""
        found: dict[tuple[str, str], list[tuple[Period, m.Indicator]]] = {}
        for e in sorted(self.entries, key=lambda e: e.period.order):
            for ind in e.value.indicators:
                found.setdefault((e.value.measure, ind.name), []).append((e.period, ind))
        out = []
        for mid, x in self.measures.items():
            for (fmid, name), rows in found.items():
                if fmid == mid:
                    unit = next((i.unit for _, i in rows if i.unit), "")
                    out.append((x, name, unit or "", rows))
        return out


def amount(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None

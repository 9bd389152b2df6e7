"""Where a plan's generated parts are printed: the policy tree, each measure, the glossary.

Chapters place them with `policy`, `glossary` and `marks` blocks. The same answer is
needed twice: check warns about anything that would be printed nowhere, and layout
prints each part where it belongs. Both ask this module, so they cannot disagree.
"""

from __future__ import annotations

from typing import Iterator

from . import model as m
from .load import Plan

# blocks that print a generated part; they belong in chapters, never inside the tree itself
GENERATED = m.GENERATED


def iter_nodes(nodes: list[m.PolicyNode], path: tuple, depth: int = 0, parent: m.PolicyNode | None = None):
    """(node, data path, depth, parent) for every policy node, depth first in file order."""
    for i, n in enumerate(nodes):
        p = path + (i,)
        yield n, p, depth, parent
        yield from iter_nodes(n.children, p + ("children",), depth + 1, n)


def chapter_blocks(plan: Plan) -> Iterator[object]:
    """Every block of every chapter, at any depth, in reading order."""
    for ch in plan.chapters:
        for _, b in m.walk_blocks(ch.value.blocks):
            yield b


class Placement:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.nodes: dict[str, m.PolicyNode] = {}
        self.depth: dict[int, int] = {}
        self.parent: dict[int, m.PolicyNode | None] = {}
        if plan.policy:
            for n, _, depth, parent in iter_nodes(plan.policy.value.nodes, ()):
                self.nodes.setdefault(n.key, n)
                self.depth[id(n)] = depth
                self.parent[id(n)] = parent
            for n, _, _, _ in iter_nodes(plan.policy.value.nodes, ()):
                if n.number:
                    self.nodes.setdefault(n.number, n)
        blocks = list(chapter_blocks(plan))
        kinds = {b.kind for b in blocks}
        self.views = [b.policy or m.PolicyView() for b in blocks if b.kind == "policy"]
        self.append_policy = plan.policy is not None and "policy" not in kinds
        if self.append_policy:
            self.views = [m.PolicyView(measures=True, schedule=True)]
        self.glossary_placed = "glossary" in kinds
        # where no chapter places it, the glossary goes at the end, unless plan.yaml says the
        # terms are notes only (glossary.append: false)
        self.append_glossary = bool(plan.terms) and not self.glossary_placed and plan.meta.value.glossary.append
        self.marks_placed = "marks" in kinds
        # keyed by id(view), holding the view so that its id cannot be reused meanwhile
        self._placed: dict[int, tuple[m.PolicyView, dict[int, list[m.Measure]]]] = {}
        self._grid: set[int] | None = None

    def roots(self, view: m.PolicyView) -> tuple[list[m.PolicyNode], int]:
        """The nodes a view starts from, and their depth."""
        if view.under is not None:
            node = self.nodes.get(view.under)
            return ([node], self.depth[id(node)]) if node is not None else ([], 0)
        return (self.plan.policy.value.nodes if self.plan.policy else []), 0

    def shows(self, view: m.PolicyView, node: m.PolicyNode) -> bool:
        if view.levels is None:
            return True
        levels = self.plan.meta.value.levels
        depth = self.depth[id(node)]
        return depth < len(levels) and levels[depth].name in view.levels

    def measures_of_view(self, view: m.PolicyView) -> dict[int, list[m.Measure]]:
        """{id(node): measures listed under it}: each measure goes under the nearest node
        the view shows among its parent and the parent's ancestors, within the view."""
        key = id(view)
        if key not in self._placed:
            out: dict[int, list[m.Measure]] = {}
            if view.measures:
                roots, _ = self.roots(view)
                inside = {id(r) for r in roots}
                for x in self.plan.measures:
                    node = self.nodes.get(x.value.parent)
                    chain = []
                    while node is not None:
                        chain.append(node)
                        node = self.parent[id(node)]
                    if not any(id(n) in inside for n in chain):
                        continue
                    for n in chain:
                        if self.shows(view, n):
                            out.setdefault(id(n), []).append(x.value)
                            break
                        if id(n) in inside:
                            break
            self._placed[key] = (view, out)
        return self._placed[key][1]

    def placed_measures(self) -> set[str]:
        ids = set()
        for view in self.views:
            for ms in self.measures_of_view(view).values():
                ids.update(x.id for x in ms)
        return ids

    def in_grid(self, measure: m.Measure) -> bool:
        """Whether a schedule grid printed with the measure's list shows its schedule."""
        if self._grid is None:
            self._grid = {id(x) for view in self.views if view.schedule
                          for ms in self.measures_of_view(view).values() for x in ms}
        return id(measure) in self._grid

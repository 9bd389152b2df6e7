"""The bundled plans: valid, and faithful to their source texts (sources/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from fidelity import missing
from plancc.check import check
from plancc.layout import layout
from plancc.load import load_plan
from plancc.render import markdown

# edition folder → extraction noise of its source (regexes of whole lines that are not content)
EDITIONS: dict[str, list[str]] = {
    "iizuka/later": [],
    "toride/5th": [],
}


def load(edition: str):
    plan, findings = load_plan(REPO / "plans" / edition, f"plans/{edition}")
    assert plan is not None, [f for f in findings if f.is_error]
    return plan, findings


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_bundled_plan_is_clean(edition):
    plan, findings = load(edition)
    findings += check(plan)
    assert [f"{f.path}:{f.line}: {f.code} {f.message}" for f in findings] == []


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_markdown_holds_every_sentence_of_the_source(edition):
    plan, _ = load(edition)
    md = markdown.render(layout(plan))
    source = (REPO / "sources" / plan.meta.value.source).read_text(encoding="utf-8")
    lost = missing(source, md, EDITIONS[edition])
    assert lost == [], "\n".join(f"{plan.meta.value.source}:{n}: {t}" for n, t in lost[:40])


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_every_plan_file_names_its_schema(edition):
    for path in sorted((REPO / "plans" / edition).rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path

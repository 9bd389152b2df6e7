"""Hostile text in every text field a plan has: every output stays inert and keeps the text.

Each example puts one hostile string into every text field of a copy of the mini plan
(titles, headings, paragraphs, table cells, captions, terms, definitions, measure titles,
departments, notes, city, section …), builds it and compares it with the original.
plan.md is read by GitHub's cmark-gfm and by markdown-it-py with raw HTML allowed,
plan.html and the 新旧対照表 by an HTML parser, the CSVs by the csv module, and the
diff's JSON by json: no element, attribute or link appears that the text did not
write as Markdown, and the words of the text are all still there.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import FIXTURES, run
from readers import github_html, inert_problems, markdown_it_html, read_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">x</a>',
    "[x](javascript:alert(4))",
    "[y](https://example.org/a_(b))",
    "<https://example.org/auto>",
    "![i](https://example.org/i.png)",
    "| a | b |",
    "[^1] [^1-1]: x",
    "**強調** _斜体_ ~~取消~~ `コード|パイプ`",
    "<!-- 注釈 -->",
    "&lt;b&gt; &amp; &#x3C;i>",
    "# 見出し",
    "- 項目",
    "> 引用",
    "1. 番号",
    "\\",
    "](x)",
    "{{ 7*7 }} {% raw %}",
    "=cmd|' /C calc'!A0",
    "外字\ue000\ue001\uf8ff",
    "$x$ ~y~ :z:",
    "a\nb",
]

# (file, path): every text field of the mini plan that holds free text
FIELDS = [
    ("plan.yaml", ("title",)), ("plan.yaml", ("city",)), ("plan.yaml", ("section",)),
    ("plan.yaml", ("upper_plans", 0)), ("plan.yaml", ("revised", 0, "note")),
    ("chapters/01-hajimeni.yaml", ("title",)),
    ("chapters/01-hajimeni.yaml", ("blocks", 0, "section", "title")),
    ("chapters/01-hajimeni.yaml", ("blocks", 0, "section", "blocks", 1, "p")),
    ("chapters/01-hajimeni.yaml", ("blocks", 0, "section", "blocks", 2, "item", "title")),
    ("chapters/02-shisaku.yaml", ("blocks", 1, "table", "caption")),
    ("chapters/02-shisaku.yaml", ("blocks", 1, "table", "header", 0)),
    ("chapters/02-shisaku.yaml", ("blocks", 1, "table", "rows", 0, 0)),
    ("chapters/02-shisaku.yaml", ("blocks", 1, "table", "rows", 0, 1, 0)),
    ("chapters/02-shisaku.yaml", ("blocks", 1, "table", "source")),
    ("chapters/02-shisaku.yaml", ("blocks", 2, "figure", "caption")),
    ("chapters/02-shisaku.yaml", ("blocks", 2, "figure", "words", 0)),
    ("glossary.yaml", ("terms", 0, "definition")), ("glossary.yaml", ("terms", 3, "term")),
    ("policy.yaml", ("nodes", 0, "title")), ("policy.yaml", ("nodes", 0, "blocks", 0, "p")),
    ("policy.yaml", ("nodes", 0, "children", 0, "title")),
    ("measures.yaml", ("measures", 0, "departments", 0)),
    ("measures.yaml", ("measures", 0, "variants", 0, "status", 0)),
    ("measures.yaml", ("measures", 0, "variants", 1, "title")),
    ("measures.yaml", ("measures", 0, "variants", 1, "blocks", 0, "p")),
    ("measures.yaml", ("measures", 2, "variants", 0, "title")),
    ("measures.yaml", ("measures", 3, "fate", "note")),
]


def _set(data, path, value):
    for p in path[:-1]:
        data = data[p]
    data[path[-1]] = value


def hostile_copy(dest: Path, text: str) -> Path:
    shutil.copytree(FIXTURES / "mini", dest)
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 10_000
    by_file: dict[str, list] = {}
    for name, path in FIELDS:
        by_file.setdefault(name, []).append(path)
    for name, paths in by_file.items():
        f = dest / name
        data = yaml.load(f.read_text(encoding="utf-8"))
        for i, path in enumerate(paths):
            _set(data, path, f"{text} {i}")  # a number keeps each field's text its own
        with f.open("w", encoding="utf-8") as fh:
            yaml.dump(data, fh)
    return dest


def allowed_links(text: str) -> set[str]:
    """The links the text writes as Markdown, read by the grammar plans are written in."""
    from plancc.render.inline import parser

    hrefs = set()
    for tok in parser().parseInline(text)[0].children or []:
        if tok.type == "link_open":
            hrefs.add(tok.attrGet("href"))
    # GFM also links a bare URL written in the text (its extended autolinks): a link the
    # source wrote too, though not as Markdown
    for url in re.findall(r"(?:https?://|www\.)[^\s<>]*", text):
        hrefs.add(url)
    return hrefs


def shown_words(text: str) -> str:
    """The characters a reader must still see: the text as markdown-it shows it, without
    its syntax and spaces."""
    from plancc.render.inline import parser

    page = read_html(parser().renderInline(text.replace("\n", " ")))
    return re.sub(r"\s+", "", page.words)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for v in data.values():
            yield from _strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v)


def check_markdown(md: str, text: str, where: str):
    allowed = allowed_links(text)
    for reader in (github_html, markdown_it_html):
        page = read_html(reader(md))
        problems = inert_problems(page, allowed)
        assert not problems, (where, reader.__name__, problems)
        assert shown_words(text) in squash(page.words), (where, reader.__name__, text)


def check_html(page_html: str, text: str, where: str):
    page = read_html(page_html)
    problems = inert_problems(page, allowed_links(text))
    assert not problems, (where, problems)
    assert shown_words(text) in squash(page.words), (where, text)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3).map(" ".join))
def test_hostile_text_in_every_field_stays_inert_and_keeps_its_words(tmp_path_factory, text):
    work = tmp_path_factory.mktemp("hostile")
    plan = hostile_copy(work / "plans" / "mini", text)
    out = work / "out"
    code, _, err = run("build", str(plan), "-o", str(out), cwd=work)
    assert code == 0, err
    built = out / "mini"
    check_markdown((built / "plan.md").read_text(encoding="utf-8"), text, "plan.md")
    check_html((built / "plan.html").read_text(encoding="utf-8"), text, "plan.html")
    rows = list(csv.reader(io.StringIO((built / "schedule.csv").read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 6 and all(len(r) == len(rows[0]) for r in rows)
    titles = {r[2] for r in rows[1:]}
    assert any(t.startswith(text) for t in titles), titles
    long_rows = list(csv.reader(io.StringIO((built / "schedule-long.csv").read_bytes().decode("utf-8-sig"))))
    assert all(len(r) == 7 for r in long_rows)

    for form in ("md", "html", "json", "text"):
        code, report, err = run("diff", str(FIXTURES / "mini"), str(plan), "--format", form, cwd=work)
        assert code == 1, (form, err)
        # a diff shows the text as written, character by character: inert, not rendered
        if form == "md":
            for reader in (github_html, markdown_it_html):
                assert not inert_problems(read_html(reader(report)), allowed_links(text)), (form, reader.__name__)
        elif form == "html":
            assert not inert_problems(read_html(report), set()), form
        elif form == "json":
            strings = list(_strings(json.loads(report)))
            assert any(squash(text) in squash(x) for x in strings), form


@pytest.mark.parametrize("text", ["SNS[[SNS]](ソーシャル)", "[[SNS]](ソーシャル)"])
def test_a_footnote_before_a_parenthesis_is_not_a_link_on_github(tmp_path, text):
    from conftest import edit

    plan = tmp_path / "plans" / "mini"
    shutil.copytree(FIXTURES / "mini", plan)
    edit(plan / "glossary.yaml", "terms:\n", "terms:\n  - {term: SNS, reading: えすえぬえす, definition: 交流の場。}\n")
    edit(plan / "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。", f"- p: '{text}'")
    code, _, err = run("build", str(plan), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert code == 0, err
    md = (tmp_path / "out/mini/plan.md").read_text(encoding="utf-8")
    page = github_html(md)
    assert 'href="#fn-' in page or 'data-footnote-ref' in page, "the reference is a footnote on GitHub"
    assert "(ソーシャル)" in read_html(page).words
    assert not any(h and not h.startswith("#") for h in read_html(page).hrefs)

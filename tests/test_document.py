"""The laid-out document: nothing a plan holds is left out without a finding, every word
around the plan's text comes from plan.yaml, and the block kinds are defined once."""

from __future__ import annotations

import json

import pytest

from conftest import edit, findings_json, run


def build(mini, out):
    return run("build", str(mini), "-o", str(out), cwd=mini.parent.parent)


def test_a_measure_on_an_inner_node_is_listed_under_it_in_markdown_and_html(mini, tmp_path):
    edit(mini / "chapters/02-shisaku.yaml", "levels: [基本目標], text: [], measures: true",
         "levels: [基本方針, 基本目標], text: [], measures: true")
    edit(mini / "measures.yaml", "measures:\n", "measures:\n  - {id: inner, parent: '1', number: 1-9, title: 方針直下の施策}\n")
    code, _, err = build(mini, tmp_path / "out")
    assert code == 0, err
    md = (tmp_path / "out/mini/plan.md").read_text(encoding="utf-8")
    html = (tmp_path / "out/mini/plan.html").read_text(encoding="utf-8")
    assert "個別施策 1-9 方針直下の施策" in md
    assert 'id="measure-inner"' in html


def test_a_measure_no_policy_block_shows_is_a_warning_naming_it(mini):
    edit(mini / "measures.yaml", "measures:\n", "measures:\n  - {id: inner, parent: '1', number: 1-9, title: 方針直下の施策}\n")
    code, found = findings_json(str(mini))
    hits = [f for f in found if f["code"] == "unplaced-measure"]
    assert code == 0 and len(hits) == 1 and hits[0]["severity"] == "warning"
    assert "'inner'" in hits[0]["message"] and hits[0]["line"] == 2


def test_a_generated_block_inside_the_policy_tree_is_an_error_not_a_crash(mini):
    line = edit(mini / "policy.yaml", "      - p: 市民協働のまちを目指します。",
                "      - p: 市民協働のまちを目指します。\n      - policy: {}")
    code, found = findings_json(str(mini))
    assert code == 1
    assert [(f["code"], f["line"]) for f in found if f["severity"] == "error"] == [("misplaced-block", line + 1)]


def test_label_templates_are_checked_at_validate_time(mini, tmp_path):
    for bad in ("'{num}'", "'{'", "'{number:>300000000}'", "'{row[5]}'", "'{number!r}'"):
        edit(mini / "plan.yaml", "label: \"基本方針{number}\"", f"label: {bad}")
        code, found = findings_json(str(mini))
        assert code == 1, bad
        assert any(f["line"] == 15 and f["code"] == "invalid-value" for f in found), (bad, found)
        code, _, err = build(mini, tmp_path / "out")
        assert code == 1 and "Traceback" not in err
        edit(mini / "plan.yaml", f"label: {bad}", "label: \"基本方針{number}\"")


def test_a_bad_mark_template_in_words_is_a_located_finding(mini, tmp_path):
    for bad in ("'〔{label}〕'", "'{mark'", "'{mark:>9}'", "'{mark!r}'"):
        line = edit(mini / "plan.yaml", "stages: [検討, 構築, 運用]", f"stages: [検討, 構築, 運用]\nwords: {{mark: {bad}}}") + 1
        code, found = findings_json(str(mini))
        assert code == 1, bad
        assert [(f["line"], f["code"]) for f in found] == [(line, "invalid-value")], (bad, found)
        assert "{mark}" in found[0]["hint"], found
        code, _, err = build(mini, tmp_path / "out")
        assert code == 1 and "Traceback" not in err
        edit(mini / "plan.yaml", f"\nwords: {{mark: {bad}}}", "")


def test_a_measure_prints_its_marks_as_words_mark_says_in_markdown_and_word(mini, tmp_path):
    """words.mark (default 〔{mark}〕) is how the text formats print a mark after a
    measure's heading; HTML boxes the mark's words alone (the box is its bracket)."""
    docx = pytest.importorskip("docx")

    def headings(folder):
        return [p.text for p in docx.Document(str(folder / "plan.docx")).paragraphs if p.style.name.startswith("Heading")]

    assert build(mini, tmp_path / "out")[0] == 0
    out = tmp_path / "out/mini"
    assert "#### 【中期】個別施策 1-2-1 RPAの推進 〔新規個別施策〕\n" in (out / "plan.md").read_text(encoding="utf-8")
    assert "【中期】個別施策 1-2-1 RPAの推進 〔新規個別施策〕" in headings(out)
    edit(mini / "plan.yaml", "stages: [検討, 構築, 運用]", "stages: [検討, 構築, 運用]\nwords: {mark: '＜{mark}＞'}")
    assert build(mini, tmp_path / "out2")[0] == 0
    out = tmp_path / "out2/mini"
    md = (out / "plan.md").read_text(encoding="utf-8")
    assert "#### 【中期】個別施策 1-2-1 RPAの推進 ＜新規個別施策＞\n" in md and "〔" not in md
    assert "【中期】個別施策 1-2-1 RPAの推進 ＜新規個別施策＞" in headings(out)
    html = (out / "plan.html").read_text(encoding="utf-8")
    assert '<span class="badge">新規個別施策</span>' in html and "＜新規個別施策＞" not in html
    # without brackets, as a source that prints its marks after the title (取手市: … 重点 新規)
    edit(mini / "plan.yaml", "'＜{mark}＞'", "'{mark}'")
    assert build(mini, tmp_path / "out3")[0] == 0
    out = tmp_path / "out3/mini"
    assert "#### 【中期】個別施策 1-2-1 RPAの推進 新規個別施策\n" in (out / "plan.md").read_text(encoding="utf-8")
    assert "【中期】個別施策 1-2-1 RPAの推進 新規個別施策" in headings(out)


def test_marks_above_the_heading_stand_alone_on_the_line_before_it_in_every_format(mini, tmp_path):
    """measure.marks: above prints a measure's marks on a line of their own above its
    heading, as Iizuka's source prints 新規個別施策; the heading then holds no mark."""
    docx = pytest.importorskip("docx")
    edit(mini / "plan.yaml", "stages: [検討, 構築, 運用]",
         "stages: [検討, 構築, 運用]\nwords: {mark: '{mark}'}")
    edit(mini / "plan.yaml", "measure: {", "measure: {marks: above, ")
    assert build(mini, tmp_path / "out")[0] == 0
    out = tmp_path / "out/mini"
    md = (out / "plan.md").read_text(encoding="utf-8")
    assert "\n新規個別施策\n\n#### 【中期】個別施策 1-2-1 RPAの推進\n" in md
    html = (out / "plan.html").read_text(encoding="utf-8")
    assert ('<p class="marks-above"><span class="badge">新規個別施策</span></p>\n'
            '<h4><span class="phase">【中期】</span>個別施策 1-2-1 RPAの推進</h4>') in html
    paragraphs = docx.Document(str(out / "plan.docx")).paragraphs
    i = next(i for i, p in enumerate(paragraphs) if p.text == "新規個別施策")
    assert paragraphs[i].paragraph_format.keep_with_next
    assert paragraphs[i + 1].style.name.startswith("Heading")
    assert paragraphs[i + 1].text == "【中期】個別施策 1-2-1 RPAの推進"
    # a line of its own starts no list, whatever the mark's words
    edit(mini / "plan.yaml", "label: 新規個別施策", "label: 1. 新規")
    assert build(mini, tmp_path / "out2")[0] == 0
    md = (tmp_path / "out2/mini/plan.md").read_text(encoding="utf-8")
    assert "\n1\\. 新規\n\n#### 【中期】個別施策 1-2-1 RPAの推進\n" in md


def test_mark_descriptions_are_printed_in_a_legend_or_warned_about(mini, tmp_path):
    edit(mini / "plan.yaml", "{name: 新規, label: 新規個別施策}", "{name: 新規, label: 新規個別施策, description: 中期から設定した施策}")
    code, found = findings_json(str(mini))
    assert code == 0 and [f["code"] for f in found] == ["unplaced-marks"]
    edit(mini / "chapters/02-shisaku.yaml", "  - period: {}", "  - period: {}\n  - marks: {caption: 標記の注釈}")
    code, found = findings_json(str(mini))
    assert code == 0 and found == []
    assert build(mini, tmp_path / "out")[0] == 0
    for name in ("plan.md", "plan.html"):
        text = (tmp_path / "out/mini" / name).read_text(encoding="utf-8")
        assert "標記の注釈" in text and "中期から設定した施策…新規個別施策" in text, name


def test_words_come_from_plan_yaml(mini, tmp_path):
    edit(mini / "plan.yaml", "stages: [検討, 構築, 運用]",
         "stages: [検討, 構築, 運用]\nwords: {departments: 所管課, contents: もくじ, abolished: 廃止（見直し）, class: 区分}")
    edit(mini / "measures.yaml", "fate: {phase: 中期, kind: abolished, note: 体制確立のため項目としては廃止。}",
         "fate: {phase: 中期, kind: abolished}")
    assert build(mini, tmp_path / "out")[0] == 0
    out = tmp_path / "out/mini"
    md = (out / "plan.md").read_text(encoding="utf-8")
    html = (out / "plan.html").read_text(encoding="utf-8")
    for text in (md, html):
        assert "所管課" in text and "もくじ" in text and "区分" in text and "廃止（見直し）" in text
        assert "担当課等" not in text and "目次" not in text and "分類" not in text
    assert "廃止（見直し）" in (out / "schedule.csv").read_bytes().decode("utf-8-sig")
    # the measure word names the schedule grid's first column
    edit(mini / "chapters/02-shisaku.yaml", "text: [], measures: true", "text: [], measures: true, schedule: true")
    assert build(mini, tmp_path / "out2")[0] == 0
    assert "| 個別施策 | 前期 | 中期 | 所管課 |" in (tmp_path / "out2/mini/plan.md").read_text(encoding="utf-8")


def test_the_measure_class_is_in_every_format(mini, tmp_path):
    assert build(mini, tmp_path / "out")[0] == 0
    out = tmp_path / "out/mini"
    assert "分類: 重点施策" in (out / "plan.md").read_text(encoding="utf-8")
    assert "<dt>分類</dt><dd>重点施策</dd>" in (out / "plan.html").read_text(encoding="utf-8")


def test_diff_names_chapters_by_their_own_label(mini, tmp_path):
    import shutil

    new = tmp_path / "new"
    shutil.copytree(mini, new)
    edit(new / "chapters/01-hajimeni.yaml", "title: はじめに", "title: はじめに\nlabel: 第{number}部")
    edit(new / "chapters/01-hajimeni.yaml", "普及が進んでいます。", "普及が進みました。")
    code, out, _ = run("diff", str(mini), str(new), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert "第1部 はじめに" in report["compared"]


def test_every_authoring_block_kind_is_handled_by_layout_and_diff():
    from plancc import model
    from plancc.diff.compare import _Units
    from plancc.layout import _Layout

    for kind in model.BLOCK_KINDS:
        assert hasattr(_Layout, "block_" + kind), kind
        assert hasattr(_Units, kind), kind


def test_every_document_block_kind_has_a_method_in_every_renderer():
    from plancc import document
    from plancc.render.html import HtmlRenderer
    from plancc.render.markdown import MarkdownRenderer
    from plancc.render.word import WordRenderer

    for cls in document.BLOCK_TYPES:
        for renderer in (HtmlRenderer, MarkdownRenderer, WordRenderer):
            assert hasattr(renderer, "visit_" + cls.kind), (renderer.__name__, cls.kind)

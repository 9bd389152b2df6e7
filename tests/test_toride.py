"""Toride's 4th plan: the 52 取組み事項 and their yearly schedule grid, cell by cell."""

from __future__ import annotations

import csv
import io

from conftest import REPO
from plancc.layout import layout
from plancc.load import load_plan
from plancc.render import csv as csv_render


def grid():
    plan, findings = load_plan(REPO / "plans/toride/4th", "plans/toride/4th")
    assert plan is not None, [f for f in findings if f.is_error]
    rows = list(csv.DictReader(io.StringIO(csv_render.render_grid(layout(plan)).decode("utf-8-sig"))))
    return plan, {r["番号"]: r for r in rows}


def test_all_52_measures_with_numbers_titles_and_departments():
    plan, rows = grid()
    assert len(rows) == 52
    assert sorted(rows, key=lambda n: [int(x) for x in n.split("-")])[0] == "1-1-1"
    assert all(r["施策名"] and r["担当課等"] for r in rows.values())
    assert {n.split("-")[0] for n in rows} == {"1", "2", "3", "4"}


def test_year_columns_are_labelled_as_the_plan_labels_them():
    _, rows = grid()
    first = next(iter(rows.values()))
    assert [k for k in first if k.endswith("年度")] == ["30年度", "31年度", "32年度", "33年度", "34年度"]


def cells(row):
    return [row[f"{y}年度"] for y in range(30, 35)]


def test_schedule_rows_cell_by_cell():
    _, rows = grid()
    assert cells(rows["1-1-1"]) == ["運用", "⇒", "⇒", "⇒", "⇒"]
    assert rows["1-1-1"]["担当課等"] == "魅力とりで発信課"
    assert cells(rows["3-1-2"]) == ["調査・研究", "検討", "構築", "運用", "⇒"]
    assert rows["3-1-2"]["担当課等"] == "議会事務局"
    assert cells(rows["4-1-2"]) == ["調査・研究", "構築", "⇒", "運用", "⇒"]
    assert cells(rows["2-1-2"]) == ["構築、運用", "運用", "⇒", "⇒", "⇒"]
    assert rows["3-1-6"]["担当課等"] == "人事課、学務給食課"


def test_marks_and_legal_tags_come_from_the_vocabularies():
    plan, rows = grid()
    assert rows["2-3-1"]["印"] == "重点・新規"
    assert rows["2-3-1"]["根拠"] == "法 11 条:オープンデータの推進"
    assert rows["2-4-1"]["根拠"] == "法 13 条:マイナンバーカードの普及・活用"
    assert {t.id for t in plan.meta.value.tags} == {"law10", "law11", "law13", "law14", "law15"}


def built_markdown() -> str:
    from plancc.render import markdown

    plan, findings = load_plan(REPO / "plans/toride/4th", "plans/toride/4th")
    assert plan is not None, [f for f in findings if f.is_error]
    return markdown.render(layout(plan))


def test_a_measure_prints_its_marks_after_its_title_without_brackets_as_the_source_does():
    """Source (004) 1774 ■１－１－３ 市民協働による魅力発信事業 新規, 1889 ■１－２－４
    まちなか情報発信機能整備事業 重点 新規: plan.yaml's words.mark is "{mark}"."""
    md = built_markdown()
    assert "###### ■1-1-3 市民協働による魅力発信事業 新規\n" in md
    assert "###### ■1-2-4 まちなか情報発信機能整備事業 重点 新規\n" in md
    assert "〔" not in md


def test_a_measure_prints_its_legal_tags_alone_and_its_departments_only_in_the_grid():
    """Source (004) 1752-1764: ■１－１－１'s text, then 【法 14 条:デジタル・ディバイド対策等】 on a
    line of its own; its 担当課等 (魅力とりで発信課) stands only in the 【スケジュール】 grid (1823-1832)."""
    md = built_markdown()
    measure = md[md.index("###### ■1-1-1 "):md.index("###### ■1-1-2 ")]
    assert measure.rstrip().endswith("\n\n【法 14 条:デジタル・ディバイド対策等】")
    assert "担当課等" not in measure and "魅力とりで発信課" not in measure and "根拠" not in measure
    assert "担当課等:" not in md and "根拠:" not in md
    # the grid still names every measure's departments
    assert "| 1-1-1 情報発信力の向上 | 運用 | ⇒ | ⇒ | ⇒ | ⇒ | 魅力とりで発信課 |" in md


def test_a_heading_holds_what_the_source_prints_under_it():
    """Source (004) 261-309: Ａ．企業通信網の構築状況, then 2) 電子商取引, 3) 広告 and
    4) クラウド under it, before ⑦; 1) ソーシャルメディアサービス stands before Ａ．."""
    from plancc import document as d

    plan, _ = load_plan(REPO / "plans/toride/4th", "plans/toride/4th")
    sections = [b for ch in layout(plan).chapters for _, b in _walk(ch.blocks) if isinstance(b, d.Section)]
    six = next(s for s in sections if s.number == "⑥")
    inner = [b for b in six.blocks if isinstance(b, d.Section)]
    assert [s.number for s in inner] == ["1)", "Ａ．"]
    a = inner[1]
    assert [b.number for b in a.blocks if isinstance(b, d.Section)] == ["2)", "3)", "4)"]
    assert all(not isinstance(b, d.Section) for b in inner[0].blocks)


def test_the_appendix_is_headed_by_the_regulation_not_by_a_page_footer():
    """Source (004) 3096-3098: 資 1 is the appendix's page footer; the appendix begins with
    ○取手市情報化推進委員会規程."""
    plan, _ = load_plan(REPO / "plans/toride/4th", "plans/toride/4th")
    headings = [ch.heading for ch in layout(plan).chapters]
    assert "資料" not in headings and "○取手市情報化推進委員会規程" in headings


def test_the_regulations_article_captions_are_headings_but_not_in_the_contents():
    """The appendix's sections are the regulation's article captions ((目的及び設置) …): the
    page heads them, the 目次 lists the regulation alone (toc_sections: false)."""
    plan, _ = load_plan(REPO / "plans/toride/4th", "plans/toride/4th")
    doc = layout(plan)
    toc = [e.label for e in doc.toc]
    at = toc.index("○取手市情報化推進委員会規程")
    assert toc[at + 1] == "用語解説", toc[at:]
    appendix = next(ch for ch in doc.chapters if ch.heading == "○取手市情報化推進委員会規程")
    titles = ["".join(r for r in b.title if isinstance(r, str)) for b in appendix.blocks if hasattr(b, "title")]
    assert "（目的及び設置）" in titles, titles


def test_undated_the_4th_plan_still_counts_its_years_in_heisei():
    """Source (004) 56: 平成３０年度から平成３４年度. The source gives no adoption date, so the
    eras are those known at the start of the period (FY2018), not today's."""
    plan, _ = load_plan(REPO / "plans/toride/4th", "plans/toride/4th")
    assert plan.meta.value.adopted is None and not plan.meta.value.draft
    doc = layout(plan)
    assert "計画期間: 30年度～34年度" in doc.subtitle_lines
    assert not any("策定" in line for line in doc.subtitle_lines)


def _walk(blocks):
    from plancc import document as d

    for b in blocks:
        yield None, b
        if isinstance(b, d.Section):
            yield from _walk(b.blocks)


def test_the_grid_names_a_measure_as_the_source_grid_does():
    """Source (004) 2177 heads ■２－１－１ 被災者生活再建支援システムの構築, and its grid row
    (2263-2268) says 被災者生活再建支援システム共同整備事業の構築; likewise 2-1-7 (2236, 2369-2375).
    The grid prints the grid's words, and no note of plancc's own says so."""
    _, rows = grid()
    assert rows["2-1-1"]["施策名"] == "被災者生活再建支援システム共同整備事業の構築"
    assert rows["2-1-7"]["施策名"] == "ＮＰＯ・ボランティア活動情報の発信・提供の強化"
    md = built_markdown()
    assert "###### ■2-1-1 被災者生活再建支援システムの構築 新規" in md
    assert "スケジュールでは" not in md and "（注）" not in md


def test_the_glossary_reads_out_only_latin_letter_terms_as_the_source_does():
    """Source (004) 3221 ASP（エー・エス・ピー）; 3337 Lアラート and 3500 冗長化 with no reading."""
    md = built_markdown()
    assert "- **ASP**（エー・エス・ピー）: " in md and "- **Lアラート**: " in md
    assert "- **冗長化**: " in md and "じょうちょうか" not in md

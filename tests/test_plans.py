"""The bundled plans: valid, and faithful to their source texts (sources/)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO
from fidelity import added_headings, missing
from plancc.check import check
from plancc.layout import layout
from plancc.load import load_plan
from plancc.render import markdown

# edition folder → extraction noise of its source (regexes of whole lines that are not content)
EDITIONS: dict[str, list[str]] = {
    "iizuka/2021": [r"^\S.*\t[0-9]+$"],  # the table of contents with page numbers (plancc generates it)
    "iizuka/later": [],
    "oita": [r"^[^\t]*\.{3,}\t[0-9]+$",  # the table of contents with page numbers
             r"^2019年6月$"],  # the cover date: the title block prints it as 2019（令和元年）6月 策定

    "toride/5th": [],
    "toride/4th": [
        r"^\s*- [0-9]+ -\s*$", r"^資 1$",  # page footers
        r"^50 音順 用語 解説$", r"^\s*[アカサタナハマヤラワ]行 ",  # glossary column header, row labels (generated)
        r"^図表[０-９]+ \S.* 図表[０-９]+ ",  # two captions side by side on one layout line; each is checked alone
        r"^※ＢＰＲ\(Business Process Re-engineering\)＝業務改革 15 条$",  # "15 条" belongs to the box item above it
    ],
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
def test_markdown_adds_no_heading_the_source_lacks(edition):
    """Every heading is the source's, in the source's order: none invented (a 資料 made of a
    page footer, a glossary section the source does not have) and none repeated where the
    source does not print it (基本目標 headings of chapter 3 again in chapter 4)."""
    plan, _ = load(edition)
    md = markdown.render(layout(plan))
    source = (REPO / "sources" / plan.meta.value.source).read_text(encoding="utf-8")
    added = added_headings(source, md, generated=(plan.meta.value.words.contents,))
    assert added == [], "\n".join(f"plan.md:{n}: {h}" for n, h in added)


def _said(source: str, day: str) -> bool:
    """Whether the source gives the month of `day` (YYYY-MM…): 2018年3月, 平成30年3月 or
    2018（平成30年）3月, in any width and spacing."""
    from plancc.fiscal import era_of, era_year_text, parse_date

    d = parse_date(day)
    era, n = era_of(d, d)
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", source))
    forms = [f"{d.year}年{d.month}月", f"{era_year_text(era, n)}{d.month}月",
             f"{d.year}({era_year_text(era, n)}){d.month}月"]
    return any(f in text for f in forms)


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_title_page_gives_only_dates_and_names_the_source_gives(edition):
    """No adoption or revision date, and no section, that the source does not state: a plan
    whose source does not say when it was adopted is still adopted (not a draft), with no
    adoption line."""
    plan, _ = load(edition)
    meta = plan.meta.value
    source = (REPO / "sources" / meta.source).read_text(encoding="utf-8")
    for day in ([meta.adopted] if meta.adopted else []) + [r.date for r in meta.revised]:
        assert _said(source, day), f"{edition}: {day} is not in {meta.source}"
    if meta.section:
        assert meta.section in source
    assert not meta.draft
    lines = layout(plan).subtitle_lines
    assert meta.words.draft not in lines
    if not meta.adopted:
        assert not any("策定" in line for line in lines), lines


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_every_plan_file_names_its_schema(edition):
    for path in sorted((REPO / "plans" / edition).rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path


def test_iizuka_2021_holds_every_measure_form_of_the_mid_term_review(tmp_path):
    import csv
    import io

    from plancc.render import csv as csv_render

    plan, _ = load("iizuka/2021")
    measures = {x.value.id: x.value for x in plan.measures}
    forms = {ph: [v for x in measures.values() for v in x.variants if v.phase == ph] for ph in ("前期", "中期")}
    assert (len(forms["前期"]), len(forms["中期"])) == (36, 40)
    gis = {v.phase: (v.number, v.title) for v in measures["gis"].variants}
    assert gis == {"前期": ("1-3-3", "統合型GISの調査研究"), "中期": ("1-3-2", "GISの活用推進")}
    assert [v.phase for v in measures["rpa"].variants] == ["中期"] and measures["rpa"].variants[0].marks == ["新規"]
    assert measures["business-improvement"].fate.kind == "abolished"
    assert "項目としては廃止" in measures["business-improvement"].fate.note
    assert (measures["disaster-info"].fate.kind, measures["disaster-info"].fate.into) == ("merged", "safety-info")
    # the CSV lists every 前期 and 中期 form with its number and title
    rows = list(csv.DictReader(io.StringIO(csv_render.render_grid(layout(plan)).decode("utf-8-sig"))))
    cells = {ph: {r[ph] for r in rows if r[ph] and r[ph][0].isdigit()} for ph in ("前期", "中期")}
    assert cells["前期"] == {f"{v.number} {v.title}" for v in forms["前期"]}
    assert {c for c in cells["中期"]} == {f"{v.number} {__import__('plancc.text').text.plain(v.title)}" for v in forms["中期"]}
    assert {r["中期"] for r in rows if r["ID"] == "disaster-info"} == {"統合（→5-1-2 安全安心・防災減災情報共有化の推進）"}


def test_oita_glossary_groups_as_the_source_does():
    from plancc.layout import layout as lay

    plan, _ = load("oita")
    from plancc.document import Glossary

    glossary = next(b for ch in lay(plan).chapters for b in ch.blocks if isinstance(b, Glossary))
    groups = {g.label: [e.term for e in g.entries] for g in glossary.groups}
    assert list(groups) == ["【ア】", "【カ】", "【サ】", "【タ】", "【ハ】", "【マ】", "【ワ】", "【アルファベット】"]
    assert groups["【ア】"][:4] == ["インフラ", "オープンシステム", "オープンデータ", "オンライン"]
    assert groups["【ワ】"] == ["ワンストップサービス"]
    assert all(t[0].isascii() for t in groups["【アルファベット】"])
    assert [n.title for n in plan.policy.value.nodes] == [
        "オンライン化の推進", "オープンデータの推進", "マイナンバーカードの普及・活用", "情報格差の是正",
        "ICTによる業務効率化・産業振興", "情報セキュリティ対策"]


def test_iizuka_2021_chapter_4_heads_only_the_goals_its_source_heads():
    """Source (001) 361-944: chapter 4 prints 基本目標 2-2 (671), 4-2 (854, in its shorter
    wording) and 5-1 (911) as headings, and no other 基本目標; the measures of the others
    follow 2 個別施策 directly. Nothing marks 重点施策, 推進施策, 調査研究施策 (379-389)."""
    plan, _ = load("iizuka/2021")
    md = markdown.render(layout(plan))
    chapter = md[md.index("## 第4章"):md.index("## 第5章")]
    goals = [line for line in chapter.splitlines() if line.startswith("#") and "基本目標" in line]
    assert goals == ["#### 基本目標2-2 ICTで実現する！すべての人が安心して暮らせる保健・医療・福祉の連携と充実",
                     "#### 基本目標4-2 ICTを活用した生涯学習やスポーツ、歴史、文化の振興",
                     "#### 基本目標5-1 安全・安心で快適なまちづくりの支援"]
    # every measure form is still there, the ones before 2-2 at the level of that heading
    forms = [line for line in chapter.splitlines() if line.startswith("#") and ("【前期】" in line or "【中期】" in line)]
    assert len(forms) == 36 + 40
    assert "#### 【前期】個別施策 1-1-1 公衆無線LANの整備、活用促進" in chapter
    assert "##### 【前期】個別施策 2-2-1 ICTを活用した健康づくりの推進" in chapter
    assert "■" not in chapter


def test_iizuka_2021_prints_its_new_measures_mark_above_the_heading_as_its_source():
    """Source (001) 494, 539, 770 …: 新規個別施策 stands alone on the line above a new
    measure's heading, without brackets; plan.md prints it so before the same headings."""
    plan, _ = load("iizuka/2021")
    md = markdown.render(layout(plan))
    source = (REPO / "sources" / plan.meta.value.source).read_text(encoding="utf-8")
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    number = re.compile(r"個別施策 ?([0-9]+-[0-9]+-[0-9]+)")
    marked = [number.search(lines[i + 1]).group(1) for i, line in enumerate(lines) if line == "新規個別施策"]
    assert len(marked) >= 5
    printed = [number.search(h).group(1) for h in re.findall(r"^新規個別施策\n\n#+ (.+)$", md, re.M)]
    assert printed == marked
    assert "〔新規個別施策〕" not in md and md.count("新規個別施策") == len(marked)


@pytest.mark.parametrize("edition", ["iizuka/2021", "iizuka/later", "toride/5th"])
def test_a_source_without_a_glossary_gets_none_its_terms_are_notes(edition):
    """Sources 001, 000 and 002 explain their terms in footnotes (※1 …, ¹ …) and have no
    用語解説 section: the plan prints the notes and appends no glossary."""
    from plancc.document import Glossary

    plan, _ = load(edition)
    doc = layout(plan)
    assert not any(isinstance(b, Glossary) for ch in doc.chapters for b in ch.blocks)
    assert plan.meta.value.glossary.title not in [ch.heading for ch in doc.chapters]
    assert sum(len(ch.footnotes) for ch in doc.chapters) > 0


def test_oita_committee_roster_is_the_sources_two_columns():
    """Source (003) 416-440: 名簿 lines of two columns, 氏名（役職） and 所属, under no header row."""
    from plancc.document import Table

    plan, _ = load("oita")
    doc = layout(plan)

    def tables(blocks):
        for b in blocks:
            if isinstance(b, Table):
                yield b
            yield from tables(getattr(b, "blocks", []) or [])

    roster = next(t for ch in doc.chapters for t in tables(ch.blocks) if "名簿" in "".join(map(str, t.caption or ())))
    assert not roster.header
    source = (REPO / "sources" / plan.meta.value.source).read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(source) if line.startswith("吉田 和幸"))
    lines = [line.split("\t") for line in source[first:first + len(roster.rows)]]
    cells = [["".join(map(str, c[0] if c and isinstance(c[0], tuple) else c)) for c in row] for row in roster.rows]
    assert len(cells) == 22 and cells[0][0] == "吉田 和幸（委員長）"
    assert cells == [[c.strip() for c in line] for line in lines]


def test_oita_glossary_prints_no_readings_as_its_source_does():
    plan, _ = load("oita")
    md = markdown.render(layout(plan))
    glossary = md[md.index("## 用語集"):]
    assert "- **CSIRT**: " in glossary and "しーさーと" not in glossary

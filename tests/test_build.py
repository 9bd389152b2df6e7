"""`plancc build`: what lands in OUT, and that a failed build loses nothing."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO, edit, run


def build(mini: Path, out: Path):
    return run("build", str(mini.parent), "-o", str(out), cwd=mini.parent.parent)


def files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def test_build_writes_every_format_mirroring_the_plan_path(mini, tmp_path):
    out = tmp_path / "out"
    code, _, err = build(mini, out)
    assert code == 0, err
    assert files(out) == [
        ".plancc.json", "index.html", "mini/datapackage.json", "mini/plan.docx", "mini/plan.html", "mini/plan.md",
        "mini/plan.pdf", "mini/schedule-long.csv", "mini/schedule.csv", "mini/schedule.xlsx"]


def test_format_chooses_the_outputs_and_the_index_links_what_was_built(mini, tmp_path):
    out = tmp_path / "out"
    code, _, err = run("build", str(mini.parent), "-o", str(out), "--format", "md, csv", cwd=mini.parent.parent)
    assert code == 0, err
    assert files(out) == [".plancc.json", "index.html", "mini/datapackage.json", "mini/plan.md",
                          "mini/schedule-long.csv", "mini/schedule.csv"]
    assert 'href="mini/plan.md"' in (out / "index.html").read_text(encoding="utf-8")
    # a plan's folder holds what the last build wrote, nothing older
    code, _, err = run("build", str(mini.parent), "-o", str(out), "-f", "html", cwd=mini.parent.parent)
    assert code == 0, err
    assert files(out) == [".plancc.json", "index.html", "mini/plan.html"]
    assert 'href="mini/plan.html"' in (out / "index.html").read_text(encoding="utf-8")


def test_the_index_dates_each_plan_as_its_title_page_does(mini, tmp_path):
    """index.html names a plan's adoption and revisions in the words and dates of its title
    page (2018（平成30年）3月 策定), not as plan.yaml keys them (2018-03)."""
    out = tmp_path / "out"
    code, _, err = run("build", str(mini.parent), "-o", str(out), "-f", "md,html", cwd=mini.parent.parent)
    assert code == 0, err
    index = (out / "index.html").read_text(encoding="utf-8")
    title_page = (out / "mini/plan.md").read_text(encoding="utf-8")
    for line in ("2018（平成30年）3月 策定", "2021（令和3年）3月 改訂"):
        assert line in index and line in title_page, line
    assert "2018-03" not in index and "2021-03" not in index


def test_an_unknown_format_is_refused_with_the_known_ones(mini, tmp_path):
    out = tmp_path / "out"
    code, _, err = run("build", str(mini.parent), "-o", str(out), "--format", "pdf,word", cwd=mini.parent.parent)
    assert code == 2 and not out.exists()
    assert "unknown output format 'word'" in err and "pdf, " in err and "[unknown-format]" not in err
    # the findings' formats moved to --findings; the old spelling says so
    code, _, err = run("build", str(mini.parent), "-o", str(out), "--format", "github", cwd=mini.parent.parent)
    assert code == 2 and "--findings github" in err
    code, out_text, err = run("build", str(mini.parent), "-o", str(out), "-f", "md", "--findings", "json",
                              cwd=mini.parent.parent)
    assert code == 0 and '"findings": []' in out_text


def test_a_format_this_machine_cannot_build_is_named_with_what_it_needs(mini, tmp_path, monkeypatch):
    from plancc.i18n import Phrase
    from plancc.render import pdf

    monkeypatch.setattr(pdf, "available", lambda: Phrase("the Python package {package} (pip install 'plancc[publish]')",
                                                         (("package", "WeasyPrint"),)))
    out = tmp_path / "out"
    # asked for: nothing is built
    code, _, err = run("build", str(mini.parent), "-o", str(out), "--format", "pdf,md", cwd=mini.parent.parent)
    assert code == 2 and not out.exists()
    assert "cannot build pdf here: it needs the Python package WeasyPrint" in err
    # by default: the rest is built, and the message names what is missing
    code, _, err = build(mini, out)
    assert code == 0, err
    assert "plancc: plan.pdf not built: needs the Python package WeasyPrint (pip install 'plancc[publish]')" in err
    assert "mini/plan.md" in files(out) and "mini/plan.pdf" not in files(out)


def test_markdown_has_title_toc_footnotes_per_chapter_and_glossary(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out)
    md = (out / "mini/plan.md").read_text(encoding="utf-8")
    assert md.startswith("# 見本市地域情報化計画\n")
    assert "2018（平成30年）3月 策定" in md and "2021（令和3年）3月 改訂（中期見直し）" in md
    assert "## 目次" in md and "- 第1章 はじめに" in md
    # footnotes: numbered per chapter in order of first use; a second use reuses the number
    assert "スマートフォン[^1-1]やタブレット端末[^1-2]" in md
    assert "スマートフォン[^1-1]は再掲" in md
    assert "[^1-1]: スマートフォン：パソコンに近い性質を持った携帯電話。" in md
    assert "個別GIS[^2-1]を統合します。" in md  # chapter 2 starts again at 1
    # glossary: kana rows in 50音順, Latin last (plan default)
    rows = [line for line in md.splitlines() if line in ("**サ行**", "**タ行**", "**ハ行**", "**G**")]
    assert rows == ["**サ行**", "**タ行**", "**ハ行**", "**G**"]
    assert "- **タブレット端末**（たぶれっとたんまつ）: " in md
    # measures with both phases, new, abolished and merged
    assert "【前期】個別施策 1-1-3 統合型GISの調査研究" in md
    assert "【中期】個別施策 1-1-2 GISの活用推進" in md
    assert "【中期】個別施策 1-2-1 RPAの推進 〔新規個別施策〕" in md
    assert "※体制確立のため項目としては廃止。" in md
    # a paragraph that starts like a list item stays a paragraph
    assert "1\\. で始まる段落も段落のままです。" in md


def test_schedule_csv_parses_back_to_the_model(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out)
    raw = (out / "mini/schedule.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel reads the Japanese"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["ID"] for r in rows] == ["wifi", "gis", "rpa", "old-board", "disaster"]
    by_id = {r["ID"]: r for r in rows}
    assert by_id["wifi"]["前期"] == "構築" and by_id["wifi"]["中期"] == "運用"
    assert by_id["wifi"]["担当課等"] == "情報政策課" and by_id["wifi"]["分類"] == "重点施策"
    assert (by_id["gis"]["番号"], by_id["gis"]["施策名"]) == ("1-1-2", "GISの活用推進")
    assert by_id["gis"]["前期"] == "1-1-3 統合型GISの調査研究"
    assert by_id["old-board"]["中期"] == "廃止"
    assert by_id["disaster"]["中期"] == "統合（→1-1-2 GISの活用推進）"
    assert by_id["rpa"]["印"] == "新規個別施策" and by_id["rpa"]["前期"] == ""


def test_build_is_deterministic(mini, tmp_path):
    build(mini, tmp_path / "a")
    build(mini, tmp_path / "b")
    for name in ("plan.md", "plan.html", "schedule.csv"):
        assert (tmp_path / "a/mini" / name).read_bytes() == (tmp_path / "b/mini" / name).read_bytes()


def test_a_failed_build_writes_nothing_and_keeps_earlier_outputs(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(mini / "measures.yaml", "into: gis", "into: nowhere")
    edit(mini / "chapters/01-hajimeni.yaml", "普及が進んでいます", "普及が進みました")
    code, _, err = build(mini, out)
    assert code == 1 and "nothing was written" in err
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".plancc.json"], "no staging folder left"


def test_rebuild_replaces_outputs_and_leaves_no_temporary_files(mini, tmp_path):
    out = tmp_path / "out"
    build(mini, out)
    edit(mini / "chapters/01-hajimeni.yaml", "普及が進んでいます", "普及が進みました")
    assert build(mini, out)[0] == 0
    assert "普及が進みました" in (out / "mini/plan.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == [".plancc.json", "index.html", "mini"]


def test_missing_parent_of_out_is_an_error(mini, tmp_path):
    code, _, err = build(mini, tmp_path / "no" / "such" / "out")
    assert code == 2 and "does not exist" in err


def test_schema_command_prints_json_schema_matching_the_committed_copies():
    for kind in ("plan", "chapter", "glossary", "policy", "measures", "progress"):
        code, out, _ = run("schema", kind)
        assert code == 0
        doc = json.loads(out)
        assert doc["type"] == "object" and doc["properties"]
        committed = REPO / "schema" / f"{kind}.schema.json"
        assert committed.read_text(encoding="utf-8") == out, f"run: make schema ({kind})"


def test_templates_are_packaged_in_the_wheel(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("plancc-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("plan.html.j2", "index.html.j2", "diff.html.j2", "style.css", "pdf.css", "progress.css"):
        assert f"plancc/templates/{name}" in names, name


def test_long_csv_and_datapackage_validate_with_frictionless(mini, tmp_path):
    from frictionless import validate

    out = tmp_path / "out"
    build(mini, out)
    rows = list(csv.DictReader(io.StringIO((out / "mini/schedule-long.csv").read_bytes().decode("utf-8-sig"))))
    assert {(r["measure_id"], r["phase"], r["value"]) for r in rows} >= {
        ("wifi", "前期", "構築"), ("wifi", "中期", "運用"), ("old-board", "中期", "廃止")}
    assert not any(r["measure_id"] == "rpa" and r["phase"] == "前期" for r in rows), "empty cells are not rows"
    report = validate(str(out / "mini/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_csv_cells_hold_exact_values_even_when_they_look_like_formulas(mini, tmp_path):
    # open data: no apostrophe guard; schedule.xlsx is for spreadsheets (tests/test_xlsx.py)
    edit(mini / "measures.yaml", "departments: [情報政策課]", "departments: ['=HYPERLINK(\"http://x\")', '@SUM(A1)']")
    out = tmp_path / "out"
    assert run("build", str(mini.parent), "-o", str(out), "-f", "csv", cwd=mini.parent.parent)[0] == 0
    rows = list(csv.reader(io.StringIO((out / "mini/schedule.csv").read_bytes().decode("utf-8-sig"))))
    cell = rows[1][6]
    assert cell == "=HYPERLINK(\"http://x\")、@SUM(A1)"

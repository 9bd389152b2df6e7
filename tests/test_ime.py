"""Mistakes from a Japanese keyboard and Japanese habits (issue #14): each has its own code,
at the line and column (characters, 1-based) where it was typed, and a hint that says what
to type. And what would be published wrong without a word is an error, or a warning that
build refuses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import edit, findings_json, run

FW = "\u3000"  # the full-width space the IME's space bar types


def the(findings: list[dict], code: str) -> dict:
    hits = [f for f in findings if f["code"] == code]
    assert len(hits) == 1, f"one {code} expected in {[(f['code'], f['line'], f['col'], f['message']) for f in findings]}"
    return hits[0]


# (name, file, old, new, code, line, col, message, hint); line None: the line where `new` starts
CASES = [
    # --- a full-width space where YAML needs a space
    ("space-indent", "glossary.yaml", "    reading: すまーとふぉん", f"  {FW}{FW}reading: すまーとふぉん",
     "fullwidth-space", None, 3, "full-width space in the indentation",
     "indent with half-width spaces: press 半角/全角 to turn the IME off, delete the full-width space and type spaces"),
    ("space-indent-one", "measures.yaml", "  - id: gis\n    parent: 1-1", f"  - id: gis\n  {FW}parent: 1-1",
     "fullwidth-space", 19, 3, "full-width space in the indentation",
     "indent with half-width spaces: press 半角/全角 to turn the IME off, delete the full-width space and type spaces"),
    ("space-before-key", "plan.yaml", "section: 総務部", f"{FW}section: 総務部",
     "fullwidth-space", None, 1, "full-width space in the indentation",
     "indent with half-width spaces: press 半角/全角 to turn the IME off, delete the full-width space and type spaces"),
    ("space-after-colon", "plan.yaml", "section: 総務部", f"section:{FW}総務部",
     "fullwidth-space", None, 9, "full-width space after the colon", "type ': ' with a half-width space (IME off)"),
    ("space-after-dash", "glossary.yaml", "  - term: タブレット端末", f"  -{FW}term: タブレット端末",
     "fullwidth-space", None, 4, "full-width space after the list dash", "type '- ' with a half-width space (IME off)"),
    ("space-after-key", "plan.yaml", "section: 総務部", f"section{FW}: 総務部",
     "fullwidth-space", None, 8, "full-width space at the end of a key", "delete the full-width space before the colon"),
    # --- a full-width colon after a key
    ("colon", "plan.yaml", "title: 見本市", "title：見本市", "fullwidth-colon", None, 6,
     "full-width colon after 'title'", "type a half-width colon and a space (IME off): `title: `"),
    ("colon-nested", "measures.yaml", "    class: 重点施策", "    class：重点施策", "fullwidth-colon", None, 10,
     "full-width colon after 'class'", "type a half-width colon and a space (IME off): `class: `"),
    ("colon-flow", "plan.yaml", "period: {start: 2018", "period: {start：2018", "fullwidth-colon", None, 15,
     "full-width colon after 'start'", "type a half-width colon and a space (IME off): `start: `"),
    ("colon-last-line", "plan.yaml", "stages: [検討, 構築, 運用]", "stages：[検討, 構築, 運用]", "fullwidth-colon", None, 7,
     "full-width colon after 'stages'", "type a half-width colon and a space (IME off): `stages: `"),
    # --- full-width brackets, quotes and dashes as YAML syntax
    ("bracket-list", "plan.yaml", "upper_plans: [第2次見本市総合計画]", "upper_plans: ［第2次見本市総合計画］",
     "fullwidth-bracket", None, 14, "full-width bracket ［ is not a YAML bracket",
     "type half-width brackets (IME off): [第2次見本市総合計画]"),
    ("bracket-mapping", "plan.yaml", "period: {start: 2018, end: 2023}", "period: ｛start: 2018, end: 2023｝",
     "fullwidth-bracket", None, 9, "full-width bracket ｛ is not a YAML bracket",
     "type half-width brackets (IME off): {start: 2018, end: 2023}"),
    ("bracket-half-closed", "measures.yaml", "tags: [law10]", "tags: [law10］", "fullwidth-bracket", None, 17,
     "full-width bracket ］ is not a YAML bracket", "type half-width brackets (IME off): ]"),
    ("quote-curly", "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。", "- p: “注意: 段落です”",
     "fullwidth-quote", None, 14, "“” do not quote a value in YAML", 'quote it with half-width double quotes: "注意: 段落です"'),
    ("quote-kagi", "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。", "- p: 「注意: 段落です」",
     "fullwidth-quote", None, 14, "「」 do not quote a value in YAML",
     'quote it with half-width double quotes: "「注意: 段落です」"'),
    ("quote-number", "measures.yaml", "number: 1-2-1", "number: “1-2-1”", "fullwidth-quote", None, 17,
     "“” do not quote a value in YAML", 'quote it with half-width double quotes: "1-2-1"'),
    ("dash-item", "glossary.yaml", "  - term: タブレット端末", "  － term: タブレット端末", "fullwidth-dash", None, 3,
     "'－' does not start a list item", "start each list item with a half-width '- ' (hyphen and space, IME off)"),
    ("dash-choon", "glossary.yaml", "  - term: タブレット端末", "  ー term: タブレット端末", "fullwidth-dash", None, 3,
     "'ー' does not start a list item", "start each list item with a half-width '- ' (hyphen and space, IME off)"),
    ("dash-text-list", "plan.yaml", "upper_plans: [第2次見本市総合計画]", "upper_plans:\n  ― 第2次見本市総合計画",
     "fullwidth-dash", 14, 3, "'―' does not start a list item",
     "start each list item with a half-width '- ' (hyphen and space, IME off)"),
    # --- full-width digits where plancc needs ASCII
    ("digits-number", "measures.yaml", "number: 1-1-3", "number: １－１－３", "fullwidth-digits", None, 29,
     "'１－１－３' is typed in full-width characters", "type it with the IME off (半角): 1-1-3"),
    ("digits-number-choon", "measures.yaml", "number: 1-2-1", "number: 1ー2ー1", "fullwidth-digits", None, 17,
     "'1ー2ー1' is typed in full-width characters", "type it with the IME off (半角): 1-2-1"),
    ("digits-node", "policy.yaml", "number: 1-2\n", "number: １-２\n", "fullwidth-digits", None, 17,
     "'１-２' is typed in full-width characters", "type it with the IME off (半角): 1-2"),
    ("digits-year", "plan.yaml", "period: {start: 2018", "period: {start: ２０１８", "fullwidth-digits", None, 17,
     "'２０１８' is typed in full-width characters", "type it with the IME off (半角): 2018"),
    ("digits-chapter", "chapters/02-shisaku.yaml", "number: 2\n", "number: ２\n", "fullwidth-digits", None, 9,
     "'２' is typed in full-width characters", "type it with the IME off (半角): 2"),
    ("digits-schedule-key", "measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {２０１８: 構築}",
     "fullwidth-digits", None, 16, "'２０１８' is typed in full-width characters", "type it with the IME off (半角): 2018"),
    ("digits-date", "plan.yaml", "adopted: 2018-03", "adopted: ２０１８－０３", "fullwidth-digits", None, 10,
     "'２０１８－０３' is typed in full-width characters", "type it with the IME off (半角): 2018-03"),
    # --- 和暦
    ("era-date", "plan.yaml", "adopted: 2018-03", "adopted: 令和7年3月", "era-date", None, 10,
     "'令和7年3月' is a 和暦 date; plan files write dates in the Western calendar", "write 2025-03"),
    ("era-date-day", "plan.yaml", "  - date: 2021-03", "  - date: 令和３年３月３１日", "era-date", None, 11,
     "'令和３年３月３１日' is a 和暦 date; plan files write dates in the Western calendar", "write 2021-03-31"),
    ("era-date-gannen", "plan.yaml", "  - date: 2021-03", "  - date: 令和元年5月", "era-date", None, 11,
     "'令和元年5月' is a 和暦 date; plan files write dates in the Western calendar", "write 2019-05"),
    ("era-date-letter", "plan.yaml", "adopted: 2018-03", "adopted: H30.3", "era-date", None, 10,
     "'H30.3' is a 和暦 date; plan files write dates in the Western calendar", "write 2018-03"),
    ("era-year-key", "measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {令和8年度: 構築}", "era-year", None, 16,
     "'令和8年度' is a 和暦 year; plan files write fiscal years in the Western calendar",
     "write 2026; the documents add the era themselves, in the style plan.yaml's `years` sets"),
    ("era-year-heisei", "measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {平成30年度: 構築}", "era-year", None, 16,
     "'平成30年度' is a 和暦 year; plan files write fiscal years in the Western calendar",
     "write 2018; the documents add the era themselves, in the style plan.yaml's `years` sets"),
    ("era-year-gannen", "measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {令和元年度: 構築}", "era-year", None, 16,
     "'令和元年度' is a 和暦 year; plan files write fiscal years in the Western calendar",
     "write 2019; the documents add the era themselves, in the style plan.yaml's `years` sets"),
    ("era-year-r", "measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {R7: 構築}", "era-year", None, 16,
     "'R7' is a 和暦 year; plan files write fiscal years in the Western calendar",
     "write 2025; the documents add the era themselves, in the style plan.yaml's `years` sets"),
    ("era-year-h", "plan.yaml", "period: {start: 2018", "period: {start: H30", "era-year", None, 17,
     "'H30' is a 和暦 year; plan files write fiscal years in the Western calendar",
     "write 2018; the documents add the era themselves, in the style plan.yaml's `years` sets"),
    ("era-year-phase", "plan.yaml", "{name: 中期, start: 2021", "{name: 中期, start: 令和3年度", "era-year", None, 23,
     "'令和3年度' is a 和暦 year; plan files write fiscal years in the Western calendar",
     "write 2021; the documents add the era themselves, in the style plan.yaml's `years` sets"),
    # --- stages in one cell
    ("stages-comma", "measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {前期: 構築、運用, 中期: 運用}",
     "stages-joined", None, 20, "'構築、運用' is several stages written as one", "write them as a list: [構築, 運用]"),
    ("stages-dot", "measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {前期: 検討・構築, 中期: 運用}",
     "stages-joined", None, 20, "'検討・構築' is several stages written as one", "write them as a list: [検討, 構築]"),
    ("stages-fw-comma", "measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {前期: 構築, 中期: [運用，⇒]}",
     "stages-joined", None, 29, "'運用，⇒' is several stages written as one", "write them as a list: [運用, ⇒]"),
    # --- an id in Japanese
    ("id-kanji", "measures.yaml", "  - id: rpa\n", "  - id: 業務自動化\n", "id-not-ascii", None, 9,
     "id '業務自動化' is not written in half-width letters",
     "an id is half-width letters, digits, '-' and '_', like gyomu-jidoka; the Japanese name belongs in `title`"),
    ("id-katakana", "measures.yaml", "  - id: rpa\n", "  - id: アールピーエー\n", "id-not-ascii", None, 9,
     "id 'アールピーエー' is not written in half-width letters",
     "an id is half-width letters, digits, '-' and '_', like gyomu-jidoka; the Japanese name belongs in `title`"),
    ("id-fullwidth", "measures.yaml", "  - id: rpa\n", "  - id: ｒｐａ\n", "id-not-ascii", None, 9,
     "id 'ｒｐａ' is typed in full-width characters", "type it with the IME off (半角): rpa"),
    # --- quotes left open: at the quote that opens them
    ("unclosed-swallows", "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。",
     '- p: "1. で始まる段落も段落のままです。', "unclosed-quote", None, 14, 'this " is never closed',
     'close the text with " on this line'),
    ("unclosed-to-the-end", "glossary.yaml", "definition: 地理的位置を手がかりにするシステム。",
     'definition: "地理的位置を手がかりにするシステム。', "unclosed-quote", None, 17, 'this " is never closed',
     'close the text with " on this line'),
    ("unclosed-fullwidth", "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。",
     '- p: "注意: 段落です”', "unclosed-quote", None, 14,
     'this " is closed with a full-width ”, which YAML does not read as a quote',
     'type a half-width " in place of ” (IME off)'),
    # --- term references typed with the IME on
    ("ref-fullwidth-brackets", "chapters/01-hajimeni.yaml", "[[ビッグデータ]]", "［［ビッグデータ］］", "fullwidth-ref", None, 24,
     "'［［ビッグデータ］］' does not reference the term 'ビッグデータ': it is typed in full-width characters",
     "write [[ビッグデータ]] with half-width brackets"),
    ("ref-half-closed", "chapters/01-hajimeni.yaml", "[[ビッグデータ]]", "[[ビッグデータ］］", "fullwidth-ref", None, 24,
     "'[[ビッグデータ］］' does not reference the term 'ビッグデータ': it is typed in full-width characters",
     "write [[ビッグデータ]] with half-width brackets"),
    ("ref-fullwidth-letters", "measures.yaml", "個別[[GIS]]を", "個別[[ＧＩＳ]]を", "fullwidth-ref", None, 18,
     "'[[ＧＩＳ]]' does not reference the term 'GIS': it is typed in full-width characters",
     "write [[ＧＩＳ|GIS]] with half-width brackets"),
    ("ref-fullwidth-bar", "measures.yaml", "個別[[GIS]]を", "個別［［地理情報｜GIS］］を", "fullwidth-ref", None, 18,
     "'［［地理情報｜GIS］］' does not reference the term 'GIS': it is typed in full-width characters",
     "write [[地理情報|GIS]] with half-width brackets"),
]


@pytest.mark.parametrize("name,file,old,new,code,line,col,message,hint", CASES, ids=[c[0] for c in CASES])
def test_each_keyboard_mistake_has_its_code_place_and_hint(mini, name, file, old, new, code, line, col, message, hint):
    start = edit(mini / file, old, new)
    exit_code, fs = findings_json(str(mini))
    assert exit_code == 1
    f = the(fs, code)
    assert f["severity"] == "error"
    assert (f["path"], f["line"], f["col"]) == (f"{mini}/{file}", line or start, col), f
    assert (f["message"], f["hint"]) == (message, hint)
    # the keyboard's mistake is the one finding of its file: no YAML error lines later, no echo
    assert [g["code"] for g in fs if g["path"] == f["path"] and g["severity"] == "error"] == [code], fs


def test_the_caret_stands_under_the_full_width_character_itself(mini):
    edit(mini / "glossary.yaml", "    reading: すまーとふぉん", f"  {FW}{FW}reading: すまーとふぉん")
    edit(mini / "plan.yaml", "title: 見本市", "title：見本市")
    code, _, err = run("validate", str(mini))
    assert code == 1
    lines = err.splitlines()
    i = next(n for n, x in enumerate(lines) if "[fullwidth-space]" in x)
    assert lines[i].endswith("glossary.yaml:3:3: error: full-width space in the indentation [fullwidth-space]")
    # two full-width spaces: four terminal columns of carets, after the two half-width spaces
    assert lines[i + 2] == f"3 |   {FW}{FW}reading: すまーとふぉん"
    assert lines[i + 3] == "  |   ^^^^"
    i = next(n for n, x in enumerate(lines) if "[fullwidth-colon]" in x)
    assert lines[i].endswith("plan.yaml:2:6: error: full-width colon after 'title' [fullwidth-colon]")
    assert lines[i + 3] == "  |      ^^"  # col 6 (characters), one wide character


def test_full_width_text_that_breaks_nothing_is_left_alone(mini):
    # prose keeps full-width characters as the source has them; only what YAML misreads is a mistake
    edit(mini / "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。",
         "- p: 「注意」：［仮称］ー１－２の“計画”です。\n        - p: ー 以上 ー")
    edit(mini / "plan.yaml", "title: 見本市地域情報化計画", "title: ［仮称］見本市地域情報化計画：２０１８")
    edit(mini / "policy.yaml", "      - p: 市民協働のまちを目指します。",
         f"      - p: |\n          {FW}市民協働のまちを目指します。\n      - p: 市民：協働\n          {FW}のまち")
    code, fs = findings_json(str(mini))
    assert (code, fs) == (0, [])


def test_a_file_broken_elsewhere_does_not_blame_harmless_full_width_text(mini):
    # the text above the real mistake is full of full-width characters; the mistake is a ': ' in text
    edit(mini / "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。",
         f"- p: 「注意」：［仮称］の“計画”です。\n        - p: |\n            {FW}段落\n        - p: 注意: これは: 壊れます")
    code, fs = findings_json(str(mini))
    assert code == 1
    assert [(f["code"], f["line"]) for f in fs] == [("yaml-syntax", 12)]


def test_several_mistakes_in_one_file_are_all_reported(mini):
    edit(mini / "plan.yaml", "title: 見本市", "title：見本市")
    edit(mini / "plan.yaml", "period: {start: 2018, end: 2023}", "period: ｛start: 2018, end: 2023｝")
    edit(mini / "plan.yaml", "section: 総務部", f"{FW}section: 総務部")
    code, fs = findings_json(str(mini))
    assert code == 1
    assert [(f["code"], f["line"], f["col"]) for f in fs] == [
        ("fullwidth-colon", 2, 6), ("fullwidth-space", 3, 1), ("fullwidth-bracket", 8, 9)]


def test_shift_jis_says_how_to_save_as_utf8_in_notepad_and_vs_code(mini):
    path = mini / "glossary.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp932"))
    code, fs = findings_json(str(mini))
    assert code == 1
    f = the(fs, "shift-jis")
    assert (f["line"], f["col"]) == (2, 11)  # the first byte that is not UTF-8: ス of スマートフォン
    assert f["message"] == "file is not UTF-8; it looks like Shift_JIS"
    assert f["hint"] == ("re-save it as UTF-8: in メモ帳 (Notepad), 名前を付けて保存 (Save As) and choose 文字コード "
                         "UTF-8; in VS Code, click the encoding at the bottom right (Shift JIS), choose "
                         "エンコード付きで保存 (Save with Encoding) and UTF-8")
    assert "iconv" not in f["hint"]


# ---------------------------------------------------------------- term references and build

def test_fullwidth_term_reference_that_names_no_term_is_a_warning_build_refuses(mini, tmp_path):
    line = edit(mini / "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。", "- p: ［［クラウド］］を活用します。")
    code, fs = findings_json(str(mini))
    assert code == 0
    f = the(fs, "fullwidth-ref-text")
    assert (f["severity"], f["line"], f["col"]) == ("warning", line, 14)
    assert f["message"] == "'［［クラウド］］' looks like a term reference but names no term; it is printed as typed"
    assert f["hint"] == ("to footnote a term, define it in the glossary and write [[クラウド]] with half-width "
                         "brackets; if the brackets are meant as text, build with --allow-warnings")
    out = tmp_path / "out"
    code, _, err = run("build", str(mini.parent), "-o", str(out), cwd=mini.parent.parent)
    assert code == 1
    assert "[fullwidth-ref-text]" in err and ": warning: " in err
    assert err.rstrip().endswith("plancc: nothing was written: build refuses the warnings above; --allow-warnings "
                                 "builds anyway")
    assert not out.exists() or not any(out.rglob("plan.md"))
    code, _, err = run("build", str(mini.parent), "-o", str(out), "--allow-warnings", cwd=mini.parent.parent)
    assert code == 0, err
    assert "［［クラウド］］を活用します。" in (out / "mini" / "plan.md").read_text(encoding="utf-8")


def test_a_reference_to_a_term_the_glossary_writes_full_width_names_it(mini):
    edit(mini / "glossary.yaml", "  - id: GIS\n", "  - id: ＧＩＳ\n")
    line = edit(mini / "measures.yaml", "個別[[GIS]]を", "個別[[GIS]]を")
    code, fs = findings_json(str(mini))
    f = the(fs, "fullwidth-ref")
    assert (code, f["line"], f["col"]) == (1, line, 18)
    assert f["message"] == "'[[GIS]]' does not reference the term 'ＧＩＳ', which the glossary writes in full-width characters"
    assert f["hint"] == "write [[GIS|ＧＩＳ]] with half-width brackets"


def test_a_fullwidth_reference_to_a_term_is_an_error_and_counts_as_its_use(mini):
    edit(mini / "chapters/01-hajimeni.yaml", "[[ビッグデータ]]", "［［ビッグデータ］］")
    code, fs = findings_json(str(mini))
    assert code == 1
    assert [f["code"] for f in fs] == ["fullwidth-ref"]  # no unused-term beside it


# ---------------------------------------------------------------- schedules

def test_a_schedule_mixing_phases_and_years_is_an_error_naming_both(mini):
    line = edit(mini / "measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {前期: 構築, 2022: 運用}")
    code, fs = findings_json(str(mini))
    assert code == 1
    f = the(fs, "schedule-mixed-keys")
    assert (f["line"], f["col"]) == (line, 24)
    assert f["message"] == "schedule mixes the phase '前期' and the fiscal year '2022'"
    assert f["hint"] == "key the whole schedule by fiscal years or by phases, as the plan's other measures are"


def test_a_measure_keyed_by_phase_among_measures_keyed_by_year_is_an_error(mini):
    edit(mini / "measures.yaml", "  - id: gis\n    parent: 1-1\n",
         "  - id: gis\n    parent: 1-1\n    schedule: {2018: 検討, 2019: 構築}\n")
    edit(mini / "measures.yaml", "  - id: rpa\n    parent: 1-2\n", "  - id: rpa\n    parent: 1-2\n    schedule: {2022: 構築}\n")
    code, fs = findings_json(str(mini))
    assert code == 1
    f = the(fs, "schedule-key-kind")
    assert (f["line"], f["col"]) == (7, 16)  # wifi's 前期
    assert f["message"] == ("measure 'wifi' is scheduled by phases ('前期') but the plan's other measures by fiscal "
                            "years (like 'gis': '2018')")
    assert f["hint"] == ("key its schedule by fiscal years, as the others are: the schedule grid has a column for each "
                         "of those, so this measure's row would be blank")


# ---------------------------------------------------------------- fate without variants

PORTAL = """\
  - id: portal
    parent: 1-2
    number: 1-2-2
    title: 市民ポータルの運営
    schedule: {SCHEDULE}
    fate: {phase: 中期, kind: abolished}
"""


def _with_portal(mini: Path, schedule: str) -> int:
    path = mini / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + PORTAL.replace("{SCHEDULE}", schedule), encoding="utf-8")
    return text.count("\n") + 1


def test_a_schedule_running_into_the_phase_of_the_fate_is_an_error(mini):
    first = _with_portal(mini, "{前期: 構築, 中期: 運用}")
    code, fs = findings_json(str(mini))
    assert code == 1
    f = the(fs, "fate-schedule")
    assert (f["line"], f["col"]) == (first + 4, 24)
    assert f["message"] == "measure 'portal' is abolished in 中期, but its schedule has '運用' for 中期"
    assert f["hint"] == "remove the schedule from 中期 on, or correct the fate's phase"


def test_a_variant_in_the_phase_of_the_fate_is_an_error(mini):
    line = edit(mini / "measures.yaml", "fate: {phase: 中期, kind: abolished, note: 体制確立のため項目としては廃止。}",
                "fate: {phase: 前期, kind: abolished, note: 体制確立のため項目としては廃止。}")
    code, fs = findings_json(str(mini))
    f = the(fs, "fate-schedule")
    assert (code, f["line"], f["col"]) == (1, line - 1, 17)
    assert f["message"] == "measure 'old-board' is abolished in 前期, but has a variant for 前期"


def test_the_fate_of_a_measure_without_variants_is_printed_and_diffed(mini, tmp_path):
    _with_portal(mini, "{前期: 構築}")
    code, fs = findings_json(str(mini))
    assert (code, fs) == (0, [])
    out = tmp_path / "out"
    code, _, err = run("build", str(mini.parent), "-o", str(out), cwd=mini.parent.parent)
    assert code == 0, err
    md = (out / "mini/plan.md").read_text(encoding="utf-8")
    assert "※【中期】廃止" in md  # not printed as running on: the phase it ended in is said
    rows = list(csv.DictReader(io.StringIO((out / "mini/schedule.csv").read_text(encoding="utf-8-sig"))))
    portal = next(r for r in rows if r["ID"] == "portal")
    assert (portal["前期"], portal["中期"]) == ("構築", "廃止")
    code, text, _ = run("diff", str(mini), "--phases", "前期", "中期", "-f", "json")
    assert code == 1
    change = next(c for c in json.loads(text)["changes"] if c["id"] == "portal")
    assert (change["kind"], change["aspects"]) == ("removed", ["abolished"])


def test_diff_of_two_revisions_mentions_a_fate_given_to_a_measure(mini, tmp_path):
    old = tmp_path / "old"
    new = tmp_path / "new"
    import shutil

    shutil.copytree(mini, old)
    shutil.copytree(mini, new)
    _with_portal(old, "{前期: 構築}")
    _with_portal(new, "{前期: 構築}")
    edit(old / "measures.yaml", "    fate: {phase: 中期, kind: abolished}\n", "")
    edit(old / "measures.yaml", "    schedule: {前期: 構築}\n", "    schedule: {前期: 構築}\n")
    code, text, _ = run("diff", str(old), str(new), "-f", "json")
    assert code == 1
    change = next(c for c in json.loads(text)["changes"] if c["id"] == "portal")
    assert (change["kind"], change["aspects"]) == ("changed", ["fate"])
    [fate] = [f for f in change["fields"] if f["field"] == "fate"]
    assert fate["old"] is None and "廃止" in str(fate["new"])


# ---------------------------------------------------------------- .yml

def test_yml_files_are_read_like_yaml(mini, tmp_path):
    (mini / "measures.yaml").rename(mini / "measures.yml")
    (mini / "plan.yaml").rename(mini / "plan.yml")
    (mini / "chapters/02-shisaku.yaml").rename(mini / "chapters/02-shisaku.yml")
    code, fs = findings_json(str(mini.parent))
    assert (code, fs) == (0, [])
    out = tmp_path / "out"
    code, _, err = run("build", str(mini.parent), "-o", str(out), cwd=mini.parent.parent)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO((out / "mini/schedule.csv").read_text(encoding="utf-8-sig"))))
    assert [r["ID"] for r in rows] == ["wifi", "gis", "rpa", "old-board", "disaster"]
    assert "第2章 情報化の施策" in (out / "mini/plan.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["measures", "plan", "chapters/01-hajimeni"])
def test_a_file_both_as_yaml_and_yml_is_an_error(mini, name):
    (mini / f"{name}.yml").write_bytes((mini / f"{name}.yaml").read_bytes())
    code, fs = findings_json(str(mini))
    assert code == 1
    f = the(fs, "yaml-and-yml")
    assert (f["path"], f["line"], f["col"]) == (f"{mini}/{name}.yml", 1, 1)
    assert f["message"] == f"both {mini}/{name}.yaml and {mini}/{name}.yml exist"
    assert f["hint"] == "keep one of them: plancc reads .yaml and .yml alike"


# ---------------------------------------------------------------- the era helper

def test_era_years_and_dates_are_computed_from_the_one_table_of_eras():
    from plancc.fiscal import ERAS, era_date, era_fiscal_year

    assert [(name, start.year) for name, start in ERAS] == [
        ("明治", 1868), ("大正", 1912), ("昭和", 1926), ("平成", 1989), ("令和", 2019)]
    assert era_fiscal_year("令和8年度") == 2026 and era_fiscal_year("平成30年度") == 2018
    assert era_fiscal_year("令和元年度") == 2019 and era_fiscal_year("R7") == 2025 and era_fiscal_year("H30") == 2018
    assert era_fiscal_year("昭和64年") == 1989 and era_fiscal_year("大正元年") == 1912 and era_fiscal_year("M1") == 1868
    assert era_fiscal_year("２０２５") is None and era_fiscal_year("前期") is None
    assert era_date("令和7年3月") == "2025-03" and era_date("平成30年3月31日") == "2018-03-31"
    assert era_date("R7.3") == "2025-03" and era_date("令和7年13月") is None


def test_a_block_typed_with_a_full_width_colon_is_not_an_unknown_block(mini):
    line = edit(mini / "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。", "- p：1. で始まる段落です。")
    code, fs = findings_json(str(mini))
    assert code == 1
    f = the(fs, "fullwidth-colon")
    assert (f["line"], f["col"], f["width"]) == (line, 12, 1)
    assert f["hint"] == "type a half-width colon and a space (IME off): `p: `"
    assert [g["code"] for g in fs] == ["fullwidth-colon"]

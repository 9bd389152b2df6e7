"""`plancc validate`: each check, with a small plan that breaks it, asserting code, message and place."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO, edit, findings_json, run


def only(findings, code):
    hits = [f for f in findings if f["code"] == code]
    assert hits, f"no {code} in {[(f['code'], f['message']) for f in findings]}"
    return hits


def test_the_mini_plan_is_clean(mini):
    code, fs = findings_json(str(mini))
    assert code == 0
    assert fs == []


# (file, old, new, code, words in the message, column of the spot in the new line)
CASES = [
    ("chapters/01-hajimeni.yaml", "[[タブレット端末]]", "[[タブレット]]", "undefined-term", "タブレット", None),
    ("glossary.yaml", "reading: びっぐでーた", "reading: 大きいデータ", "reading-not-kana", "ビッグデータ", 14),
    ("measures.yaml", "  - id: rpa\n", "  - id: wifi\n", "duplicate-id", "wifi", 9),
    ("measures.yaml", "number: 1-2-1\n        title: RPAの推進", "number: 1-3-1\n        title: RPAの推進",
     "number-parent", "1-3-1 does not fit under 1-2", 17),
    ("measures.yaml", "{phase: 前期, number: 1-1-3,", "{phase: 前期, number: 1-1-1,", "duplicate-number",
     "1-1-1", None),
    ("measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {2017: 構築, 中期: 運用}",
     "year-outside-period", "2017", None),
    ("measures.yaml", "schedule: {前期: 構築, 中期: 運用}", "schedule: {前期: 建設, 中期: 運用}",
     "unknown-stage", "建設", None),
    ("measures.yaml", "into: gis", "into: nothing-here", "unknown-merge-target", "nothing-here", None),
    ("measures.yaml", "into: gis", "into: disaster", "merge-into-self", "disaster", None),
    ("plan.yaml", "{name: 中期, start: 2021, end: 2023}", "{name: 中期, start: 2020, end: 2023}",
     "phase-overlap", "overlap", None),
    ("plan.yaml", "{name: 中期, start: 2021, end: 2023}", "{name: 中期, start: 2022, end: 2023}",
     "phase-gap", "2021", None),
    ("measures.yaml", "parent: 1-2\n    variants:\n      - phase: 中期", "parent: 9-9\n    variants:\n      - phase: 中期",
     "unknown-parent", "9-9", None),
    ("chapters/02-shisaku.yaml", "measures: true}", "measures: true, headings: [1-1, 9-8]}", "unknown-parent",
     "9-8", None),
    ("measures.yaml", "tags: [law10]", "tags: [law99]", "unknown-tag", "law99", None),
    ("measures.yaml", "class: 重点施策", "class: 最重要施策", "unknown-class", "最重要施策", None),
    ("measures.yaml", "marks: [新規]", "marks: [注目]", "unknown-mark", "注目", None),
    ("policy.yaml", "number: 1-2\n", "number: 2-2\n", "number-parent", "2-2 does not fit under 1", None),
    ("plan.yaml", "title: 見本市地域情報化計画", "titel: 見本市地域情報化計画", "unknown-key", "titel", 1),
    ("plan.yaml", "adopted: 2018-03", "adopted: 2018-13", "invalid-value", "not a real date", None),
    ("measures.yaml", "number: 1-1-3", "number: １－１－３", "fullwidth-digits", "full-width", None),
    ("plan.yaml", "period: {start: 2018, end: 2023}", "period: {start: 二〇一八, end: 2023}", "wrong-type",
     "whole number", None),
]


@pytest.mark.parametrize("file,old,new,code,words,col", CASES, ids=[c[3] + ":" + c[2][:12] for c in CASES])
def test_each_check_reports_code_message_and_place(mini, file, old, new, code, words, col):
    line = edit(mini / file, old, new)
    exit_code, fs = findings_json(str(mini))
    hits = only(fs, code)
    assert any(words in f["message"] for f in hits), hits
    f = next(f for f in hits if words in f["message"])
    assert f["path"].endswith(file)
    # the finding points into the edited text, not somewhere else in the file
    assert line <= f["line"] <= line + new.count("\n"), (line, f)
    if col is not None:
        assert f["col"] == col
    assert f["hint"]
    assert exit_code == (1 if f["severity"] == "error" else 0)


def test_unused_term_is_a_warning_and_exit_stays_0(mini):
    text = (mini / "glossary.yaml").read_text(encoding="utf-8")
    (mini / "glossary.yaml").write_text(text + "  - term: ドローン\n    reading: どろーん\n    definition: 無人航空機。\n",
                                        encoding="utf-8")
    code, fs = findings_json(str(mini))
    hit = only(fs, "unused-term")[0]
    assert hit["severity"] == "warning" and "ドローン" in hit["message"]
    assert code == 0


def test_merge_cycle_is_found(mini):
    edit(mini / "measures.yaml", "  - id: old-board\n    parent: 1-1\n    variants:\n      - {phase: 前期, number: 1-1-2, title: 業務改善体制の確立}\n    fate: {phase: 中期, kind: abolished, note: 体制確立のため項目としては廃止。}",
         "  - id: old-board\n    parent: 1-1\n    variants:\n      - {phase: 前期, number: 1-1-2, title: 業務改善体制の確立}\n    fate: {phase: 中期, kind: merged, into: disaster}")
    edit(mini / "measures.yaml", "into: gis", "into: old-board")
    code, fs = findings_json(str(mini))
    assert code == 1
    assert only(fs, "merge-cycle")


def test_all_findings_of_a_run_are_reported_sorted(mini):
    edit(mini / "glossary.yaml", "reading: すまーとふぉん", "reading: smartphone")
    edit(mini / "measures.yaml", "into: gis", "into: nowhere")
    edit(mini / "chapters/01-hajimeni.yaml", "[[ビッグデータ]]", "[[ビッグ]]")
    code, fs = findings_json(str(mini))
    assert code == 1
    assert {f["code"] for f in fs} >= {"reading-not-kana", "unknown-merge-target", "undefined-term"}
    keys = [(f["path"], f["line"], f["col"]) for f in fs]
    assert keys == sorted(keys)


def test_text_output_shows_line_caret_and_hint(mini):
    edit(mini / "plan.yaml", "title: 見本市地域情報化計画", "titel: 見本市地域情報化計画")
    code, out, err = run("validate", str(mini))
    assert code == 1
    lines = err.splitlines()
    head = next(i for i, l in enumerate(lines) if "[unknown-key]" in l)
    assert lines[head].startswith(f"{mini}/plan.yaml:2:1: error: unknown key 'titel'") and lines[head].endswith(" [unknown-key]")
    assert lines[head + 2].endswith("titel: 見本市地域情報化計画")
    assert lines[head + 3].split("|", 1)[1] == " ^^^^^"
    assert "did you mean 'title'?" in lines[head + 4]


def test_caret_accounts_for_wide_characters(mini):
    edit(mini / "chapters/01-hajimeni.yaml", "[[タブレット端末]]", "[[タブレット]]")
    code, out, err = run("validate", str(mini))
    lines = err.splitlines()
    i = next(i for i, l in enumerate(lines) if "[undefined-term]" in l)
    src, caret = lines[i + 2].split("|", 1)[1], lines[i + 3].split("|", 1)[1]
    from plancc.findings import display_width
    # the caret starts under "[[タブレット]]"
    assert display_width(src[: src.index("[[タブレット")]) == caret.index("^")


def test_github_format_emits_workflow_commands(mini):
    edit(mini / "measures.yaml", "into: gis", "into: nowhere")
    code, out, _ = run("validate", "--format", "github", str(mini))
    assert code == 1
    line = next(l for l in out.splitlines() if "unknown-merge-target" in l)
    assert line.startswith(f"::error file={mini}/measures.yaml,line=")
    assert "title=unknown-merge-target::" in line


@pytest.mark.parametrize("case", ["shift_jis", "duplicate", "unknown", "syntax"])
def test_broken_files_give_one_located_error_and_no_traceback(mini, case):
    plan = mini / "plan.yaml"
    if case == "shift_jis":
        plan.write_bytes(plan.read_text(encoding="utf-8").encode("shift_jis"))
        code_, where = "shift-jis", "Shift_JIS"
    elif case == "duplicate":
        edit(plan, "section: 総務部情報政策課\n", "section: 総務部情報政策課\nsection: 企画課\n")
        code_, where = "duplicate-key", "section"
    elif case == "unknown":
        edit(plan, "section: 総務部情報政策課\n", "sektion: 総務部情報政策課\n")
        code_, where = "unknown-key", "sektion"
    else:
        edit(plan, "title: 見本市地域情報化計画", "title: [見本市")
        code_, where = "yaml-syntax", "YAML"
    proc = subprocess.run([sys.executable, "-m", "plancc", "validate", "--format", "json", str(mini)],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    import json
    fs = [f for f in json.loads(proc.stdout)["findings"] if f["severity"] == "error"]
    assert len(fs) == 1, fs
    assert fs[0]["code"] == code_ and where in fs[0]["message"]
    assert fs[0]["path"].endswith("plan.yaml") and fs[0]["line"] >= 1


def test_yaml_scalars_mean_what_was_typed(mini):
    # YAML 1.1 would turn `no` into false and 1.10 into 1.1; a section number stays text
    edit(mini / "chapters/01-hajimeni.yaml", 'number: "1"\n      title: 計画策定の趣旨',
         "number: 1.10\n      title: no")
    code, fs = findings_json(str(mini))
    assert code == 0, fs
    from plancc.load import load_plan
    plan, _ = load_plan(mini)
    section = plan.chapters[0].value.blocks[0].section
    assert (section.number, section.title) == ("1.10", "no")


def test_alias_bomb_is_refused(mini):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    (mini / "glossary.yaml").write_text(bomb, encoding="utf-8")
    code, fs = findings_json(str(mini))
    assert code == 1
    assert only(fs, "alias-bomb")[0]["path"].endswith("glossary.yaml")


def test_usage_errors_exit_2(tmp_path):
    code, _, err = run("validate", str(tmp_path / "missing"))
    assert code == 2 and "no such file" in err
    code, _, _ = run("validate", "--format", "xml")
    assert code == 2


def test_a_folder_without_plans_is_an_error(tmp_path):
    code, fs = findings_json(str(tmp_path))
    assert code == 1 and fs[0]["code"] == "no-plan"


def test_a_glossary_not_appended_leaves_an_unreferenced_term_printed_nowhere(mini, tmp_path):
    text = (mini / "glossary.yaml").read_text(encoding="utf-8")
    (mini / "glossary.yaml").write_text(text + "  - term: ドローン\n    reading: どろーん\n    definition: 無人航空機。\n",
                                        encoding="utf-8")
    edit(mini / "plan.yaml", "stages: [検討, 構築, 運用]", "stages: [検討, 構築, 運用]\nglossary: {append: false}")
    code, fs = findings_json(str(mini))
    assert code == 0 and [f["code"] for f in fs] == ["unused-term"]
    code, _, err = run("build", str(mini), "-o", str(tmp_path / "out"), "--format", "md")
    assert code == 0, err
    md = (tmp_path / "out" / "mini" / "plan.md").read_text(encoding="utf-8")
    assert "## 用語集" not in md and "ドローン" not in md
    assert "[^1-1]: " in md  # the referenced terms are still the chapters' notes

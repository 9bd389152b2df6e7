"""`plancc diff`: matching by identity and similarity, phases, excerpts, git revisions, formats."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import REPO, edit, run


def diff_json(*args, cwd=None):
    code, out, err = run("diff", "--format", "json", *args, cwd=cwd)
    assert code in (0, 1), err
    return code, json.loads(out)


def by_kind(report):
    out = {}
    for c in report["changes"]:
        out.setdefault((c["kind"], c["type"]), []).append(c)
    return out


def test_iizuka_mid_term_review_lists_exactly_what_the_revision_changed():
    code, rep = diff_json(str(REPO / "plans/iizuka/2021"), "--phases", "前期", "中期")
    assert code == 1
    measures = [c for c in rep["changes"] if c["type"] == "measure"]
    assert len(measures) == len(rep["changes"])
    added = {c["id"] for c in measures if c["kind"] == "added"}
    removed = {c["id"]: c for c in measures if c["kind"] == "removed"}
    changed = {c["id"]: set(c["aspects"]) for c in measures if c["kind"] == "changed"}
    assert added == {"ai-counter", "rpa", "e-local-currency", "local-economy", "smart-city",
                     "facility-e-payment", "lifelong-learning"}
    assert {k: v["aspects"] for k, v in removed.items()} == {
        "business-improvement": ["abolished"], "vacant-houses": ["abolished"], "disaster-info": ["merged"]}
    assert removed["disaster-info"]["merged_into"] == "safety-info"
    renumbered = {k for k, v in changed.items() if "renumbered" in v}
    assert renumbered == {"gis", "municipal-cloud", "telework", "staff-literacy", "safety-info"}
    assert changed["gis"] == {"renumbered", "renamed"}
    gis = next(c for c in measures if c["id"] == "gis")
    assert gis["old"] == {"number": "1-3-3", "title": "統合型GISの調査研究"}
    assert gis["new"] == {"number": "1-3-2", "title": "GISの活用推進"}
    renamed_only = {k for k, v in changed.items() if v == {"renamed"}}
    assert {"sns", "smart-counter", "online-procedures", "mynumber-card", "child-watch"} <= renamed_only
    # a measure whose number and title stayed is not reported
    assert "public-wifi" not in changed and "open-data" not in changed


def _two(mini, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(mini, old)
    return old, mini


def test_renumbered_measure_is_matched_by_identity(mini, tmp_path):
    old, new = _two(mini, tmp_path)
    edit(new / "measures.yaml", "number: 1-2-1\n        title: RPAの推進", "number: 1-2-2\n        title: RPAの推進")
    code, rep = diff_json(str(old), str(new))
    assert code == 1
    [c] = rep["changes"]
    assert (c["kind"], c["id"], c["aspects"]) == ("changed", "rpa", ["renumbered"])
    assert (c["old"]["number"], c["new"]["number"]) == ("1-2-1", "1-2-2")


def test_a_reused_number_is_not_mistaken_for_the_old_measure(mini, tmp_path):
    old, new = _two(mini, tmp_path)
    text = (new / "measures.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: rpa")
    end = text.index("  - id: old-board")
    text = text[:start] + text[end:] + (
        "  - id: chatbot\n    parent: 1-2\n    variants:\n      - phase: 中期\n        number: 1-2-1\n"
        "        title: チャットボットによる案内\n        blocks:\n          - p: 問い合わせに自動で答えます。\n")
    (new / "measures.yaml").write_text(text, encoding="utf-8")
    code, rep = diff_json(str(old), str(new))
    kinds = {(c["kind"], c["id"]) for c in rep["changes"]}
    assert kinds == {("removed", "rpa"), ("added", "chatbot")}


def test_items_without_shared_identity_fall_back_to_similarity(mini, tmp_path):
    old, new = _two(mini, tmp_path)
    edit(new / "measures.yaml", "  - id: rpa\n", "  - id: robotic-process-automation\n")
    edit(new / "measures.yaml", "定型業務を自動化します。", "定型業務をロボットで自動化します。")
    code, rep = diff_json(str(old), str(new))
    [c] = rep["changes"]
    # one measure, its id and its wording changed
    assert (c["kind"], c["id"], c["aspects"]) == ("changed", "robotic-process-automation", ["id", "text"])
    assert c["text"] == {"old": "定型業務を自動化します。", "new": "定型業務をロボットで自動化します。"}
    assert {"field": "id", "old": "rpa", "new": "robotic-process-automation"} in c["fields"]


def test_no_difference_exits_0(mini, tmp_path):
    old, new = _two(mini, tmp_path)
    code, out, _ = run("diff", str(old), str(new))
    assert code == 0 and "no differences" in out


def test_excerpt_editions_compare_only_what_both_hold_and_show_real_wording_changes():
    code, rep = diff_json(str(REPO / "plans/iizuka/2021"), str(REPO / "plans/iizuka/later"))
    assert code == 1
    assert rep["compared"][0] == "第1章 はじめに"
    assert "第4章 情報化の施策" in rep["not_compared"] and "個別施策" in rep["not_compared"]  # the plan's word
    sns = [c for c in rep["changes"] if c["kind"] == "changed" and "ツイッター" in (c["text"]["old"] or "")]
    assert sns and "X(旧 Twitter)" in sns[0]["text"]["new"]
    assert all(c["type"] != "measure" for c in rep["changes"])


def test_git_revision_sides(mini, tmp_path):
    repo = mini.parent.parent
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, check=True, capture_output=True)
    git("init", "-q")
    git("-c", "user.email=t@example.invalid", "-c", "user.name=t", "add", ".")
    git("-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qm", "plan")
    edit(mini / "measures.yaml", "title: RPAの推進", "title: RPAによる業務自動化の推進")
    code, rep = diff_json("HEAD:plans/mini", "plans/mini", cwd=repo)
    assert code == 1
    [c] = rep["changes"]
    assert (c["id"], c["aspects"]) == ("rpa", ["renamed"])
    # a revision cannot smuggle in a git option, a path cannot leave the repository
    for bad in ("--output=/tmp/x:plans/mini", "HEAD:../plans", "HEAD:/etc"):
        code, _, err = run("diff", bad, "plans/mini", cwd=repo)
        assert code == 2 and "error" in err
    code, _, err = run("diff", "nosuchrev:plans/mini", "plans/mini", cwd=repo)
    assert code == 2


def test_formats(mini, tmp_path):
    old, new = _two(mini, tmp_path)
    edit(new / "measures.yaml", "定型業務を自動化します。", "定型業務を効率的に自動化します。")
    edit(new / "measures.yaml", "number: 1-2-1\n        title: RPAの推進", "number: 1-2-2\n        title: RPAの推進")
    code, text, _ = run("diff", str(old), str(new))
    assert code == 1 and "\x1b[" not in text, "plain when piped"
    assert "~ measure rpa" in text and "{+効率的に+}" in text
    code, md, _ = run("diff", "--format", "md", str(old), str(new))
    assert "| kind | added | removed | changed |" in md.splitlines()  # the user's language (tests: English)
    assert "| measure | 0 | 0 | 1 |" in md
    code, html, _ = run("diff", "--format", "html", str(old), str(new))
    assert "傍線部分は改正部分" in html
    assert html.index("改正後") < html.index("改正前")
    assert "<u>効率的に</u>" in html and "<u>2</u>" in html
    code, html2, _ = run("diff", "--format", "html", "--columns", "old-new", str(old), str(new))
    head = html2[html2.index("<thead>"):]
    assert head.index("改正前") < head.index("改正後")
    code, js, _ = run("diff", "--format", "json", str(old), str(new))
    rep = json.loads(js)
    assert set(rep) >= {"old", "new", "compared", "changes"}
    [c] = rep["changes"]
    assert set(c) >= {"kind", "type", "id", "old", "new", "aspects", "text"}


def test_diff_trouble_exits_2(tmp_path):
    code, _, err = run("diff", str(tmp_path), str(tmp_path))
    assert code == 2
    code, _, err = run("diff", str(REPO / "plans/iizuka/2021"), "--phases", "前期", "終期")
    assert code == 2 and "no phase" in err


def test_toride_editions_compare_chapter_1_and_show_the_new_wording():
    code, rep = diff_json(str(REPO / "plans/toride/4th"), str(REPO / "plans/toride/5th"))
    assert code == 1
    assert rep["compared"][0] == "第1章 計画の概要"
    assert {"第2章 情報化を取り巻く状況", "用語解説", "取組み事項"} <= set(rep["not_compared"])
    purpose = [c for c in rep["changes"] if c["kind"] == "changed" and "第一次取手市地域情報化計画" in (c["text"]["old"] or "")]
    assert purpose and "第三次" in purpose[0]["text"]["old"] and "第四次" in purpose[0]["text"]["new"]
    sdgs = [c for c in rep["changes"] if c["kind"] == "added" and c["type"] == "section"]
    assert any("SDGs" in (c["text"]["new"] or "") for c in sdgs)


def test_similarity_matching_of_many_items_pairs_each_with_its_own():
    # 400 x 400 items is past the point where every pair is scored: the bigram index
    # must still find each item's counterpart, and nothing else
    import random

    from plancc.diff.compare import EXACT_PAIRS, similar_pairs

    rnd = random.Random(7)
    words = ["情報", "推進", "行政", "地域", "防災", "教育", "福祉", "電子", "窓口", "基盤", "人材", "連携"]
    old = [f"{i:03d}" + "".join(rnd.choice(words) for _ in range(12)) for i in range(400)]
    order = list(range(400))
    rnd.shuffle(order)
    new = [old[k][:-2] + "の強化" for k in order]  # each reworded a little, all renumbered
    assert len(old) * len(new) > EXACT_PAIRS
    scores = similar_pairs(old, new, 0.6)
    best = {i: max((j for (a, j) in scores if a == i), key=lambda j: scores[i, j]) for i in range(400)}
    assert all(new[best[i]] == old[i][:-2] + "の強化" for i in range(400))


def _many_measures(folder, n: int, word: str) -> None:
    rows = []
    for i in range(n):
        rows.append(f"  - id: gen-{i}\n    parent: 1-2\n    number: 1-2-{i + 10}\n    title: 生成施策{i}の推進\n"
                    f"    blocks:\n      - p: {'この施策では市民サービスの向上を図ります。' * 6}{word}{i}\n")
    text = (folder / "measures.yaml").read_text(encoding="utf-8")
    (folder / "measures.yaml").write_text(text.replace("measures:\n", "measures:\n" + "".join(rows), 1),
                                          encoding="utf-8")


def test_markdown_fits_a_pull_request_comment_and_says_what_it_left_out(mini, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(mini, old)
    _many_measures(old, 700, "旧")
    _many_measures(mini, 700, "新")
    code, md, _ = run("diff", "-f", "md", str(old), str(mini))
    assert code == 1
    assert len(md) <= 65_536
    assert "cut to fit GitHub's limit of 65,536 characters" in md
    assert f"plancc diff {old} {mini} -f md --fit none" in md.replace("\\", "")
    code, whole, _ = run("diff", "-f", "md", "--fit", "none", str(old), str(mini))
    assert len(whole) > 65_536 and "cut to fit" not in whole
    code, summary, _ = run("diff", "-f", "md", "--fit", "summary", str(old), str(mini))
    assert len(summary.encode("utf-8")) <= 1_048_576 and summary == whole
    # what is shown is the beginning of the whole report, cut between its rows and details
    kept = md[:md.index("This report was cut")]
    assert whole.startswith(kept.split("\n| changed |")[0])


def test_summary_is_one_line_for_a_check_run(mini, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(mini, old)
    code, line, _ = run("diff", "--summary", str(old), str(mini))
    assert (code, line) == (0, "no differences\n")
    edit(mini / "measures.yaml", "title: RPAの推進", "title: RPAの推進と活用")
    code, line, _ = run("diff", "--summary", "-f", "md", str(old), str(mini))
    assert code == 1 and line == "1 difference: 0 added, 0 removed, 1 changed\n"

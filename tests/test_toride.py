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

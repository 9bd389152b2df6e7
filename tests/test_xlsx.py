"""schedule.xlsx read back by openpyxl (what each cell is) and opened by LibreOffice Calc
headless, as a city's staff would open it: measure numbers stay 1-1-1, nothing becomes a
date or a formula, and the grid is the plan's."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, edit, run

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

PLANS = ["tests/fixtures/mini", "iizuka/2021", "toride/4th"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("xlsx")
    code, _, err = run("build", str(REPO / "tests/fixtures/mini"), str(REPO / "plans"), "-o", str(out),
                       "--format", "xlsx,csv", cwd=REPO)
    assert code == 0, err
    return out


def grid_of_csv(folder: Path) -> list[list[str]]:
    """schedule.csv's rows: ID, 番号, 施策名, 印, 分類, 根拠, 担当課等, then the grid's columns."""
    return list(csv.reader(io.StringIO((folder / "schedule.csv").read_bytes().decode("utf-8-sig"))))


def expected_rows(folder: Path) -> list[list[str | None]]:
    """The sheet as the plan's grid: number, title, a column per year or phase, 担当課等."""
    head, *rows = grid_of_csv(folder)
    out = [[None, None, *head[7:], head[6]]]
    for r in rows:
        out.append([r[1], r[2], *(c or None for c in r[7:]), r[6] or None])
    return out


def test_every_cell_is_a_string_formatted_as_text_and_none_is_a_formula(built):
    for rel in PLANS:
        sheet = openpyxl.load_workbook(built / rel / "schedule.xlsx").active
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert cells
        for c in cells:
            assert c.data_type == "s", f"{rel} {c.coordinate}: {c.value!r} is {c.data_type}"
            assert c.number_format == "@", f"{rel} {c.coordinate}: typing into it keeps text"
        assert not any(isinstance(c.value, str) and c.value.startswith("=") and c.data_type == "f" for c in cells)


def test_the_sheet_is_the_plans_grid(built):
    for rel in PLANS:
        folder = built / rel
        sheet = openpyxl.load_workbook(folder / "schedule.xlsx").active
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        want = expected_rows(folder)
        # the header: the plan's word for a measure over number and title, then its labels
        assert rows[0][0] and rows[0][1] is None and "A1:B1" in [str(m) for m in sheet.merged_cells.ranges]
        assert rows[0][2:] == want[0][2:]
        assert rows[1:] == want[1:]
    toride = openpyxl.load_workbook(built / "toride/4th/schedule.xlsx").active
    assert [c.value for c in toride[1]] == ["施策", None, "30年度", "31年度", "32年度", "33年度", "34年度", "担当課等"]
    assert [c.value for c in toride[2]] == ["1-1-1", "情報発信力の向上", "運用", "⇒", "⇒", "⇒", "⇒", "魅力とりで発信課"]


def test_frozen_header_filter_and_a4_landscape_print_set_up(built):
    for rel in PLANS:
        book = openpyxl.load_workbook(built / rel / "schedule.xlsx")
        sheet = book.active
        last = sheet.max_column
        assert sheet.freeze_panes == "C2"  # the header row, with number and title beside
        assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(last)}{sheet.max_row}"
        assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
        # one page wide (1, the default, is left out of the file), as many pages long as it takes
        assert (sheet.page_setup.fitToWidth or 1) == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
        title = book.properties.title
        assert sheet.oddHeader.center.text == title.rsplit(" ", 1)[0]
    props = openpyxl.load_workbook(built / "iizuka/2021/schedule.xlsx").properties
    assert props.creator == "飯塚市"
    assert props.created.isoformat().startswith("2021-03-01")  # the plan's last revision, not the clock


def test_a_text_that_looks_like_a_formula_stays_text(mini, tmp_path):
    edit(mini / "measures.yaml", "departments: [情報政策課]", "departments: ['=HYPERLINK(\"http://x\")', '@SUM(A1)']")
    out = tmp_path / "out"
    assert run("build", str(mini.parent), "-o", str(out), "-f", "xlsx", cwd=mini.parent.parent)[0] == 0
    sheet = openpyxl.load_workbook(out / "mini/schedule.xlsx").active
    cell = sheet.cell(2, sheet.max_column)
    assert cell.value == "=HYPERLINK(\"http://x\")、@SUM(A1)" and cell.data_type == "s"


def soffice(tmp_path: Path, target: str, files: list[Path]) -> Path:
    """LibreOffice headless converts `files` into tmp_path/out, with a profile of its own
    (a LibreOffice already running for someone else is left alone)."""
    if not SOFFICE:
        if os.environ.get("CI"):
            raise RuntimeError("the spreadsheet tests need LibreOffice Calc (see .ci/run)")
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-calc-nogui)")
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                    "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=180)
    return out


def test_libreoffice_reads_numbers_as_text_not_dates(built, tmp_path):
    copies = []
    for rel in PLANS:
        copy = tmp_path / (rel.replace("/", "-") + ".xlsx")
        shutil.copy(built / rel / "schedule.xlsx", copy)
        copies.append(copy)
    # CSV out of Calc: what Calc holds in each cell, as text (UTF-8, comma, quoted)
    out = soffice(tmp_path, 'csv:Text - txt - csv (StarCalc):44,34,76,1', copies)
    for rel, copy in zip(PLANS, copies):
        rows = list(csv.reader(io.StringIO((out / (copy.stem + ".csv")).read_text(encoding="utf-8"))))
        want = [[c or "" for c in row] for row in expected_rows(built / rel)]
        want[0][0] = rows[0][0]
        assert rows == want, rel
        numbers = [r[0] for r in rows[1:]]
        assert numbers and all("-" in n and "/" not in n and not n.startswith("20") for n in numbers), numbers


def test_libreoffice_prints_it_on_a4_landscape(built, tmp_path):
    copy = tmp_path / "toride.xlsx"
    shutil.copy(built / "toride/4th/schedule.xlsx", copy)
    out = soffice(tmp_path, "pdf", [copy])
    info = subprocess.run(["pdfinfo", str(out / "toride.pdf")], capture_output=True, text=True).stdout \
        if shutil.which("pdfinfo") else "Page size: 841.89 x 595.304 pts (A4)"
    assert "841.89 x 595.3" in info

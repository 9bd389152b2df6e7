"""The 新旧対照表 (HTML and Word) as an office takes it to 決裁: what changed is shown and
underlined, new and deleted items in full, sides named as the office names them, the
office's own words (plan.yaml `taisho:` or flags); the Word file read back with
python-docx and, where LibreOffice is installed, opened and converted to PDF by it."""

from __future__ import annotations

import html as htmlmod
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter

import pytest

from conftest import REPO, edit, run

from plancc.diff.command import run_diff

docx = pytest.importorskip("docx")

TORIDE = (str(REPO / "plans/toride/4th"), str(REPO / "plans/toride/5th"))


def underlined_html(page: str) -> Counter:
    return Counter(htmlmod.unescape(t) for t in re.findall(r"<u>(.*?)</u>", page, re.S))


def underlined_docx(document) -> Counter:
    out = Counter()

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                yield cell
                for inner in cell.tables:
                    yield from cells(inner)

    seen = []  # the cells' elements, kept alive (a merged cell is listed once per column)
    for table in document.tables:
        for cell in cells(table):
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            for p in cell.paragraphs:
                # runs in a row that are all underlined are one underlined piece, as in HTML
                piece = ""
                for r in p.runs:
                    if r.font.underline:
                        piece += r.text
                    elif piece:
                        out[piece] += 1
                        piece = ""
                if piece:
                    out[piece] += 1
    return out


def _docx(old, new=None, phases=None, **kw) -> bytes:
    code, data = run_diff(old, new, phases, "docx", **kw)
    assert code == 1 and isinstance(data, bytes)
    return data


def test_the_sides_are_named_as_the_office_names_them():
    code, page = run_diff(*TORIDE, None, "html")
    head = page[page.index("<thead>"):page.index("</thead>")]
    # neither source says when it was adopted: the sides are named by their titles, no date added
    assert '<span class="side">第五次取手市情報化計画</span>' in head
    assert '<span class="side">第四次取手市情報化計画</span>' in head and "策定" not in head
    assert '<small class="side">' in head and "plans/toride/5th" in head  # the folder in small print
    code, page = run_diff(str(REPO / "plans/iizuka/2021"), None, ("前期", "中期"), "html")
    assert "飯塚市地域情報化計画（2021年3月改訂）【中期】" in page


def test_sides_are_named_by_adoption_date_or_as_a_draft(tmp_path, mini):
    old = tmp_path / "old"
    shutil.copytree(mini, old)
    edit(old / "plan.yaml", "revised:\n  - date: 2021-03\n    note: 中期見直し\n", "")
    edit(mini / "plan.yaml", "adopted: 2018-03\nrevised:\n  - date: 2021-03\n    note: 中期見直し\n", "draft: true\n")
    code, page = run_diff(str(old), str(mini), None, "html")
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert '<span class="side">見本市地域情報化計画（2018年3月策定）</span>' in head
    assert '<span class="side">見本市地域情報化計画（策定前（案））</span>' in head
    # the adoption line once, as each title page prints it: the date, and words.draft
    text = re.sub(r"<[^>]+>", "", page[page.index("</thead>"):])
    assert text.count("2018（平成30年）3月 策定") == 1 and text.count("策定前（案）") == 1


def test_the_iizuka_review_names_a_merge_target_as_the_source_does():
    code, page = run_diff(str(REPO / "plans/iizuka/2021"), None, ("前期", "中期"), "html")
    assert "safety-info" not in page and "統合（→" not in page
    assert "「安全・安心、防犯情報共有化の調査研究」へ統合。" in page
    code, text = run_diff(str(REPO / "plans/iizuka/2021"), None, ("前期", "中期"), "text")
    line = next(x for x in text.splitlines() if "disaster-info" in x)
    assert line.endswith("→ 5-1-4 安全・安心、防犯情報共有化の調査研究")


def test_a_phase_form_shows_its_status_as_the_plan_prints_it():
    code, page = run_diff(str(REPO / "plans/iizuka/2021"), None, ("前期", "中期"), "html")
    row = page[page.index("個別施策 1-3-2 GISの活用推進</th>"):]
    row = row[:row.find('class="where"') % (len(row) + 1)]
    old = row[row.rindex("<td>"):]
    assert "(前期実施状況)" in old and "・統合型GISの導入検討" in _text(old)
    assert "<u>統合型GISの導入検討</u>" not in old  # a report on the phase, not replaced wording
    new = row[row.index("<td>"):row.rindex("<td>")]
    assert "固定資産税" in new and "<u>固定資産税" not in new


def _text(fragment: str) -> str:
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_new_and_deleted_items_in_full_and_changed_parts_underlined(mini, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(mini, old)
    m = mini / "measures.yaml"
    edit(m, "departments: [情報政策課]", "departments: [情報政策課, 企画課]")
    edit(m, "schedule: {前期: 構築, 中期: 運用}", "schedule: {前期: 検討, 中期: 運用}")
    edit(m, "  - id: rpa\n", "  - id: chatbot\n    parent: 1-2\n    class: 推進施策\n    departments: [広報課]\n"
         "    schedule: {中期: 構築}\n    variants:\n      - phase: 中期\n        marks: [新規]\n        number: 1-2-2\n"
         "        title: チャットボットの導入\n        blocks:\n          - p: 問い合わせに自動で答えます。\n  - id: rpa\n")
    code, page = run_diff(str(old), str(mini), None, "html")
    assert code == 1
    # the schedule grids side by side, the changed cell underlined; the new department underlined
    assert "<td><u>検討</u></td><td>運用</td>" in page and "<td><u>構築</u></td><td>運用</td>" in page
    assert "情報政策課、<u>企画課</u>" in page
    # the new measure in full, under （新設）
    row = page[page.index("個別施策 1-2-2 チャットボットの導入</th>"):]
    row = row[:row.find('class="where"') % (len(row) + 1)]
    for words in ("<u>チャットボットの導入</u>", "<u>〔新規個別施策〕</u>", "<u>推進施策</u>", "<u>広報課</u>",
                  "<u>問い合わせに自動で答えます。</u>", "<u>構築</u>"):
        assert words in row, words
    assert "（新設）" in row
    # unchanged parts between changes are left out as （略）
    assert "（略）" in page


def test_the_office_profile_and_the_flags_choose_columns_and_words(mini, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(mini, old)
    edit(mini / "measures.yaml", "title: RPAの推進", "title: RPAによる業務の自動化")
    edit(mini / "plan.yaml", "city: 見本市\n", "city: 見本市\ntaisho: {columns: old-new, new: 改正案, old: 現行, "
         "omitted: （省略）, title: '{title}の一部改正 新旧対照表'}\n")
    code, page = run_diff(str(old), str(mini), None, "html")
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert head.index("現行") < head.index("改正案")
    assert "見本市地域情報化計画の一部改正 新旧対照表" in page and "改正後" not in page
    code, page = run_diff(str(old), str(mini), None, "html", "new-old", labels=("改正後案", "現行規定"))
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert head.index("改正後案") < head.index("現行規定")
    code, out, err = run("diff", str(old), str(mini), "-f", "html", "--labels", "改正案")
    assert code == 2 and "--labels" in err


def test_a_setting_that_prints_nothing_is_named_by_its_japanese_name(mini, tmp_path):
    """The table is read at 決裁 and in council: a changed setting of plan.yaml that the title
    page does not print is named by the model's titles (those the editor shows for its keys),
    not by its key; a value that is a token (true, era) is underlined whole, a list joined
    with 、. The text and Markdown reports say the key beside the name (for the plan's
    author, in any language); the JSON report keeps its keys (its fields are a contract)."""
    old = tmp_path / "old"
    shutil.copytree(mini, old)
    edit(mini / "plan.yaml", "years: {style: both}", "years: {style: era}")
    edit(mini / "plan.yaml", "{name: 新規, label: 新規個別施策}", "{name: 新規, label: 新規施策}")
    edit(mini / "plan.yaml", "classes: [重点施策, 推進施策]", "classes: [重点施策, 推進施策, 調査研究施策]")
    edit(mini / "plan.yaml", "stages: [検討, 構築, 運用]",
         "stages: [検討, 構築, 運用]\nglossary: {append: false}\nwords: {mark: '［{mark}］'}")
    code, page = run_diff(str(old), str(mini), None, "html")
    assert code == 1
    body = page[page.index("<tbody>"):]
    for key in ("years.style", "marks.1.label", "classes:", "glossary.append", "words.mark"):
        assert key not in body, key
    text = _text(body)
    for line in ("年度の表示 > 年度の書き方: both", "年度の表示 > 年度の書き方: era",
                 "印 > 新規 > 表示する言葉: 新規個別施策", "印 > 新規 > 表示する言葉: 新規施策",
                 "施策の分類: 重点施策、推進施策、調査研究施策",
                 "用語集の表示 > 用語集を最後に付ける: true", "用語集の表示 > 用語集を最後に付ける: false",
                 "文書の言葉 > 見出しの後の印: 〔{mark}〕", "文書の言葉 > 見出しの後の印: ［{mark}］"):
        assert line in text, line
    assert "年度の書き方: <u>era</u>" in body and "用語集を最後に付ける: <u>false</u>" in body
    assert "新規<u>個別</u>施策" in body  # text: its changed characters
    # the Word file: the same names
    document = docx.Document(io.BytesIO(_docx(str(old), str(mini))))
    cells = "\n".join(p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs)
    assert "年度の表示 > 年度の書き方: era" in cells and "years.style" not in cells
    # Markdown and text: the name, then the key
    code, md = run_diff(str(old), str(mini), None, "md")
    assert "- **年度の表示 \\> 年度の書き方 (years.style)**: both → era" in md
    assert "- **印 \\> 新規 \\> 表示する言葉 (marks.1.label)**: " in md
    assert "- **用語集の表示 \\> 用語集を最後に付ける (glossary.append)**: true → false" in md
    code, text = run_diff(str(old), str(mini), None, "text")
    assert "    年度の表示 > 年度の書き方 (years.style): both → era" in text
    # English: the messages are, the names stay Japanese (the plan and its schema are), the key says it
    done = subprocess.run([sys.executable, "-m", "plancc", "--lang", "en", "diff", str(old), str(mini), "-f", "md"],
                          capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert done.returncode == 1, done.stderr
    assert "| changed | plan.yaml | plan.yaml: years | years |" in done.stdout
    assert "- **年度の表示 \\> 年度の書き方 (years.style)**: both → era" in done.stdout
    # JSON: as before, by key
    code, js = run_diff(str(old), str(mini), None, "json")
    years = next(c for c in json.loads(js)["changes"] if c["id"] == "years")
    assert years["fields"] == [{"field": "years", "at": "style", "old": "both", "new": "era"}]


def test_the_source_file_a_plan_transcribes_is_no_row_of_the_table_but_stays_in_the_reports(mini, tmp_path):
    """plan.yaml `source` names the file under sources/ an edition transcribes; no output prints
    it, so the table taken to council does not show it (Toride 4th→5th did: 原文のファイル:
    004_….txt → 002_….txt), while the text, Markdown and JSON reports keep every change."""
    old = tmp_path / "old"
    shutil.copytree(mini, old)
    edit(old / "plan.yaml", "stages: [検討, 構築, 運用]", "stages: [検討, 構築, 運用]\nsource: 001_old.txt")
    edit(mini / "plan.yaml", "stages: [検討, 構築, 運用]", "stages: [検討, 構築, 運用]\nsource: 002_new.txt")
    code, page = run_diff(str(old), str(mini), None, "html")
    assert code == 1
    assert "原文のファイル" not in page and "002_new" not in page and "001_old" not in page
    document = docx.Document(io.BytesIO(_docx(str(old), str(mini))))
    cells = "\n".join(p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs)
    assert "原文のファイル" not in cells and "002_new" not in cells
    code, js = run_diff(str(old), str(mini), None, "json")
    assert any(c["id"] == "source" for c in json.loads(js)["changes"])
    code, text = run_diff(str(old), str(mini), None, "text")
    assert "原文のファイル (source)" in text


def test_the_word_file_is_a4_landscape_with_a_repeated_header_east_asian_fonts_and_real_underlines():
    data = _docx(*TORIDE)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    assert abs(section.page_width.mm - 297) < 1 and abs(section.page_height.mm - 210) < 1
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(docx.oxml.ns.qn("w:eastAsia")) == "ＭＳ 明朝"
    table = document.tables[0]
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    header = [c.text for c in table.rows[0].cells]
    assert header[0].startswith("改正後") and "第五次取手市情報化計画" in header[0] and "策定" not in header[0]
    assert header[1].startswith("改正前") and "plans/toride/4th" in header[1]
    # the same pieces are underlined as in the HTML
    code, page = run_diff(*TORIDE, None, "html")
    assert underlined_docx(document) == underlined_html(page)
    assert underlined_docx(document)["五"] >= 1


def test_the_word_file_is_the_same_bytes_in_every_process(tmp_path):
    outs = []
    for seed in (1, 2):
        target = tmp_path / f"{seed}.docx"
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        proc = subprocess.run([sys.executable, "-m", "plancc", "diff", *TORIDE, "-f", "docx", "-o", str(target)],
                              cwd=REPO, env=env, capture_output=True)
        assert proc.returncode == 1, proc.stderr.decode()
        outs.append(target.read_bytes())
    assert outs[0] == outs[1]


def test_a_word_file_goes_to_a_pipe_but_not_to_a_terminal():
    proc = subprocess.run([sys.executable, "-m", "plancc", "diff", *TORIDE, "-f", "docx"], cwd=REPO,
                          capture_output=True)
    assert proc.returncode == 1 and proc.stdout.startswith(b"PK")  # a zip: the .docx
    from plancc.codes import REGISTRY

    assert "docx-needs-output" in REGISTRY  # what a terminal gets instead


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt: libreoffice-writer-nogui)")
def test_libreoffice_opens_the_word_file_with_its_underlines_and_makes_a_pdf(tmp_path):
    src = tmp_path / "taisho.docx"
    src.write_bytes(_docx(*TORIDE))
    env = {**os.environ, "HOME": str(tmp_path)}  # a profile of its own, whatever else runs
    for fmt in ("pdf", "html"):
        proc = subprocess.run([SOFFICE, "--headless", "--norestore", "--convert-to", fmt, "--outdir", str(tmp_path),
                               str(src)], capture_output=True, timeout=240, env=env)
        assert proc.returncode == 0, proc.stderr.decode()
    pdf = (tmp_path / "taisho.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    # LibreOffice read the underlines (its HTML export writes them as <u>) and the words
    page = (tmp_path / "taisho.html").read_text(encoding="utf-8", errors="replace")
    assert page.count("<u>") > 20
    assert "新旧対照表" in htmlmod.unescape(page) and "改正前" in htmlmod.unescape(page)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "taisho.pdf"), "-"], capture_output=True,
                              text=True).stdout
        assert "第五次取手市情報化計画新旧対照表" in text.replace(" ", "") and "改正後" in text
        assert text.count("\f") >= 2 and text.count("改正後") >= 2  # the header on every page

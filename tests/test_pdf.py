"""plan.pdf of every bundled plan (and the mini plan), read back with poppler's tools as a
city's reviewer would check a PDF before publishing it: pdffonts, pdfinfo, pdftotext; and
with pypdf for what poppler does not print (bookmarks, language, tags).

PNGs of the pages (`pdftoppm -r 80 -png plan.pdf page`) are for a person to look at; the
last look is recorded in docs/architecture.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, run

TOOLS = ("pdffonts", "pdfinfo", "pdftotext")
if not all(shutil.which(t) for t in TOOLS):
    if os.environ.get("CI"):
        raise RuntimeError("the PDF tests need poppler-utils (see .ci/run)")
    pytest.skip("poppler-utils not installed (apt-get install poppler-utils)", allow_module_level=True)
pytest.importorskip("weasyprint")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    code, _, err = run("build", str(REPO / "tests/fixtures/mini"), str(REPO / "plans"), "-o", str(out),
                       "--format", "pdf,html", cwd=REPO)
    assert code == 0, err
    return out


def pdfs(out: Path) -> list[Path]:
    found = sorted(out.rglob("plan.pdf"))
    assert len(found) == 6
    return found


def tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    """Text without spaces and line breaks, NFKC: a heading wrapped over two lines, or
    spaced out by justification, is still found."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


class _Headings(HTMLParser):
    """The headings of plan.html in reading order (the PDF is that page, typeset)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.depth = 1
            self.headings.append("")

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag):
            self.depth = 0

    def handle_data(self, data):
        if self.depth:
            self.headings[-1] += data


def headings(pdf: Path) -> list[str]:
    parser = _Headings()
    parser.feed((pdf.parent / "plan.html").read_text(encoding="utf-8"))
    return [h.strip() for h in parser.headings]


def title_of(pdf: Path) -> str:
    return headings(pdf)[0]


def test_fonts_are_embedded_subsets_and_none_is_type_3(built):
    for pdf in pdfs(built):
        rows = tool("pdffonts", str(pdf)).splitlines()[2:]
        assert rows, f"{pdf}: no fonts"
        for row in rows:
            # name type [type…] encoding emb sub uni object-id gen
            cols = row.split()
            emb, sub = cols[-5], cols[-4]
            assert "Type 3" not in row, f"{pdf}: {row}"
            assert (emb, sub) == ("yes", "yes"), f"{pdf}: not an embedded subset: {row}"
            assert "CID" in row or "TrueType" in row, f"{pdf}: {row}"


def test_every_pdf_is_tagged_a4_with_title_and_language(built):
    from pypdf import PdfReader

    for pdf in pdfs(built):
        info = dict(re.findall(r"^([^:]+):\s+(.*)$", tool("pdfinfo", str(pdf)), re.M))
        assert info["Tagged"] == "yes", pdf
        assert info["Title"] == title_of(pdf)
        assert re.fullmatch(r"595\.\d+ x 841\.\d+ pts \(A4\)", info["Page size"]), info["Page size"]
        pages = int(info["Pages"])
        sizes = re.findall(r"^Page +\d+ size:\s+(.*)$", tool("pdfinfo", "-f", "1", "-l", str(pages), str(pdf)), re.M)
        assert len(sizes) == pages and set(sizes) == {info["Page size"]}, "every page A4"
        root = PdfReader(pdf).trailer["/Root"]
        assert root["/Lang"] == "ja"
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_every_heading_is_in_the_text_in_reading_order(built):
    for pdf in pdfs(built):
        text = squeeze(tool("pdftotext", str(pdf), "-"))
        at = 0
        for heading in headings(pdf):
            found = text.find(squeeze(heading), at)
            assert found >= 0, f"{pdf}: heading {heading!r} missing or out of order"
            at = found + len(squeeze(heading))


def page_texts(pdf: Path) -> list[str]:
    return tool("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]


def test_the_contents_give_the_page_each_entry_starts_on(built):
    for pdf in pdfs(built):
        pages = page_texts(pdf)
        html = (pdf.parent / "plan.html").read_text(encoding="utf-8")
        toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
        entries = [re.sub("<[^>]+>", "", e) for e in re.findall(r"<a href=\"#[^\"]+\">(.*?)</a>", toc)]
        assert entries
        contents = "\n".join(pages[:2])
        for entry in entries:
            label = re.escape(entry).replace("\\ ", r"\s*")
            m = re.search(rf"^\s*{label}\s*(?:\.\s*)+\s*(\d+)\s*$", contents, re.M)
            assert m, f"{pdf}: 目次 line of {entry!r} has no page number"
            page = int(m.group(1))
            # the entry's heading is on that page (below the contents themselves)
            assert squeeze(entry) in squeeze(pages[page - 1]), f"{pdf}: {entry!r} is not on page {page}"


def test_running_header_with_the_title_and_page_numbers(built):
    for pdf in pdfs(built):
        title = title_of(pdf)
        for n, page in enumerate(page_texts(pdf), 1):
            lines = [x.strip() for x in page.splitlines() if x.strip()]
            assert lines[-1] == str(n), f"{pdf} page {n}: no page number at the foot"
            if n > 1:
                assert lines[0] == title, f"{pdf} page {n}: no running header"
            else:
                assert lines[0] == title and lines[1] != title, "the title page has the title once, no header"


def test_bookmarks_follow_the_headings(built):
    from pypdf import PdfReader

    for pdf in pdfs(built):
        reader = PdfReader(pdf)

        def titles(items) -> list[str]:
            out = []
            for item in items:
                out += titles(item) if isinstance(item, list) else [item.title]
            return out
        marks = [squeeze(t) for t in titles(reader.outline)]
        assert marks == [squeeze(h) for h in headings(pdf)]
        # nested: the title, then the contents and the chapters under it
        assert len(reader.outline) == 2 and isinstance(reader.outline[1], list)


def test_pdf_metadata_comes_from_the_plan_not_the_clock(built):
    from pypdf import PdfReader

    meta = PdfReader(built / "iizuka/2021/plan.pdf").metadata
    assert meta["/CreationDate"] == "D:20180301"  # adopted 2018-03
    assert meta["/ModDate"] == "D:20210301"  # revised 2021-03
    assert meta["/Author"] == "飯塚市"


def test_year_labels_of_a_schedule_are_never_broken(built):
    # the header line of every schedule grid holds each year label whole (30年度, not 30年/度)
    for pdf in (built / "toride/4th/plan.pdf",):
        headers = [line for page in page_texts(pdf) for line in page.splitlines()
                   if line.split()[:1] == ["施策"] and "担当課等" in line]
        grids = (pdf.parent / "plan.html").read_text(encoding="utf-8").count('<table class="schedule">')
        assert len(headers) >= grids > 0, (len(headers), grids)  # a grid over two pages repeats its header
        for line in headers:
            assert re.findall(r"\d+年度", line) == ["30年度", "31年度", "32年度", "33年度", "34年度"], line


def test_no_page_ends_with_a_heading_or_caption(built):
    # a run-in heading (【取組み事項】), a caption (【スケジュール】) or a glossary term stays
    # with what follows it: the last line of a page above its number is never one. A
    # measure's legal tags (【法 10 条:オンライン化原則】, printed alone as 取手 prints them)
    # close what comes before them: they may end a page.
    import yaml

    tags = {f"【{t['label']}】" for plan in (REPO / "plans").rglob("plan.yaml")
            for t in (yaml.safe_load(plan.read_text(encoding="utf-8")).get("tags") or [])}
    for pdf in pdfs(built):
        toc_end = 2 if "iizuka/later" not in str(pdf) else 1
        for n, page in enumerate(page_texts(pdf), 1):
            lines = [x.strip() for x in page.splitlines() if x.strip()]
            if n < toc_end or len(lines) < 3:
                continue
            last = lines[-2]
            assert last in tags or not re.fullmatch(r"【[^】]+】", last), f"{pdf} page {n} ends with {last!r}"

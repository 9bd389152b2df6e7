"""plan.docx read back with python-docx (Word's structures: heading styles, the TOC field,
tables, footnotes, East Asian fonts, A4) and converted to PDF by LibreOffice Writer
headless, as a colleague without Word would open it."""

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

docx = pytest.importorskip("docx")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

PLANS = ["tests/fixtures/mini", "iizuka/2021", "iizuka/later", "toride/4th", "toride/5th", "oita"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    code, _, err = run("build", str(REPO / "tests/fixtures/mini"), str(REPO / "plans"), "-o", str(out),
                       "--format", "docx,html", cwd=REPO)
    assert code == 0, err
    return out


def squeeze(text: str) -> str:
    """Text to compare: NFKC, without spaces, 〔〕 around marks, and footnote marks (Word
    numbers its footnotes itself; python-docx reads a reference as no text)."""
    return re.sub(r"[\s〔〕]+|※\d*", "", unicodedata.normalize("NFKC", text))


class _Page(HTMLParser):
    """What plan.html holds that the .docx must hold too."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.in_heading = False
        self.notes = 0
        self.schedules = 0
        self.terms = 0
        self.classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.in_heading = True
            self.headings.append("")
        elif tag == "li" and (attrs.get("id") or "").startswith("fn-"):
            self.notes += 1
        elif tag == "table" and attrs.get("class") == "schedule":
            self.schedules += 1
        elif tag == "dt" and (attrs.get("id") or "").startswith("term-"):
            self.terms += 1

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag):
            self.in_heading = False

    def handle_data(self, data):
        if self.in_heading:
            self.headings[-1] += data


def page(folder: Path) -> _Page:
    p = _Page()
    p.feed((folder / "plan.html").read_text(encoding="utf-8"))
    return p


def open_docx(folder: Path):
    return docx.Document(str(folder / "plan.docx"))


def test_headings_are_words_heading_styles_in_reading_order(built):
    for rel in PLANS:
        folder = built / rel
        doc = open_docx(folder)
        html = page(folder)
        paras = doc.paragraphs
        assert paras[0].style.name == "Title" and paras[0].text == html.headings[0]
        headings = [p.text for p in paras if p.style.name.startswith("Heading ")]
        # the page's headings less the title and 目次 (Title and TOC Heading styles in Word)
        assert [squeeze(h) for h in headings] == [squeeze(h) for h in html.headings[2:]], rel
        levels = [int(p.style.name.split()[1]) for p in paras if p.style.name.startswith("Heading ")]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), f"{rel}: a level skipped"


def test_contents_are_a_toc_field_over_the_chapter_and_section_headings(built):
    for rel in PLANS:
        doc = open_docx(built / rel)
        body = doc.element.body
        instr = "".join(t.text or "" for t in body.iter(W + "instrText"))
        assert 'TOC \\o "1-2"' in instr, rel
        toc = [p for p in doc.paragraphs if p.style.name == "TOC Heading"]
        assert len(toc) == 1
        anchors = [h.get(W + "anchor") for h in body.iter(W + "hyperlink") if h.get(W + "anchor")]
        names = {b.get(W + "name") for b in body.iter(W + "bookmarkStart")}
        assert anchors and set(anchors) <= names, "every 目次 entry links to a heading's bookmark"
        assert doc.settings.element.find(W + "updateFields").get(W + "val") == "true"
        # what Word's 目次 will list when it updates it: headings of outline levels 1-2
        listed = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")
                  and p._p.pPr.find(W + "outlineLvl") is None]
        entries = ["".join(t.text for t in h.iter(W + "t")) for h in body.iter(W + "hyperlink")
                   if h.get(W + "anchor")]
        assert listed == entries, rel


def test_schedules_and_glossaries_are_real_tables(built):
    for rel in PLANS:
        folder = built / rel
        doc, html = open_docx(folder), page(folder)
        tables = doc.tables
        grids = [t for t in tables if any(c.text in ("担当課等", "所管課") for c in t.rows[0].cells)]
        assert len(grids) == html.schedules, rel
        for t in grids:
            assert t.rows[0]._tr.trPr.find(W + "tblHeader") is not None, "the header row repeats on every page"
            assert all(r._tr.trPr.find(W + "cantSplit") is not None for r in t.rows), "a row is never split by a page"
        glossary_rows = sum(len(t.rows) for t in tables if len(t.columns) == 2 and t not in grids)
        assert glossary_rows >= html.terms, rel
    toride = open_docx(built / "toride/4th")
    first = next(t for t in toride.tables if t.rows[0].cells[0].text == "施策")
    assert [c.text for c in first.rows[0].cells] == ["施策", "30年度", "31年度", "32年度", "33年度", "34年度", "担当課等"]
    assert [c.text for c in first.rows[1].cells] == ["1-1-1 情報発信力の向上", "運用", "⇒", "⇒", "⇒", "⇒", "魅力とりで発信課"]


def footnotes_of(doc) -> list:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = doc.part.part_related_by(RT.FOOTNOTES)
    root = etree.fromstring(part.blob)
    return [f for f in root.iter(W + "footnote") if f.get(W + "type") is None]


def test_footnotes_are_word_footnotes_with_the_plans_mark(built):
    for rel in PLANS:
        folder = built / rel
        doc, html = open_docx(folder), page(folder)
        notes = footnotes_of(doc)
        assert len(notes) == html.notes, rel
        refs = list(doc.element.body.iter(W + "footnoteReference"))
        assert sorted(int(r.get(W + "id")) for r in refs) == sorted(int(n.get(W + "id")) for n in notes)
        for r in refs:  # the plan's mark, then Word's number
            before = r.getparent().getprevious()
            while before is not None and before.tag != W + "r":
                before = before.getprevious()
            assert "".join(t.text for t in before.iter(W + "t")) == "※"
        # numbered through the document: no restart (LibreOffice numbers restarted notes 0)
        assert not list(doc.element.body.iter(W + "numRestart"))
    mini = open_docx(built / "tests/fixtures/mini")
    notes = footnotes_of(mini)
    assert all(n.find(f".//{W}footnoteRef") is not None for n in notes)
    assert "".join(t.text for t in notes[0].iter(W + "t")) == " スマートフォン：パソコンに近い性質を持った携帯電話。"
    # a later reference to the same note shows its number through a NOTEREF field
    instr = "".join(t.text or "" for t in mini.element.body.iter(W + "instrText"))
    assert "NOTEREF _Ref_fn_1_1 \\f \\h" in instr


def test_east_asian_fonts_japanese_and_a4(built):
    for rel in PLANS:
        doc = open_docx(built / rel)
        styles = doc.styles.element
        default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        assert default.find(W + "rFonts").get(W + "eastAsia")
        assert default.find(W + "lang").get(W + "eastAsia") == "ja-JP"
        for name in ["Normal", "Title", "Heading 1", "Heading 2", "Heading 3"]:
            fonts = doc.styles[name].element.rPr.find(W + "rFonts")
            assert fonts.get(W + "eastAsia"), name
            assert not any(k.endswith("Theme") for k in fonts.attrib), f"{name}: a theme font would win"
        for section in doc.sections:
            assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        assert doc.sections[0].header.paragraphs[0].text == doc.paragraphs[0].text
    props = open_docx(built / "iizuka/2021").core_properties
    assert (props.author, props.language) == ("飯塚市", "ja-JP")
    assert props.created.isoformat().startswith("2018-03-01") and props.modified.isoformat().startswith("2021-03-01")


def test_libreoffice_opens_it_and_prints_every_heading_and_note(built, tmp_path):
    if not SOFFICE:
        if os.environ.get("CI"):
            raise RuntimeError("the Word tests need LibreOffice Writer (see .ci/run)")
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
    copies = []
    for rel in ("iizuka/2021", "toride/4th"):
        copy = tmp_path / (rel.replace("/", "-") + ".docx")
        shutil.copy(built / rel / "plan.docx", copy)
        copies.append((rel, copy))
    out = tmp_path / "pdf"
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *(str(c) for _, c in copies)],
                   check=True, capture_output=True, timeout=300)
    for rel, copy in copies:
        pdf = out / (copy.stem + ".pdf")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "(A4)" in info
        text = squeeze(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        at = 0
        for heading in page(built / rel).headings[2:]:
            found = text.find(squeeze(heading), at)
            assert found >= 0, f"{rel}: {heading!r} missing or out of order"
            at = found
        for note in footnotes_of(open_docx(built / rel)):
            words = "".join(t.text for t in note.iter(W + "t"))
            assert squeeze(words) in text, f"{rel}: footnote {words[:20]!r} not printed"

"""The HTML pages, checked in a real headless Chromium (Debian's package) through Playwright."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, edit, run

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PHONE = {"width": 390, "height": 844}

if not (Path(CHROMIUM).exists() and AXE.exists()):
    if os.environ.get("CI"):
        raise RuntimeError("browser tests need Debian's chromium and node_modules/axe-core (see .ci/run)")
    pytest.skip("chromium or axe-core not installed (apt-get install chromium; npm ci)", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The mini plan, every bundled plan and the example plan with its progress report, built
    once, with the diff reports make build writes (the review and the 新旧対照表)."""
    out = tmp_path_factory.mktemp("site")
    sources = [str(REPO / "tests/fixtures/mini"), str(REPO / "examples")] + (
        [str(REPO / "plans")] if (REPO / "plans").is_dir() else [])
    code, _, err = run("build", *sources, "-o", str(out), "--format", "html", cwd=REPO)
    assert code == 0, err
    for args in (["plans/iizuka/2021", "--phases", "前期", "中期"], ["plans/toride/4th", "plans/toride/5th"]):
        code, _, err = run("diff", *args, "-f", "html", "-o", str(out / ("diff-" + args[0].split("/")[1] + ".html")),
                           cwd=REPO)
        assert code == 1, err
    return out


def every_page(out: Path) -> list[Path]:
    return pages(out) + [out / "index.html"] + sorted(out.glob("diff-*.html"))


def pages(out: Path) -> list[Path]:
    """Every page built: each plan's, and each progress report."""
    return sorted(out.rglob("plan.html")) + sorted(out.rglob("progress.html"))


def open_page(browser, path: Path):
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    return page, requests


def test_pages_are_self_contained_and_every_internal_link_resolves(browser, built):
    assert pages(built)
    for path in pages(built):
        page, requests = open_page(browser, path)
        assert requests == [path.as_uri()], f"{path}: requests beyond the page itself: {requests[1:]}"
        assert page.evaluate("document.documentElement.lang") == "ja"
        broken = page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
            .map(a => a.getAttribute('href').slice(1))
            .filter(id => !document.getElementById(decodeURIComponent(id)))""")
        assert broken == [], f"{path}: links to missing ids {broken[:10]}"
        page.close()


def test_footnotes_link_both_ways(browser, built):
    page, _ = open_page(browser, built / "tests/fixtures/mini/plan.html")
    refs = page.evaluate("""() => [...document.querySelectorAll('sup.fnref a')].map(a => [a.id, a.getAttribute('href'), a.textContent])""")
    assert [r[2] for r in refs] == ["※1", "※2", "※3", "※1", "※1"]
    for rid, href, _ in refs:
        back = page.evaluate(f"""() => [...document.querySelectorAll('{href} a[role=doc-backlink]')].map(a => a.getAttribute('href'))""")
        assert f"#{rid}" in back
    # clicking a reference scrolls its footnote into view
    page.click("sup.fnref a >> nth=1")
    assert page.evaluate("location.hash") == "#fn-1-2"
    page.close()


def test_glossary_has_ruby_readings_grouped_by_kana_row(browser, built):
    page, _ = open_page(browser, built / "tests/fixtures/mini/plan.html")
    groups = page.evaluate("""() => [...document.querySelectorAll('.glossary section')].map(s =>
        [s.querySelector('h2,h3,h4,h5,h6').textContent, [...s.querySelectorAll('rt')].map(r => r.textContent)])""")
    assert groups == [["サ行", ["すまーとふぉん"]], ["タ行", ["たぶれっとたんまつ"]], ["ハ行", ["びっぐでーた"]],
                      ["G", ["じーあいえす"]]]
    page.close()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_no_accessibility_violations_of_any_impact(browser, built, viewport):
    for path in every_page(built):
        page, _ = open_page(browser, path)
        if viewport:
            page.set_viewport_size(viewport)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")
        assert result == [], f"{path}: {result}"
        page.close()


def test_the_nu_html_checker_finds_nothing(built):
    java = shutil.which("java")
    if not (java and VNU.exists()):
        if os.environ.get("CI"):
            raise RuntimeError("the Nu Html Checker needs java and node_modules/vnu-jar (see .ci/run)")
        pytest.skip("java or vnu.jar missing (apt-get install default-jre-headless; npm ci)")
    files = [str(p) for p in every_page(built)]
    proc = subprocess.run([java, "-jar", str(VNU), "--format", "gnu", *files], capture_output=True, text=True,
                          timeout=300)
    # errors, warnings and info alike: the checker has nothing to say about any page
    assert proc.returncode == 0 and proc.stderr.strip() == "" and proc.stdout.strip() == "", proc.stderr[:3000]


def test_heading_levels_never_skip(browser, built):
    for path in every_page(built):
        page, _ = open_page(browser, path)
        levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
        assert levels and levels[0] == 1
        skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert skips == [], f"{path}: heading levels skip {skips[:5]}"
        page.close()


def test_the_schedule_is_readable_on_a_phone(browser, built):
    # the measure keeps a readable width and the table scrolls in its frame; the page itself
    # never scrolls sideways
    for path in pages(built):
        page, _ = open_page(browser, path)
        page.set_viewport_size(PHONE)
        widths = page.evaluate("[...document.querySelectorAll('table.schedule th[scope=row]')]"
                               ".map(th => th.getBoundingClientRect().width)")
        assert all(w >= 150 for w in widths), f"{path}: measure column {min(widths)} px wide"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        page.close()


@pytest.mark.parametrize("name", ["tests/fixtures/mini/plan.html", "examples/kakuu-shi/progress.html"])
def test_print_layout_is_a4(browser, built, name):
    page, _ = open_page(browser, built / name)
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = set(re.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf))
    assert boxes, "no pages"
    for w, h in boxes:  # A4 is 595.3 x 841.9 pt
        assert abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2, (w, h)
    page.close()


def test_progress_charts_are_named_described_and_fit_the_page(browser, built):
    page, _ = open_page(browser, built / "examples/kakuu-shi/progress.html")
    charts = page.evaluate("""() => [...document.querySelectorAll('.chart')].map(c => {
        const svg = c.querySelector('svg'), table = c.querySelector('table');
        const ids = svg.getAttribute('aria-labelledby').split(' ');
        const box = svg.getBoundingClientRect();
        return {names: ids.map(id => (document.getElementById(id) || {}).textContent),
                tags: ids.map(id => (document.getElementById(id) || {}).tagName),
                caption: table && table.caption.textContent, width: box.width,
                room: c.getBoundingClientRect().width, role: svg.getAttribute('role')};
    })""")
    assert len(charts) >= 9
    for c in charts:
        assert c["role"] == "img" and c["tags"] == ["title", "desc"] and all(c["names"]), c
        assert c["caption"] == c["names"][0], c
        assert 0 < c["width"] <= c["room"] + 0.5, c
    # the per-goal table: a reader sees how many measures are on track, per goal
    heads = page.evaluate("""() => [...document.querySelectorAll('.chart table')][2].querySelector('thead').innerText""")
    assert "「完了／目標達成」又は「継続」" in heads
    page.close()


def test_text_from_yaml_cannot_inject_markup(browser, mini, tmp_path):
    edit(mini / "chapters/01-hajimeni.yaml", "- p: 1. で始まる段落も段落のままです。",
         "- p: '<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> [link](javascript:alert(1)) **太字**'")
    edit(mini / "plan.yaml", "title: 見本市地域情報化計画", "title: '見本市</title><script>window.pwned=3</script>'")
    out = tmp_path / "out"
    code, _, err = run("build", str(mini), "-o", str(out), cwd=mini.parent.parent)
    assert code == 0, err
    page, requests = open_page(browser, next(out.rglob("plan.html")))
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('script, img').length") == 0
    assert page.evaluate("[...document.querySelectorAll('a')].filter(a => a.href.startsWith('javascript')).length") == 0
    body = page.evaluate("document.body.innerText")
    assert "<script>window.pwned=1</script>" in body and "太字" in body
    assert page.title() == "見本市</title><script>window.pwned=3</script>"
    page.close()


def test_index_links_every_built_plan(browser, built):
    page, _ = open_page(browser, built / "index.html")
    hrefs = page.evaluate("[...document.querySelectorAll('main a')].map(a => a.getAttribute('href'))")
    assert sorted(hrefs) == sorted(p.relative_to(built).as_posix() for p in pages(built))
    assert "examples/kakuu-shi/progress.html" in hrefs
    page.close()

"""`plancc serve`: a live preview, checked as a user sees it, in Debian's headless Chromium
through Playwright: edit a file and the page changes; break it and the findings show,
above the last good preview; mend it and they go."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, edit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
KANA = re.compile(r"[\u3040-\u30ff]")


class Server:
    """`plancc serve` run as a user runs it, in its own process."""

    def __init__(self, cwd: Path, *args: str, env: dict | None = None):
        environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "PLANCC_LANG")}
        environ.update(PYTHONPATH=str(REPO / "src"), **(env or {}))
        self.proc = subprocess.Popen([sys.executable, "-m", "plancc", "serve", *args, "--port", "0"], cwd=cwd,
                                     env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert m, (line, self.proc.stderr.read() if self.proc.poll() is not None else "")
        self.url = m[0]

    def get(self, path: str, host: str | None = None) -> tuple[int, bytes]:
        req = urllib.request.Request(self.url + path.lstrip("/"), headers={"Host": host} if host else {})
        try:
            with urllib.request.urlopen(req, timeout=5) as res:
                return res.status, res.read()
        except urllib.error.HTTPError as exc:
            return exc.code, b""

    def status(self) -> dict:
        return json.loads(self.get("/_plancc/status")[1])

    def stop(self) -> str:
        self.proc.terminate()
        _, err = self.proc.communicate(timeout=10)
        return err


@pytest.fixture
def plan(tmp_path) -> Path:
    dest = tmp_path / "plans" / "mini"
    shutil.copytree(FIXTURES / "mini", dest)
    return dest


@pytest.fixture
def server(plan):
    s = Server(plan.parent.parent, env={"PLANCC_LANG": "ja"})
    yield s
    s.stop()


# ---------------------------------------------------------------- without a browser

def test_serves_on_127_0_0_1_only_the_built_pages_with_the_script_added_on_the_way(server, tmp_path, plan):
    assert server.url.startswith("http://127.0.0.1:")
    code, page = server.get("/mini/plan.html")
    assert code == 200 and b"EventSource('/_plancc/events" in page and "見本市地域情報化計画".encode() in page
    code, md = server.get("/mini/plan.md")
    assert code == 200 and b"EventSource" not in md
    # what plancc build writes has no script: it is added only while serving
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "plancc", "build", str(plan), "-o", str(out)], check=True,
                   env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True)
    built = (out / "mini" / "plan.html").read_bytes()
    assert b"<script" not in built and b"plancc-serve" not in built
    assert server.get("/", host="evil.example:80")[0] == 403  # another name for 127.0.0.1
    assert server.get("/../../etc/passwd")[0] == 404
    assert server.status()["plans"]["mini"]["built"] is True


def test_rebuilds_only_the_plan_that_changed(tmp_path):
    for name in ("a", "b"):
        shutil.copytree(FIXTURES / "mini", tmp_path / "plans" / name)
    s = Server(tmp_path)
    try:
        before = s.status()
        assert set(before["plans"]) == {"a", "b"}
        edit(tmp_path / "plans/a/measures.yaml", "title: RPAの推進", "title: RPAの活用推進")
        deadline = time.monotonic() + 10
        while s.status()["version"] == before["version"] and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        after = s.status()
        assert after["version"] == before["version"] + 1  # one rebuild: plan a
        assert "RPAの活用推進".encode() in s.get("/a/plan.html")[1]
        assert "RPAの活用推進".encode() not in s.get("/b/plan.html")[1]
    finally:
        err = s.stop()
    assert "a: rebuilt in" in err and err.count("b: rebuilt in") == 1  # b only at the start


def test_a_busy_port_is_refused_with_a_clear_message(server, plan):
    port = server.url.rsplit(":", 1)[1].strip("/")
    res = subprocess.run([sys.executable, "-m", "plancc", "serve", str(plan), "--port", port],
                         env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True, text=True, timeout=20)
    assert res.returncode == 2 and f"port {port} on 127.0.0.1 cannot be used" in res.stderr


# ---------------------------------------------------------------- in Chromium

@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError("the serve test needs Debian's chromium (see .ci/run)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def reloaded(page, change, timeout=10_000):
    """Make `change`, then wait until the page has reloaded by itself."""
    with page.expect_event("load", timeout=timeout):
        change()


def test_edit_break_and_mend_in_the_browser(browser, server, plan):
    page = browser.new_page()
    page.goto(server.url)  # one plan: the address goes straight to its page
    assert page.url.endswith("/mini/plan.html")
    assert page.locator("#plancc-serve").count() == 0
    assert page.get_by_text("RPAの推進").count() > 0

    # edit: the page changes by itself
    reloaded(page, lambda: edit(plan / "measures.yaml", "title: RPAの推進", "title: RPAによる業務の自動化"))
    assert page.get_by_text("RPAによる業務の自動化").count() > 0

    # break: the findings show, in Japanese, above the last good preview
    reloaded(page, lambda: edit(plan / "measures.yaml", "into: gis", "into: nowhere"))
    panel = page.locator("#plancc-serve")
    assert panel.count() == 1 and panel.get_attribute("data-errors") == "1"
    text = panel.inner_text()
    assert "measures.yaml:" in text and "[unknown-merge-target]" in text and "nowhere" in text
    assert KANA.search(text.split("[unknown-merge-target]")[0])  # the message is the Japanese one
    assert page.get_by_text("RPAによる業務の自動化").count() > 0  # the last good preview, below
    assert page.evaluate("""() => document.getElementById('plancc-serve').getBoundingClientRect().top
                               < document.querySelector('h1').getBoundingClientRect().top""")

    # mend: they go, and the edit made while broken shows
    reloaded(page, lambda: edit(plan / "measures.yaml", "into: nowhere", "into: gis"))
    assert page.locator("#plancc-serve").count() == 0
    page.close()


def test_a_plan_broken_from_the_start_shows_its_findings_and_no_preview(browser, tmp_path):
    broken = tmp_path / "plans" / "mini"
    shutil.copytree(FIXTURES / "mini", broken)
    edit(broken / "plan.yaml", "city: 見本市", "city: 見本市\ncty: 誤記")
    s = Server(tmp_path)
    try:
        page = browser.new_page()
        page.goto(s.url)
        text = page.locator("#plancc-serve").inner_text()
        assert "there is no preview yet" in text and "[unknown-key]" in text
        reloaded(page, lambda: edit(broken / "plan.yaml", "cty: 誤記\n", ""))
        assert page.locator("#plancc-serve").count() == 0 and page.locator("h1").inner_text() == "見本市地域情報化計画"
        page.close()
    finally:
        s.stop()

"""Write PNGs of each built plan for review: its first screen, a schedule table and the glossary.

Usage: python tools/screenshots.py [BUILD_DIR]   (default: build) → BUILD_DIR/screenshots/
Needs Debian's chromium (/usr/bin/chromium) and the playwright package.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build")
    shots = out / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1300})
        for html in sorted(out.rglob("plan.html")):
            if shots in html.parents:
                continue
            name = html.parent.relative_to(out).as_posix().replace("/", "-")
            page.goto(html.resolve().as_uri())
            page.screenshot(path=str(shots / f"{name}-first.png"))
            for selector, suffix in (("table.schedule", "schedule"), (".glossary", "glossary")):
                el = page.query_selector(selector)
                if el is not None:
                    el.scroll_into_view_if_needed()
                    el.screenshot(path=str(shots / f"{name}-{suffix}.png"))
            print(f"screenshots of {name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`plancc serve`: a live preview of plans while they are edited.

- Builds each plan with the pipeline's own build (`pipeline.build_paths`, one plan at a
  time) into a temporary output folder, and serves it on 127.0.0.1 only.
- Watches the plan folders (watchfiles); when a YAML file is saved, rebuilds only the
  plan that holds it. A build with errors writes nothing (as `plancc build`), so the last
  good preview stays.
- Every HTML page it serves gets, on the way out (never in the built files), a panel
  with the plan's findings (translated, as `validate` prints them) and a small script
  that listens to /_plancc/events (server-sent events) and reloads the page after a
  rebuild.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import findings as fmt
from .errors import CommandError
from .findings import Finding
from . import i18n
from .i18n import _, fill
from .load import discover
from .pipeline import build_paths, output_folder

PREVIEW_FORMATS = ("html", "md", "csv")

DEFAULT_PORT = 8000
PORT_TRIES = 20
EVENTS = "/_plancc/events"
STATUS = "/_plancc/status"
KEEPALIVE = 15.0  # seconds between comments on an idle event stream
YAML_SUFFIXES = (".yaml", ".yml")

TYPES = {".html": "text/html; charset=utf-8", ".md": "text/markdown; charset=utf-8",
         ".csv": "text/csv; charset=utf-8", ".json": "application/json", ".css": "text/css; charset=utf-8"}


@dataclass
class PlanState:
    folder: Path
    rel: str  # its output folder below OUT, and its URL path
    findings: list[Finding] = field(default_factory=list)
    trouble: str | None = None  # a build that stopped (an output that could not be written)
    built: bool = False  # a good preview exists
    ms: float = 0.0

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)


class Preview:
    """The plans being previewed, their last builds and the version pages reload on."""

    def __init__(self, root: Path, out: Path):
        self.root, self.out = root, out
        self.plans: dict[Path, PlanState] = {}
        self.version = 0
        self.changed = threading.Condition()
        self.lock = threading.Lock()  # one build at a time
        self.discover()

    def discover(self) -> list[PlanState]:
        """Plan folders below root; the new ones (added since the last look) are returned."""
        folders, _ = discover([self.root])
        fresh = []
        for folder in folders:
            key = folder.resolve()
            if key not in self.plans:
                rel = output_folder(folder, self.out).relative_to(self.out).as_posix()
                self.plans[key] = PlanState(folder, rel)
                fresh.append(self.plans[key])
        return fresh

    def build(self, state: PlanState) -> None:
        with self.lock:
            t = time.perf_counter()
            # the preview is the page and its text files; PDF, Word and Excel (seconds of
            # typesetting) are for `plancc build`
            result = build_paths([state.folder], self.out, jobs=1, formats=PREVIEW_FORMATS)
            state.ms = (time.perf_counter() - t) * 1000
            state.findings = [f for f in result.findings]
            state.trouble = result.problem.message if result.problem else None
            if result.written:
                state.built = True
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def plan_of(self, path: Path) -> PlanState | None:
        """The plan a changed file belongs to: the deepest plan folder holding it."""
        best = None
        for key, state in list(self.plans.items()):
            if key == path or key in path.parents:
                if best is None or len(key.parts) > len(best[0].parts):
                    best = (key, state)
        return best[1] if best else None

    def wait(self, seen: int, timeout: float) -> int:
        with self.changed:
            if self.version == seen:
                self.changed.wait(timeout)
            return self.version

    # ---------------------------------------------------------------- what pages show

    def plan_for_url(self, rel_path: str) -> PlanState | None:
        for state in list(self.plans.values()):
            if rel_path == state.rel or rel_path.startswith(state.rel + "/"):
                return state
        return None

    def panel(self, states: list[PlanState]) -> str:
        """The findings of `states`, as validate prints them, above the preview."""
        shown = [s for s in states if s.findings or s.trouble]
        if not shown:
            return ""
        files: dict[str, list[str] | None] = {}

        def lines_of(path):
            if path not in files:
                try:
                    files[path] = Path(path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
                except OSError:
                    files[path] = None
            return files[path]

        errors = any(s.errors or s.trouble for s in shown)
        parts = []
        for s in shown:
            if s.errors or s.trouble:
                head = (_("{plan}: this plan has errors; below is the last preview built without errors.")
                        if s.built else _("{plan}: this plan has errors; there is no preview yet."))
            else:
                head = _("{plan}: warnings")
            text = fmt.render_text(s.findings, lines_of) + fmt.summary(s.findings, 1)
            if s.trouble:
                text = s.trouble + "\n\n" + text
            parts.append(f"<h2 style=\"font-size:1.1em;margin:0 0 .4em\">{html.escape(fill(head, {'plan': s.rel}))}</h2>"
                         f"<pre style=\"white-space:pre-wrap;margin:0 0 1em;font-size:.9em\">{html.escape(text)}</pre>")
        color = "#fdecea;border:2px solid #b3261e" if errors else "#fff8e1;border:2px solid #8a6d00"
        return (f"<div id=\"plancc-serve\" role=\"{'alert' if errors else 'status'}\" "
                f"data-errors=\"{sum(s.errors for s in shown)}\" "
                f"style=\"background:{color};padding:1em;margin:0 0 1em;"
                f"font-family:monospace,sans-serif;color:#1a1a1a\">{''.join(parts)}</div>")

    def script(self) -> str:
        return ("<script>/* plancc serve: reloads the page after a rebuild (not in the built files) */"
                f"(function(){{var es=new EventSource('{EVENTS}?v={self.version}');"
                "es.addEventListener('reload',function(){es.close();location.reload();});})();</script>")

    def inject(self, page: bytes, states: list[PlanState]) -> bytes:
        text = page.decode("utf-8")
        panel = self.panel(states)
        i = text.find("<body")
        j = text.find(">", i) + 1 if i >= 0 else 0
        k = text.rfind("</body>")
        k = k if k >= j else len(text)
        return (text[:j] + panel + text[j:k] + self.script() + text[k:]).encode("utf-8")

    def placeholder(self, states: list[PlanState]) -> bytes:
        """A page for a plan that has never built without errors."""
        title = html.escape(_("plancc serve"))
        return (f"<!DOCTYPE html><html lang=\"{i18n.language}\"><head><meta charset=\"utf-8\"><title>{title}</title>"
                f"</head><body>{self.panel(states)}{self.script()}</body></html>").encode("utf-8")

    def status(self) -> dict:
        return {"version": self.version,
                "plans": {s.rel: {"errors": s.errors, "warnings": len(s.findings) - s.errors,
                                  "built": s.built, "ms": round(s.ms, 1)} for s in list(self.plans.values())}}


def _handler(preview: Preview, hosts: set[str]):
    class Handler(BaseHTTPRequestHandler):
        server_version = "plancc-serve"

        def log_message(self, format, *args):  # the terminal shows rebuilds, not requests
            pass

        def do_GET(self):
            if self.headers.get("Host", "") not in hosts:
                # another name pointing at 127.0.0.1 (DNS rebinding) is not this preview
                return self.send_error(403)
            url = urlsplit(self.path)
            path = unquote(url.path)
            if path == EVENTS:
                return self.events(url.query)
            if path == STATUS:
                return self.send(200, json.dumps(preview.status()).encode("utf-8"), "application/json")
            rel = path.strip("/")
            if rel in ("", "index.html"):
                plans = list(preview.plans.values())
                if rel == "" and len(plans) == 1:
                    return self.redirect(f"/{plans[0].rel}/plan.html")
                return self.page(preview.out / "index.html", plans)
            state = preview.plan_for_url(rel)
            target = (preview.out / rel).resolve()
            if preview.out.resolve() not in target.parents:
                return self.send_error(404)
            if target.is_dir():
                return self.redirect(f"/{rel}/plan.html")
            if target.suffix == ".html" or (state and rel == f"{state.rel}/plan.html"):
                return self.page(target, [state] if state else [])
            try:
                body = target.read_bytes()
            except OSError:
                return self.send_error(404)
            self.send(200, body, TYPES.get(target.suffix, "application/octet-stream"))

        def page(self, target: Path, states: list[PlanState]):
            try:
                body = preview.inject(target.read_bytes(), states)
            except OSError:
                if not states:
                    return self.send_error(404)
                body = preview.placeholder(states)
            self.send(200, body, TYPES[".html"])

        def redirect(self, location: str):
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def send(self, code: int, body: bytes, ctype: str):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def events(self, query: str):
            try:
                seen = int(dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("v", "-1"))
            except ValueError:
                seen = -1
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            try:
                self.wfile.write(b"retry: 500\n\n")
                self.wfile.flush()
                while not preview_stopping.is_set():
                    now = preview.wait(seen, KEEPALIVE) if seen == preview.version else preview.version
                    if now != seen:
                        self.wfile.write(f"event: reload\ndata: {now}\n\n".encode("ascii"))
                        self.wfile.flush()
                        return
                    self.wfile.write(b": idle\n\n")
                    self.wfile.flush()
            except OSError:
                return  # the page went away

    return Handler


preview_stopping = threading.Event()


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # event streams end with the process
    allow_reuse_address = os.name != "nt"  # on Windows it would let two servers share a port


def _bind(port: int | None) -> _Server:
    if port is not None:
        try:
            return _Server(("127.0.0.1", port), BaseHTTPRequestHandler)
        except OSError as exc:
            raise CommandError("serve-port-busy", port=port, reason=exc.strerror or str(exc)) from None
    for p in list(range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES)) + [0]:
        try:
            return _Server(("127.0.0.1", p), BaseHTTPRequestHandler)
        except OSError as exc:
            last = exc
    raise CommandError("serve-port-busy", port=DEFAULT_PORT, reason=last.strerror or str(last))


def _watch(preview: Preview, stop: threading.Event) -> None:
    from watchfiles import Change, watch

    def wanted(change: Change, path: str) -> bool:
        return path.endswith(YAML_SUFFIXES) and not os.path.basename(path).startswith(".")

    for changes in watch(preview.root, watch_filter=wanted, debounce=300, step=10, stop_event=stop,
                         rust_timeout=500, yield_on_timeout=False, raise_interrupt=False):
        paths = {Path(p).resolve() for _, p in changes}
        todo: dict[Path, PlanState] = {}
        if any(p.name == "plan.yaml" for p in paths):
            for state in preview.discover():
                todo[state.folder.resolve()] = state
        for path in paths:
            state = preview.plan_of(path)
            if state is not None:
                todo[state.folder.resolve()] = state
        for state in todo.values():
            if not (state.folder / "plan.yaml").is_file():
                continue  # a plan folder removed (or its plan.yaml renamed) while serving
            preview.build(state)
            _say(state)


def _say(state: PlanState) -> None:
    if state.errors:
        line = fill(_("{plan}: {summary} ({ms} ms); the preview shows them"),
                    {"plan": state.rel, "summary": fmt.summary(state.findings, 1), "ms": f"{state.ms:.0f}"})
    else:
        line = fill(_("{plan}: rebuilt in {ms} ms"), {"plan": state.rel, "ms": f"{state.ms:.0f}"})
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def run(root: Path, port: int | None, open_browser: bool = False) -> None:
    folders, _found = discover([root])
    if not folders:
        raise CommandError("serve-no-plan", path=str(root))
    server = _bind(port)
    out = Path(tempfile.mkdtemp(prefix="plancc-serve-")) / "out"
    stop = threading.Event()
    preview = None
    try:
        preview = Preview(root, out)
        # watching starts before the first builds, so that no save is missed in between
        # (a save during them rebuilds that plan once more)
        watcher = threading.Thread(target=_watch, args=(preview, stop), name="plancc-watch", daemon=True)
        watcher.start()
        time.sleep(0.1)
        for state in list(preview.plans.values()):
            preview.build(state)
            _say(state)
        bound = server.server_address[1]
        server.RequestHandlerClass = _handler(preview, {f"127.0.0.1:{bound}", f"localhost:{bound}"})
        url = f"http://127.0.0.1:{bound}/"
        sys.stdout.write(fill(_("plancc: previewing on {url} (Ctrl+C stops)"), {"url": url}) + "\n")
        sys.stdout.flush()
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        try:
            server.serve_forever(poll_interval=0.25)
        except KeyboardInterrupt:
            sys.stderr.write(_("plancc: preview stopped") + "\n")
    finally:
        stop.set()
        preview_stopping.set()
        if preview is not None:
            with preview.changed:
                preview.changed.notify_all()  # the event streams end with the server
        server.server_close()
        shutil.rmtree(out.parent, ignore_errors=True)

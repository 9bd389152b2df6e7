"""Findings (errors and warnings) and the three ways of printing them.

A finding is data: where, which code (codes.py) and the params its templates are filled
with. Its message and hint are rendered from the registry's templates, translated, only
when they are shown.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from . import codes
from .i18n import N_, Phrase, _, fill, ngettext, render


def params_of(params: dict) -> tuple:
    """Keyword params → the hashable, picklable (name, value) pairs a finding holds
    (form=None, the code's own wording, is left out)."""
    return tuple(sorted((k, v) for k, v in params.items() if not (k == "form" and v is None)))


class Worded:
    """A registered code with its params (a finding, a command error), worded when shown:
    its message and hint from the code's templates (the form its params pick), translated."""

    code: str
    params: tuple

    def _templates(self) -> tuple[str, str]:
        form = next((v for k, v in self.params if k == "form"), None)
        return codes.get(self.code).templates(form)

    @property
    def message(self) -> str:
        return render(self._templates()[0], self.params)

    @property
    def hint(self) -> str:
        return render(self._templates()[1], self.params)


@dataclass(frozen=True)
class Finding(Worded):
    path: str
    line: int
    col: int
    code: str
    params: tuple = ()  # (name, value) pairs; "form" picks one of the code's other wordings
    width: int = 1  # characters to underline
    severity: str | None = None  # None: the code's severity

    def __post_init__(self):
        if self.severity is None:
            object.__setattr__(self, "severity", codes.get(self.code).severity)

    @classmethod
    def new(cls, path: str, line: int, col: int, code: str, /, *, width: int = 1,
            severity: str | None = None, **params) -> Finding:
        return cls(path, line, col, code, params_of(params), width, severity)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def refused_by_build(self) -> bool:
        """A warning `build` refuses to publish unless --allow-warnings (an error always stops it)."""
        return not self.is_error and codes.get(self.code).build_refuses

    def sort_key(self):
        return (self.path, self.line, self.col, self.code, self.message)

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line, "col": self.col, "severity": self.severity,
                "code": self.code, "message": self.message, "hint": self.hint, "width": self.width,
                "params": {k: str(v) if isinstance(v, Phrase) else v for k, v in self.params}}


def sort(findings) -> list[Finding]:
    seen, out = set(), []
    for f in sorted(findings, key=Finding.sort_key):
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def visible(text: str) -> str:
    """`text` with control and format characters (ESC, newlines, U+202E …) shown as escapes
    (\\x1b, \\n, \\u202e), so that a plan's keys and paths cannot drive the terminal."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(c.encode("unicode_escape").decode("ascii")
                   if unicodedata.category(c) in _INVISIBLE else c for c in text)


def render_text(findings: list[Finding], lines_of, color: bool = False) -> str:
    """rustc-style: location and message, the source line, a caret line, and a hint.

    `lines_of(path)` returns the file's lines (or None when unknown).
    """
    red, yellow, blue, bold, reset = ("\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m") if color else ("",) * 5
    hint_label = _("hint:")
    severity = {"error": _(N_("error")), "warning": _(N_("warning"))}
    out = []
    for f in findings:
        sev_color = red if f.is_error else yellow
        # the line ends with the code, for `plancc explain CODE`
        out.append(f"{bold}{visible(f.path)}:{f.line}:{f.col}:{reset} {sev_color}{severity[f.severity]}{reset}"
                   f"{bold}: {visible(f.message)}{reset} [{f.code}]")
        lines = lines_of(f.path)
        if lines and 1 <= f.line <= len(lines):
            src = lines[f.line - 1].rstrip("\n")
            gutter = str(f.line)
            pad = " " * len(gutter)
            prefix = visible(src[: max(0, f.col - 1)])
            marked = visible(src[max(0, f.col - 1): max(0, f.col - 1) + max(1, f.width)])
            out.append(f"{blue}{pad} |{reset}")
            out.append(f"{blue}{gutter} |{reset} {visible(src)}")
            out.append(f"{blue}{pad} |{reset} {' ' * display_width(prefix)}{sev_color}{'^' * max(1, display_width(marked))}{reset}")
        if f.hint:
            out.append(f"{blue}  = {hint_label}{reset} {visible(f.hint)}")
        out.append("")
    return "\n".join(out)


def summary(findings: list[Finding], plans: int) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    checked = fill(ngettext("checked {n} plan", "checked {n} plans", plans), {"n": plans})
    if not findings:
        return render(N_("{checked}: no problems"), {"checked": checked})
    return render(N_("{checked}: {errors}, {warnings}"), {
        "checked": checked,
        "errors": fill(ngettext("{n} error", "{n} errors", errors), {"n": errors}),
        "warnings": fill(ngettext("{n} warning", "{n} warnings", warnings), {"n": warnings})})


def render_json(findings: list[Finding], plans: int) -> str:
    import json  # only this format needs it; validate's start-up is felt on every save

    return json.dumps({
        "plans": plans,
        "errors": sum(f.is_error for f in findings),
        "warnings": sum(not f.is_error for f in findings),
        "findings": [f.to_json() for f in findings],
    }, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    out = []
    for f in findings:
        kind = "error" if f.is_error else "warning"
        # a CI log is a terminal too: escape sequences from a plan are shown, not obeyed
        msg = visible(f.message + (render(N_(" (hint: {hint})"), {"hint": f.hint}) if f.hint else ""))
        out.append(f"::{kind} file={_gh_escape(f.path, True)},line={f.line},col={f.col},"
                   f"title={_gh_escape(f.code, True)}::{_gh_escape(msg)}")
    return "\n".join(out) + ("\n" if out else "")

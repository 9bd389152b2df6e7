"""Findings (errors and warnings) and the three ways of printing them."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    col: int
    severity: str  # "error" | "warning"
    code: str
    message: str
    hint: str | None = None
    width: int = 1  # characters to underline

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def sort_key(self):
        return (self.path, self.line, self.col, self.code, self.message)


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


def render_text(findings: list[Finding], lines_of, color: bool = False) -> str:
    """rustc-style: location and message, the source line, a caret line, and a hint.

    `lines_of(path)` returns the file's lines (or None when unknown).
    """
    red, yellow, blue, bold, reset = ("\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m") if color else ("",) * 5
    out = []
    for f in findings:
        sev_color = red if f.is_error else yellow
        out.append(f"{bold}{f.path}:{f.line}:{f.col}:{reset} {sev_color}{f.severity}[{f.code}]{reset}{bold}: {f.message}{reset}")
        lines = lines_of(f.path)
        if lines and 1 <= f.line <= len(lines):
            src = lines[f.line - 1].rstrip("\n")
            gutter = str(f.line)
            pad = " " * len(gutter)
            prefix = src[: max(0, f.col - 1)]
            marked = src[max(0, f.col - 1): max(0, f.col - 1) + max(1, f.width)]
            out.append(f"{blue}{pad} |{reset}")
            out.append(f"{blue}{gutter} |{reset} {src}")
            out.append(f"{blue}{pad} |{reset} {' ' * display_width(prefix)}{sev_color}{'^' * max(1, display_width(marked))}{reset}")
        if f.hint:
            out.append(f"{blue}  = hint:{reset} {f.hint}")
        out.append("")
    return "\n".join(out)


def summary(findings: list[Finding], plans: int) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    noun = "plan" if plans == 1 else "plans"
    if not findings:
        return f"checked {plans} {noun}: no problems"
    return f"checked {plans} {noun}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def render_json(findings: list[Finding], plans: int) -> str:
    import json  # only this format needs it; validate's start-up is felt on every save

    return json.dumps({
        "plans": plans,
        "errors": sum(f.is_error for f in findings),
        "warnings": sum(not f.is_error for f in findings),
        "findings": [asdict(f) for f in findings],
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
        msg = f.message + (f" (hint: {f.hint})" if f.hint else "")
        out.append(f"::{kind} file={_gh_escape(f.path, True)},line={f.line},col={f.col},"
                   f"title={_gh_escape(f.code, True)}::{_gh_escape(msg)}")
    return "\n".join(out) + ("\n" if out else "")

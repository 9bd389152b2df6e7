"""`plancc explain`: the registry of codes (codes.py) for people, as text or Markdown.

docs/findings.md is `plancc explain --markdown`; a test keeps it in step with codes.py.
"""

from __future__ import annotations

import difflib
import textwrap

from . import codes
from .codes import COMMAND, PLAN, Code
from .errors import CommandError
from .findings import display_width
from .i18n import N_, _

GROUPS = ((PLAN, N_("Findings in plan files")), (COMMAND, N_("Command errors (exit status 2)")))


def lookup(code: str) -> Code:
    if code in codes.REGISTRY:
        return codes.REGISTRY[code]
    close = difflib.get_close_matches(code, list(codes.REGISTRY), n=1)
    if close:
        raise CommandError("unknown-code", code=code, form="close", close=close[0])
    raise CommandError("unknown-code", code=code)


def _shown(template: str) -> str:
    """A template as people read it: {slots} stay, doubled braces are single."""
    return _(template).replace("{{", "{").replace("}}", "}")


def _example(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


def _forms(c: Code) -> list[tuple[str | None, str | None]]:
    """The code's other wordings: (message, hint), None where the code's own is kept."""
    return [(_shown(m) if m else None, _shown(h) if h else None) for m, h in c.forms.values()]


def listing() -> str:
    out = []
    for kind, title in GROUPS:
        entries = sorted((c for c in codes.REGISTRY.values() if c.kind == kind), key=lambda c: c.code)
        width = max(len(c.code) for c in entries)
        out.append(_(title) + ":")
        for c in entries:
            severity = _(c.severity)
            out.append(f"  {c.code:<{width}}  {severity}{' ' * (8 - display_width(severity))} {_(c.summary)}")
        out.append("")
    out.append(_("plancc explain CODE explains one of them."))
    return "\n".join(out) + "\n"


def text(c: Code) -> str:
    indent = " " * 4
    message_l, hint_l, or_l = _("message:"), _("hint:"), _("or:")
    out = [f"{c.code} ({_(c.severity)}): {_(c.summary)}", ""]
    explanation = _(c.explanation)
    # English is filled to 88 columns at its spaces; Japanese has no spaces to break at
    # and is left to the terminal
    out.append(textwrap.fill(explanation, 88) if explanation.isascii() else explanation)
    out.append("")
    width = max(9, *(display_width(label) + 1 for label in (message_l, hint_l, or_l)))

    def labelled(label: str, line: str) -> str:
        return "  " + label + " " * (width - display_width(label)) + line
    out.append(labelled(message_l, _shown(c.message)))
    out.append(labelled(hint_l, _shown(c.hint)))
    for message, hint in _forms(c):
        lines = ([message] if message else []) + ([f"{hint_l} {hint}"] if hint else [])
        out.append(labelled(or_l, lines[0]))
        out += [labelled("", line) for line in lines[1:]]
    out.append("")
    out.append(_("Wrong:"))
    out.append(textwrap.indent(_example(c.bad), indent, lambda line: True))
    out.append("")
    out.append(_("Right:"))
    out.append(textwrap.indent(_example(c.good), indent, lambda line: True))
    return "\n".join(out) + "\n"


def _code_span(text: str) -> str:
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def markdown_one(c: Code) -> str:
    lang = "sh" if c.kind == COMMAND else "yaml"
    message_l, hint_l = _("message"), _("hint")
    summary = _(c.summary)
    stop = "." if summary.isascii() else ""  # a Japanese summary is a heading: no 。
    out = [f"### {c.code}", "", f"**{_(c.severity)}**: {summary}{stop}", "", _(c.explanation), "",
           f"- {message_l}: {_code_span(_shown(c.message))}", f"- {hint_l}: {_code_span(_shown(c.hint))}"]
    if c.forms:
        out.append("- " + _("also worded as") + ":")
        for message, hint in _forms(c):
            parts = ([_code_span(message)] if message else []) + ([f"{hint_l}: {_code_span(hint)}"] if hint else [])
            out.append("  - " + " — ".join(parts))
    out.append("")
    for label, example in ((_("Wrong:"), c.bad), (_("Right:"), c.good)):
        out += [label, "", f"```{lang}", _example(example), "```", ""]
    return "\n".join(out)


def markdown() -> str:
    out = ["# " + _("Findings and errors"), "",
           "<!-- Generated from src/plancc/codes.py by `plancc explain --markdown`; do not edit. -->", "",
           _("`plancc validate` and `plancc build` report each problem of a plan as a finding: "
             "`path:line:col: error: message [CODE]`, with a hint. Trouble that stops a command "
             "(a missing path, an output that cannot be written) is printed as `plancc: error: "
             "message` and exits with status 2. `plancc explain CODE` prints the explanation of "
             "one code in the terminal."), ""]
    for _kind, title in GROUPS:
        out += [f"- [{_(title)}](#{_anchor(_(title))})"]
    out.append("")
    for kind, title in GROUPS:
        entries = sorted((c for c in codes.REGISTRY.values() if c.kind == kind), key=lambda c: c.code)
        head = (_("code"), _("severity"), _("summary"))
        out += [f"## {_(title)}", "", "| " + " | ".join(head) + " |", "|---|---|---|"]
        out += [f"| [{c.code}](#{c.code}) | {_(c.severity)} | {_(c.summary)} |" for c in entries]
        out.append("")
        for c in entries:
            out.append(markdown_one(c))
    return "\n".join(out).rstrip("\n") + "\n"


def _anchor(title: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    return "".join(ch for ch in title.lower().replace(" ", "-") if ch.isalnum() or ch in "-_")

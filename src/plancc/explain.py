"""`plancc explain`: the registry of codes (codes.py) for people, as text or Markdown.

docs/findings.md is `plancc explain --markdown`; a test keeps it in step with codes.py.
"""

from __future__ import annotations

import difflib
import textwrap

from . import codes
from .codes import COMMAND, PLAN, Code
from .errors import CommandError
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


def _wordings(c: Code) -> tuple[list[str], list[str]]:
    """Every message and every hint the code is said with, its own first."""
    messages, hints = [c.message], [c.hint]
    for message, hint in c.forms.values():
        if message and message not in messages:
            messages.append(message)
        if hint and hint not in hints:
            hints.append(hint)
    return [_shown(m) for m in messages], [_shown(h) for h in hints]


def listing() -> str:
    out = []
    for kind, title in GROUPS:
        entries = sorted((c for c in codes.REGISTRY.values() if c.kind == kind), key=lambda c: c.code)
        width = max(len(c.code) for c in entries)
        out.append(_(title) + ":")
        for c in entries:
            out.append(f"  {c.code:<{width}}  {_(c.severity):<7}  {_(c.summary)}")
        out.append("")
    out.append(_("plancc explain CODE explains one of them."))
    return "\n".join(out) + "\n"


def text(c: Code) -> str:
    messages, hints = _wordings(c)
    indent = " " * 4
    out = [f"{c.code} ({_(c.severity)}): {_(c.summary)}", ""]
    out.append(textwrap.fill(_(c.explanation), 88))
    out.append("")
    for label, items in ((_("message:"), messages), (_("hint:"), hints)):
        for i, item in enumerate(items):
            out.append(f"  {(label if i == 0 else ''):<9}{item}")
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
    messages, hints = _wordings(c)
    out = [f"### {c.code}", "", f"**{_(c.severity)}**: {_(c.summary)}.", "", _(c.explanation), ""]
    out += [f"- {_('message')}: " + " / ".join(_code_span(m) for m in messages),
            f"- {_('hint')}: " + " / ".join(_code_span(h) for h in hints), ""]
    for label, example in ((_("Wrong:"), c.bad), (_("Right:"), c.good)):
        out += [label, "", f"```{lang}", _example(example), "```", ""]
    return "\n".join(out)


def markdown() -> str:
    out = ["# Findings and errors", "",
           "<!-- Generated from src/plancc/codes.py by `plancc explain --markdown > docs/findings.md`; "
           "do not edit. -->", "",
           _("`plancc validate` and `plancc build` report each problem of a plan as a finding: "
             "`path:line:col: error[CODE]: message`, with a hint. Trouble that stops a command "
             "(a missing path, an output that cannot be written) is printed as `plancc: error: "
             "message` and exits with status 2. `plancc explain CODE` prints the explanation of "
             "one code in the terminal."), ""]
    for _kind, title in GROUPS:
        out += [f"- [{_(title)}](#{_anchor(_(title))})"]
    out.append("")
    for kind, title in GROUPS:
        entries = sorted((c for c in codes.REGISTRY.values() if c.kind == kind), key=lambda c: c.code)
        out += [f"## {_(title)}", "", f"| {_('code')} | {_('severity')} | {_('summary')} |", "|---|---|---|"]
        out += [f"| [{c.code}](#{c.code}) | {_(c.severity)} | {_(c.summary)} |" for c in entries]
        out.append("")
        for c in entries:
            out.append(markdown_one(c))
    return "\n".join(out).rstrip("\n") + "\n"


def _anchor(title: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    return "".join(ch for ch in title.lower().replace(" ", "-") if ch.isalnum() or ch in "-_")

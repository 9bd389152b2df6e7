"""Diff reports: text for a terminal, Markdown for a pull request, JSON for tools,
and the 新旧対照表 as HTML."""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from .compare import Change, Report, char_diff
from ..findings import visible
from ..i18n import N_, _, fill, ngettext
from ..text import plain

# the 新旧対照表 is a Japanese document whatever the reader's locale (its words move to
# plan.yaml with the office profile); the text and Markdown reports speak the user's language
KIND_JA = {"added": "追加", "removed": "削除", "changed": "変更"}
KIND = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}
TYPE = {"measure": N_("measure"), "goal": N_("policy node"), "term": N_("term"), "chapter": N_("chapter"),
        "paragraph": N_("paragraph"), "section": N_("section"), "table": N_("table"), "figure": N_("figure")}
ASPECT = {"renumbered": N_("renumbered"), "renamed": N_("renamed"), "text": N_("wording"),
          "schedule": N_("schedule"), "marks": N_("marks"), "tags": N_("tags"),
          "departments": N_("departments"), "moved": N_("moved"), "abolished": N_("abolished"),
          "merged": N_("merged")}


def _word(table: dict[str, str], key: str) -> str:
    return _(table[key]) if key in table else key


def _head(c: Change) -> str:
    o, n = c.old, c.new
    if o and n and (o.number or n.number) and o.number != n.number:
        num = f"{o.number} → {n.number}"
    else:
        num = (n or o).number or ""
    title = plain((n or o).title or "")
    if o and n and o.title and n.title and o.title != n.title:
        title = f"{plain(o.title)} → {plain(n.title)}"
    head = " ".join(x for x in (num, title) if x)
    if head:
        return head
    body = plain((n or o).text or "") if (n or o) else ""
    if c.kind != "changed" and body:
        return (body[:60] + "…") if len(body) > 60 else body
    return c.where


def summary_counts(report: Report) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for c in report.changes:
        out.setdefault(c.type, {"added": 0, "removed": 0, "changed": 0})[c.kind] += 1
    return out


def render_json(report: Report) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"


def render_text(report: Report, color: bool) -> str:
    red, green, yellow, bold, dim, reset = (("\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[0m")
                                            if color else ("",) * 6)
    # every text from a plan or the command line goes through visible(): a title, an id
    # or a path cannot drive the terminal (escape sequences, U+202E, line breaks)
    lines = [f"{bold}--- {visible(report.old['path'])}{reset}", f"{bold}+++ {visible(report.new['path'])}{reset}"]
    if report.not_compared:
        shown = visible(fill(_("not compared (only one side holds it): {parts}"),
                             {"parts": ", ".join(report.not_compared)}))
        lines.append(f"{dim}{shown}{reset}")
    for c in report.changes:
        sign = {"added": f"{green}+", "removed": f"{red}-", "changed": f"{yellow}~"}[c.kind]
        extra = f" [{', '.join(_word(ASPECT, a) for a in c.aspects)}]" if c.aspects else ""
        if c.merged_into:
            extra += f" → {visible(c.merged_into)}"
        lines.append(f"{sign} {_word(TYPE, c.type)} {visible(str(c.id))}{reset}: {visible(_head(c))}{extra}")
        if c.kind == "changed" and c.text_changed:
            parts = []
            for op, t in char_diff(c.old.text, c.new.text):
                t = visible(t.replace("\n", " "))
                if op == "equal":
                    parts.append(t if len(t) < 40 else t[:15] + "…" + t[-15:])
                elif op == "delete":
                    parts.append(f"{red}[-{t}-]{reset}")
                else:
                    parts.append(f"{green}{{+{t}+}}{reset}")
            lines.append("    " + "".join(parts).replace("\n", " "))
    n = len(report.changes)
    lines.append(fill(ngettext("{n} difference", "{n} differences", n), {"n": n}) if n else _("no differences"))
    return "\n".join(lines) + "\n"


def render_markdown(report: Report) -> str:
    from ..render.markdown import plain

    sep = _(", ")  # a list's separator: 、 in Japanese
    out = [f"## plancc diff: {plain(report.old['path'])} → {plain(report.new['path'])}", ""]
    counts = summary_counts(report)
    if counts:
        head = (_("kind"), _(KIND["added"]), _(KIND["removed"]), _(KIND["changed"]))
        out += ["| " + " | ".join(head) + " |", "| --- | ---: | ---: | ---: |"]
        for typ, c in sorted(counts.items()):
            out.append(f"| {plain(_word(TYPE, typ))} | {c['added']} | {c['removed']} | {c['changed']} |")
        out.append("")
    else:
        out += [_("No differences."), ""]
    out.append(plain(fill(_("Compared: {parts}"), {"parts": sep.join(report.compared)})))
    if report.not_compared:
        out.append(plain(fill(_("Not compared (only one side holds it): {parts}"),
                              {"parts": sep.join(report.not_compared)})))
    out.append("")
    if report.changes:
        head = (_("kind"), _("item"), _("what changed"))
        out += ["| | " + " | ".join(head) + " |", "| --- | --- | --- | --- |"]
        for c in report.changes:
            aspects = sep.join(_word(ASPECT, a) for a in c.aspects)
            if c.merged_into:
                aspects += f" → {c.merged_into}"
            out.append(f"| {_word(KIND, c.kind)} | {plain(_word(TYPE, c.type))} | {plain(_head(c))} | {plain(aspects)} |")
        out.append("")
        for c in report.changes:
            if c.kind == "changed" and c.text_changed:
                out.append(f"<details><summary>{escape(_head(c))}</summary>\n")
                segs = []
                for op, t in char_diff(c.old.text, c.new.text):
                    t = plain(t)
                    segs.append(t if op == "equal" or not t.strip() else (f"~~{t}~~" if op == "delete" else f"**{t}**"))
                out.append("".join(segs))
                out.append("\n</details>\n")
    return "\n".join(out) + "\n"


def _marked(text: str | None, other: str | None, side: str) -> Markup:
    """One side of a 新旧対照表 row with its changed characters underlined."""
    if text is None:
        return Markup("")
    parts = []
    for op, t in char_diff(other or "", text) if side == "new" else char_diff(text, other or ""):
        keep = {"new": ("equal", "insert"), "old": ("equal", "delete")}[side]
        if op not in keep:
            continue
        t = str(escape(t)).replace("\n", "<br>")
        parts.append(t if op == "equal" else f"<u>{t}</u>")
    return Markup("".join(parts))


def _side_text(side) -> str | None:
    """What a 新旧対照表 cell shows of one side: its number and title, then its text."""
    if side is None:
        return None
    head = " ".join(x for x in (side.number, side.title) if x)
    return "\n".join(x for x in (head, side.text or "") if x.strip())


def render_html(report: Report, columns: str = "new-old") -> str:
    from ..render.jinja import environment

    rows = []
    for c in report.changes:
        new_text, old_text = _side_text(c.new), _side_text(c.old)
        if c.kind == "removed" and c.fate_note:
            new_text = f"（{c.fate_note}）"
        rows.append({"where": c.where, "kind": KIND_JA[c.kind],
                     "new": _marked(new_text, old_text, "new") if new_text is not None else Markup("（削る）"),
                     "old": _marked(old_text, new_text, "old") if old_text is not None else Markup("（新設）")})
    tpl = environment(True).get_template("diff.html.j2")
    return tpl.render(report=report, rows=rows, new_first=(columns == "new-old"))

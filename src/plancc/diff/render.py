"""Diff reports: text for a terminal, Markdown for a pull request, JSON for tools, a
one-line summary for a check run, and the 新旧対照表 as HTML (`taisho` builds it; the
Word file is `docx`).

The text, Markdown and summary reports speak the user's language (the message catalog);
the 新旧対照表 is a published Japanese document whose words all come from the plans."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata

from markupsafe import Markup, escape

from .compare import Change, Field, Report, char_diff
from .taisho import Grid, Taisho, build, profile_of, setting_name, side_name
from ..findings import visible
from ..i18n import N_, _, fill, ngettext
from ..text import plain

KIND = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}
TYPE = {"measure": N_("measure"), "goal": N_("policy node"), "term": N_("term"), "chapter": N_("chapter"),
        "paragraph": N_("paragraph"), "section": N_("section"), "table": N_("table"), "figure": N_("figure"),
        "item": N_("headed item"), "list": N_("list item"), "note": N_("note"), "signature": N_("signature"),
        "view": N_("generated part"), "plan": N_("plan.yaml"), "progress": N_("progress record")}
ASPECT = {"renumbered": N_("renumbered"), "renamed": N_("renamed"), "text": N_("wording"),
          "schedule": N_("schedule"), "marks": N_("marks"), "tags": N_("tags"),
          "departments": N_("departments"), "moved": N_("moved"), "abolished": N_("abolished"),
          "merged": N_("merged"), "class": N_("class"), "fate": N_("fate"), "status": N_("status"),
          "note": N_("note"), "form": N_("phase form"), "order": N_("position"), "reading": N_("reading"), "definition": N_("definition"),
          "id": N_("id"), "caption": N_("caption"), "table-note": N_("table note"), "header": N_("header"),
          "cell": N_("cell"), "row": N_("row"), "row_headers": N_("row headers"), "source": N_("source"),
          "words": N_("words"), "settings": N_("settings"), "kind": N_("kind of block"), "label": N_("label"),
          "notation": N_("notation"), "direction": N_("direction"), "narrative": N_("narrative"),
          "indicators": N_("indicators")}
FIELD = {**ASPECT, "number": N_("number"), "title": N_("title"), "parent": N_("parent"), "term": N_("term")}
SHORT = 12  # values up to this long are shown whole (old → new); longer ones as a character diff


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
    if c.type == "plan":
        return f"plan.yaml: {c.id}"
    if head:
        return head
    body = plain((n or o).text or "") if (n or o) else ""
    if c.kind != "changed" and body:
        body = body.replace("\n", " ")
        return (body[:60] + "…") if len(body) > 60 else body
    return c.where


def _target(c: Change) -> str:
    """What a merged measure went into, by number and title as its side names it."""
    return c.merged_into_name or c.merged_into or ""


def summary_counts(report: Report) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for c in report.changes:
        out.setdefault(c.type, {"added": 0, "removed": 0, "changed": 0})[c.kind] += 1
    return out


def names(report: Report) -> tuple[str, str]:
    """(old, new): each side as the office names it (飯塚市地域情報化計画（2021年3月改訂）)."""
    profile = profile_of(report)
    return (side_name(report.old_meta, profile, report.old.get("phase")) if report.old_meta else report.old["path"],
            side_name(report.new_meta, profile, report.new.get("phase")) if report.new_meta else report.new["path"])


# ---------------------------------------------------------------- fields, in the user's language

def field_where(f: Field, report: Report | None = None) -> str:
    """A field and where inside its item: "schedule 2019", "cell (row 2, column 3)"; a
    setting of plan.yaml (with the report it is of) by its name in the model and its key:
    "年度の表示 > 年度の書き方 (years.style)". The names are Japanese in every language, as
    the plan and its editor's schema are; the key beside them says where to find it."""
    if report is not None:
        meta = report.new_meta if f.new is not None else report.old_meta
        data = meta.model_dump(mode="json", by_alias=True) if meta is not None else None
        key = ".".join(x for x in (f.name, f.at) if x)
        return f"{setting_name(f, data)} ({key})"
    if f.name in FIELD:
        label = _(FIELD[f.name])
    else:  # a setting of plan.yaml, by its key
        return ".".join(x for x in (f.name, f.at) if x)
    if f.at is None:
        return label
    if f.name == "cell":
        row, _sep, col = f.at.partition(",")
        return label + " " + fill(_("(row {row}, column {column})"), {"row": row, "column": col})
    if f.name == "header":
        return label + " " + fill(_("(column {column})"), {"column": f.at})
    if f.name == "row":
        return label + " " + f.at
    if f.name in ("schedule", "table-note"):
        return f"{label} {f.at}"
    return f"{label} 【{f.at}】"  # a phase's form of a measure


def _value(v) -> str:
    if v is None:
        return _("(none)")
    if isinstance(v, list):
        return _(", ").join(plain(x) for x in v) if v else _("(none)")
    return plain(str(v))


# names and values, shown whole (old → new), never cut by a character diff
WHOLE = {"number", "parent", "class", "schedule", "reading", "id", "form", "kind", "row_headers", "order"}


def _named(report: Report, f: Field) -> tuple:
    """A field's two values with tags and marks by their labels, as the plan prints them."""
    if f.name not in ("tags", "marks"):
        return f.old, f.new

    def names(meta, v):
        if meta is None or not isinstance(v, list):
            return v
        table = ({t.id: t.label for t in meta.tags} if f.name == "tags"
                 else {mk.name: mk.label or mk.name for mk in meta.marks})
        return [table.get(x, x) for x in v]
    return names(report.old_meta, f.old), names(report.new_meta, f.new)


def _is_short(f: Field) -> bool:
    if f.name in WHOLE:
        return True
    return all(v is None or isinstance(v, list) or (len(str(v)) <= SHORT and "\n" not in str(v))
               for v in (f.old, f.new))


def _elided(ops, equal, delete, insert) -> str:
    parts = []
    for op, t in ops:
        if op == "equal":
            parts.append(equal(t if len(t) < 40 else t[:15] + "…" + t[-15:]))
        elif op == "delete":
            parts.append(delete(t))
        else:
            parts.append(insert(t))
    return "".join(parts)


# ---------------------------------------------------------------- JSON

def render_json(report: Report) -> str:
    d = report.as_json()
    old, new = names(report)
    d["old"] = {"name": old, **d["old"]}
    d["new"] = {"name": new, **d["new"]}
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- text

def render_text(report: Report, color: bool) -> str:
    red, green, yellow, bold, dim, reset = (("\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[0m")
                                            if color else ("",) * 6)
    old_name, new_name = names(report)
    # every text from a plan or the command line goes through visible(): a title, an id
    # or a path cannot drive the terminal (escape sequences, U+202E, line breaks)
    lines = [f"{bold}--- {visible(old_name)}{reset} {dim}{visible(_side_path(report.old))}{reset}",
             f"{bold}+++ {visible(new_name)}{reset} {dim}{visible(_side_path(report.new))}{reset}"]
    if report.not_compared:
        shown = visible(fill(_("not compared (only one side holds it): {parts}"),
                             {"parts": ", ".join(report.not_compared)}))
        lines.append(f"{dim}{shown}{reset}")
    deleted = lambda t: f"{red}[-{t}-]{reset}"
    inserted = lambda t: f"{green}{{+{t}+}}{reset}"
    for c in report.changes:
        sign = {"added": f"{green}+", "removed": f"{red}-", "changed": f"{yellow}~"}[c.kind]
        extra = f" [{', '.join(_word(ASPECT, a) for a in c.aspects)}]" if c.aspects else ""
        if c.merged_into:
            extra += f" → {visible(_target(c))}"
        if c.type == "plan":  # a setting: its fields follow
            lines.append(f"{sign} {_word(TYPE, c.type)} {visible(str(c.id))}{reset}")
        else:
            lines.append(f"{sign} {_word(TYPE, c.type)} {visible(str(c.id))}{reset}: {visible(_head(c))}{extra}")
        if c.kind == "removed" and c.fate_note:
            lines.append(f"    {_word(FIELD, 'fate')}: {visible(plain(c.fate_note))}")
        for f in c.fields:
            if f.at is None and f.name in ("number", "title") and c.type in ("measure", "goal"):
                continue  # the head line shows them
            if _is_short(f) or isinstance(f.old, list) or isinstance(f.new, list):
                a, b = _named(report, f)
                shown = f"{_value(a)} → {_value(b)}"
            else:
                shown = _elided(char_diff(f.old, f.new), lambda t: t, deleted, inserted).replace("\n", " ")
            where = field_where(f, report if c.type == "plan" else None)
            lines.append(f"    {visible(where)}: {visible(shown)}")
    n = len(report.changes)
    lines.append(fill(ngettext("{n} difference", "{n} differences", n), {"n": n}) if n else _("no differences"))
    return "\n".join(lines) + "\n"


def _side_path(side: dict) -> str:
    return f"({side['path']}, {side['phase']})" if side.get("phase") else f"({side['path']})"


# ---------------------------------------------------------------- one line

def render_summary(report: Report) -> str:
    """One line for a check run's title: how many differences, of which kind."""
    n = len(report.changes)
    if not n:
        return _("no differences") + "\n"
    count = {"added": 0, "removed": 0, "changed": 0}
    for c in report.changes:
        count[c.kind] += 1
    head = fill(ngettext("{n} difference", "{n} differences", n), {"n": n})
    parts = fill(_("{added} added, {removed} removed, {changed} changed"), count)
    return fill(_("{count}: {parts}"), {"count": head, "parts": parts}) + "\n"


# ---------------------------------------------------------------- Markdown

# GitHub's limits: a pull-request comment holds 65,536 characters, a job summary 1 MiB
FITS = {"comment": (65_536, "chars"), "summary": (1_048_576, "bytes"), "none": (None, None)}


def render_markdown(report: Report, fit: str = "comment", whole: str | None = None) -> str:
    from ..render.markdown import plain as md

    sep = _(", ")  # a list's separator: 、 in Japanese
    old_name, new_name = names(report)
    head = [f"## plancc diff: {md(old_name)} → {md(new_name)}", "",
            f"<sub>{escape(_side_path(report.old))} → {escape(_side_path(report.new))}</sub>", ""]
    counts = summary_counts(report)
    if counts:
        cols = (_("kind"), _(KIND["added"]), _(KIND["removed"]), _(KIND["changed"]))
        head += ["| " + " | ".join(cols) + " |", "| --- | ---: | ---: | ---: |"]
        for typ, c in sorted(counts.items()):
            head.append(f"| {md(_word(TYPE, typ))} | {c['added']} | {c['removed']} | {c['changed']} |")
        head.append("")
    else:
        head += [_("No differences."), ""]
    head.append(md(fill(_("Compared: {parts}"), {"parts": sep.join(report.compared)})))
    if report.not_compared:
        head.append(md(fill(_("Not compared (only one side holds it): {parts}"),
                            {"parts": sep.join(report.not_compared)})))
    head.append("")
    rows: list[str] = []
    details: list[str] = []
    if report.changes:
        cols = (_("kind"), _("item"), _("what changed"))
        for c in report.changes:
            aspects = sep.join(_word(ASPECT, a) for a in c.aspects)
            if c.merged_into:
                aspects += f" → {_target(c)}"
            item = _head(c)
            if c.type in ("measure", "goal", "term") or (c.kind == "changed" and c.type not in ("plan", "chapter")):
                item = f"{item} ({c.id})" if c.type == "measure" else f"{c.where}: {item}" if item != c.where else item
            rows.append(f"| {_word(KIND, c.kind)} | {md(_word(TYPE, c.type))} | {md(item)} | {md(aspects)} |")
            body = _md_fields(report, c, md)
            if body:
                details.append(f"<details><summary>{escape(_head(c))}</summary>\n\n" + "\n".join(body) + "\n\n</details>\n")
        table_head = ["| | " + " | ".join(cols) + " |", "| --- | --- | --- | --- |"]
    else:
        table_head = []
    limit, unit = FITS[fit]
    size = (lambda s: len(s)) if unit == "chars" else (lambda s: len(s.encode("utf-8")))

    def compose(n_rows: int, n_details: int, note: str | None) -> str:
        out = head + (table_head + rows[:n_rows] + [""] if n_rows else []) + details[:n_details]
        if note:
            out += [note, ""]
        return "\n".join(out) + "\n"

    text = compose(len(rows), len(details), None)
    if limit is None or size(text) <= limit:
        return text

    def note(n_rows: int, n_details: int) -> str:
        what = fill(_("This report was cut to fit GitHub's limit of {limit} {unit}: it lists {rows} of {n} "
                      "differences and shows {details} of {m} in detail."),
                    {"limit": f"{limit:,}", "unit": _("characters") if unit == "chars" else _("bytes"),
                     "rows": n_rows, "n": len(rows), "details": n_details, "m": len(details)})
        how = fill(_("The whole report: {command}"), {"command": whole}) if whole else ""
        return "\n\n".join(md(x) for x in (what, how) if x)

    n_rows, n_details = len(rows), len(details)
    while n_details and size(compose(n_rows, n_details, note(n_rows, n_details))) > limit:
        n_details -= 1
    while n_rows and size(compose(n_rows, n_details, note(n_rows, n_details))) > limit:
        n_rows -= 1
    return compose(n_rows, n_details, note(n_rows, n_details))


_TOKEN = re.compile(r"[!-~]+|.", re.S)


def token_diff(old: str | None, new: str | None) -> list[tuple[str, str]]:
    """A character diff whose pieces never cut a run of ASCII letters, digits and signs:
    in Markdown a URL cut by ~~ or ** would be linked in part (GitHub links bare URLs).
    Compared as NFKC, the pieces shown as written (the new side's for unchanged text)."""
    a = _TOKEN.findall(plain(old or ""))
    b = _TOKEN.findall(plain(new or ""))
    ka = [unicodedata.normalize("NFKC", t) for t in a]
    kb = [unicodedata.normalize("NFKC", t) for t in b]
    if ka == kb:
        ka, kb = a, b
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(b[j1:j2])))
        else:
            if i2 > i1:
                out.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("insert", "".join(b[j1:j2])))
    return out


def _md_fields(report: Report, c: Change, md) -> list[str]:
    out = []
    if c.kind == "removed" and c.fate_note:
        out.append(f"- **{md(_word(FIELD, 'fate'))}**: {md(c.fate_note)}")
    for f in c.fields:
        label = f"- **{md(field_where(f, report if c.type == 'plan' else None))}**: "
        if _is_short(f) or isinstance(f.old, list) or isinstance(f.new, list):
            a, b = _named(report, f)
            out.append(label + f"{md(_value(a))} → {md(_value(b))}")
        else:
            segs = []
            for op, t in token_diff(f.old, f.new):
                if op == "equal" and len(t) > 80:  # long unchanged text, shortened
                    t = t[:30] + "…" + t[-30:]
                t = md(t).replace("\n", " ")
                segs.append(t if op == "equal" or not t.strip() else (f"~~{t}~~" if op == "delete" else f"**{t}**"))
            out.append(label + "".join(segs))
    return out


# ---------------------------------------------------------------- the 新旧対照表 in HTML

def _runs_html(runs) -> Markup:
    out = []
    for r in runs:
        t = str(escape(r.text))
        out.append(f"<u>{t}</u>" if r.changed else t)
    return Markup("".join(out))


def _blocks_html(blocks) -> Markup:
    out = []
    for b in blocks:
        if isinstance(b, Grid):
            rows = []
            if b.header:
                rows.append("<tr>" + "".join(f"<th scope=\"col\">{_runs_html(c)}</th>" for c in b.header) + "</tr>")
            for row in b.rows:
                rows.append("<tr>" + "".join(f"<td>{_runs_html(c)}</td>" for c in row) + "</tr>")
            out.append("<table class=\"grid\">" + "".join(rows) + "</table>")
        else:
            tag = "p"
            out.append(f"<{tag} class=\"{b.style}\">{_runs_html(b.runs)}</{tag}>")
    return Markup("\n".join(out))


def render_html(report: Report, columns: str | None = None, labels: tuple[str, str] | None = None) -> str:
    from ..render.jinja import environment

    doc: Taisho = build(report, columns, labels)
    rows = []
    for r in doc.rows:
        left, right = doc.cells(r)
        rows.append({"where": r.where, "left": _blocks_html(left), "right": _blocks_html(right)})
    tpl = environment().get_template("diff.html.j2")
    return tpl.render(doc=doc, rows=rows)

"""Findings as data: the registry of codes (codes.py), `plancc explain`, docs/findings.md,
per-model "did you mean", CLI errors and what reaches a terminal."""

from __future__ import annotations

import ast
import json
import pickle
import string
from pathlib import Path

import pytest

from conftest import REPO, edit, findings_json, run
from plancc import codes
from plancc.codes import REGISTRY
from plancc.errors import CommandError
from plancc.findings import Finding, sort

SRC = REPO / "src" / "plancc"
# calls that take a code, as their last positional argument
CODE_CALLS = {"new", "finding", "CommandError", "OutputError", "SideError", "WorkerLost", "_Refused"}
NOT_PARAMS = {"sub", "key", "severity", "width", "form"}


def _name(func) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _constants(node) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _constants(node.body) | _constants(node.orelse)
    return set()


def code_uses():
    """(file:line, code, form, keyword names or None when **params) of every call in src/
    that raises or records a code written as a literal."""
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "codes.py":
            continue
        if path.name == "ime.py":
            # ime.py names the codes of the keyboard mistakes it finds (as data: Slips and
            # tuples); yamlsource, load and check make the findings, with its params
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and node.value in REGISTRY:
                    yield f"{path.relative_to(REPO)}:{node.lineno}", node.value, None, None
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and _name(node.func) in CODE_CALLS and node.args):
                continue
            kw = {k.arg: k.value for k in node.keywords}
            names = None if None in kw else set(kw) - NOT_PARAMS
            form = kw["form"].value if isinstance(kw.get("form"), ast.Constant) else None
            for code in _constants(node.args[-1]):
                yield f"{path.relative_to(REPO)}:{node.lineno}", code, form, names


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_code_used_in_src_is_registered_and_every_registered_code_is_used():
    uses = list(code_uses())
    assert len(uses) > 60, "the scan finds the call sites"
    unregistered = sorted({f"{where}: {code}" for where, code, _, _ in uses if code not in REGISTRY})
    assert unregistered == []
    assert set(REGISTRY) - {code for _, code, _, _ in uses} == set(), "registered but never used"


def test_every_call_gives_its_form_and_the_params_its_templates_need():
    for where, code, form, names in code_uses():
        entry = REGISTRY[code]
        assert form is None or form in entry.forms, f"{where}: {code} has no form {form!r}"
        if names is not None:
            message, hint = entry.templates(form)
            assert _fields(message) | _fields(hint) <= names, f"{where}: {code} needs {_fields(message) | _fields(hint)}"
    from plancc.load import _VALUE_FORMS

    assert set(_VALUE_FORMS.values()) <= set(REGISTRY["invalid-value"].forms)


def test_every_registered_code_has_every_field():
    for c in REGISTRY.values():
        assert c.severity in ("error", "warning") and c.kind in (codes.PLAN, codes.COMMAND), c.code
        assert c.kind == codes.PLAN or c.severity == "error", c.code
        for field in ("code", "summary", "message", "hint", "explanation", "bad", "good"):
            assert isinstance(getattr(c, field), str) and getattr(c, field).strip(), f"{c.code}: {field}"
        assert c.bad != c.good or c.code == "bad-output-name", c.code
        for name, (message, hint) in c.forms.items():
            assert name and (message or hint) and all(t is None or t.strip() for t in (message, hint)), (c.code, name)
        for template in [c.message, c.hint] + [t for pair in c.forms.values() for t in pair if t]:
            list(string.Formatter().parse(template))  # well-formed: braces that are text are doubled


def test_findings_are_data_that_travel_between_processes():
    f = Finding.new("p.yaml", 3, 5, "unknown-key", width=5, name="titel", what="measures", form="close", close="title")
    assert f.severity == "error" and f.params == (("close", "title"), ("form", "close"), ("name", "titel"),
                                                  ("what", "measures"))
    assert f.message == "unknown key 'titel' in measures" and f.hint == "did you mean 'title'?"
    back = pickle.loads(pickle.dumps(f))
    assert back == f and hash(back) == hash(f) and len(sort([f, back])) == 1
    assert Finding.new("p.yaml", 1, 1, "unused-term", term="x").severity == "warning"
    with pytest.raises(KeyError):
        Finding.new("p.yaml", 1, 1, "no-such-code")
    err = pickle.loads(pickle.dumps(CommandError("worker-lost", status="signal 9")))
    assert type(err) is CommandError and err.message == "a worker process stopped without finishing (signal 9)"
    from plancc.spread import WorkerLost

    lost = pickle.loads(pickle.dumps(WorkerLost("worker-lost", status="signal 9")))
    assert isinstance(lost, WorkerLost) and lost.code == "worker-lost"


def test_json_findings_keep_their_fields_and_add_params(mini):
    edit(mini / "measures.yaml", "into: gis", "into: nowhere")
    _, fs = findings_json(str(mini))
    [f] = fs
    assert list(f) == ["path", "line", "col", "severity", "code", "message", "hint", "width", "params"]
    assert f["params"] == {"target": "nowhere"} and f["message"] == "merge target 'nowhere' does not exist"


# ---------------------------------------------------------------- did you mean

def _unknown_key(fs, name):
    return next(f for f in fs if f["code"] == "unknown-key" and f["params"]["name"] == name)


def test_did_you_mean_draws_only_on_the_fields_of_the_mapping_the_key_is_in(mini):
    edit(mini / "glossary.yaml", "    reading: すまーとふぉん\n", "    reading: すまーとふぉん\n    captio: x\n")
    edit(mini / "chapters/02-shisaku.yaml", "      caption: 図表1 見本", "      captoin: 図表1 見本")
    edit(mini / "measures.yaml", "title: RPAの推進", "titel: RPAの推進")
    edit(mini / "measures.yaml", "class: 重点施策", "clas: 重点施策")
    _, fs = findings_json(str(mini))
    term = _unknown_key(fs, "captio")
    assert "caption" not in term["hint"] and "close" not in term["params"], term  # caption is a Table field
    assert _unknown_key(fs, "captoin")["hint"] == "did you mean 'caption'?"
    assert _unknown_key(fs, "titel")["hint"] == "did you mean 'title'?"
    assert _unknown_key(fs, "clas")["hint"] == "did you mean 'class'?"  # the alias, not class_


def test_the_model_at_an_error_location_is_found_through_blocks_lists_and_unions():
    from plancc import model as m
    from plancc.load import model_at

    assert model_at(m.Chapter, ("blocks", 0, "table", "table")) is m.Table
    assert model_at(m.Chapter, ("blocks", 1, "list", "list", "BulletList")) is m.BulletList
    assert model_at(m.Chapter, ("blocks", 2, "section", "section", "blocks", 0, "p")) is m.P
    assert model_at(m.Policy, ("nodes", 0, "children", 1, "blocks", 0, "policy", "policy")) is m.PolicyView
    assert model_at(m.Measures, ("measures", 0, "variants", 1)) is m.Variant
    assert model_at(m.PlanMeta, ("phases", 0)) is m.Phase
    assert model_at(m.Measures, ("measures", 0, "schedule", "2018")) is None


# ---------------------------------------------------------------- explain

def test_explain_prints_code_severity_summary_explanation_and_examples():
    code, out, _ = run("explain", "unknown-merge-target")
    c = REGISTRY["unknown-merge-target"]
    assert code == 0
    assert out.startswith(f"unknown-merge-target (error): {c.summary}\n")
    assert c.explanation.split()[0] in out and "merge target '{target}' does not exist" in out
    assert "Wrong:\n    fate: {phase: 中期, kind: merged, into: nowhere}" in out
    assert "Right:\n    fate: {phase: 中期, kind: merged, into: gis}" in out
    code, out, _ = run("explain", "worker-lost")
    assert code == 0 and "--jobs 1" in out


def test_explain_without_code_lists_every_code():
    code, out, _ = run("explain")
    assert code == 0
    for c in REGISTRY.values():
        assert f"  {c.code} " in out and c.summary in out


def test_explain_of_an_unknown_code_exits_2_with_did_you_mean():
    code, out, err = run("explain", "unknown-merge-targets")
    assert code == 2 and out == ""
    assert err == ("plancc: error: unknown code 'unknown-merge-targets'\n"
                   "  = hint: did you mean 'unknown-merge-target'?\n")
    code, _, err = run("explain", "xyzzy")
    assert code == 2 and "plancc explain with no code lists every code" in err


def test_docs_findings_md_is_generated_from_the_registry():
    code, out, _ = run("explain", "--markdown")
    assert code == 0
    committed = (REPO / "docs" / "findings.md").read_text(encoding="utf-8")
    assert committed == out, "docs/findings.md is stale: run `plancc explain --markdown > docs/findings.md`"
    for c in REGISTRY.values():
        assert f"\n### {c.code}\n" in out


# ---------------------------------------------------------------- CLI errors and exit codes

def test_cli_errors_go_through_one_function_and_exit_2(tmp_path, mini):
    code, _, err = run("build", str(tmp_path / "missing"))
    assert (code, err) == (2, f"plancc: error: {tmp_path / 'missing'}: no such file or folder\n"
                              "  = hint: check the path; without paths, plancc reads plans/\n")
    code, _, err = run("diff", str(mini))
    assert code == 2 and err.startswith("plancc: error: diff needs two plans")
    code, _, err = run("diff", str(mini), str(mini), "-o", str(tmp_path / "no" / "such" / "report.txt"))
    assert code == 2 and err.startswith(f"plancc: error: cannot write {tmp_path / 'no' / 'such' / 'report.txt'}")
    edit(mini / "measures.yaml", "into: gis", "into: nowhere")
    code, _, err = run("diff", str(mini), str(mini))
    assert code == 2 and "[unknown-merge-target]" in err
    assert err.count("plancc: error:") == 1 and f"plancc: error: {mini}, {mini} has errors" in err


# ---------------------------------------------------------------- the terminal

def test_control_characters_from_a_plan_do_not_reach_the_terminal(tmp_path, mini):
    # a key with ESC (a YAML escape) and RIGHT-TO-LEFT OVERRIDE (typed as it is), in a
    # plan whose folder name has them too, and a newline
    edit(mini / "measures.yaml", "class: 重点施策", '"cl\\e[31mass\u202e": 重点施策')
    sneaky = mini.parent / "mi\x1b[2Jni\u202e\nx"
    mini.rename(sneaky)
    code, _, err = run("validate", str(sneaky))
    assert code == 1
    assert "\x1b" not in err and "\u202e" not in err
    head = next(line for line in err.splitlines() if "[unknown-key]" in line)
    assert head.startswith(str(mini.parent) + "/mi\\x1b[2Jni\\u202e\\nx/measures.yaml:")
    assert "unknown key 'cl\\x1b[31mass\\u202e' in measures" in head
    # the source line is shown escaped, the caret under the key
    lines = err.splitlines()
    i = lines.index(head)
    assert lines[i + 2].endswith('"cl\\e[31mass\\u202e": 重点施策')
    src, caret = lines[i + 2].split("|", 1)[1], lines[i + 3].split("|", 1)[1]
    assert caret.index("^") == src.index('"cl')
    assert caret.count("^") == len('"cl\\e[31mass\\u202e"')


def test_text_rendering_keeps_plain_japanese_text_and_wide_spaces():
    from plancc.findings import visible

    assert visible("全角\u3000スペースと「かぎ括弧」") == "全角\u3000スペースと「かぎ括弧」"
    assert visible("a\tb\x7f\u2028\ufeff") == "a\\tb\\x7f\\u2028\\ufeff"

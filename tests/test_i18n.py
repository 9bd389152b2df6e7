"""plancc speaks Japanese and English: the catalogs are complete and current, the
language follows --lang, PLANCC_LANG and the locale, and every command's help, finding,
summary and error comes out in the chosen one."""

from __future__ import annotations

import json
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from plancc import i18n

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "src" / "plancc" / "locale"
JA = LOCALE / "ja" / "LC_MESSAGES"
KANA = re.compile(r"[\u3040-\u30ff]")  # hiragana and katakana: Japanese sentences always have some
COMMANDS = ["validate", "build", "diff", "schema", "explain"]


def po(domain: str):
    with open(JA / f"{domain}.po", "rb") as f:
        return read_po(f, locale="ja")


def entries(catalog):
    return [m for m in catalog if m.id]


def key(text):
    """A catalog's message id or translation, plural forms as a tuple."""
    return text if isinstance(text, str) else tuple(text)


def slots(text: str) -> set[str]:
    """The placeholders of a template: {name} for str.format, %(name)s and %s for %."""
    names = set()
    try:
        names |= {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError:
        pass
    names |= set(re.findall(r"%\(\w+\)[sd]|%[sd]", text))
    return names


def plancc(*args: str, lang_env: dict | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "PLANCC_LANG")}
    env.update(lang_env or {})
    return subprocess.run([sys.executable, "-m", "plancc", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


JA_ENV = {"LANG": "ja_JP.UTF-8"}
EN_ENV = {"LANG": "C"}


# ---------------------------------------------------------------- the catalogs

def test_the_template_holds_every_message_of_the_sources(tmp_path):
    """plancc.pot is what `make i18n-extract` makes of the sources today."""
    pybabel = Path(sys.executable).parent / "pybabel"
    fresh = tmp_path / "plancc.pot"
    subprocess.run([str(pybabel), "-q", "extract", "-F", "babel.cfg", "--no-wrap", "-o", str(fresh), "."],
                   cwd=REPO, check=True)
    with open(fresh, "rb") as f:
        extracted = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(f) if m.id}
    with open(LOCALE / "plancc.pot", "rb") as f:
        committed = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(f) if m.id}
    assert extracted - committed == set(), "new messages: run `make i18n-update` and translate them"
    assert committed - extracted == set(), "messages no longer in the sources: run `make i18n-update`"
    translated = {m.id if isinstance(m.id, str) else tuple(m.id) for m in entries(po("plancc"))}
    assert translated == committed, "plancc.po is behind plancc.pot: run `make i18n-update`"


@pytest.mark.parametrize("domain", ["plancc", "click"])
def test_every_message_has_japanese_with_the_same_placeholders(domain):
    catalog = entries(po(domain))
    assert len(catalog) > (400 if domain == "plancc" else 60)
    missing, fuzzy, mismatched = [], [], []
    for m in catalog:
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strs = [m.string] if isinstance(m.string, str) else list(m.string)
        if not all(strs):
            missing.append(ids[0])
        if m.fuzzy:
            fuzzy.append(ids[0])
        # one Japanese form serves every count: it has the placeholders of one of the English forms
        if all(strs) and not any(slots(strs[0]) == slots(form) for form in ids):
            mismatched.append(ids[0])
    assert missing == [], f"{len(missing)} messages have no Japanese"
    assert fuzzy == [], "fuzzy translations are not used: check them and remove the fuzzy flag"
    assert mismatched == [], "a translation's {placeholders} differ from its message's"


@pytest.mark.parametrize("domain", ["plancc", "click"])
def test_the_compiled_catalog_is_the_translations(domain):
    """The .mo shipped in the package is `make i18n-compile` of the .po."""
    with open(JA / f"{domain}.mo", "rb") as f:
        compiled = {key(m.id): key(m.string) for m in read_mo(f) if m.id}
    written = {key(m.id): key(m.string) for m in entries(po(domain))}
    assert compiled == written, "run `make i18n-compile`"


# ---------------------------------------------------------------- choosing the language

@pytest.mark.parametrize("argv, env, expected", [
    ([], {}, "en"),
    ([], {"LANG": "ja_JP.UTF-8"}, "ja"),
    ([], {"LANG": "C.UTF-8"}, "en"),
    ([], {"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, "en"),        # LC_ALL wins over LANG
    ([], {"LC_MESSAGES": "ja_JP.eucJP", "LANG": "C"}, "ja"),    # LC_MESSAGES over LANG
    ([], {"PLANCC_LANG": "ja", "LC_ALL": "C"}, "ja"),           # plancc's own over the locale
    (["--lang", "en"], {"PLANCC_LANG": "ja"}, "en"),            # the command line over all
    (["validate", "--lang=ja"], {}, "ja"),
    (["--lang", "fr"], {"LANG": "ja_JP.UTF-8"}, "en"),          # a language plancc lacks: English
    (["diff", "--", "--lang", "ja"], {}, "en"),                 # after --, an argument
])
def test_the_language_is_chosen_from_the_command_line_then_plancc_lang_then_the_locale(argv, env, expected):
    assert i18n.choose(argv, env) == expected


def test_lang_is_taken_off_the_command_line_wherever_it_stands():
    assert i18n.without_lang(["--lang", "ja", "validate", "plans"]) == ["validate", "plans"]
    assert i18n.without_lang(["validate", "--lang=en", "plans"]) == ["validate", "plans"]
    assert i18n.without_lang(["diff", "a", "--", "--lang", "ja"]) == ["diff", "a", "--", "--lang", "ja"]


# ---------------------------------------------------------------- what the user sees

def broken_copies(tmp_path: Path) -> list[Path]:
    """A copy of each bundled plan with mistakes in its plan.yaml and glossary."""
    out = []
    for plan_yaml in sorted((REPO / "plans").rglob("plan.yaml")):
        folder = plan_yaml.parent
        copy = tmp_path / folder.relative_to(REPO / "plans")
        shutil.copytree(folder, copy)
        with open(copy / "plan.yaml", "a", encoding="utf-8") as f:
            f.write("titel: 誤記\n")
        if (copy / "glossary.yaml").exists():
            with open(copy / "glossary.yaml", "a", encoding="utf-8") as f:
                f.write("extra: 1\n")
        out.append(copy)
    assert len(out) >= 4
    return out


def test_validate_speaks_the_locales_language_with_the_same_codes_and_places(tmp_path):
    copies = broken_copies(tmp_path)
    args = ["validate", "--format", "json", *map(str, copies)]
    ja, en = plancc(*args, lang_env=JA_ENV), plancc(*args, lang_env=EN_ENV)
    assert ja.returncode == en.returncode == 1
    ja_f, en_f = json.loads(ja.stdout)["findings"], json.loads(en.stdout)["findings"]
    assert len(ja_f) >= 2 * len(copies) - 1
    where = lambda fs: [(f["path"], f["line"], f["col"], f["code"], f["severity"]) for f in fs]
    assert where(ja_f) == where(en_f)
    for j, e in zip(ja_f, en_f):
        assert KANA.search(j["message"]) and KANA.search(j["hint"]), j
        assert not KANA.search(e["hint"].replace("誤記", "")), e
        assert j["message"] != e["message"]


def test_the_text_report_is_japanese_and_each_finding_line_ends_with_its_code(tmp_path):
    [copy, *_] = broken_copies(tmp_path)
    proc = plancc("validate", str(copy), lang_env=JA_ENV)
    heads = [line for line in proc.stderr.splitlines() if line.startswith(str(copy))]
    assert heads and all(re.search(r": (エラー|警告): .+ \[[a-z-]+\]$", h) for h in heads), heads
    assert any("[unknown-key]" in h and "titel" in h for h in heads)
    assert "ヒント:" in proc.stderr
    assert re.search(r"計画.*エラー", proc.stderr.splitlines()[-1]), proc.stderr.splitlines()[-1]
    en = plancc("validate", str(copy), lang_env=EN_ENV)
    assert "= hint:" in en.stderr and "error: unknown key 'titel'" in en.stderr


def test_lang_and_plancc_lang_override_the_locale(tmp_path):
    [copy, *_] = broken_copies(tmp_path)
    assert "ヒント:" in plancc("--lang", "ja", "validate", str(copy), lang_env=EN_ENV).stderr
    assert "ヒント:" in plancc("validate", "--lang", "ja", str(copy), lang_env=EN_ENV).stderr
    assert "hint:" in plancc("validate", str(copy), "--lang=en", lang_env=JA_ENV).stderr
    assert "ヒント:" in plancc("validate", str(copy), lang_env={"PLANCC_LANG": "ja", "LANG": "C"}).stderr


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_japanese_under_a_japanese_locale(command):
    ja = plancc(*command, "--help", lang_env=JA_ENV)
    assert ja.returncode == 0, ja.stderr
    assert "使い方" in ja.stdout and "オプション" in ja.stdout
    for english in ("Usage:", "Options", "Show this message", "Examples:", "Exit status"):
        assert english not in ja.stdout, (english, ja.stdout)
    en = plancc(*command, "--help", lang_env=EN_ENV)
    assert "Usage:" in en.stdout and not KANA.search(en.stdout.replace("地域情報化計画", "")
                                                        .replace("前期 中期", "").replace("新旧対照表", "")
                                                        .replace("改正後", ""))


def test_usage_errors_and_command_errors_are_japanese(tmp_path):
    missing = plancc("validate", str(tmp_path / "nowhere"), lang_env=JA_ENV)
    assert missing.returncode == 2 and "plancc: エラー:" in missing.stderr and "ヒント:" in missing.stderr
    bad = plancc("validate", "--format", "xml", lang_env=JA_ENV)
    assert bad.returncode == 2 and "エラー" in bad.stderr and "Error" not in bad.stderr


def test_explain_in_both_languages():
    ja = plancc("explain", "unknown-key", lang_env=JA_ENV)
    en = plancc("explain", "unknown-key", lang_env=EN_ENV)
    assert ja.returncode == en.returncode == 0
    assert KANA.search(ja.stdout) and "unknown-key" in ja.stdout
    assert "Wrong:" in en.stdout and "Wrong:" not in ja.stdout
    listing = plancc("explain", lang_env=JA_ENV)
    assert all(KANA.search(line) for line in listing.stdout.splitlines() if line.startswith("  ") and line.strip())


def test_build_and_diff_report_in_japanese(tmp_path):
    mini = REPO / "tests" / "fixtures" / "mini"
    built = plancc("build", str(mini), "-o", str(tmp_path / "out"), lang_env=JA_ENV)
    assert built.returncode == 0, built.stderr
    assert "問題はありません" in built.stderr or "問題" in built.stderr
    assert "wrote" not in built.stderr
    diff = plancc("diff", "plans/iizuka/2021", "--phases", "前期", "中期", lang_env=JA_ENV)
    assert diff.returncode == 1 and "differences" not in diff.stdout
    md = plancc("diff", "plans/iizuka/2021", "--phases", "前期", "中期", "-f", "md", lang_env=JA_ENV)
    assert "| 種類 |" in md.stdout or "種類" in md.stdout

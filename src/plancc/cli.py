"""plancc's command line: a thin layer over load → check → render."""

from __future__ import annotations

import functools
import sys
from enum import Enum
from pathlib import Path
from typing import NoReturn, Optional

import typer

from . import __version__
from .errors import CommandError
from .i18n import N_, _, fill, render

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=_("""Compile a city's ICT plan (地域情報化計画) kept as YAML.

A plan is a folder holding plan.yaml (see docs/authoring.md). Typical use:

  plancc validate                     check every plan under plans/

  plancc build plans/iizuka           write Markdown and CSV into build/

  plancc schema plan > plan.schema.json

  plancc explain unknown-key          what a finding means, and its fix

Exit status, the same for every command: 0 success; 1 the plan has errors (validate,
build) or the plans differ (diff); 2 trouble (misuse, a missing path, an output that
cannot be written, a lost worker process, git failing).
"""),
)


def _fail(err: CommandError) -> NoReturn:
    """The one place a command's trouble is printed: `plancc: error: …`, a hint, exit 2."""
    from .findings import visible

    if err.shown_before:
        sys.stderr.write(err.shown_before)
    sys.stderr.write(render(N_("plancc: error: {message}"), {"message": visible(err.message)}) + "\n")
    if err.hint:
        sys.stderr.write(f"  = {_('hint:')} {visible(err.hint)}\n")
    raise typer.Exit(2)


def command(help: str):
    """app.command() with its help (translated where it is written), and every
    CommandError the command raises reported by _fail."""
    def register(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except CommandError as err:
                _fail(err)
        return app.command(help=help)(run)
    return register


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"


JOBS_HELP = _("Worker processes for many plans (default: one per CPU core; 1 works in this process).")


def _version(value: bool):
    if value:
        typer.echo(f"plancc {__version__}")
        raise typer.Exit()


def _lang(value: Optional[str]):
    # the console script chose the language before the command line was built; this is
    # for a run through the app itself (tests, python -c), where messages follow it
    if value:
        from . import i18n

        i18n.setup(i18n.choose(["--lang", value], {}))


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help=_("Print the version and exit.")),
          lang: Optional[str] = typer.Option(None, "--lang", callback=_lang, is_eager=True, metavar="ja|en",
                                             help=_("Language of messages: ja or en (default: PLANCC_LANG, "
                                                    "then the locale: LC_ALL, LC_MESSAGES, LANG)."))):
    pass


def _check_paths(paths: list[Path]) -> None:
    for p in paths:
        if not p.exists():
            raise CommandError("no-such-path", path=str(p))


@command(_("""Check plans: the schema of every file and every cross-reference.

Every finding of the run is printed as `path:line:col: error: message [CODE]`,
with the line, a caret under the spot and a hint.

Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors,
2 on trouble (misuse, a missing path, a lost worker process).

Examples:

  plancc validate

  plancc validate plans/iizuka/2021

  plancc validate --format github plans
"""))
def validate(
    paths: Optional[list[Path]] = typer.Argument(None, help=_("Plan folders, or folders holding plans (default: plans).")),
    format: Format = typer.Option(Format.text, "--format", "-f", help=_("text (for people), json, or github (annotations).")),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help=JOBS_HELP),
):
    from .pipeline import validate_paths

    paths = paths or [Path("plans")]
    _check_paths(paths)
    result = validate_paths(paths, jobs)
    _report(result.findings, len(result.folders), format)
    if result.problem:
        raise result.problem
    raise typer.Exit(1 if any(f.is_error for f in result.findings) else 0)


def _report(findings, nplans: int, format: Format) -> None:
    from . import findings as fmt

    if format is Format.json:
        sys.stdout.write(fmt.render_json(findings, nplans))
    elif format is Format.github:
        sys.stdout.write(fmt.render_github(findings))
    else:
        files: dict[str, list[str] | None] = {}

        def lines_of(path):
            # only files with findings are read again, each once, to show their lines
            if path not in files:
                try:
                    files[path] = Path(path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
                except OSError:
                    files[path] = None
            return files[path]
        color = sys.stderr.isatty()
        if findings:
            sys.stderr.write(fmt.render_text(findings, lines_of, color))
        sys.stderr.write(fmt.summary(findings, nplans) + "\n")


@command(_("""Validate, then write each plan's documents into OUT.

Per plan, by format (--format, separated by commas; default: every format this
machine can build, naming what the others need):

  pdf   plan.pdf, for A4 print and the city's website (tagged, with bookmarks)

  docx  plan.docx, for drafts circulated in Word

  xlsx  schedule.xlsx, the schedule grid for Excel

  html  plan.html, one self-contained page

  md    plan.md, for a repository or a pull request

  csv   schedule.csv, schedule-long.csv and datapackage.json, open data

OUT mirrors the plan folders: plans/iizuka/2021 is built into OUT/iizuka/2021, and a
plan's folder holds what this build wrote, nothing older. Nothing is written when any
plan has errors, and earlier outputs stay as they were.

Exit status: 0 when everything was written, 1 when a plan has errors (nothing is
written), 2 on trouble (misuse, a missing path, a format that cannot be built here, an
output that cannot be written, a lost worker process).

Examples:

  plancc build

  plancc build plans/toride -o public

  plancc build --format pdf,xlsx
"""))
def build(
    paths: Optional[list[Path]] = typer.Argument(None, help=_("Plan folders, or folders holding plans (default: plans).")),
    out: Path = typer.Option(Path("build"), "--out", "-o", help=_("Output folder (created if missing).")),
    formats: Optional[str] = typer.Option(None, "--format", "-f", metavar="pdf,docx,xlsx,html,md,csv",
                                          help=_("Output formats, separated by commas (default: every format this machine can build).")),
    findings: Format = typer.Option(Format.text, "--findings", help=_("How to print findings: text, json or github.")),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help=JOBS_HELP),
):
    from .pipeline import build_paths, choose_formats

    paths = paths or [Path("plans")]
    _check_paths(paths)
    chosen, left_out = choose_formats(_formats(formats))
    result = build_paths(paths, out, jobs, chosen)
    for note in left_out + result.notes:
        sys.stderr.write(fill(_("plancc: {note}"), {"note": note}) + "\n")
    _report(result.findings, len(result.folders), findings)
    if result.problem:
        raise result.problem
    if any(f.is_error for f in result.findings):
        sys.stderr.write(_("plancc: nothing was written") + "\n")
        raise typer.Exit(1)
    wrote = _("wrote {path}")
    for path in result.written:
        sys.stderr.write(fill(wrote, {"path": path}) + "\n")


def _formats(value: str | None) -> list[str] | None:
    """--format pdf,docx → ["pdf", "docx"]; None when not given."""
    from .render import FORMATS

    if value is None:
        return None
    chosen = []
    for name in (x.strip().lower() for x in value.split(",")):
        if not name:
            continue
        if name not in FORMATS:
            form = "findings" if name in {f.value for f in Format} else None
            raise CommandError("unknown-format", form=form, format=name, known=", ".join(FORMATS))
        chosen.append(name)
    if not chosen:
        raise CommandError("unknown-format", format=value, known=", ".join(FORMATS))
    return chosen


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"


class Columns(str, Enum):
    new_old = "new-old"
    old_new = "old-new"


@command(_("""Show what changed between two revisions of a plan, measure by measure.

Measures are matched by their id, then by similar title and text, so a renumbered
measure shows as renumbered, not as removed and added. Prose, goals and glossary
terms are compared too; text changes are shown character by character. When one
side is an excerpt, only the chapters both sides hold are compared.

Exit status, as diff(1): 0 no differences, 1 differences, 2 trouble.

Examples:

  plancc diff plans/iizuka/2021 --phases 前期 中期

  plancc diff main:plans/iizuka/2021 plans/iizuka/2021 --format md

  plancc diff plans/toride/4th plans/toride/5th --format html -o taisho.html
"""))
def diff(
    old: str = typer.Argument(..., help=_("The old side: a plan folder, or REV:PATH from git (main:plans/iizuka/2021).")),
    new: Optional[str] = typer.Argument(None, help=_("The new side (omit with --phases).")),
    phases: Optional[tuple[str, str]] = typer.Option(None, "--phases", help=_("Compare two phases of one plan: --phases 前期 中期.")),
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help=_("text, md (pull requests), html (新旧対照表) or json.")),
    columns: Columns = typer.Option(Columns.new_old, "--columns", help=_("html: 改正後 on the left (new-old, as ministries do) or on the right (old-new).")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=_("Write the report to this file instead of standard output.")),
):
    from .diff.command import run_diff

    code, text = run_diff(old, new, phases, format.value, columns.value)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError("report-unwritable", path=str(output), reason=exc.strerror or str(exc)) from None
    else:
        sys.stdout.write(text)
    raise typer.Exit(code)


class SchemaKind(str, Enum):
    plan = "plan"
    chapter = "chapter"
    glossary = "glossary"
    policy = "policy"
    measures = "measures"


@command(_("""Print the JSON Schema of one kind of plan file.

Editors use it to complete and check as you type; the bundled plans point to the
copies in schema/ with a first line such as

  # yaml-language-server: $schema=../../../schema/plan.schema.json

Example:

  plancc schema measures > schema/measures.schema.json
"""))
def schema(kind: SchemaKind = typer.Argument(SchemaKind.plan, help=_("Which file: plan, chapter, glossary, policy or measures."))):
    import json

    from .model import FILE_MODELS

    doc = FILE_MODELS[kind.value].model_json_schema(by_alias=True)
    doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    doc["title"] = f"plancc {kind.value} file"
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


@command(_("""Explain a finding code: what it means, an example that gets it, and the fix.

Without CODE, list every code with its summary.

Examples:

  plancc explain

  plancc explain unknown-key

  plancc explain --markdown > docs/findings.md
"""))
def explain(
    code: Optional[str] = typer.Argument(None, help=_("A code: the word in brackets after error or warning (unknown-key), or a command error's.")),
    markdown: bool = typer.Option(False, "--markdown", help=_("Print Markdown; without CODE, the whole of docs/findings.md.")),
):
    from . import explain as ex

    if code is None:
        sys.stdout.write(ex.markdown() if markdown else ex.listing())
    else:
        entry = ex.lookup(code)
        sys.stdout.write(ex.markdown_one(entry) if markdown else ex.text(entry))


def _terminate(signum, frame):
    # unwinding (instead of dying) lets the writer remove its staging folder
    raise SystemExit(128 + signum)


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        sys.stderr.write(_("plancc: interrupted") + "\n")
        sys.exit(130)

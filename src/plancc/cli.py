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
    no_args_is_help=True,
    rich_markup_mode=None,
    help=_("""Compile a city's ICT plan (地域情報化計画) kept as YAML.

A plan is a folder holding plan.yaml (see docs/authoring.md). Typical use:

  plancc init kakuu --city 架空市      start a repository for a city's plan

  plancc validate                     check every plan under plans/

  plancc serve                        preview while you edit

  plancc build plans/iizuka           write Markdown and CSV into build/

  plancc schema plan > plan.schema.json

  plancc explain unknown-key          what a finding means, and its fix

Exit status, the same for every command: 0 success; 1 the plan has errors (validate,
build) or the plans differ (diff); 2 trouble (misuse, a missing path, an output that
cannot be written, a lost worker process, git failing).
"""),
)


def _fail(err: CommandError) -> NoReturn:
    """A command's trouble: printed by _say, exit 2."""
    _say(err)
    raise typer.Exit(2)


def _say(err: CommandError) -> None:
    """The one place a command's trouble is printed: `plancc: error: …` and a hint."""
    from .findings import visible

    if err.code == "output-failed" and dict(err.params).get("quiet"):
        return  # the reader of a pipe went away: nobody wants to hear more
    if err.shown_before:
        sys.stderr.write(err.shown_before)
    sys.stderr.write(render(N_("plancc: error: {message}"), {"message": visible(err.message)}) + "\n")
    if err.hint:
        sys.stderr.write(f"  = {_('hint:')} {visible(err.hint)}\n")


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


def _stdout(text: str) -> None:
    """The one way a report reaches standard output; a full device or a closed pipe is
    trouble like any other (exit 2), not a traceback."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        raise _output_failed(exc) from None


def _output_failed(exc: OSError) -> CommandError:
    import errno
    import os

    # nothing more may reach the broken output, not even when Python flushes it at exit
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    if exc.errno == errno.EPIPE:
        return CommandError("output-failed", reason=exc.strerror or str(exc), quiet=True)
    return CommandError("output-failed", reason=exc.strerror or str(exc))


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
        _stdout(fmt.render_json(findings, nplans))
    elif format is Format.github:
        _stdout(fmt.render_github(findings))
    else:
        from .yamlsource import source_lines

        files: dict[str, list[str] | None] = {}

        def lines_of(path):
            # only files with findings are read again, each once, to show their lines: by
            # the same careful reader (never a link, a FIFO or a device), split the same way
            if path not in files:
                files[path] = source_lines(path)
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

A plan with progress records (progress/*.yaml) gets its progress report too:
progress.md, progress.html and progress.csv (counts and shares by status and
direction, per policy node, a measure by year grid, indicators).

OUT mirrors the plan folders: plans/iizuka/2021 is built into OUT/iizuka/2021, and a
plan's folder holds what this build wrote, nothing older. Nothing is written when any
plan has errors, or warnings that build refuses (unless --allow-warnings), and earlier
outputs stay as they were.

Exit status: 0 when everything was written, 1 when a plan has errors or warnings build
refuses (nothing is written), 2 on trouble (misuse, a missing path, a format that cannot be built here, an
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
    allow_warnings: bool = typer.Option(False, "--allow-warnings",
                                        help=_("Build although a plan has warnings that build refuses "
                                               "(fullwidth-ref-text: text in ［［…］］ that names no term).")),
):
    from .pipeline import build_paths, choose_formats

    paths = paths or [Path("plans")]
    _check_paths(paths)
    chosen, left_out = choose_formats(_formats(formats))
    result = build_paths(paths, out, jobs, chosen, allow_warnings)
    from .findings import visible

    for note in left_out + result.notes:
        sys.stderr.write(visible(fill(_("plancc: {note}"), {"note": note})) + "\n")
    _report(result.findings, len(result.folders), findings)
    if result.problem:
        raise result.problem
    if any(f.is_error for f in result.findings):
        sys.stderr.write(_("plancc: nothing was written") + "\n")
        raise typer.Exit(1)
    if result.refused:
        sys.stderr.write(_("plancc: nothing was written: build refuses the warnings above; "
                           "--allow-warnings builds anyway") + "\n")
        raise typer.Exit(1)
    wrote = _("wrote {path}")
    for path in result.written:
        sys.stderr.write(fill(wrote, {"path": visible(path)}) + "\n")


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
    docx = "docx"
    json = "json"


class Columns(str, Enum):
    new_old = "new-old"
    old_new = "old-new"


class Fit(str, Enum):
    comment = "comment"
    summary = "summary"
    none = "none"


@command(_("""Show what changed between two revisions of a plan, measure by measure.

Measures are matched by their id, then by similar title and text, so a renumbered
measure shows as renumbered, not as removed and added. Every field is compared: a
measure's number, title, text, class, marks, tags, departments, parent, fate and each
schedule cell; policy nodes; chapters, paragraphs, lists, tables cell by cell, figures
and notes; glossary terms; plan.yaml. Text changes are shown character by character.
When one side is an excerpt, only the chapters both sides hold are compared.

html and docx write the 新旧対照表 (Word: A4 landscape, changes underlined); its words
and column order come from plan.yaml (taisho:). md fits a pull-request comment;
--summary prints one line for a check run.

Exit status, as diff(1): 0 no differences, 1 differences, 2 trouble.

Examples:

  plancc diff plans/iizuka/2021 --phases 前期 中期

  plancc diff main:plans/iizuka/2021 plans/iizuka/2021 --format md

  plancc diff plans/toride/4th plans/toride/5th --format html -o taisho.html

  plancc diff plans/toride/4th plans/toride/5th --format docx -o taisho.docx
"""))
def diff(
    old: str = typer.Argument(..., help=_("The old side: a plan folder, or REV:PATH from git (main:plans/iizuka/2021).")),
    new: Optional[str] = typer.Argument(None, help=_("The new side (omit with --phases).")),
    phases: Optional[tuple[str, str]] = typer.Option(None, "--phases", help=_("Compare two phases of one plan: --phases 前期 中期.")),
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help=_("text, md (pull requests), html or docx (新旧対照表), or json.")),
    columns: Optional[Columns] = typer.Option(None, "--columns", help=_("html, docx: 改正後 on the left (new-old, as ministries do) or on the right (old-new); default from plan.yaml taisho.columns, else new-old.")),
    labels: Optional[str] = typer.Option(None, "--labels", help=_("html, docx: the two column labels, new first, separated by a comma (改正案,現行); default from plan.yaml taisho.new and taisho.old.")),
    fit: Fit = typer.Option(Fit.comment, "--fit", help=_("md: cut the report to fit a pull-request comment (65,536 characters), a job summary (1 MiB), or none.")),
    summary: bool = typer.Option(False, "--summary", help=_("Print one line (how many differences, of which kind), fit for a check run's title.")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=_("Write the report to this file instead of standard output.")),
):
    from .diff.command import run_diff

    pair = None
    if labels is not None:
        parts = [p.strip() for p in labels.replace("、", ",").split(",")]
        if len(parts) != 2 or not all(parts):
            raise CommandError("bad-labels", labels=labels)
        pair = (parts[0], parts[1])
    if format is DiffFormat.docx and output is None and not summary and sys.stdout.isatty():
        raise CommandError("docx-needs-output")
    code, text = run_diff(old, new, phases, format.value, columns.value if columns else None,
                          labels=pair, fit=fit.value, summary=summary)
    if output is not None:
        try:
            if isinstance(text, bytes):
                output.write_bytes(text)
            else:
                output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError("report-unwritable", path=str(output), reason=exc.strerror or str(exc)) from None
    elif isinstance(text, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
    else:
        _stdout(text)
    raise typer.Exit(code)


class SchemaKind(str, Enum):
    plan = "plan"
    chapter = "chapter"
    glossary = "glossary"
    policy = "policy"
    measures = "measures"
    progress = "progress"


@command(_("""Print the JSON Schema of one kind of plan file, or write all of them into a folder.

Editors use them to complete and check as you type. A repository made by plancc init
keeps them in schema/ and maps them to the plan files in .vscode/settings.json; after
updating plancc, write them again with --write. A single file can also name its
schema in its first line:

  # yaml-language-server: $schema=../../schema/plan.schema.json

Examples:

  plancc schema measures > schema/measures.schema.json

  plancc schema --write schema
"""))
def schema(kind: SchemaKind = typer.Argument(SchemaKind.plan, help=_("Which file: plan, chapter, glossary, policy, measures or progress.")),
           write: Optional[Path] = typer.Option(None, "--write", metavar="DIR",
                                                help=_("Write the schemas of every kind into DIR (KIND is ignored)."))):
    from .kit.scaffold import schema_text, write_schemas

    if write is None:
        _stdout(schema_text(kind.value))
        return
    wrote = _("wrote {path}")
    for path in write_schemas(write):
        sys.stderr.write(fill(wrote, {"path": path}) + "\n")


@command(_("""Start a repository for a city's plan in DIR: a plan that validates and builds as it
stands, a Japanese README for the office, the editor's schemas, a pre-commit
configuration and a GitHub Actions workflow (validate, build, and the diff of a pull
request as one comment).

DIR must be new or empty (a clone of an empty repository, holding only .git, is fine).
The plan goes into plans/START, START being the first fiscal year of its period.

Examples:

  plancc init kakuu-keikaku --city 架空市

  plancc init . --city 架空市 --title 架空市地域情報化計画 --start 2026 --years 5
"""))
def init(
    folder: Path = typer.Argument(Path("."), metavar="[DIR]", help=_("The new repository's folder (default: the current folder).")),
    city: str = typer.Option(..., "--city", help=_("The city's name, as in the plan (架空市).")),
    title: Optional[str] = typer.Option(None, "--title", help=_("The plan's title (default: CITY地域情報化計画).")),
    start: Optional[int] = typer.Option(None, "--start", metavar="YEAR", help=_("First fiscal year of the period (default: next fiscal year).")),
    years: int = typer.Option(5, "--years", metavar="N", help=_("Length of the period in fiscal years (2 to 20).")),
    section: str = typer.Option("総務部情報政策課", "--section", help=_("The section responsible for the plan.")),
    adopted: Optional[str] = typer.Option(None, "--adopted", metavar="YYYY-MM",
                                          help=_("Adoption date, if adopted already (default: none; the plan is a draft, draft: true).")),
    plancc: Optional[str] = typer.Option(None, "--plancc", metavar="REQUIREMENT",
                                         help=_("How the repository's CI installs plancc, such as "
                                                "git+https://github.com/OWNER/plancc@v0.1.0 (default: where this "
                                                "plancc was installed from)."))):
    from .kit.scaffold import init as scaffold

    made = scaffold(folder, city, title, start=start, years=years, section=section, adopted=adopted, plancc=plancc)
    for note in made.notes:
        sys.stderr.write(fill(_("plancc: {note}"), {"note": note}) + "\n")
    sys.stderr.write(fill(_("created {count} files in {folder}; the plan is in {plan}"),
                          {"count": len(made.files), "folder": folder, "plan": made.plan.as_posix()}) + "\n")
    if folder.resolve() == Path.cwd().resolve():
        sys.stderr.write(_("next: plancc validate, then plancc serve; README.md says more") + "\n")
    else:
        sys.stderr.write(fill(_("next: cd {folder}, then plancc validate, plancc serve; README.md says more"),
                              {"folder": folder}) + "\n")


@command(_("""Start the next edition of a plan in NEW, from the current one in OLD.

NEW is a copy of OLD moved on by the length of the period: the period, the phases and
the years of every schedule move on, 新規 marks are taken off the measures, the adoption
date gives way to draft: true (the plan builds as a draft, 策定前（案）, until the
editor writes the date in its place) and earlier revisions are removed. A 第N次
edition becomes 第N+1次, in the title too. Measure ids are kept, so `plancc diff OLD
NEW` shows the revision measure by measure. Comments and formatting of the YAML files are kept; prose is not
changed (years in it are for the editor to review).

Examples:

  plancc new-edition plans/2026 plans/2031

  plancc diff plans/2026 plans/2031
"""))
def new_edition(
    old: Path = typer.Argument(..., help=_("The current edition's folder (holding plan.yaml).")),
    new: Path = typer.Argument(..., help=_("The new edition's folder (must not exist yet).")),
):
    from .kit.edition import new_edition as start

    made = start(old, new)
    for note in made.notes:
        sys.stderr.write(fill(_("plancc: {note}"), {"note": note}) + "\n")
    sys.stderr.write(fill(_("created {new} from {old}: period {start}-{end}"),
                          {"new": new, "old": old, "start": made.start, "end": made.end}) + "\n")


@command(_("""Preview plans in the browser while you edit them.

Serves the built pages on http://127.0.0.1:PORT/ (this computer only) and rebuilds a
plan whenever one of its files is saved; the open page reloads by itself. When the plan
has errors, the page shows them at the top, in the language of messages, with the last
good preview below them. Stop with Ctrl+C.

Examples:

  plancc serve

  plancc serve plans/2026 --port 8001
"""))
def serve(
    path: Path = typer.Argument(Path("plans"), metavar="[PATH]", help=_("A plan folder, or a folder holding plans (default: plans).")),
    port: Optional[int] = typer.Option(None, "--port", "-p", min=0, max=65535,
                                       help=_("Port on 127.0.0.1 (default: the first free one from 8000; 0: any free one).")),
    open_browser: bool = typer.Option(False, "--open", help=_("Open the preview in the web browser.")),
):
    from .serve import run

    _check_paths([path])
    run(path, port, open_browser)


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
        _stdout(ex.markdown() if markdown else ex.listing())
    else:
        entry = ex.lookup(code)
        _stdout(ex.markdown_one(entry) if markdown else ex.text(entry))


def _terminate(signum, frame):
    # unwinding (instead of dying) lets the writer remove its staging folder
    raise SystemExit(128 + signum)


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which typer turns into a silent exit 130 before
    main() could say anything; like one, it unwinds (the staging folder is removed)."""


def _interrupt(signum, frame):
    raise Interrupted()


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started ignoring it
        signal.signal(signal.SIGINT, _interrupt)
    try:
        try:
            app(standalone_mode=True)
        finally:
            try:  # what is still buffered reaches the output now, where a failure can be said
                sys.stdout.flush()
            except OSError as exc:
                _say(_output_failed(exc))
                sys.exit(2)
    except (Interrupted, KeyboardInterrupt):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not cut the message
        sys.stderr.write(_("plancc: interrupted") + "\n")
        sys.exit(130)

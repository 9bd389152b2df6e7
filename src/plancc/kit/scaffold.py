"""`plancc init`: a new repository for a city's plan, and the editors' JSON Schemas.

What is written (every file from a template in files/, Japanese):

    README.md                     how the office edits, previews, opens a pull request
    .gitignore, .gitattributes    build outputs ignored; LF line endings on Windows too
    requirements.txt              the plancc this repository uses (CI and pre-commit)
    .vscode/settings.json         yaml.schemas: schema/*.schema.json by file pattern
    .vscode/extensions.json       the YAML extension recommended
    .pre-commit-config.yaml       plancc validate before each commit
    .github/workflows/plan.yml    validate, build, upload, diff as one pull-request comment
    schema/*.schema.json          what `plancc schema --write schema` writes
    plans/<start year>/           a plan that validates and builds as it stands
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import CommandError
from ..fiscal import FiscalYear
from ..i18n import N_, Phrase

KINDS = ("plan", "chapter", "glossary", "policy", "measures", "progress")
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# template in files/ → where it goes in the new repository (the plan's files go into its folder)
REPOSITORY_FILES = {
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "gitattributes": ".gitattributes",
    "requirements.txt": "requirements.txt",
    "vscode-settings.json": ".vscode/settings.json",
    "vscode-extensions.json": ".vscode/extensions.json",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "workflows/plan.yml": ".github/workflows/plan.yml",
}
PLAN_FILES = ("plan.yaml", "chapters/01-keikaku.yaml", "glossary.yaml", "policy.yaml", "measures.yaml")
MAY_EXIST = {".git"}  # a freshly cloned empty repository is an empty folder for init


# ---------------------------------------------------------------- the schemas

def schema_document(kind: str) -> dict:
    """The JSON Schema of one kind of plan file (what `plancc schema KIND` prints)."""
    from ..schema import json_schema

    return json_schema(kind)


def schema_text(kind: str) -> str:
    return json.dumps(schema_document(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """schema/<kind>.schema.json for every kind into `folder` (created if missing)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for kind in KINDS:
            path = folder / f"{kind}.schema.json"
            path.write_text(schema_text(kind), encoding="utf-8", newline="\n")
            written.append(path)
    except OSError as exc:
        raise CommandError("kit-write-failed", path=str(exc.filename or folder),
                           reason=exc.strerror or str(exc)) from None
    return written


# ---------------------------------------------------------------- templates

class _Template(string.Template):
    # @@name: no clash with YAML's {…}, label templates' {number} or GitHub's ${{ … }}
    delimiter = "@@"
    idpattern = r"[a-z_]+"


def template(name: str) -> str:
    return resources.files(__package__).joinpath("files", name).read_text(encoding="utf-8")


def fill(name: str, values: dict[str, str]) -> str:
    """Template `name` of files/ with its @@slots filled; a slot without a value fails."""
    return _Template(template(name)).substitute(values)


# ---------------------------------------------------------------- where plancc comes from

@dataclass
class Source:
    """How the new repository installs plancc: a pip requirement, and for pre-commit the
    git repository and revision of plancc when it was installed from one."""

    requirement: str | None  # None: unknown (installed from a local folder or file)
    git_url: str | None = None
    git_rev: str | None = None


def installed_source() -> Source:
    """Where this plancc was installed from, by its PEP 610 record (direct_url.json):
    a git URL and commit, a wheel's URL, or (no record) a package index."""
    from importlib import metadata

    from .. import __version__

    try:
        dist = metadata.distribution("plancc")
    except metadata.PackageNotFoundError:
        return Source(None)
    if dist.version != __version__:  # another plancc than the one running (a source checkout)
        return Source(None)
    text = dist.read_text("direct_url.json")
    if not text:
        return Source(f"plancc=={__version__}")
    try:
        info = json.loads(text)
    except ValueError:
        return Source(None)
    url = info.get("url", "")
    vcs = info.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and vcs.get("commit_id") and url.startswith("https://"):
        return Source(f"plancc @ git+{url}@{vcs['commit_id']}", url, vcs["commit_id"])
    if "archive_info" in info and url.startswith("https://"):
        return Source(f"plancc @ {url}")
    return Source(None)


def given_source(spec: str) -> Source:
    """--plancc SPEC: a pip requirement, or git+https://…@REV (a tag or commit)."""
    spec = spec.strip()
    m = re.fullmatch(r"(?:plancc\s*@\s*)?git\+(https://\S+?)(?:\.git)?@([\w./-]+)", spec)
    if m:
        return Source(f"plancc @ git+{m[1]}@{m[2]}", m[1], m[2])
    if spec.startswith(("https://", "http://")):
        return Source(f"plancc @ {spec}")
    return Source(spec)


def _hook(source: Source) -> str:
    """The plancc entry of .pre-commit-config.yaml."""
    if source.git_url:
        # plancc's own repository: its .pre-commit-hooks.yaml defines plancc-validate
        return (f"  - repo: {source.git_url}\n"
                f"    rev: {source.git_rev}\n"
                "    hooks:\n"
                "      - id: plancc-validate\n")
    head = ("  - repo: local\n"
            "    hooks:\n"
            "      - id: plancc-validate\n"
            "        name: plancc validate（計画の検査）\n"
            "        entry: plancc validate\n"
            "        pass_filenames: false\n"
            "        files: ^plans/.*\\.ya?ml$\n")
    if source.requirement:
        return head + "        language: python\n" + f"        additional_dependencies: [{json.dumps(source.requirement, ensure_ascii=False)}]\n"
    # unknown source: the plancc installed by `pip install -r requirements.txt`
    return head + "        language: system\n"


def _requirement_line(source: Source) -> str:
    if source.requirement:
        return source.requirement
    return ("# plancc を入れた URL を書いてください（例: plancc @ git+https://github.com/…/plancc@v0.1.0）。\n"
            "# 書くまでは、GitHub Actions で plancc を入れられません。")


# ---------------------------------------------------------------- the plan

def next_fiscal_year(today=None) -> int:
    """The fiscal year after the current one (a plan is drafted the year before it starts)."""
    from datetime import date

    today = today or date.today()
    return (today.year if today.month >= 4 else today.year - 1) + 1


def _phases(start: int, years: int) -> list[tuple[str, int, int]]:
    first = (years + 1) // 2
    return [("前期", start, start + first - 1), ("後期", start + first, start + years - 1)]


def _schedule(start: int, stages: list[str], years: int) -> str:
    """Schedule lines under `schedule:`: a stage for each year, ⇒ once it just continues."""
    cells = (stages + ["⇒"] * years)[:years]
    return "\n".join(f"      {start + i}: {cell}" for i, cell in enumerate(cells))


def plan_values(city: str, title: str, section: str, start: int, years: int, adopted: str | None) -> dict:
    phases = _phases(start, years)
    return {
        "city": city, "title": title, "section": section,
        "adoption": (f"adopted: {adopted}".ljust(28) + " # 策定日" if adopted else
                     f"draft: true                  # 策定前の案です（「策定前（案）」と表示されます）。"
                     f"策定したら、この行を adopted: {start}-03 のように策定日に書き換えます"),
        "start": str(start), "end": str(start + years - 1), "years": str(years),
        "start_label": FiscalYear(start).label("both"), "end_label": FiscalYear(start + years - 1).label("both"),
        "phases": "\n".join(f"  - {{name: {n}, start: {s}, end: {e}}}" for n, s, e in phases),
        "schedule_online": _schedule(start, ["検討", "構築", "運用"], years),
        "schedule_open_data": _schedule(start, ["検討", "運用"], years),
    }


def _yaml_text(value: str) -> str:
    """A text value for plan.yaml as it was typed, quoted when YAML would read it otherwise."""
    if re.search(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|[:#]\s|\s$|^(null|true|false|~)$", value, re.I) or not value:
        return json.dumps(value, ensure_ascii=False)
    return value


# ---------------------------------------------------------------- init

@dataclass
class Created:
    folder: Path
    plan: Path  # the plan's folder, relative to `folder`
    files: list[str] = field(default_factory=list)  # relative paths, as written
    notes: list[Phrase] = field(default_factory=list)


def check_target(folder: Path) -> None:
    """Refuse a DIR that is a file, or a folder holding anything but .git."""
    if folder.exists() or folder.is_symlink():
        if not folder.is_dir():
            raise CommandError("init-not-folder", path=str(folder))
        present = sorted(p.name for p in folder.iterdir() if p.name not in MAY_EXIST)
        if present:
            shown = ", ".join(present[:5]) + (", …" if len(present) > 5 else "")
            raise CommandError("init-not-empty", path=str(folder), shown=shown)


def init(folder: Path, city: str, title: str | None, *, start: int | None = None, years: int = 5,
         section: str = "総務部情報政策課", adopted: str | None = None, plancc: str | None = None) -> Created:
    check_target(folder)
    if not city.strip():
        raise CommandError("init-bad-option", option="--city", value=city)
    title = title or f"{city}地域情報化計画"
    start = start or next_fiscal_year()
    if not 2 <= years <= 20:
        raise CommandError("init-bad-option", option="--years", value=str(years))
    if not 1900 <= start <= 2190:
        raise CommandError("init-bad-option", option="--start", value=str(start))
    if adopted is not None:
        from ..model import DATE_RE

        if not DATE_RE.match(adopted):
            raise CommandError("init-bad-option", option="--adopted", value=adopted)
    source = given_source(plancc) if plancc else installed_source()
    plan_dir = Path("plans") / str(start)
    values = plan_values(_yaml_text(city), _yaml_text(title), _yaml_text(section), start, years, adopted)
    values["upper_plan"] = _yaml_text(f"{city}総合計画")
    # prose is not YAML-quoted: the city's name inside a sentence
    prose = dict(values, city=city, title=title)
    out: dict[str, str] = {}
    for name in PLAN_FILES:
        out[(plan_dir / name).as_posix()] = fill(f"plan/{name}", values if name == "plan.yaml" else prose)
    readme = {"city": city, "title": title, "plan_dir": plan_dir.as_posix(),
              "next_dir": f"plans/{start + years}"}
    for name, dest in REPOSITORY_FILES.items():
        out[dest] = fill(name, {**readme, "requirement": _requirement_line(source), "plancc_hook": _hook(source)})
    created = Created(folder, plan_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for rel, text in out.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="\n") as f:
                f.write(text)
            created.files.append(rel)
    except OSError as exc:
        raise CommandError("kit-write-failed", path=str(exc.filename or folder),
                           reason=exc.strerror or str(exc)) from None
    created.files += [p.relative_to(folder).as_posix() for p in write_schemas(folder / "schema")]
    if not source.requirement:
        created.notes.append(Phrase(N_("requirements.txt does not name plancc yet: this plancc was installed "
                                       "from a local folder or file, so where a city's CI can install it from "
                                       "is unknown. Write its pip requirement there (or run init with "
                                       "--plancc git+https://…/plancc@TAG)")))
    return created

"""A side of `plancc diff`: a plan folder, or REV:PATH read from git without a checkout."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from ..errors import CommandError
from ..paths import confined

REV_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/@{}~^-]*$")


class SideError(CommandError):
    """A side of diff cannot be had (exit 2)."""


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SideError("git-failed", form="run", detail=str(exc)) from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()
        if not detail:  # --quiet: only the status says it failed
            raise SideError("git-failed", form="quiet", command=args[0], status=proc.returncode)
        raise SideError("git-failed", command=args[0], detail=detail)
    return proc.stdout


def is_revision_spec(spec: str) -> bool:
    return ":" in spec and not Path(spec).exists()


def materialize(spec: str, workdir: Path) -> Path:
    """Write the plan folder named by REV:PATH into `workdir`; returns its folder there."""
    rev, _, path = spec.partition(":")
    # the revision goes to git as an argument: it must not be able to pass as an option
    if not REV_RE.match(rev):
        raise SideError("bad-revision", rev=rev)
    here = path.startswith("./")
    while path.startswith("./"):  # ./.dotplan is .dotplan: only whole "./" go, never a name's dot
        path = path[2:].lstrip("/")
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not str(rel) or str(rel) == ".":
        raise SideError("bad-repo-path", path=path)
    top = Path(_git(["rev-parse", "--show-toplevel"], Path.cwd()).decode().strip())
    prefix = Path.cwd().resolve().relative_to(top.resolve()) if here else Path()
    full = (PurePosixPath(prefix.as_posix()) / rel).as_posix() if str(prefix) != "." else rel.as_posix()
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top).decode().strip()
    except SideError as exc:
        if dict(exc.params).get("form") != "quiet":
            raise
        raise SideError("no-such-revision", rev=rev) from None
    names = _git(["ls-tree", "-r", "-z", "--name-only", commit, "--", full], top).decode().split("\0")
    names = [n for n in names if n]
    if not names:
        raise SideError("no-such-path-at-rev", spec=spec, rev=rev)
    targets = []
    for name in names:  # every name is checked before anything is written
        try:
            targets.append((name, confined(workdir, name)))
        except ValueError:
            raise SideError("bad-repo-entry", spec=spec, name=name) from None
    for name, target in targets:
        data = _git(["cat-file", "blob", f"{commit}:{name}"], top)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:  # a crafted tree holding one name as a file and as a folder
            raise SideError("bad-repo-entry", form="unwritable", spec=spec, name=name,
                            reason=exc.strerror or str(exc)) from None
    return workdir / full


def temp_workdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="plancc-diff-")

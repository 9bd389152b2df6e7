"""A side of `plancc diff`: a plan folder, or REV:PATH read from git without a checkout."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from ..errors import CommandError

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
    rel = PurePosixPath(path.lstrip("./") if path.startswith("./") else path)
    if rel.is_absolute() or ".." in rel.parts or not str(rel) or str(rel) == ".":
        raise SideError("bad-repo-path", path=path)
    top = Path(_git(["rev-parse", "--show-toplevel"], Path.cwd()).decode().strip())
    prefix = Path.cwd().resolve().relative_to(top.resolve()) if path.startswith("./") else Path()
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
    for name in names:
        data = _git(["cat-file", "blob", f"{commit}:{name}"], top)
        target = workdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return workdir / full


def temp_workdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="plancc-diff-")

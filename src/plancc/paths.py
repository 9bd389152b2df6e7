"""Every path a plan, a git tree, a manifest or --out names: resolved and confined here.

Three questions, each answered in one place:

- `confined(base, rel)`: a relative path read from data (a name in a git tree, a folder
  in OUT's manifest or journal) joined to `base`, refused when it could lead outside
  (absolute, `..`, `.`, empty parts).
- `relation(a, b)`: whether two folders are the same, or one holds the other, after
  resolving symbolic links and `..` (OUT against the plan folders being built).
- `read_regular(path, within)`: the bytes of a regular file, refusing anything else
  before reading a byte: a symbolic link to a place outside `within` or to nothing, a
  folder, a named pipe (FIFO), a device, a socket. A FIFO or /dev/zero would make a
  read wait or run for ever; a link to /proc/self/environ would show the environment
  in an error message.

Nothing here prints or translates: a refusal says what kind of thing was found
(`Refused.kind`) and the caller turns it into a finding or a command error.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class Refused(Exception):
    """`path` is not a regular file plancc may read. kind: "folder", "fifo", "device",
    "socket", "other", "outside" (a symbolic link leading out of the plan folder),
    "dangling" (a symbolic link to nothing), "link" (a symbolic link where none may be),
    "too-large"; `target` is a link's target as written."""

    def __init__(self, path: Path | str, kind: str, target: str = ""):
        super().__init__(f"{path}: {kind}")
        self.path, self.kind, self.target = str(path), kind, target


def safe_rel(rel: str) -> bool:
    """A relative POSIX path that stays below whatever it is joined to."""
    if not rel or rel.startswith("/") or "\0" in rel:
        return False
    return all(part not in ("", ".", "..") for part in rel.split("/"))


def confined(base: Path, rel: str) -> Path:
    """`base / rel`, or ValueError when `rel` could lead outside `base`."""
    if not safe_rel(rel):
        raise ValueError(rel)
    return base.joinpath(*rel.split("/"))


def real(path: Path | str) -> Path:
    """`path` with every symbolic link and `..` resolved (as far as it exists)."""
    return Path(os.path.realpath(path))


def inside(path: Path | str, folder: Path | str) -> bool:
    """Whether `path` is `folder` or lies below it, both resolved."""
    p, f = real(path), real(folder)
    return p == f or f in p.parents


def relation(a: Path, b: Path) -> str | None:
    """"is" when `a` and `b` are one folder, "holds" when `a` holds `b`, "inside" when
    `a` lies inside `b`, None otherwise; symbolic links and `..` resolved."""
    ra, rb = real(a), real(b)
    if ra == rb:
        return "is"
    if ra in rb.parents:
        return "holds"
    if rb in ra.parents:
        return "inside"
    return None


_KINDS = ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "device"),
          (stat.S_ISBLK, "device"), (stat.S_ISSOCK, "socket"))


def _kind(mode: int) -> str | None:
    """None for a regular file, else what it is."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "other")


def _linked_on_the_way(path: Path, within: Path | str) -> bool:
    """Whether a folder between `within` and `path` is a symbolic link (or `path` does
    not lie below `within` as written, when only resolving can tell)."""
    try:
        rel = path.relative_to(within)
    except ValueError:
        return True
    here = Path(within)
    for part in rel.parts[:-1]:
        if part in ("..", "."):
            return True
        here = here / part
        if os.path.islink(here):
            return True
    return False


def read_regular(path: Path | str, within: Path | str | None, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` + 1 of them (so a caller
    can tell a file over the limit without reading all of it).

    A symbolic link is followed only when it leads to a place inside `within` (None:
    never). Raises Refused for anything but a regular file, OSError when it cannot be
    read (missing, permissions).
    """
    path = Path(path)
    st = os.lstat(path)
    link = stat.S_ISLNK(st.st_mode)
    if link and within is None:
        raise Refused(path, "link", os.readlink(path))
    if within is not None and (link or _linked_on_the_way(path, within)):
        # the file itself, or a folder on its way from `within`, is a link: where does it lead?
        resolved = real(path)
        target = os.readlink(path) if link else str(resolved)
        if not os.path.lexists(resolved):
            raise Refused(path, "dangling", target)
        if not inside(resolved, within):
            raise Refused(path, "outside", target)
        if link:
            path = resolved
            st = os.stat(path)
    kind = _kind(st.st_mode)
    if kind:  # refused before it is opened: opening a device can have effects of its own
        raise Refused(path, kind)
    # O_NONBLOCK: should a FIFO be put in its place meanwhile, opening it does not wait;
    # O_NOFOLLOW: nor is a link put in its place followed
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused(path, "link") from None
        raise
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind:
            raise Refused(path, kind)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)

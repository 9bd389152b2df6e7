"""Writing outputs so that a failed or interrupted build loses nothing.

Everything is written into a staging folder inside OUT first (by whichever process
rendered the plan); only when every plan is complete are the plan folders swapped in,
each with one rename.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path

from .errors import CommandError


class OutputError(CommandError):
    """The outputs cannot be written where they should go (exit 2, like all trouble)."""


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def _check_name(name: str) -> None:
    if "/" in name or "\\" in name or name.startswith("."):
        raise OutputError("bad-output-name", name=repr(name))


class Staging:
    """A staging folder inside `out` with one slot per plan folder to be written.

    Use it as a context manager: the staging folder is removed on the way out, whether
    or not `commit` ran.
    """

    def __init__(self, out: Path, folders: list[Path]):
        if out.exists() and not out.is_dir():
            raise OutputError("out-not-folder", out=str(out))
        parent = out.absolute().parent
        if not parent.is_dir():
            raise OutputError("out-parent-missing", out=str(out), parent=str(parent))
        if out.is_symlink():
            raise OutputError("out-symlink", path=str(out))
        seen: set[Path] = set()
        for folder in folders:
            if not _inside(folder, out) or folder.absolute() == out.absolute():
                raise OutputError("out-outside", folder=str(folder), out=str(out))
            if folder.absolute() in seen:
                raise OutputError("out-shared", folder=str(folder))
            seen.add(folder.absolute())
        self.out, self.folders = out, folders
        try:
            out.mkdir(exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=".plancc-staging-", dir=out))
        except OSError as exc:
            raise OutputError("out-create-failed", out=str(out), reason=exc.strerror or str(exc)) from None

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def write(self, slot: int, files: dict[str, bytes]) -> None:
        """Write one plan's files into its slot; each file reaches the disk before commit."""
        tmp = self.path / f"plan-{slot}"
        tmp.mkdir()
        for name, data in sorted(files.items()):
            _check_name(name)
            with open(tmp / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())

    def commit(self, slots: dict[int, list[str]], root_files: dict[str, bytes]) -> list[str]:
        """Swap the written slots ({slot: file names}) and `root_files` into OUT.

        Returns the paths written.
        """
        written = [str(self.folders[n] / name) for n in sorted(slots) for name in sorted(slots[n])]
        for name, data in sorted(root_files.items()):
            _check_name(name)
            with open(self.path / name, "wb") as fh:
                fh.write(data)
            written.append(str(self.out / name))
        # the renames are the commit: a signal now waits until they are all done
        blocked = {signal.SIGTERM, signal.SIGINT}
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            for n in sorted(slots, key=lambda n: self.folders[n]):
                folder = self.folders[n]
                if folder.is_symlink():
                    raise OutputError("out-symlink", form="replace", path=str(folder))
                folder.parent.mkdir(parents=True, exist_ok=True)
                if folder.exists():
                    os.replace(folder, self.path / f"old-{n}")
                os.replace(self.path / f"plan-{n}", folder)
            for name in sorted(root_files):
                os.replace(self.path / name, self.out / name)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        return written


def failed(out: Path, exc: OSError) -> OutputError:
    return OutputError("write-failed", out=str(out), reason=exc.strerror or str(exc))

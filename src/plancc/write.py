"""Writing outputs so that a failed or interrupted build loses nothing.

Everything is written into a staging folder inside OUT first; only when every file is
complete are the plan folders swapped in, each with one rename.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path


class OutputError(Exception):
    pass


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def write_atomically(out: Path, outputs: dict[Path, dict[str, bytes]],
                     root_files: dict[str, bytes] | None = None) -> list[str]:
    """Write {folder: {file name: bytes}} and {file name: bytes} at the top of `out`.

    Returns the paths written.
    """
    root_files = root_files or {}
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder; choose another --out")
    parent = out.absolute().parent
    if not parent.is_dir():
        raise OutputError(f"{out}: its parent folder {parent} does not exist; create it or choose another --out")
    if out.is_symlink():
        raise OutputError(f"{out}: is a symbolic link; pass the real folder")
    for folder, files in list(outputs.items()) + [(out, root_files)]:
        if folder != out and (not _inside(folder, out) or folder.absolute() == out.absolute()):
            raise OutputError(f"{folder}: would be written outside {out}")
        for name in files:
            if "/" in name or "\\" in name or name.startswith("."):
                raise OutputError(f"refusing to write file name {name!r}")
    written: list[str] = []
    try:
        out.mkdir(exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".plancc-staging-", dir=out))
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder: {exc.strerror}") from None
    try:
        staged: list[tuple[Path, Path]] = []
        for n, (folder, files) in enumerate(sorted(outputs.items())):
            tmp = stage / f"plan-{n}"
            tmp.mkdir()
            for name, data in sorted(files.items()):
                with open(tmp / name, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                written.append(str(folder / name))
            staged.append((tmp, folder))
        for name, data in sorted(root_files.items()):
            with open(stage / name, "wb") as fh:
                fh.write(data)
            written.append(str(out / name))
        # the renames are the commit: a signal now waits until they are all done
        blocked = {signal.SIGTERM, signal.SIGINT}
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            _commit(stage, staged, out, root_files)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
    except OSError as exc:
        raise OutputError(f"writing {out} failed: {exc.strerror or exc}; earlier outputs are unchanged. "
                          "Free disk space or fix the folder's permissions, then build again") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return written


def _commit(stage: Path, staged: list[tuple[Path, Path]], out: Path, root_files: dict[str, bytes]) -> None:
    for n, (tmp, folder) in enumerate(staged):
        if folder.is_symlink():
            raise OutputError(f"{folder}: is a symbolic link; refusing to replace it")
        folder.parent.mkdir(parents=True, exist_ok=True)
        if folder.exists():
            os.replace(folder, stage / f"old-{n}")
        os.replace(tmp, folder)
    for name in sorted(root_files):
        os.replace(stage / name, out / name)

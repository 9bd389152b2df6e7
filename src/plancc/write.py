"""Writing outputs so that a failed or interrupted build loses nothing.

OUT belongs to plancc: it is a new or empty folder, or one holding plancc's manifest
(`OUT/.plancc.json`: the plan folders plancc wrote there and their lines on the index
page). A plan folder inside OUT is replaced only when the manifest lists it, and OUT
may not be, hold or lie inside a plan folder being built.

Everything is written into a staging folder inside OUT first (by whichever process
rendered the plan). Only when every plan is complete is it swapped in, all or nothing:

1. the new index page and manifest are written into the staging folder beside the
   plans' folders;
2. a journal (`journal.json` in the staging folder) records every swap: which folder or
   file of OUT is moved aside into the staging folder, which new one is moved into its
   place, which folders are made for them;
3. the swaps are done, one rename each;
4. the journal is removed, then the staging folder with the old outputs in it.

When a rename fails, the ones done are undone in reverse order, so OUT holds every
plan's earlier outputs again. When the process is killed midway, the journal is still
there: the next build into OUT (`recover`) finds out from what is where how far the swaps
got, finishes them when all were done or else undoes them, and removes the staging
folder. A staging folder without a journal never touched OUT and is simply removed.
One build at a time writes into an OUT (a lock on the folder).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path
from typing import Callable

from .errors import CommandError
from .i18n import N_, Phrase
from .paths import Refused, read_regular, relation, safe_rel

MANIFEST = ".plancc.json"
INDEX = "index.html"
STAGING_PREFIX = ".plancc-staging-"
JOURNAL = "journal.json"
FORMAT = "plancc-out/1"  # the manifest's "format"; bump when its shape changes
JOURNAL_FORMAT = "plancc-journal/1"
MANIFEST_MAX = 64 * 1024 * 1024  # bytes; a manifest lists some bytes per plan folder
LOCK_WAIT = 10.0  # seconds to wait for another build into the same OUT (or its last workers)


class OutputError(CommandError):
    """The outputs cannot be written where they should go (exit 2, like all trouble)."""


def _check_name(name: str) -> None:
    if "/" in name or "\\" in name or name.startswith("."):
        raise OutputError("bad-output-name", name=repr(name))


def _rel_ok(rel: str) -> bool:
    """A folder path relative to OUT as plancc writes them: plain names, none hidden."""
    parts = rel.split("/")
    return (safe_rel(rel) and "\\" not in rel and not any(p.startswith(".") for p in parts)
            and parts[0] != INDEX)


def _overlap(out: Path, sources: list[Path]) -> tuple[str, Path] | None:
    """How OUT meets a plan folder being built ("is", "holds", "inside"), and which one."""
    for src in sources:
        how = relation(out, src)
        if how:
            return how, src
    return None


def read_manifest(out: Path) -> dict | None:
    """OUT's manifest {"format", "plans": {rel: index entry}}; None when there is none.

    Raises a refusal when the file is there but is not a manifest plancc wrote.
    """
    path = out / MANIFEST
    if not path.exists() and not path.is_symlink():
        return None
    try:
        try:
            raw = read_regular(path, None, MANIFEST_MAX)
        except Refused:
            raise ValueError("not a file") from None
        if len(raw) > MANIFEST_MAX:
            raise ValueError("too large")
        doc = json.loads(raw)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("plans"), dict):
            raise ValueError("not a plancc manifest")
    except (OSError, ValueError) as exc:
        raise OutputError("out-bad-manifest", path=str(path), out=str(out), reason=str(exc)) from None
    plans = {rel: entry for rel, entry in doc["plans"].items() if _rel_ok(rel) and isinstance(entry, dict)}
    return {"format": FORMAT, "plans": plans}


class Staging:
    """A staging folder inside `out` with one slot per plan folder to be written.

    Creating it checks OUT (raising a refusal, with nothing touched, when OUT may not be
    written), takes OUT's lock and brings back to a consistent state what an interrupted
    build left (`notes` says what was done). Use it as a context manager: the staging
    folder is removed on the way out, whether or not `commit` ran, and the lock released.
    """

    def __init__(self, out: Path, folders: list[Path], sources: list[Path] = ()):
        self.out, self.folders = out, folders
        self.notes: list[Phrase] = []
        self.keep = False  # set when a failed commit could not be undone: the journal stays
        self.lock: int | None = None
        self._check_out(sources)
        self.rels: list[str] = []
        for folder in folders:
            self.rels.append(self._rel(folder))
        for a in self.rels:
            for b in self.rels:
                if b.startswith(a + "/"):
                    raise OutputError("out-nested", folder=str(out / b), outer=str(out / a))
        self._survey()  # refusing here leaves everything as it was
        try:
            out.mkdir(exist_ok=True)
            self.lock = _lock(out)
        except OSError as exc:
            raise OutputError("out-create-failed", out=str(out), reason=_why(exc)) from None
        try:
            self.notes = recover(out)
            self.manifest = self._survey()
            self.path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        except OSError as exc:
            self._unlock()
            raise OutputError("out-create-failed", form="prepare", out=str(out), reason=_why(exc)) from None
        except BaseException:
            self._unlock()
            raise

    def _check_out(self, sources) -> None:
        out = self.out
        if out.is_symlink():
            raise OutputError("out-symlink", path=str(out))
        if out.exists() and not out.is_dir():
            raise OutputError("out-not-folder", out=str(out))
        parent = out.absolute().parent
        if not parent.is_dir():
            raise OutputError("out-parent-missing", out=str(out), parent=str(parent))
        overlap = _overlap(out, list(sources))
        if overlap:
            how, plan = overlap
            raise OutputError("out-in-plan", form=None if how == "is" else how, out=str(out), plan=str(plan))

    def _rel(self, folder: Path) -> str:
        try:
            rel = folder.relative_to(self.out).as_posix()
        except ValueError:
            raise OutputError("out-outside", folder=str(folder), out=str(self.out)) from None
        if not _rel_ok(rel):
            raise OutputError("out-outside", form="name", folder=str(folder), out=str(self.out))
        if rel in self.rels:
            raise OutputError("out-shared", folder=str(folder))
        return rel

    def _survey(self) -> dict:
        """Check what OUT holds against what this build would replace; returns the manifest."""
        out, rels = self.out, self.rels
        if not out.exists():
            return {"format": FORMAT, "plans": {}}
        manifest = read_manifest(out)
        names = sorted(p.name for p in out.iterdir())
        pending = [n for n in names if n.startswith(STAGING_PREFIX)]
        others = [n for n in names if n != MANIFEST and not n.startswith(STAGING_PREFIX)]
        journaled = any((out / n / JOURNAL).is_file() for n in pending)
        if manifest is None and others and not journaled:
            shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
            raise OutputError("out-not-plancc", out=str(out), shown=shown, manifest=MANIFEST)
        if journaled:  # an interrupted build: its swaps are undone or finished first
            return {"format": FORMAT, "plans": {}}
        owned = (manifest or {}).get("plans", {})
        for rel in rels:
            target = out / rel
            parts = rel.split("/")
            for i in range(1, len(parts)):
                if (out.joinpath(*parts[:i])).is_symlink():
                    raise OutputError("out-symlink", form="through", path=str(out.joinpath(*parts[:i])))
            if (target.exists() or target.is_symlink()) and rel not in owned:
                raise OutputError("out-not-plancc", form="target", path=str(target), manifest=str(out / MANIFEST))
            if target.is_symlink() or (target.exists() and not target.is_dir()):
                raise OutputError("out-not-plancc", form="file", path=str(target))
        return manifest or {"format": FORMAT, "plans": {}}

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc) -> None:
        if not self.keep:
            shutil.rmtree(self.path, ignore_errors=True)
        self._unlock()

    def _unlock(self) -> None:
        if self.lock is not None:
            os.close(self.lock)  # closing the descriptor releases the lock
            self.lock = None

    def write(self, slot: int, files: dict[str, bytes]) -> None:
        """Write one plan's files into its slot; each file reaches the disk before commit."""
        tmp = self.path / f"plan-{slot}"
        tmp.mkdir()
        for name, data in sorted(files.items()):
            _check_name(name)
            _write(tmp / name, data)

    def listing(self, entries: dict[int, dict]) -> list[dict]:
        """The index entries of OUT after this build: the plans built ({slot: entry}) and
        every other plan of the manifest whose folder is still there, by folder."""
        plans = {rel: entry for rel, entry in self.manifest["plans"].items()
                 if (self.out / rel).is_dir() and not (self.out / rel).is_symlink()}
        for n, entry in entries.items():
            plans[self.rels[n]] = entry
        return [dict(plans[rel], path=rel, href=_href(rel, plans[rel])) for rel in sorted(plans)]

    def commit(self, slots: dict[int, list[str]], entries: dict[int, dict],
               render_index: Callable[[list[dict]], bytes]) -> list[str]:
        """Swap the written slots ({slot: file names}), the index page and the manifest
        into OUT, all or nothing. Returns the paths written."""
        listing = self.listing(entries)
        manifest = {"format": FORMAT, "plans": {e["path"]: e for e in listing}}
        try:
            _write(self.path / INDEX, render_index(listing))
            _write(self.path / MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
                                          + "\n").encode("utf-8"))
        except OSError as exc:
            raise failed(self.out, exc) from None
        written = [str(self.folders[n] / name) for n in sorted(slots) for name in sorted(slots[n])]
        written.append(str(self.out / INDEX))
        steps = []
        for n in sorted(slots, key=lambda n: self.rels[n]):
            target = self.out / self.rels[n]
            steps.append({"target": self.rels[n], "new": f"plan-{n}",
                          "old": f"old-{n}" if target.exists() or target.is_symlink() else None})
        for name in (INDEX, MANIFEST):  # the manifest last
            target = self.out / name
            steps.append({"target": name, "new": name,
                          "old": f"old-{name}" if target.exists() or target.is_symlink() else None})
        made: list[str] = []
        for rel in sorted(self.rels[n] for n in slots):
            parts = rel.split("/")
            for i in range(1, len(parts)):
                d = "/".join(parts[:i])
                if d not in made and not (self.out / d).exists():
                    made.append(d)
        journal = {"format": JOURNAL_FORMAT, "made": made, "steps": steps}
        try:
            tmp = self.path / (JOURNAL + ".tmp")
            _write(tmp, json.dumps(journal, ensure_ascii=False).encode("utf-8"))
            os.replace(tmp, self.path / JOURNAL)
            _sync_dir(self.path)
        except OSError as exc:
            raise failed(self.out, exc) from None
        # the renames are the commit: a signal now waits until they are all done or undone
        blocked = {signal.SIGTERM, signal.SIGINT}
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            try:
                for d in made:
                    try:
                        os.mkdir(self.out / d)
                    except FileExistsError:
                        pass
                for step in steps:
                    target = self.out / step["target"]
                    if step["old"]:
                        os.replace(target, self.path / step["old"])
                    os.replace(self.path / step["new"], target)
            except OSError as exc:
                try:
                    _undo(self.out, self.path, journal)
                except OSError as exc2:
                    self.keep = True
                    raise OutputError("write-failed", form="mixed", out=str(self.out), reason=_why(exc),
                                      undo=_why(exc2), record=str(self.path)) from None
                _discard_journal(self.path)
                raise OutputError("write-failed", out=str(self.out), reason=_why(exc)) from None
            _discard_journal(self.path)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        return written


def _href(rel: str, entry: dict) -> str:
    """Where a plan's line on the index links: the file its entry names inside its folder
    (plan.html, or plan.pdf when no page was built), else plan.html."""
    href = entry.get("href")
    name = href.rpartition("/")[2] if isinstance(href, str) else ""
    ok = name and href == f"{rel}/{name}" and not name.startswith(".") and "\\" not in name
    return href if ok else f"{rel}/plan.html"


def recover(out: Path) -> list[Phrase]:
    """Bring OUT back to a consistent state after an interrupted build; what was done.

    Each staging folder left in OUT is handled: with a journal, the swaps it records are
    finished when every new folder was already moved in, and undone otherwise; then the
    staging folder is removed. The caller holds OUT's lock.
    """
    notes = []
    try:
        names = sorted(p.name for p in out.iterdir() if p.name.startswith(STAGING_PREFIX))
    except FileNotFoundError:
        return notes
    for name in names:
        stage = out / name
        if stage.is_symlink() or not stage.is_dir():
            stage.unlink()
            continue
        journal = _read_journal(stage)
        if journal is None:
            shutil.rmtree(stage)
            notes.append(Phrase(N_("removed {stage}, left by a build that was stopped before it changed {out}"),
                                (("stage", str(stage)), ("out", str(out)))))
            continue
        if all(not _exists(stage / step["new"]) for step in journal["steps"]):
            _discard_journal(stage)
            shutil.rmtree(stage)
            notes.append(Phrase(N_("a build into {out} was stopped after it had put every plan's new outputs "
                                   "in place; removed what it left ({stage})"),
                                (("stage", str(stage)), ("out", str(out)))))
        else:
            _undo(out, stage, journal)
            _discard_journal(stage)
            shutil.rmtree(stage)
            notes.append(Phrase(N_("a build into {out} was stopped midway; undid its changes, so {out} holds "
                                   "every plan's outputs from before it again, and removed {stage}"),
                                (("stage", str(stage)), ("out", str(out)))))
    return notes


def _undo(out: Path, stage: Path, journal: dict) -> None:
    """Undo the swaps of a journal, from wherever they stopped: each swap is two renames,
    and which of them happened shows in what is where."""
    for step in reversed(journal["steps"]):
        target, new = out / step["target"], stage / step["new"]
        old = stage / step["old"] if step["old"] else None
        if not _exists(new) and _exists(target):  # the new one had been moved in
            os.replace(target, new)
        if old is not None and _exists(old):  # the earlier one had been moved aside
            os.replace(old, target)
    for d in reversed(journal["made"]):
        try:
            os.rmdir(out / d)
        except OSError:  # not empty (or not there): it was not only ours
            pass


def _read_journal(stage: Path) -> dict | None:
    path = stage / JOURNAL
    if not path.is_file():
        return None
    try:
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None  # written to a temporary name first, so never half there; not ours
    ok = (isinstance(doc, dict) and doc.get("format") == JOURNAL_FORMAT
          and isinstance(doc.get("made"), list) and all(isinstance(d, str) and _rel_ok(d) for d in doc["made"])
          and isinstance(doc.get("steps"), list))
    for step in doc.get("steps", []) if ok else []:
        ok = ok and isinstance(step, dict) and isinstance(step.get("target"), str) and (
            _rel_ok(step["target"]) or step["target"] in (INDEX, MANIFEST))
        for key in ("new", "old"):
            v = step.get(key) if isinstance(step, dict) else None
            ok = ok and (v is None and key == "old" or isinstance(v, str) and "/" not in v and v not in ("", ".", ".."))
    if not ok:
        raise OSError(errno.EINVAL, f"{path} is not a journal plancc wrote; remove {stage} by hand")
    return doc


def _discard_journal(stage: Path) -> None:
    try:
        os.unlink(stage / JOURNAL)
    except FileNotFoundError:
        pass


def _exists(path: Path) -> bool:
    return os.path.lexists(path)


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _lock(out: Path) -> int:
    """An exclusive lock on OUT, held until the descriptor is closed (or the process ends).
    A build killed a moment ago may leave workers that still hold it for a little while."""
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                raise OutputError("out-locked", out=str(out)) from None
            time.sleep(0.05)


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def failed(out: Path, exc: OSError) -> OutputError:
    return OutputError("write-failed", out=str(out), reason=_why(exc))

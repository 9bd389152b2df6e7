"""Spreading independent plans over the machine's cores.

Each plan is loaded, checked and rendered on its own, so a run over many plans hands
shares of them to worker processes. Workers are forked, not spawned: they start with
everything the parent has imported and built (pydantic validators, compiled templates),
which is most of what a run costs before its first plan. The parent works on a share
too, so `jobs` processes are busy in all.

Only results travel back (findings, file names), pickled through a pipe; a worker's
outputs go straight to disk. A worker's exception is raised again in the parent.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
from typing import Callable, Sequence, TypeVar

from .errors import CommandError
from .i18n import N_, Phrase

T = TypeVar("T")
R = TypeVar("R")


class WorkerLost(CommandError):
    """A worker ended without sending its results (killed, or out of memory)."""


_settled = False


def settle() -> None:
    """Start-up is over: what it made (modules, classes, validators) lives as long as the
    process, so it is frozen out of the cycle collector's passes, and the collector runs
    as the work needs (entry.py held it back while start-up made those objects). Only the
    first call does anything: freezing later would keep a run's garbage for good."""
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()
        # a run makes little cyclic garbage (a loader's cycles are broken as it is dropped)
        gc.set_threshold(50_000, 20, 20)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def shares(weights: Sequence[int], jobs: int) -> list[list[int]]:
    """Indices split into `jobs` shares of about equal weight (largest first, each to the
    lightest share), so one big plan does not leave the other cores idle at the end."""
    buckets: list[list[int]] = [[] for _ in range(jobs)]
    loads = [0] * jobs
    for i in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        b = loads.index(min(loads))
        buckets[b].append(i)
        loads[b] += max(1, weights[i])
    return [sorted(b) for b in buckets if b]


def spread(fn: Callable[[T], R], items: Sequence[T], weights: Sequence[int], jobs: int) -> list[R]:
    """[fn(x) for x in items], computed by up to `jobs` processes; results in item order."""
    settle()
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1 or not hasattr(os, "fork"):
        return [fn(x) for x in items]
    parts = shares(weights, jobs)
    sys.stdout.flush()
    sys.stderr.flush()
    # what exists now (modules, validators, templates) is kept out of the collector's
    # way, so neither side of a fork touches, and so copies, those pages for it
    gc.freeze()
    children: list[tuple[int, int, list[int]]] = []  # pid, read end, indices
    results: list[R | None] = [None] * len(items)
    parent = os.getpid()
    try:
        for part in parts[1:]:
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child, which never returns
                os.close(r)
                _work_and_exit(fn, items, part, w, parent)
            os.close(w)
            children.append((pid, r, part))
        for i in parts[0]:
            results[i] = fn(items[i])
        while children:
            pid, r, part = children[0]
            payload = _read_all(r)
            os.close(r)
            _, status = os.waitpid(pid, 0)
            children.pop(0)
            if not payload:
                raise WorkerLost("worker-lost", status=_describe_status(status))
            ok, value = pickle.loads(payload)
            if not ok:
                raise value
            for i, res in zip(part, value):
                results[i] = res
    finally:
        gc.unfreeze()
        for pid, r, _ in children:  # the parent failed or was interrupted: stop the rest
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                os.close(r)
            except OSError:
                pass
            os.waitpid(pid, 0)
    return results  # type: ignore[return-value]


def _work_and_exit(fn, items, part, w, parent: int) -> None:  # pragma: no cover - child process
    def each():
        for i in part:
            # a parent killed outright (kill -9) cannot stop its workers: they stop themselves
            # after the plan at hand, instead of rendering their whole share for nobody
            if os.getppid() != parent:
                os._exit(1)
            yield fn(items[i])

    try:
        try:
            payload = pickle.dumps((True, list(each())))
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            try:
                payload = pickle.dumps((False, exc))
            except Exception:
                payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(payload)
        while view:
            view = view[os.write(w, view):]
    finally:
        os._exit(0)


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _describe_status(status: int) -> Phrase:
    if os.WIFSIGNALED(status):
        return Phrase(N_("signal {n}"), (("n", os.WTERMSIG(status)),))
    return Phrase(N_("exit status {n}"), (("n", os.waitstatus_to_exitcode(status)),))

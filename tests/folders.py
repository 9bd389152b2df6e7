"""A folder's whole state (every file's bytes, every folder), to tell whether a build left
OUT exactly as it was or exactly as it should be; and plancc with a slowed commit, to kill
it between two renames. Shared by the tests and tools/fuzz.py."""

from __future__ import annotations

import os
from pathlib import Path


def state(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) below `folder`, hidden ones included."""
    out: dict[str, bytes | None] = {}
    for root, dirs, files in os.walk(folder):
        for d in dirs:
            out[os.path.relpath(os.path.join(root, d), folder)] = None
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, folder)] = fh.read()
    return out


# plancc (run as `python -c SLOW_COMMIT ARGS`) with each rename of its commit slowed by
# 20 ms, so that a kill can land between two of them. The prefix is write.STAGING_PREFIX.
SLOW_COMMIT = """
import os, sys, time
from plancc import write
real = os.replace
def slow(src, dst, **kw):
    if write.STAGING_PREFIX in os.fspath(src) + os.fspath(dst):
        time.sleep(0.02)
    return real(src, dst, **kw)
os.replace = slow
sys.argv = ["plancc"] + sys.argv[1:]
from plancc.entry import main
main()
"""

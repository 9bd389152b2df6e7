"""A folder's whole state (every file's bytes, every folder), to tell whether a build left
OUT exactly as it was or exactly as it should be. Shared by the tests and tools/fuzz.py."""

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

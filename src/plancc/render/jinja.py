"""The one Jinja environment, compiled once per process.

Compiling the templates costs more than rendering a plan, so their compiled code is
kept in the user's cache folder (as Python keeps .pyc files) and reused while the
template source is unchanged. A cache that cannot be written is simply not used.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import jinja2

from . import templates_dir


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache whose failures (read-only home, full disk) never fail a build."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def cache_dir() -> Path | None:
    """$PLANCC_CACHE_DIR, else $XDG_CACHE_HOME/plancc or ~/.cache/plancc; None if unusable.

    PLANCC_CACHE_DIR set to an empty string turns the cache off.
    """
    configured = os.environ.get("PLANCC_CACHE_DIR")
    if configured is not None:
        base = Path(configured) if configured else None
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "plancc"
    if base is None:
        return None
    folder = base / f"templates-jinja{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    return folder if os.access(folder, os.W_OK | os.R_OK) else None


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    """The templates' environment: HTML pages only, so every value is escaped."""
    folder = cache_dir()
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_QuietCache(str(folder)) if folder else None,
    )

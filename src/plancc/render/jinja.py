"""The one Jinja environment, compiled once per process."""

from __future__ import annotations

from functools import lru_cache

import jinja2

from . import templates_dir


@lru_cache(maxsize=None)
def environment(autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

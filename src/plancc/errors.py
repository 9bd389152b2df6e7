"""Trouble that stops a command: a registered code (codes.py, kind COMMAND) and its params.

Raised anywhere below the command line; cli.py prints every one the same way
(`plancc: error: MESSAGE` and a hint) and exits 2.
"""

from __future__ import annotations

from . import codes
from .findings import Worded, params_of


class CommandError(Worded, Exception):
    shown_before = ""  # text printed before the error line (the findings that caused it)

    def __init__(self, code: str, /, **params):
        codes.get(code)  # an unregistered code fails here, where it is raised
        self.code = code
        self.params = params_of(params)
        super().__init__(code)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        # raised in a worker process, it travels to the parent by pickle
        return _restore, (type(self), self.code, self.params)


def _restore(cls, code: str, params: tuple) -> CommandError:
    return cls(code, **dict(params))

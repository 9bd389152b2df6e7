"""The console script, and what makes a short run start quickly.

`plancc validate` runs on every save in an editor and in every CI job, so the time
before its first plan is felt constantly; most of it is importing. `--version` answers
before anything heavy is imported. Everything here goes through public means, and the
process ends as any Python program does: atexit handlers run (coverage and other tools
that hook the exit see it) and the interpreter flushes and closes what is open.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"plancc {__version__}\n")
        return
    _quick_start()
    from . import i18n

    # the language is chosen before the command line is built: its help texts are
    # translated as they are defined
    i18n.setup(i18n.choose(sys.argv[1:], os.environ))
    sys.argv[1:] = i18n.without_lang(sys.argv[1:])
    from .cli import main as cli_main

    try:
        cli_main()
    finally:
        # What the imports made lives until the end; the interpreter's last collections
        # would walk all of it (a tenth of a short run). Frozen, they are left out of
        # those collections, and the exit is otherwise the ordinary one.
        gc.freeze()


def _quick_start() -> None:
    # Importing pydantic, typer and the plan model allocates some half a million objects
    # that live as long as the process; every pass of the cycle collector over them would
    # be wasted (a twentieth of a short run). The collector waits until a command starts
    # on its plans (spread.settle freezes what start-up made and sets the threshold the
    # work runs with); a command that never gets there still collects, once a million
    # objects have piled up.
    gc.set_threshold(1_000_000, 20, 20)
    # pydantic looks for plugins by scanning the entry points of every installed package
    # (a tenth of a validate run). plancc uses no pydantic plugins; pydantic's documented
    # switch turns the scan off, unless whoever runs plancc set it otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

"""The console script, and what makes a short run start quickly.

`plancc validate` runs on every save in an editor and in every CI job, so the time
before its first plan is felt constantly; most of it is importing. `--version` answers
before anything heavy is imported.
"""

from __future__ import annotations

import gc
import os
import sys
import types


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"plancc {__version__}\n")
        return
    _quick_start()
    from .cli import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        _exit_now(exc.code)
    _exit_now(0)


def _exit_now(code) -> None:
    # Output is flushed and every file the command wrote is closed; what is left is the
    # interpreter freeing each of the objects the imports made, a few milliseconds that
    # nobody waits for gladly. (Python prints a non-integer exit code and exits 1.)
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (plancc validate | head)
            pass
    os._exit(code or 0)


def _quick_start() -> None:
    # Importing pydantic, typer and the plan model allocates some hundred thousand
    # objects that live as long as the process; with the default threshold the cycle
    # collector would run a hundred times over them. A run makes little cyclic garbage,
    # so it collects seldom instead, for every command alike.
    gc.set_threshold(50_000, 20, 20)
    # pydantic looks for plugins by importing importlib.metadata and scanning every
    # installed package (about a tenth of a validate run). plancc uses no pydantic
    # plugins, so it answers that question itself; any other name is still served by
    # pydantic's own module.
    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        sys.modules[name] = _NoPlugins(name)


class _NoPlugins(types.ModuleType):
    @staticmethod
    def get_plugins():
        return ()

    def __getattr__(self, attr):
        import importlib.machinery
        import importlib.util

        if attr.startswith("__"):
            raise AttributeError(attr)
        package = sys.modules[self.__name__.rpartition(".")[0]]
        spec = importlib.machinery.PathFinder.find_spec(self.__name__, package.__path__)
        real = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(real)
        return getattr(real, attr)

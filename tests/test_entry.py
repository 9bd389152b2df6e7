"""The console script starts and ends by public means only: atexit handlers run, the
YAML reader uses ruamel.yaml's public C loader, pydantic's plugin scan is turned off by
its documented switch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, edit
from plancc.yamlsource import read

SCRIPT = """
import atexit, os, sys
atexit.register(lambda: print("atexit ran", os.environ.get("PYDANTIC_DISABLE_PLUGINS"), flush=True))
sys.argv = ["plancc"] + sys.argv[1:]
from plancc.entry import main
main()
"""


def console(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})})


def test_atexit_handlers_run_when_the_console_script_exits(mini, tmp_path):
    ok = console("validate", str(mini), cwd=tmp_path)
    assert ok.returncode == 0 and ok.stdout == "atexit ran __all__\n", ok.stderr
    built = console("build", str(mini), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert built.returncode == 0 and built.stdout == "atexit ran __all__\n"
    edit(mini / "measures.yaml", "into: gis", "into: nowhere")
    bad = console("validate", str(mini), cwd=tmp_path)
    assert bad.returncode == 1 and bad.stdout == "atexit ran __all__\n" and "unknown-merge-target" in bad.stderr
    usage = console("validate", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert usage.returncode == 2 and usage.stdout == "atexit ran __all__\n"
    version = console("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("plancc ") and version.stdout.endswith("atexit ran None\n")


def test_a_pydantic_plugin_setting_of_the_caller_is_kept(mini, tmp_path):
    run = console("validate", str(mini), cwd=tmp_path, env={"PYDANTIC_DISABLE_PLUGINS": "logfire"})
    assert run.returncode == 0 and run.stdout == "atexit ran logfire\n"


def test_no_private_module_or_exit_in_start_up_and_yaml_reading():
    for name in ("entry.py", "yamlsource.py"):
        text = (REPO / "src" / "plancc" / name).read_text(encoding="utf-8")
        for private in ("_ruamel_yaml", ".ctag", "os._exit", "pydantic.plugin._loader", "sys.modules["):
            assert private not in text, (name, private)


def test_scalars_stay_text_tags_are_read_and_positions_kept(tmp_path):
    f = tmp_path / "x.yaml"
    f.write_text("%TAG !m! tag:example.org,2000:\n---\n"
                 "a: 1.10\nb: no\nc: ~\nd: ''\ne: null\nf: !!str 3\ng: !!int 4\n"
                 "h: !city 見本市\ni: !m!foo x\nj: !<tag:example.org,2000:v> y\n"
                 "k:\n  - [1, on]\n  - {x: 0o7}\n", encoding="utf-8")
    src, findings = read(f, "x.yaml")
    assert src.data == {"a": "1.10", "b": "no", "c": None, "d": "", "e": None, "f": "3", "g": "4",
                        "h": "見本市", "i": "x", "j": "y", "k": [["1", "on"], {"x": "0o7"}]}
    # every tag but a kind's own (!!str) is refused, whichever handle wrote it (issue #19, 14)
    assert [(x.code, x.line, x.col, x.message) for x in findings] == [
        ("yaml-tag", 9, 4, "unsupported YAML tag !!int"),
        ("yaml-tag", 10, 4, "unsupported YAML tag !city"),
        ("yaml-tag", 11, 4, "unsupported YAML tag tag:example.org,2000:foo"),
        ("yaml-tag", 12, 4, "unsupported YAML tag tag:example.org,2000:v")]
    assert src.at(("k", 1, "x")) == (15, 9) and src.at(("k", 1, "x"), key=True) == (15, 6)
    assert src.at(("b",), key=True) == (4, 1)

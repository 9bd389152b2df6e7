"""The layers of plancc, as import-linter contracts (pyproject.toml, [tool.importlinter]):
no stage imports a later one, and only the renderers know output formats. `make test`
runs lint-imports before pytest; this runs it again so that a plain `pytest` checks it too."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports() -> str:
    beside = Path(sys.executable).with_name("lint-imports")
    found = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert found, "lint-imports is missing: pip install -e '.[test]' (it is in the test extra)"
    return found


def test_import_contracts_hold():
    # the sources of this checkout, whatever plancc the environment has installed
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p))
    proc = subprocess.run([_lint_imports(), "--no-cache"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr

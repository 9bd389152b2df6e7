"""Fuzz `plancc validate` with random damage to the bundled plans (make fuzz; not part of CI).

Usage: python tools/fuzz.py [N=10000] [SEED=1]
Prints how many mutations gave exit 0, exit 1 and how many crashed (an uncaught exception,
or an error outside the damaged plan). Exits 1 if anything crashed.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from mutations import mutate  # noqa: E402
from plancc.pipeline import validate_paths  # noqa: E402

FILES = sorted(p.relative_to(REPO / "plans") for p in (REPO / "plans").rglob("*.yaml"))


def edition_of(rel: Path) -> str:
    return rel.parts[0] if rel.parts[0] == "oita" else "/".join(rel.parts[:2])


def one(seed: int) -> tuple[str, str]:
    rnd = random.Random(seed)
    rel = rnd.choice(FILES)
    with tempfile.TemporaryDirectory(prefix="plancc-fuzz-") as tmp:
        dest = Path(tmp) / edition_of(rel)
        shutil.copytree(REPO / "plans" / edition_of(rel), dest)
        what, data = mutate((REPO / "plans" / rel).read_bytes(), rnd)
        (Path(tmp) / rel).write_bytes(data)
        try:
            result = validate_paths([dest])
        except Exception:
            return "crash", f"{rel} {what}\n{traceback.format_exc()}"
        for f in result.findings:
            if not f.path.startswith(str(dest)):
                return "crash", f"{rel} {what}: finding outside the plan: {f}"
        return ("exit 1" if any(f.is_error for f in result.findings) else "exit 0"), ""


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    base = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    t = time.monotonic()
    counts: Counter = Counter()
    crashes = []
    with Pool(2) as pool:
        for outcome, detail in pool.imap_unordered(one, range(base, base + n), chunksize=20):
            counts[outcome] += 1
            if detail:
                crashes.append(detail)
    dt = time.monotonic() - t
    print(f"{n} mutations of {len(FILES)} plan files in {dt:.0f} s: "
          f"exit 0: {counts['exit 0']}, exit 1: {counts['exit 1']}, crashes: {counts['crash']}")
    for c in crashes[:10]:
        print(c)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: how fast plancc starts, validates and builds, measured as a user runs it.

Every figure is a whole process (`plancc ...` as a shell would start it): wall time,
peak resident memory and CPU time from os.wait4(). In the same run, and interleaved
with it so that a busy machine slows both alike, it measures a floor: Python start-up
plus parsing the same YAML files with the C libyaml loader (bench/floor.py). Times are
given as ratios to that floor, which hold from machine to machine better than seconds.

    python bench/run.py [--quick] [--json PATH] [--count N]

Prints a Markdown table and the targets of issue #9, writes the figures as JSON, and
exits 1 if a target does not hold. Not part of `make test`: timing is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PLANCC = str(BIN / "plancc")
PYTHON = sys.executable
FLOOR = str(ROOT / "bench" / "floor.py")
EDITIONS = ["iizuka/2021", "iizuka/later", "toride/4th", "toride/5th", "oita"]
SERIES = [1, 2, 4, 8]

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402  (bench/corpus.py)
import serve  # noqa: E402  (bench/serve.py)


@dataclass
class Sample:
    wall: float  # seconds
    rss_kb: int  # peak resident set of the largest process in the tree (ru_maxrss)
    cpu: float  # user + system seconds of the whole tree


@dataclass
class Case:
    name: str
    argv: list[str]
    group: str
    floor: str | None = None  # the name of the floor case it is divided by
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def wall_min(self) -> float:
        return min(s.wall for s in self.samples)

    def ratio(self, floor: Case) -> float:
        """Median over rounds of this run's time / the floor's run beside it: each pair
        ran within a second of each other, so a load that comes and goes cancels out."""
        pairs = list(zip(self.samples, floor.samples))
        return statistics.median(s.wall / f.wall for s, f in pairs)

    @property
    def rss_mb(self) -> float:
        return statistics.median(s.rss_kb for s in self.samples) / 1024

    @property
    def cores(self) -> float:
        return statistics.median(s.cpu / s.wall for s in self.samples)


class Launcher:
    """bench/launch.py, kept running: it starts every measured command (see there why)."""

    def __init__(self):
        self.proc = subprocess.Popen([PYTHON, "-S", str(ROOT / "bench" / "launch.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, argv: list[str], env: dict | None) -> Sample:
        with tempfile.NamedTemporaryFile(prefix="plancc-bench-", suffix=".log") as log:
            req = {"argv": argv, "cwd": str(ROOT), "env": env or dict(os.environ), "log": log.name}
            self.proc.stdin.write(json.dumps(req) + "\n")
            self.proc.stdin.flush()
            res = json.loads(self.proc.stdout.readline())
            if res["code"] != 0:
                tail = Path(log.name).read_text(encoding="utf-8", errors="replace")[-2000:]
                sys.exit(f"bench: {' '.join(argv)} exited {res['code']}:\n{tail}")
        return Sample(res["wall"], res["rss_kb"], res["cpu"])


LAUNCHER: Launcher | None = None


def run_once(argv: list[str], env: dict | None = None) -> Sample:
    global LAUNCHER
    if LAUNCHER is None:
        LAUNCHER = Launcher()
    return LAUNCHER.run(argv, env)


def measure(cases: list[Case], repeat: int, env: dict | None = None) -> None:
    """One untimed run of each (OS caches, template cache), then `repeat` rounds,
    the cases interleaved within each round."""
    for case in cases:
        run_once(case.argv, env)
    for _ in range(repeat):
        for case in cases:
            case.samples.append(run_once(case.argv, env))
        print(".", end="", flush=True, file=sys.stderr)


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    versions = {}
    for dist in ("plancc", "pydantic", "pydantic-core", "ruamel.yaml", "ruamel.yaml.clib", "typer",
                 "jinja2", "markdown-it-py"):
        try:
            versions[dist] = version(dist)
        except Exception:  # noqa: BLE001 - a missing version is only a missing line
            versions[dist] = "?"
    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)), "system": platform.platform(),
            "python": platform.python_version(), "packages": versions}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer rounds and a 200-plan corpus (a smoke run)")
    ap.add_argument("--json", type=Path, default=ROOT / "build" / "bench" / "bench.json")
    ap.add_argument("--count", type=int, default=None, help="plans in the synthetic corpus (default 1741)")
    args = ap.parse_args()
    repeat = 3 if args.quick else 11
    count = args.count or (200 if args.quick else 1741)
    work = ROOT / "build" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    out = work / "out"
    out.mkdir(exist_ok=True)

    # --- the synthetic national corpus and the size series (generated once, then reused)
    t = time.perf_counter()
    corpus_dir = work / f"corpus-{count}"
    corpus.ensure(corpus_dir, count, seed=0)
    series_dir = work / "series"
    corpus.ensure_series(series_dir, SERIES)
    print(f"bench: corpus of {count} plans ready in {time.perf_counter() - t:.1f} s", file=sys.stderr)

    cases: list[Case] = []
    # issue #9's targets are for the formats plancc built then; PDF, Word and Excel (issue
    # #16) are measured apart, in "build all, every format"
    web = ["--format", "html,md,csv"]

    def case(name, argv, group, floor=None) -> Case:
        c = Case(name, argv, group, floor)
        cases.append(c)
        return c

    # --- start-up
    startup = [case("python -c pass", [PYTHON, "-c", "pass"], "start-up"),
               case("plancc --version", [PLANCC, "--version"], "start-up")]
    measure(startup, repeat * 2)

    # --- each bundled plan, and all of them
    for target in EDITIONS + ["all"]:
        path = "plans" if target == "all" else f"plans/{target}"
        floor = f"floor {target}"
        group = [case(floor, [PYTHON, FLOOR, path], "bundled"),
                 case(f"validate {target}", [PLANCC, "validate", path], "bundled", floor),
                 case(f"build {target}", [PLANCC, "build", *web, path, "-o", str(out / "bundled")], "bundled", floor)]
        measure(group, max(11, repeat * 2) if target == "all" else repeat)

    measure([case("build all, every format", [PLANCC, "build", "plans", "-o", str(out / "every")], "bundled")],
            max(3, repeat // 3))

    # --- a build whose templates are not compiled yet (first build after an upgrade)
    cold = case("build all, cold template cache", [PLANCC, "build", *web, "plans", "-o", str(out / "cold")],
                "bundled", "floor all")
    for _ in range(max(3, repeat // 3)):
        with tempfile.TemporaryDirectory() as cache:
            cold.samples.append(run_once(cold.argv, {**os.environ, "PLANCC_CACHE_DIR": cache}))

    # --- memory against plan size: one plan at 1x, 2x, 4x, 8x, in one process
    for factor in SERIES:
        path = str(series_dir / f"x{factor}")
        measure([case(f"validate x{factor} -j1", [PLANCC, "validate", "-j", "1", path], "size"),
                 case(f"build x{factor} -j1", [PLANCC, "build", *web, "-j", "1", path, "-o", str(out / "series")],
                      "size")], 3)

    # --- the corpus: 1,741 plans on this machine's cores
    corpus_floor = case("floor corpus", [PYTHON, FLOOR, str(corpus_dir)], "corpus")
    measure([corpus_floor], 1)
    measure([case("validate corpus", [PLANCC, "validate", str(corpus_dir)], "corpus", "floor corpus")],
            1 if args.quick else 3)
    measure([case("build corpus", [PLANCC, "build", *web, str(corpus_dir), "-o", str(out / "corpus")],
                  "corpus", "floor corpus")], 1 if args.quick else 2)
    print(file=sys.stderr)

    # --- plancc serve: from a saved file to the page showing it (issue #17)
    preview = serve.measure(PLANCC, ROOT, work, 5 if args.quick else 21)

    by_name = {c.name: c for c in cases}
    yaml_bytes = {f"x{f}": _yaml_size(series_dir / f"x{f}") for f in SERIES}
    targets = _targets(by_name, yaml_bytes, count)
    targets.append({"target": "plancc serve plans/toride/4th: a saved file shown in the page within 300 ms",
                    "measured": f"{preview['median_s'] * 1000:.0f} ms median, {preview['max_s'] * 1000:.0f} ms "
                                f"at most, of which rebuilding {statistics.median(preview['rebuild_ms']):.0f} ms "
                                f"({preview['how']})",
                    "holds": preview["median_s"] < 0.300})
    report = _table(cases, by_name) + "\n" + _target_table(targets)
    print(report)
    doc = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
           "corpus": {"plans": count, "yaml_bytes": _yaml_size(corpus_dir)},
           "series_yaml_bytes": yaml_bytes,
           "cases": [{**{k: v for k, v in asdict(c).items() if k != "samples"},
                      "wall_median_s": round(c.wall, 4), "wall_min_s": round(c.wall_min, 4),
                      "ratio_to_floor": round(c.ratio(by_name[c.floor]), 3) if c.floor else None,
                      "peak_rss_mb": round(c.rss_mb, 1), "cores_busy": round(c.cores, 2),
                      "samples": [asdict(s) for s in c.samples]} for c in cases],
           "serve": preview,
           "targets": targets}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nbench: figures written to {args.json}", file=sys.stderr)
    shutil.rmtree(out, ignore_errors=True)
    return 0 if all(t["holds"] for t in targets) else 1


def _yaml_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.yaml"))


def _targets(c: dict[str, Case], yaml_bytes: dict[str, int], count: int) -> list[dict]:
    def ratio(name):
        return c[name].ratio(c[c[name].floor])

    # memory: the peak above the 1x run, per MB of YAML added, must not grow with size
    xs = [yaml_bytes[f"x{f}"] / 1e6 for f in SERIES]
    ys = [c[f"validate x{f} -j1"].rss_mb for f in SERIES]
    first = (ys[1] - ys[0]) / (xs[1] - xs[0])
    last = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    bys = [c[f"build x{f} -j1"].rss_mb for f in SERIES]
    bfirst = (bys[1] - bys[0]) / (xs[1] - xs[0])
    blast = (bys[-1] - bys[-2]) / (xs[-1] - xs[-2])
    rows = [
        ("plancc --version within 60 ms", f"{c['plancc --version'].wall * 1000:.0f} ms",
         c["plancc --version"].wall <= 0.060),
        ("validate of all bundled plans within 2x the floor", f"{ratio('validate all'):.2f}x",
         ratio("validate all") <= 2.0),
        ("build of all bundled plans within 3x the floor", f"{ratio('build all'):.2f}x",
         ratio("build all") <= 3.0),
        (f"{count}-plan corpus validated in under 20 s", f"{c['validate corpus'].wall:.1f} s",
         c["validate corpus"].wall < 20.0),
        (f"{count}-plan corpus built in under 60 s", f"{c['build corpus'].wall:.1f} s",
         c["build corpus"].wall < 60.0),
        ("corpus runs use both cores (CPU time / wall time)",
         f"validate {c['validate corpus'].cores:.2f}, build {c['build corpus'].cores:.2f} cores",
         min(c["validate corpus"].cores, c["build corpus"].cores) >= 1.5),
        ("memory grows linearly with plan size (MB per MB of YAML, x1→x2 vs x4→x8)",
         f"validate {first:.1f} → {last:.1f}, build {bfirst:.1f} → {blast:.1f}",
         last <= 1.25 * first + 1 and blast <= 1.25 * bfirst + 1),
    ]
    return [{"target": t, "measured": m, "holds": bool(ok)} for t, m, ok in rows]


def _table(cases: list[Case], by_name: dict[str, Case]) -> str:
    lines = ["| case | runs | wall (median) | wall (min) | × floor | peak RSS | cores busy |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for c in cases:
        r = f"{c.ratio(by_name[c.floor]):.2f}" if c.floor else ""
        lines.append(f"| {c.name} | {len(c.samples)} | {_secs(c.wall)} | {_secs(c.wall_min)} | {r} | "
                     f"{c.rss_mb:.0f} MB | {c.cores:.2f} |")
    return "\n".join(lines) + "\n"


def _target_table(targets: list[dict]) -> str:
    lines = ["| target | measured | holds |", "|---|---|---|"]
    lines += [f"| {t['target']} | {t['measured']} | {'yes' if t['holds'] else '**no**'} |" for t in targets]
    return "\n".join(lines) + "\n"


def _secs(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


if __name__ == "__main__":
    sys.exit(main())

"""Fuzz plancc (make fuzz; not part of CI): damaged plans, file-system faults, kills.

Usage: python tools/fuzz.py [N=10000] [SEED=1] [--fs N] [--disk N] [--kill N]

Four kinds of trouble, each with its own count and its own idea of a crash:

- mutations (N): random damage to the text of a bundled plan file (truncation, dropped,
  duplicated and swapped lines, flipped bits, stray indentation, values replaced by
  another YAML type), then `validate`. A crash: an uncaught exception, or a finding
  outside the damaged plan.
- file-system faults (--fs): a plan file or folder replaced by a symbolic link (to
  /proc/self/environ, /etc/passwd, /dev/zero, /, a file outside the plan, nothing), a
  named pipe, a device, a socket, a folder named like a file, a file where a folder
  belongs; or a file or folder that cannot be read or listed (EACCES, EIO: plancc's os
  calls are made to fail, as a root user reads everything). A crash: an exception, a
  run longer than 10 s (a hang), no error at the damaged spot (a silent skip), a finding
  outside the plan, or the environment or /etc/passwd in a message.
- full disk (--disk): `build` of an edited plan into an OUT holding the earlier outputs,
  in a process whose files may not grow past a random size (RLIMIT_FSIZE: writes fail as
  on a full disk). A crash: a traceback, an exit status other than 0 or 2, an OUT that
  holds neither exactly the earlier nor exactly the new outputs, or a staging folder left.
- kill -9 (--kill): the same build killed with SIGKILL at a random moment; then the next
  build. A crash: an OUT that after recovery holds neither the earlier nor the new
  outputs, a next build that fails, or a staging folder left after it.

Prints one line per kind and exits 1 if anything crashed.
"""

from __future__ import annotations

import errno
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from folders import SLOW_COMMIT, state  # noqa: E402
from mutations import mutate  # noqa: E402
from plancc.pipeline import validate_paths  # noqa: E402

FILES = sorted(p.relative_to(REPO / "plans") for p in (REPO / "plans").rglob("*.yaml"))
SECRET = "fuzz-secret-7c1e"
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PLANCC_LANG": "en", "LANGUAGE": "en"}


def edition_of(rel: Path) -> str:
    return rel.parts[0] if rel.parts[0] == "oita" else "/".join(rel.parts[:2])


# ---------------------------------------------------------------- mutations of the text

def one(seed: int) -> tuple[str, str]:
    rnd = random.Random(seed)
    rel = rnd.choice(FILES)
    with tempfile.TemporaryDirectory(prefix="plancc-fuzz-") as tmp:
        dest = Path(tmp) / edition_of(rel)
        shutil.copytree(REPO / "plans" / edition_of(rel), dest)
        what, data = mutate((REPO / "plans" / rel).read_bytes(), rnd)
        (Path(tmp) / rel).write_bytes(data)
        try:
            result = validate_paths([dest], 1)
        except Exception:
            return "crash", f"{rel} {what}\n{traceback.format_exc()}"
        for f in result.findings:
            if not f.path.startswith(str(dest)):
                return "crash", f"{rel} {what}: finding outside the plan: {f}"
        return ("exit 1" if any(f.is_error for f in result.findings) else "exit 0"), ""


# ---------------------------------------------------------------- file-system faults

class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def _fail_os(monkey: list, names: tuple[str, ...], target: str, err: int) -> None:
    """Make the os functions `names` fail with `err` for `target` (and what lies below it)."""
    for name in names:
        real = getattr(os, name)

        def failing(path=".", *a, _real=real, **k):
            p = os.fspath(path) if not isinstance(path, int) else ""
            if p == target or p.startswith(target + "/"):
                raise OSError(err, os.strerror(err), p)
            return _real(path, *a, **k)

        monkey.append((name, real))
        setattr(os, name, failing)


def fs_fault(seed: int) -> tuple[str, str]:
    rnd = random.Random(seed)
    edition = edition_of(rnd.choice(FILES))
    monkey: list = []
    with tempfile.TemporaryDirectory(prefix="plancc-fuzz-fs-") as tmp:
        top = Path(tmp)
        plan = top / "plans" / edition
        shutil.copytree(REPO / "plans" / edition, plan)
        (top / "outside.yaml").write_text("terms: []\n", encoding="utf-8")
        files = sorted(p for p in plan.rglob("*.yaml"))
        victim = rnd.choice(files)
        folders = sorted({p.parent for p in files} - {plan}) or [plan]
        kind = rnd.choice(["link-outside", "dangling", "fifo", "folder", "device", "socket", "no-folder",
                           "folder-link", "eacces-file", "eio-file", "eacces-folder", "eacces-plan"])
        spot = victim
        if kind in ("link-outside", "dangling", "fifo", "folder", "device", "socket"):
            victim.unlink()
            if kind == "link-outside":
                victim.symlink_to(rnd.choice(["/proc/self/environ", "/etc/passwd", "/dev/zero", "/dev/urandom",
                                              "/", str(top / "outside.yaml"), "../" * 6 + "etc/passwd"]))
            elif kind == "dangling":
                victim.symlink_to("no-such-file.yaml")
            elif kind == "fifo":
                os.mkfifo(victim)
            elif kind == "folder":
                victim.mkdir()
            elif kind == "device":
                try:
                    os.mknod(victim, 0o600 | 0o020000, os.makedev(1, 5))  # a copy of /dev/zero
                except PermissionError:
                    os.mkfifo(victim)
            else:
                s = socket.socket(socket.AF_UNIX)
                s.bind(str(victim))
                s.close()
        elif kind == "no-folder":  # a file where chapters/ (or measures/ …) belongs
            spot = rnd.choice(folders)
            shutil.rmtree(spot)
            spot.write_text("x\n")
        elif kind == "folder-link":  # chapters/ linked to a copy outside the plan
            spot = rnd.choice(folders)
            shutil.move(spot, top / "moved")
            spot.symlink_to(top / "moved", target_is_directory=True)
        elif kind == "eacces-file":
            _fail_os(monkey, ("open",), str(victim), errno.EACCES)
        elif kind == "eio-file":
            _fail_os(monkey, ("open",), str(victim), errno.EIO)
        elif kind == "eacces-folder":
            spot = rnd.choice(folders)
            _fail_os(monkey, ("listdir", "scandir"), str(spot), errno.EACCES)
        else:
            spot = plan
            _fail_os(monkey, ("listdir", "scandir"), str(plan), errno.EACCES)
        os.environ["PLANCC_FUZZ_SECRET"] = SECRET
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(10)
        try:
            result = validate_paths([top / "plans"], 1)
        except Hang:
            return "crash", f"{edition} {kind} {spot}: no answer within 10 s"
        except Exception:
            return "crash", f"{edition} {kind} {spot}\n{traceback.format_exc()}"
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
            for name, real in reversed(monkey):
                setattr(os, name, real)
        errors = [f for f in result.findings if f.is_error]
        shown = str(spot)
        text = " ".join(f"{f.path} {f.message}" for f in result.findings)
        if SECRET in text or "root:x:0:0" in text:
            return "crash", f"{edition} {kind}: a message shows what the link points to: {text[:300]}"
        for f in result.findings:
            if not f.path.startswith(str(top / "plans")):
                return "crash", f"{edition} {kind}: finding outside the plans: {f}"
        if not any(f.path == shown or f.path.startswith(shown + "/") for f in errors):
            return "crash", f"{edition} {kind} {spot}: no error at the damaged spot ({[f.message for f in errors]})"
        return kind, ""


# ---------------------------------------------------------------- builds: full disk and kill -9

def _restore(out: Path, saved: dict) -> None:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for rel, data in sorted(saved.items()):
        p = out / rel
        if data is None:
            p.mkdir(parents=True, exist_ok=True)
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)


class World:
    """Plans copied from plans/, built into OUT (the old outputs); then edited, and the new
    outputs they give recorded."""

    def __init__(self, tmp: Path):
        self.tmp, self.out = tmp, tmp / "out"
        shutil.copytree(REPO / "plans", tmp / "plans")
        self.build(check=True)
        self.old = state(self.out)
        for chapter in sorted((tmp / "plans").rglob("chapters/*.yaml"))[::3]:
            chapter.write_text(chapter.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        for measures in sorted((tmp / "plans").rglob("measures.yaml")):
            text = measures.read_text(encoding="utf-8")
            measures.write_text(text.replace("title: ", "title: 新", 1), encoding="utf-8")
        ref = tmp / "ref"
        shutil.copytree(self.out, ref)
        done = subprocess.run([sys.executable, "-m", "plancc", "build", "plans", "-o", str(ref)], cwd=tmp, env=ENV,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        self.new = state(ref)
        shutil.rmtree(ref)
        assert self.new != self.old

    def build(self, check: bool = False, **kw) -> subprocess.CompletedProcess | subprocess.Popen:
        args = [sys.executable, "-m", "plancc", "build", "plans", "-o", str(self.out)]
        if kw.pop("popen", False):
            return subprocess.Popen(args, cwd=self.tmp, env=ENV, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, **kw)
        done = subprocess.run(args, cwd=self.tmp, env=ENV, capture_output=True, text=True, **kw)
        assert not check or done.returncode == 0, done.stderr
        return done

    def leftovers(self) -> list[str]:
        return [p.name for p in self.out.iterdir() if p.name.startswith(".plancc-staging-")]


def full_disk(world: World, rnd: random.Random) -> tuple[str, str]:
    _restore(world.out, world.old)
    biggest = max(len(v) for v in world.new.values() if v is not None)
    limit = rnd.choice([0, 1, 100, 4096]) if rnd.random() < 0.2 else rnd.randrange(0, biggest * 5 // 4)

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    done = world.build(preexec_fn=limited)
    if "Traceback" in done.stderr or done.returncode not in (0, 2):
        return "crash", f"limit {limit}: exit {done.returncode}\n{done.stderr[-1500:]}"
    after = state(world.out)
    if world.leftovers():
        return "crash", f"limit {limit}: staging folder left: {world.leftovers()}"
    if done.returncode == 0:
        return ("written", "") if after == world.new else ("crash", f"limit {limit}: exit 0 but OUT is not the new")
    if after != world.old:
        return "crash", f"limit {limit}: exit 2 but OUT is not as before\n{done.stderr[-800:]}"
    if "nothing was changed" not in done.stderr and "could not" not in done.stderr:
        return "crash", f"limit {limit}: exit 2 without saying what OUT holds\n{done.stderr[-800:]}"
    return "refused, unchanged", ""


def kill_9(world: World, rnd: random.Random, span: float) -> tuple[str, str]:
    _restore(world.out, world.old)
    if rnd.random() < 0.5:  # anywhere in a build
        proc = world.build(popen=True)
        time.sleep(rnd.uniform(0, span * 1.05))
    else:  # in the commit: once the journal is there, somewhere among the renames
        proc = subprocess.Popen([sys.executable, "-c", SLOW_COMMIT, "build", "plans", "-o", str(world.out)],
                                cwd=world.tmp, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and not any(
                world.out.glob(".plancc-staging-*/journal.json")):
            time.sleep(0.001)
        time.sleep(rnd.uniform(0, 0.02 * (2 * len(world.new) // 5 + 6)))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    journal = any(world.out.glob(".plancc-staging-*/journal.json"))
    if rnd.random() < 0.5:  # what recovery alone makes of it
        from plancc import write

        # as a build does: under OUT's lock, which the killed build's last workers (still
        # finishing their plan, orphaned) hold until they end
        lock = write._lock(world.out)
        try:
            write.recover(world.out)
        finally:
            os.close(lock)
        after = state(world.out)
        if after not in (world.old, world.new):
            return "crash", "after recovery OUT holds neither the old nor the new outputs"
    done = world.build()
    if done.returncode != 0 or "Traceback" in done.stderr:
        return "crash", f"the next build failed: {done.stderr[-800:]}"
    if state(world.out) != world.new or world.leftovers():
        return "crash", "the next build did not leave exactly the new outputs"
    if proc.returncode != -signal.SIGKILL:
        return "finished first", ""
    return ("killed in the commit" if journal else "killed before the commit"), ""


# ---------------------------------------------------------------- the run

def report(name: str, n: int, counts: Counter, crashes: list, dt: float) -> None:
    parts = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()) if k != "crash")
    print(f"{name}: {n} in {dt:.0f} s: {parts}, crashes: {counts['crash']}", flush=True)
    for c in crashes[:5]:
        print("  " + c.replace("\n", "\n  "), flush=True)


def _option(name: str, default: int) -> int:
    if name in sys.argv:
        i = sys.argv.index(name)
        value = int(sys.argv[i + 1])
        del sys.argv[i:i + 2]
        return value
    return default


def main() -> int:
    fs_n, disk_n, kill_n = _option("--fs", 0), _option("--disk", 0), _option("--kill", 0)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    base = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    crashed = 0
    for name, fn, count in (("mutations", one, n), ("file-system faults", fs_fault, fs_n)):
        if not count:
            continue
        t = time.monotonic()
        counts: Counter = Counter()
        crashes = []
        with Pool(2) as pool:
            for outcome, detail in pool.imap_unordered(fn, range(base, base + count), chunksize=20):
                counts[outcome] += 1
                if detail:
                    crashes.append(detail)
        if name == "mutations":  # the line the README's table has always shown
            print(f"{n} mutations of {len(FILES)} plan files in {time.monotonic() - t:.0f} s: "
                  f"exit 0: {counts['exit 0']}, exit 1: {counts['exit 1']}, crashes: {counts['crash']}", flush=True)
            for c in crashes[:10]:
                print(c)
        else:
            report(name, count, counts, crashes, time.monotonic() - t)
        crashed += counts["crash"]
    if disk_n or kill_n:
        rnd = random.Random(base)
        with tempfile.TemporaryDirectory(prefix="plancc-fuzz-build-") as tmp:
            world = World(Path(tmp))
            t = time.monotonic()
            world.build(check=False)
            span = time.monotonic() - t  # a build's length: kills land anywhere in it
            for name, count, fn in (("full disk", disk_n, lambda: full_disk(world, rnd)),
                                    ("kill -9", kill_n, lambda: kill_9(world, rnd, span))):
                if not count:
                    continue
                t = time.monotonic()
                counts, crashes = Counter(), []
                for _ in range(count):
                    outcome, detail = fn()
                    counts[outcome] += 1
                    if detail:
                        crashes.append(detail)
                report(name, count, counts, crashes, time.monotonic() - t)
                crashed += counts["crash"]
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())

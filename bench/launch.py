"""Starts the measured commands for bench/run.py, from a process that stays small.

Linux counts a process's peak memory (ru_maxrss) from before its exec(), when it is
still a copy of whoever started it; started straight from run.py, every command would
be charged run.py's own 25 MB. This launcher imports next to nothing, so what it adds
is less than any Python command's own start-up memory.

Protocol: one JSON request a line on stdin, {"argv", "cwd", "env", "log"}; one JSON
answer a line on stdout, {"wall", "rss_kb", "cpu", "code"}.
"""

import json
import os
import sys
import time


def main() -> None:
    for line in sys.stdin:
        req = json.loads(line)
        os.chdir(req["cwd"])
        actions = [(os.POSIX_SPAWN_OPEN, fd, req["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                   for fd in (1, 2)]
        start = time.perf_counter()
        pid = os.posix_spawn(req["argv"][0], req["argv"], req["env"], file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        sys.stdout.write(json.dumps({"wall": wall, "rss_kb": usage.ru_maxrss,
                                     "cpu": usage.ru_utime + usage.ru_stime,
                                     "code": os.waitstatus_to_exitcode(status)}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Load the machine on purpose: N CPU-bound processes for a bounded time, to prove the test suite is
not flaky when the machine is busy. Stops by itself (after --seconds, or when the command given
after `--` ends) and never outlives the caller.

    .venv/bin/python scripts/cpu_load.py --procs 2 --seconds 900                 # load for 15 minutes
    .venv/bin/python scripts/cpu_load.py --procs 2 -- bash scripts/test.sh -q   # load while the suite runs
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import subprocess
import sys
import time


def spin(deadline: float, parent: int) -> None:
    """Busy arithmetic until the deadline, or until the parent process is gone."""
    x = 0
    while time.monotonic() < deadline:
        for _ in range(200_000):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        if os.getppid() != parent:
            return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procs", type=int, default=2, help="CPU-bound processes (default 2: both cores here)")
    parser.add_argument("--seconds", type=float, default=1800, help="upper bound on the load (default 30 min)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="optional: -- a command to run under the load")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    deadline = time.monotonic() + args.seconds
    workers = [mp.Process(target=spin, args=(deadline, os.getpid()), daemon=True) for _ in range(args.procs)]
    for w in workers:
        w.start()
    print(f"cpu_load: {args.procs} busy process(es) {[w.pid for w in workers]} for at most {args.seconds:.0f} s",
          file=sys.stderr, flush=True)
    started = time.monotonic()
    try:
        if command:
            code = subprocess.run(command).returncode
            print(f"cpu_load: the command took {time.monotonic() - started:.0f} s under load, exit code {code}",
                  file=sys.stderr, flush=True)
            return code
        for w in workers:
            w.join()
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        for w in workers:
            if w.is_alive():
                w.terminate()
        for w in workers:
            w.join(timeout=5)


if __name__ == "__main__":
    sys.exit(main())

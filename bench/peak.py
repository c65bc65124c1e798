"""Run `python -m bench.peak (-m MODULE | -c CODE) ARGS…` as python would, then write the
process's own peak resident set (VmHWM, KiB) to the file named by ANTQ_PEAK_FILE.

The kernel's ru_maxrss cannot be used for a child of the benchmark: Linux carries the forking
parent's high-water mark into the child at exec, so every command looked at least as big as the
benchmark process itself. VmHWM belongs to the address space exec created, so it is the
command's own."""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path


def _own_peak_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("/proc/self/status has no VmHWM")


def main() -> None:
    mode, target, *args = sys.argv[1:]
    try:
        if mode == "-m":
            sys.argv = [target, *args]
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        else:
            sys.argv = ["-c", *args]
            exec(compile(target, "<bench>", "exec"), {"__name__": "__main__"})  # the floor script is our own
    finally:
        Path(os.environ["ANTQ_PEAK_FILE"]).write_text(str(_own_peak_kib()))


if __name__ == "__main__":
    main()

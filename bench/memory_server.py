"""Start the dashboard as ``make run`` does, with Python's heap traced for the memory benchmark.

``python -m bench.memory_server [streamlit options]`` is ``python -m ui.serve``
plus :mod:`tracemalloc`. On SIGUSR2 the server collects garbage and appends one
line to ``$CONTESTED_MEMORY_LOG``: the traced Python heap and the resident set
size, in MiB. Resident size alone cannot tell a leak from the allocator keeping
freed pages; the traced heap can.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import tracemalloc
from pathlib import Path

from ui.serve import main


def _report(signum: int, frame: object) -> None:
    del signum, frame
    gc.collect()
    heap = tracemalloc.get_traced_memory()[0] / 2**20
    status = Path("/proc/self/status").read_text().splitlines()
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024
    with open(os.environ["CONTESTED_MEMORY_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{heap:.3f} {rss:.1f}\n")


if __name__ == "__main__":
    tracemalloc.start(1)
    signal.signal(signal.SIGUSR2, _report)
    main(sys.argv[1:])

"""What every benchmark shares: a median timer, the machine's description, the result file."""

import datetime
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def timed(fn, repeat=30):
    """Median seconds of ``fn()`` over ``repeat`` runs, after one warm-up run."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def timed_pair(baseline, measured, repeat=30) -> tuple[float, float]:
    """Median seconds of ``baseline()`` and of ``measured()``, run in turn ``repeat``
    times each after one warm-up: on a shared machine, load that comes and goes falls on
    both alike instead of on whichever block of runs it happened to meet."""
    baseline(), measured()
    first, second = [], []
    for _ in range(repeat):
        for fn, samples in ((baseline, first), (measured, second)):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
    return statistics.median(first), statistics.median(second)


def machine(**extra) -> dict:
    return {
        "node": platform.node(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        **extra,
    }


def now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def write_result(result: dict, name: str) -> Path:
    """Print the result and keep it as bench/results/<time>-<machine>-<name>.json."""
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S")
    path = RESULTS / f"{stamp}-{platform.node() or 'machine'}-{name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    print(f"written to {path}")
    return path

"""Benchmark of plan extraction: ``.venv/bin/python -m bench.extraction``.

For each seed plan in ../shared/seeds (and the invented fixtures), the median time of
``extract()`` over repeated runs, per document and per KB, against a baseline measured in the
same run: reading and normalising the text (``read_document`` + ``structure.normalize``).
The goal is under 200 ms for a 40 KB plan on one core. Results go to bench/results/ as JSON
with the machine and date.
"""

import statistics
from pathlib import Path

from bench.common import machine, now, timed, write_result
from lanhmanh.plans.extraction import extract
from lanhmanh.plans.extraction.readers import read_document
from lanhmanh.plans.extraction.structure import normalize

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "lanhmanh" / "plans" / "tests" / "fixtures"
GOAL_SECONDS_PER_40KB = 0.200


def documents():
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    paths += sorted(
        p
        for p in FIXTURES.iterdir()
        if p.suffix in {".txt", ".md", ".docx"} and (FIXTURES / f"{p.stem}.gold.json").exists()
    )
    return paths


def main(repeat: int = 20):
    rows = []
    for path in documents():
        size_kb = path.stat().st_size / 1024

        def baseline(path=path):
            text, _ = read_document(path)
            normalize(text)

        def full(path=path):
            extract(path)

        base = timed(baseline, repeat)
        run = timed(full, repeat)
        rows.append(
            {
                "document": path.name,
                "kb": round(size_kb, 1),
                "median_seconds": round(run, 5),
                "baseline_seconds": round(base, 5),
                "ms_per_kb": round(run * 1000 / size_kb, 3),
                "ratio_vs_baseline": round(run / base, 1),
            }
        )
    per_kb = statistics.median(r["ms_per_kb"] for r in rows)
    projected_40kb = per_kb * 40 / 1000
    result = {
        "date": now(),
        "machine": machine(),
        "repeat": repeat,
        "documents": rows,
        "median_ms_per_kb": per_kb,
        "projected_seconds_for_40kb": round(projected_40kb, 4),
        "goal_seconds_for_40kb": GOAL_SECONDS_PER_40KB,
        "meets_goal": projected_40kb < GOAL_SECONDS_PER_40KB,
    }
    write_result(result, "extraction")


if __name__ == "__main__":
    main()

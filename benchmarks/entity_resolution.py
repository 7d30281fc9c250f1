"""Entity-resolution benchmark: two synthetic person registers linked, against their truth.

    uv run python benchmarks/entity_resolution.py --sizes 10000 100000 1000000 --workdir /tmp/er

For each size (records per register), `adaldyq.synthetic.people_registers` draws two registers
that share half their people, the second much noisier (folded Kazakh letters, Latin spellings,
typos, missing patronymics and birth dates, initials, changed order, moved people); they are
cached as Parquet by size and seed with the true pairs beside. `resolve_people` then links them
(exact IIN links, Splink on DuckDB with every core of the machine, mutual best links, threshold
0.5). Each step runs in a fresh process, so its peak RSS is its own; its wall time
is taken inside the child around the call only. Precision, recall and F1 are counted on pairs.
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

import orjson
import pyarrow.compute as pc
import pyarrow.parquet as pq

from child_steps import Measurement, benchmark_parser, measure, run_child

STEPS = ("generate", "resolve")
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def main() -> None:
    args = benchmark_parser(__doc__.splitlines()[0], STEPS, DEFAULT_SIZES).parse_args()
    if run_child(args, run_step):
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[Measurement, dict[str, float]]] = []
    for size in args.sizes:
        if not data_path(args.workdir, size, args.seed, "truth").exists():
            measure(__file__, "generate", args.workdir, size, args.seed, _left(args, size))
        step = measure(__file__, "resolve", args.workdir, size, args.seed, _left(args, size))
        quality = orjson.loads(data_path(args.workdir, size, args.seed, "quality").read_bytes())
        rows.append((step, quality))
    print_table(rows)


def data_path(workdir: Path, size: int, seed: int, part: str) -> Path:
    suffix = "json" if part == "quality" else "parquet"
    return workdir / f"people-{size}-seed{seed}.{part}.{suffix}"


def _left(args: argparse.Namespace, size: int) -> Path:
    return data_path(args.workdir, size, args.seed, "left")


def run_step(step: str, workdir: Path, size: int, seed: int) -> float:
    """One step, in this (fresh) process; its wall time in seconds."""
    started = time.perf_counter()
    if step == "generate":
        from adaldyq.synthetic.people_registers import person_registers

        registers = person_registers(size, seed=seed)
        for part in ("left", "right", "truth"):  # truth last: its presence marks a complete set
            pq.write_table(getattr(registers, part), data_path(workdir, size, seed, part))
        return time.perf_counter() - started
    from adaldyq.engines.resolution import Options, resolve_people
    from adaldyq.engines.resolution.quality import pair_quality
    from adaldyq.store.linkage import linkage_database

    logging.getLogger("splink").setLevel(logging.ERROR)  # training chatter, not results
    left, right, truth = (pq.read_table(data_path(workdir, size, seed, p))
                          for p in ("left", "right", "truth"))  # fmt: skip
    database = linkage_database(spill_directory=workdir / "duckdb-spill")
    started = time.perf_counter()
    resolution = resolve_people(left, right, Options(one_to_one=True), database)
    seconds = time.perf_counter() - started
    quality = pair_quality(resolution.links, truth)
    exact = pc.sum(pc.equal(resolution.links["method"], "iin")).as_py() or 0
    data_path(workdir, size, seed, "quality").write_bytes(orjson.dumps({
        "precision": quality.precision, "recall": quality.recall, "f1": quality.f1,
        "links": resolution.links.num_rows, "exact": exact, "true": truth.num_rows,
    }))  # fmt: skip
    return seconds


def print_table(rows: list[tuple[Measurement, dict[str, float]]]) -> None:
    print("| records per side | true pairs | links (IIN exact) | precision | recall | F1 "
          "| seconds | peak RSS MB |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for step, q in rows:
        seconds = "n/a" if step.seconds is None else f"{step.seconds:,.1f}"
        print(f"| {step.size:,} | {q['true']:,} | {q['links']:,} ({q['exact']:,}) "
              f"| {q['precision']:.4f} | {q['recall']:.4f} | {q['f1']:.4f} | {seconds} "
              f"| {step.peak_mb:,.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()

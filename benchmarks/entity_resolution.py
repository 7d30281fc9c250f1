"""Entity-resolution benchmark: two synthetic person registers linked, against their truth.

    uv run python benchmarks/entity_resolution.py --sizes 10000 100000 1000000 --workdir /tmp/er
    uv run python benchmarks/entity_resolution.py --sizes 10000 --engine duckdb spark

For each size (records per register), `adaldyq.synthetic.people_registers` draws two registers
that share half their people, the second much noisier (folded Kazakh letters, Latin spellings,
typos, missing patronymics and birth dates, initials, changed order, moved people); they are
cached as Parquet by size and seed with the true pairs beside. `resolve_people` then links them
(exact IIN links, Splink on DuckDB with every core of the machine, mutual best links, threshold
0.5). Each step runs in a fresh process, so its peak RSS is its own; its wall time
is taken inside the child around the call only. Precision, recall and F1 are counted on pairs.

`--engine spark` runs Splink on Spark instead (`store.linkage.spark_linkage_database`, the master
of the settings, `local[2]` by default, lineage broken to Parquet in the work folder); the child
learns the engine as the settings' `backend` (`ADALDYQ_BACKEND`). Spark's JVM is a process of its
own, so its peak RSS is shown apart.
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from pathlib import Path
from typing import Any

import orjson
import pyarrow.compute as pc
import pyarrow.parquet as pq

from child_steps import Measurement, benchmark_parser, measure, run_child

STEPS = ("generate", "resolve")
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
ENGINES = ("duckdb", "spark")


def main() -> None:
    parser = benchmark_parser(__doc__.splitlines()[0], STEPS, DEFAULT_SIZES)
    parser.add_argument("--engine", choices=ENGINES, nargs="+", default=["duckdb"],
                        help="where Splink runs; several: one row each")  # fmt: skip
    args = parser.parse_args()
    if run_child(args, run_step):
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, Measurement, dict[str, Any]]] = []
    for size in args.sizes:
        if not data_path(args.workdir, size, args.seed, "truth").exists():
            measure(__file__, "generate", args.workdir, size, args.seed, _left(args, size))
        for engine in args.engine:
            os.environ["ADALDYQ_BACKEND"] = engine  # read by the child's settings
            step = measure(__file__, "resolve", args.workdir, size, args.seed, _left(args, size))
            quality = data_path(args.workdir, size, args.seed, f"{engine}.quality")
            rows.append((engine, step, orjson.loads(quality.read_bytes())))
    print_table(rows)


def data_path(workdir: Path, size: int, seed: int, part: str) -> Path:
    suffix = "json" if part.endswith("quality") else "parquet"
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
    from adaldyq.settings import load_settings
    from adaldyq.store.linkage import linkage_database, spark_linkage_database

    logging.getLogger("splink").setLevel(logging.ERROR)  # training chatter, not results
    left, right, truth = (pq.read_table(data_path(workdir, size, seed, p))
                          for p in ("left", "right", "truth"))  # fmt: skip
    settings = load_settings()
    if settings.backend == "spark":
        database = spark_linkage_database(settings.spark_master, workdir / "spark-spill")
    else:
        database = linkage_database(spill_directory=workdir / "duckdb-spill")
    started = time.perf_counter()
    resolution = resolve_people(left, right, Options(one_to_one=True), database)
    seconds = time.perf_counter() - started
    quality = pair_quality(resolution.links, truth)
    exact = pc.sum(pc.equal(resolution.links["method"], "iin")).as_py() or 0
    data_path(workdir, size, seed, f"{settings.backend}.quality").write_bytes(orjson.dumps({
        "precision": quality.precision, "recall": quality.recall, "f1": quality.f1,
        "links": resolution.links.num_rows, "exact": exact, "true": truth.num_rows,
        "jvm_peak_mb": _children_peak_mb(),
    }))  # fmt: skip
    return seconds


def _children_peak_mb() -> float | None:
    """Peak RSS of this process's running children (Spark's JVM), from /proc: `measure` sees
    only the Python process, whose children it does not wait for. None without any."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except OSError:  # the process ended while read
            continue
        if int(fields["PPid"]) == os.getpid() and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
    return max(peaks) if peaks else None


def print_table(rows: list[tuple[str, Measurement, dict[str, Any]]]) -> None:
    print("| engine | records per side | true pairs | links (IIN exact) | precision | recall | F1 "
          "| seconds | peak RSS MB | JVM peak RSS MB |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for engine, step, q in rows:
        seconds = "n/a" if step.seconds is None else f"{step.seconds:,.1f}"
        jvm = "n/a" if q["jvm_peak_mb"] is None else f"{q['jvm_peak_mb']:,.0f}"
        print(f"| {engine} | {step.size:,} | {q['true']:,} | {q['links']:,} ({q['exact']:,}) "
              f"| {q['precision']:.4f} | {q['recall']:.4f} | {q['f1']:.4f} | {seconds} "
              f"| {step.peak_mb:,.0f} | {jvm} |")  # fmt: skip


if __name__ == "__main__":
    main()

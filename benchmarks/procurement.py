"""Procurement pipeline benchmark against OCP Cardinal's coverage (run on demand, never in CI).

    uv run python benchmarks/procurement.py --sizes 10000 100000 --workdir /tmp/adaldyq-bench

For each size, a synthetic file (`adaldyq.synthetic`, cached by size and seed) is measured through
Cardinal's `coverage` (the only part of Cardinal runnable here, and our peer), our `coverage`, the
ingest and the analysis on DuckDB with every registered rule. Each step runs in a fresh process,
so its peak RSS (`wait4` rusage of that child) is its own; its wall time is taken inside the child
around the call only, without interpreter start-up. `--profile` adds a cProfile of the ingest
and the time of each rule.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import pstats
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from child_steps import Measurement, measure

STEPS = ("generate", "cardinal", "coverage", "ingest", "analyze")
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--workdir", type=Path, default=Path("bench-work"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="profile ingest, time each rule")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        seconds = run_step(args.step, args.workdir, args.size, args.seed)
        print(orjson.dumps({"seconds": seconds}).decode())
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        data = data_file(args.workdir, size, args.seed)
        if not data.exists():
            rows.append(_measure("generate", args.workdir, size, args.seed))
        rows.extend(_measure(s, args.workdir, size, args.seed) for s in STEPS[1:])
    print_table(rows)
    if args.profile:
        profile(args.workdir, args.sizes[0], args.seed)


def data_file(workdir: Path, size: int, seed: int) -> Path:
    return workdir / f"synthetic-{size}-seed{seed}.jsonl"


def workspace_dir(workdir: Path, size: int, seed: int) -> Path:
    return workdir / f"ws-{size}-seed{seed}"


def run_step(step: str, workdir: Path, size: int, seed: int) -> float:
    """One step, in this (fresh) process; returns its wall time in seconds."""
    data = data_file(workdir, size, seed)
    started = time.perf_counter()
    if step == "generate":
        from adaldyq.synthetic import generate

        partial = data.with_suffix(".partial.jsonl")
        generate(partial, size, seed=seed, truth=data.with_suffix(".truth.jsonl"))
        partial.rename(data)  # only a complete file is ever cached
    elif step == "cardinal":
        import ocdscardinal

        ocdscardinal.coverage(str(data))
    elif step == "coverage":
        from adaldyq.ingest.coverage import coverage

        coverage(data)
    elif step == "ingest":
        ingest(data, workspace_dir(workdir, size, seed))
    else:
        analyze(workspace_dir(workdir, size, seed))
    return time.perf_counter() - started


def ingest(data: Path, root: Path) -> None:
    from adaldyq.ingest.ocds import OcdsIngest
    from adaldyq.store.catalog import Workspace

    shutil.rmtree(root, ignore_errors=True)
    OcdsIngest(Workspace(root), dataset="synthetic").run([str(data)])


def analyze(root: Path, on_rule: Callable[[str, str], None] | None = None) -> None:
    """What `adaldyq analyze --workspace` does after ingest: every rule, findings written."""
    from adaldyq.jobs.procurement import analyze_job
    from adaldyq.settings import load_settings

    analyze_job(load_settings(backend="duckdb", workspace=root), [], on_rule=on_rule)


def _measure(step: str, workdir: Path, size: int, seed: int) -> Measurement:
    return measure(__file__, step, workdir, size, seed, data_file(workdir, size, seed))


def print_table(rows: list[Measurement]) -> None:
    print("| step | processes | MB | seconds | MB/s | processes/s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    by_size: dict[int, dict[str, float]] = {}
    for row in rows:
        assert row.seconds is not None  # every procurement step is always available
        by_size.setdefault(row.size, {})[row.step] = row.seconds
        print(f"| {row.step} | {row.size:,} | {row.megabytes:,.0f} | {row.seconds:,.2f} | "
              f"{row.megabytes / row.seconds:,.1f} | {row.size / row.seconds:,.0f} | "
              f"{row.peak_mb:,.0f} |")  # fmt: skip
    print()
    for size, steps in by_size.items():
        ratio = (steps["ingest"] + steps["analyze"]) / steps["cardinal"]
        ours = steps["coverage"] / steps["cardinal"]
        print(f"{size:,} processes: (ingest + analyze) / cardinal coverage = {ratio:.1f}x; "
              f"our coverage / cardinal coverage = {ours:.2f}x")  # fmt: skip


def profile(workdir: Path, size: int, seed: int) -> None:
    """Where the time goes: ingest's top functions (own and cumulative time), then each rule."""
    profiler = cProfile.Profile()
    profiler.enable()
    ingest(data_file(workdir, size, seed), workdir / "ws-profile")
    profiler.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(18)
        print(out.getvalue())
    starts: list[tuple[str, float]] = []
    analyze(workdir / "ws-profile", lambda _, code: starts.append((code, time.perf_counter())))
    starts.append(("end", time.perf_counter()))
    spans = [(code, end - start) for (code, start), (_, end) in itertools.pairwise(starts)]
    print("| rule | seconds |\n|---|---:|")
    for code, seconds in sorted(spans, key=lambda span: -span[1]):
        print(f"| {code} | {seconds:.2f} |")


if __name__ == "__main__":
    main()

"""Declarations benchmark: synthetic histories generated, imported and screened (run on demand).

    uv run python benchmarks/declarations.py --sizes 10000 100000 1000000 --workdir /tmp/decl

For each size (person-years), a canonical JSON Lines file from `adaldyq.synthetic.declarations`
(cached by size and seed: only a complete file is ever kept, with its exchange rates and optional
screening inputs beside it) is imported into a fresh workspace as `adaldyq declarations import
--format canonical` does, then screened by every rule with those inputs, on DuckDB with the
default settings (its 2 GB memory limit included). Each step runs in a fresh process, so its peak
RSS (`wait4` rusage of that child) is its own; its wall time is taken inside the child around the
call only, without interpreter start-up. There is no peer to run beside it: the declarations.com.ua
flags (DECLARATIONS.md §4) are computed inside Elasticsearch, which is not on this machine.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from child_steps import Measurement, benchmark_parser, measure, run_child

STEPS = ("generate", "import", "screen")
INPUTS = ("prices", "registers", "checks")
SIDECARS = (".rates.csv", *(f".{kind}.csv" for kind in INPUTS))
"""Files the generator writes beside the declarations: exchange rates and optional inputs."""
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def main() -> None:
    parser = benchmark_parser(__doc__.splitlines()[0], STEPS, DEFAULT_SIZES)
    parser.add_argument(
        "--screen-only",
        action="store_true",
        help="screen the workspaces an earlier run imported, without importing again",
    )
    args = parser.parse_args()
    if run_child(args, run_step):
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows: list[Measurement] = []
    for size in args.sizes:
        if not data_file(args.workdir, size, args.seed).exists():
            rows.append(_measure("generate", args.workdir, size, args.seed))
        if not (args.screen_only and workspace_dir(args.workdir, size, args.seed).exists()):
            rows.append(_measure("import", args.workdir, size, args.seed))
        rows.append(_measure("screen", args.workdir, size, args.seed))
    print_table(rows)


def data_file(workdir: Path, size: int, seed: int) -> Path:
    return workdir / f"declarations-{size}-seed{seed}.jsonl"


def workspace_dir(workdir: Path, size: int, seed: int) -> Path:
    return workdir / f"ws-declarations-{size}-seed{seed}"


def run_step(step: str, workdir: Path, size: int, seed: int) -> float:
    """One step, in this (fresh) process; its wall time in seconds."""
    data = data_file(workdir, size, seed)
    root = workspace_dir(workdir, size, seed)
    started = time.perf_counter()
    if step == "generate":
        from adaldyq.synthetic.declarations import generate_declarations, sidecar

        partial = data.with_suffix(".partial.jsonl")
        generate_declarations(partial, size, seed=seed, truth=sidecar(data, ".truth.jsonl"))
        for suffix in SIDECARS:
            sidecar(partial, suffix).rename(sidecar(data, suffix))
        partial.rename(data)  # only a complete file is ever cached
    elif step == "import":
        from adaldyq.jobs.declarations import import_declarations_job
        from adaldyq.settings import load_settings

        shutil.rmtree(root, ignore_errors=True)
        settings = load_settings(backend="duckdb", workspace=root)
        report = import_declarations_job(settings, [str(data)], "canonical")
        if not (report.read == report.loaded == size and report.rejected == 0):
            raise SystemExit(f"import of {data}: read {report.read}, loaded {report.loaded}")
    else:
        return screen(root, data)
    return time.perf_counter() - started


def screen(root: Path, data: Path) -> float:
    """Every rule on the imported dataset with the generated rates and optional inputs;
    findings are counted and dropped as each rule hands them over, as a large run would."""
    from adaldyq.engines.declarations.runner import screen as run_screen
    from adaldyq.settings import load_settings
    from adaldyq.store.backend import connect
    from adaldyq.store.catalog import Workspace
    from adaldyq.synthetic.declarations import sidecar

    settings = load_settings(backend="duckdb", workspace=root)
    inputs = {kind: [sidecar(data, f".{kind}.csv")] for kind in INPUTS}
    with connect(settings) as backend:
        started = time.perf_counter()
        run_screen(backend, Workspace(root), settings, "benchmark", "declarations",
                   rates_file=sidecar(data, ".rates.csv"), on_findings=lambda _: None,
                   inputs=inputs)  # fmt: skip
        return time.perf_counter() - started


def _measure(step: str, workdir: Path, size: int, seed: int) -> Measurement:
    return measure(__file__, step, workdir, size, seed, data_file(workdir, size, seed))


def print_table(rows: list[Measurement]) -> None:
    print("| step | person-years | MB | seconds | person-years/s | MB/s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row.step} | {row.size:,} | {row.megabytes:,.0f} | {row.seconds:,.2f} | "
              f"{row.size / row.seconds:,.0f} | {row.megabytes / row.seconds:,.1f} | "
              f"{row.peak_mb:,.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()

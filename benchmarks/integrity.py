"""Integrity findings benchmark: a synthetic world tied to synthetic procurement, generated,
imported and searched by every pattern (run on demand).

    uv run python benchmarks/integrity.py --sizes 1000 10000 100000 --workdir /tmp/integrity

For each size (procurement processes), `adaldyq.synthetic.integrity_world.generate_world` writes
the releases, the FtM graph, the company facts and the truth (cached by size and seed); they are
imported into a fresh workspace (OCDS ingest and graph import), entity resolution links the
graph's people and companies (`adaldyq graph resolve`), then every integrity pattern runs on
DuckDB with the default settings (B02 and B11, which need declarations, are not run), findings
counted and dropped as each rule hands them over. Each step runs in a fresh process
(`child_steps.py`), so its peak RSS is its own. The table's size column is processes; MB is the
graph file's size.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from child_steps import Measurement, benchmark_parser, measure, run_child

STEPS = ("generate", "import", "resolve", "findings")
DEFAULT_SIZES = (1_000, 10_000, 100_000)


def main() -> None:
    args = benchmark_parser(__doc__.splitlines()[0], STEPS, DEFAULT_SIZES).parse_args()
    if run_child(args, run_step):
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows: list[Measurement] = []
    for size in args.sizes:
        world = world_dir(args.workdir, size, args.seed)
        for step in STEPS:
            if step != "generate" or not (world / "done").exists():
                graph = world / "graph.ftm.jsonl"
                rows.append(measure(__file__, step, args.workdir, size, args.seed, graph))
    print_table(rows)


def world_dir(workdir: Path, size: int, seed: int) -> Path:
    return workdir / f"world-{size}-seed{seed}"


def run_step(step: str, workdir: Path, size: int, seed: int) -> float:
    """One step, in this (fresh) process; its wall time in seconds."""
    world = world_dir(workdir, size, seed)
    root = workdir / f"ws-integrity-{size}-seed{seed}"
    started = time.perf_counter()
    if step == "generate":
        from adaldyq.synthetic.integrity_world import generate_world

        generate_world(world, size, seed=seed)
        (world / "done").touch()  # only a complete world is reused
    elif step == "import":
        from adaldyq.ingest.ocds import OcdsIngest
        from adaldyq.jobs.graph import import_graph
        from adaldyq.store.catalog import Workspace

        shutil.rmtree(root, ignore_errors=True)
        workspace = Workspace(root)
        graph = [str(world / "graph.ftm.jsonl"), str(world / "company_facts.csv")]
        import_graph(workspace, graph, "graph")
        OcdsIngest(workspace, dataset="tenders").run([str(world / "releases.jsonl")])
    elif step == "resolve":
        from adaldyq.jobs.graph import resolve_graph
        from adaldyq.settings import load_settings

        print(resolve_graph(load_settings(workspace=root), "graph").as_dict(), file=sys.stderr)
    else:
        return findings(root)
    return time.perf_counter() - started


def findings(root: Path) -> float:
    """Every pattern over the imported graph and procurement datasets; prints counts per rule."""
    from adaldyq.engines.integrity.runner import run_patterns
    from adaldyq.settings import load_settings
    from adaldyq.store.backend import connect
    from adaldyq.store.catalog import Workspace
    from adaldyq.synthetic.integrity_world import MASS

    params = {"B06": {"mass_address": MASS, "mass_director": MASS}}
    settings = load_settings(backend="duckdb", workspace=root, integrity={"params": params})
    with connect(settings) as backend:
        started = time.perf_counter()
        result = run_patterns(backend, Workspace(root), settings, "benchmark", "graph", "tenders",
                              on_findings=lambda _: None)  # fmt: skip
        seconds = time.perf_counter() - started
    print(dict(sorted(result.counts.items())), file=sys.stderr)
    return seconds


def print_table(rows: list[Measurement]) -> None:
    print("| step | processes | graph MB | seconds | processes/s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        seconds = row.seconds or float("nan")
        print(f"| {row.step} | {row.size:,} | {row.megabytes:,.1f} | {seconds:,.2f} | "
              f"{row.size / seconds:,.0f} | {row.peak_mb:,.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()

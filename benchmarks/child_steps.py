"""One benchmark step in a fresh child process: its own wall time and its own peak RSS.

Shared by the engine benchmarks, which re-run their own script with `--step STEP --workdir DIR
--size N --seed S`; the child prints `{"seconds": …}` (null when the step is not available) as its
last line. Peak RSS comes from `wait4`, so it is the child's alone; the time is taken inside the
child around the call only, without interpreter start-up.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson


@dataclass(frozen=True)
class Measurement:
    step: str
    size: int
    seconds: float | None
    megabytes: float
    peak_mb: float


def benchmark_parser(
    description: str, steps: Sequence[str], sizes: Sequence[int]
) -> argparse.ArgumentParser:
    """The options every engine benchmark takes (`--sizes`, `--workdir`, `--seed`), plus the
    hidden child-mode `--step` and `--size` that `measure` passes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(sizes))
    parser.add_argument("--workdir", type=Path, default=Path("bench-work"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--step", choices=steps, help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    return parser


def run_child(
    args: argparse.Namespace, run_step: Callable[[str, Path, int, int], float | None]
) -> bool:
    """In child mode, run the step and print its seconds for `measure`; False otherwise."""
    if not args.step:
        return False
    seconds = run_step(args.step, args.workdir, args.size, args.seed)
    print(orjson.dumps({"seconds": seconds}).decode())
    return True


def measure(script: str, step: str, workdir: Path, size: int, seed: int, data: Path) -> Measurement:
    """Run `script --step step …` in a child; `data` is the input whose size the table shows."""
    command = [sys.executable, script, "--step", step, "--workdir", str(workdir),
               "--size", str(size), "--seed", str(seed)]  # fmt: skip
    child = subprocess.Popen(command, stdout=subprocess.PIPE)
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code:
        raise SystemExit(f"step {step} at {size} failed with exit code {code}")
    seconds = orjson.loads(output.splitlines()[-1])["seconds"]
    shown = "not available" if seconds is None else f"{seconds:8.2f} s"
    print(f"{step:>9} {size:>9,}: {shown}", file=sys.stderr, flush=True)
    return Measurement(step, size, seconds, data.stat().st_size / 1e6, usage.ru_maxrss / 1024)

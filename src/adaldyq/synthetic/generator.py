"""Write N synthetic compiled releases and the ground truth of what was planted in them.

Streaming: each release is built, written and forgotten, and so is its truth, so memory stays
flat from a thousand processes to millions; only the organisation pools (a few per thousand
processes) and classification codes stay in memory. Everything comes from one seeded generator,
so the same size and seed give the same bytes.

Ground truth is JSON Lines, one row per subject that must be flagged:
`{"rule": "R030", "subject_type": "process" | "supplier", "subject": ocid or org id}`.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import IO, TypeVar

import orjson

from adaldyq.synthetic.organisations import buyers, suppliers
from adaldyq.synthetic.patterns import PATTERNS, background, planted
from adaldyq.synthetic.releases import build

PROCESS, SUPPLIER = "process", "supplier"
T = TypeVar("T")


@dataclass
class Summary:
    """What was written: counts of processes and of planted subjects per rule."""

    processes: int
    path: Path
    truth: Path
    planted: dict[str, int] = field(default_factory=dict)


def truth_path(path: Path) -> Path:
    """Where the ground truth of `data.jsonl[.gz]` goes: `data.truth.jsonl` beside it."""
    name = path.name.removesuffix(".gz").removesuffix(".jsonl")
    return path.with_name(f"{name}.truth.jsonl")


def generate(
    path: Path, processes: int, seed: int = 0, share: float = 0.03, truth: Path | None = None
) -> Summary:
    """Write `processes` releases to `path` (gzipped if it ends in .gz) and their ground truth.

    Each pattern of `PATTERNS` is planted in about `share` of the processes, one pattern per
    process; the rest is clean background.
    """
    if not 0 <= share * len(PATTERNS) <= 1:
        raise ValueError(f"share {share} times {len(PATTERNS)} patterns must be within 0..1")
    rng = Random(seed)
    buyer_pool = buyers(rng, max(20, processes // 100))
    supplier_pool = suppliers(rng, max(60, processes // 20))
    codes = [f"{rng.randrange(10**5, 10**6)}.{rng.randrange(100, 1000)}.000000"
             for _ in range(300)]  # fmt: skip
    truth = truth or truth_path(path)
    summary = Summary(processes, path, truth, dict.fromkeys(PATTERNS, 0))
    rules = list(PATTERNS)
    with ExitStack() as stack:
        out = stack.enter_context(_open(path))
        truth_out = stack.enter_context(truth.open("wb"))
        for index in range(processes):
            draw = int(rng.random() / share) if share else len(rules)
            code = rules[draw] if draw < len(rules) else None
            plan = planted(index, code, rng) if code else background(index, rng)
            bidders = _distinct(rng, supplier_pool, plan.tenderers)
            built = build(plan, rng, rng.choice(buyer_pool), bidders, codes)
            out.write(orjson.dumps(built.release) + b"\n")
            if code is None:
                continue
            summary.planted[code] += 1
            rows = [(PROCESS, built.release["ocid"])]
            rows += [(SUPPLIER, org_id) for org_id in built.implicated]
            truth_out.write(b"".join(
                orjson.dumps({"rule": code, "subject_type": kind, "subject": subject}) + b"\n"
                for kind, subject in rows
            ))  # fmt: skip
    return summary


def read_truth(path: Path) -> list[dict[str, str]]:
    """The ground-truth rows of a generated file."""
    with path.open("rb") as handle:
        return [orjson.loads(line) for line in handle if line.strip()]


def _distinct(rng: Random, pool: Sequence[T], count: int) -> list[T]:
    """`count` different members of `pool` (random.sample would copy a million-entry pool)."""
    chosen: dict[int, None] = {}
    while len(chosen) < count:
        chosen[rng.randrange(len(pool))] = None
    return [pool[i] for i in chosen]


def _open(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return gzip.open(path, "wb", compresslevel=5)  # type: ignore[return-value]
    return path.open("wb", buffering=1 << 20)

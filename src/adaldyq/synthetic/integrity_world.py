"""A synthetic world for the integrity graph, tied to synthetic procurement, with ground truth.

The procurement generator writes clean OCDS releases; `integrity_base.py` reads back who bid and
who won and builds the people, companies, ties and officials' declarations around them, with
nobody tied to anybody else. `planted=True` then plants every pattern of INTEGRITY.md §4.3
(`PLANTED`, by `integrity_plants*.py`) and near misses that a correct rule leaves alone
(`NEAR_MISSES`), each written to `truth.jsonl` as `{"rule", "pattern", "ocid", "subjects",
"path", "near_miss", "also"}` (`also`: other rules the plant makes fire by design).

The clean world ties nobody to anybody, but its market is the generator's: at some seeds a
supplier wins three contracts from one buyer, one of them large, and B08 rightly reads that as
dependency (seeds 7 and 8 at 300 processes, 2 at 1,000, of the ten tried; none at seed 3, which
the tests use). In the planted worlds of those seeds every other rule flagged its plants alone.

Files written: `releases.jsonl` (the generated releases, then the planted ones: B08 and B09's
share jump need a market of their own), `graph.ftm.jsonl` (FollowTheMoney entities, read by
`adaldyq graph build`), `company_facts.csv` (capital, staff, turnover and tax: the company facts
form, read with the graph), `declarations.jsonl` (canonical declarations, read by `adaldyq
declarations import` or `screen`), `truth.jsonl` (empty for the clean world).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

import orjson

from adaldyq.synthetic.generator import generate
from adaldyq.synthetic.integrity_base import Award, clean_world, read_awards
from adaldyq.synthetic.integrity_facts import write_facts
from adaldyq.synthetic.integrity_market import Market
from adaldyq.synthetic.integrity_plants import FRESH_DAYS, MASS, plant

PLANTED = (
    "B01", "B02", "B02-family-income", "B03", "B04-director", "B04-phone", "B05", "B05-capital",
    "B06-address", "B06-director", "B06-staff", "B07", "B08", "B09", "B09-share-jump", "B10",
    "B11",
)  # fmt: skip
"""The patterns planted, each on companies of its own; some twice, by what they rest on."""
NEAR_MISSES = (
    "B01-near-miss", "B02-near-miss", "B03-near-miss", "B04-free-mail",
    "B05-capital-near-miss", "B06-staff-near-miss", "B07-near-miss",
    "B08-near-miss", "B09-near-miss", "B09-share-jump-near-miss", "B10-near-miss",
    "B11-near-miss",
)  # fmt: skip
"""Look-alikes a correct rule leaves alone: a tie that ended before every award, a move after
the window, a declaration of a year before the awards, a free-mail domain, two large awards, a
capital raise long before the awards, a small turnover without staff."""

__all__ = [
    "FRESH_DAYS", "MASS", "NEAR_MISSES", "PLANTED", "Award", "WorldSummary", "generate_world",
    "read_awards",
]  # fmt: skip


@dataclass
class WorldSummary:
    releases: Path
    graph: Path
    truth: Path
    declarations: Path
    facts: Path
    entities: int = 0
    planted: dict[str, int] = field(default_factory=dict)


def generate_world(
    folder: Path, processes: int, seed: int = 0, planted: bool = True
) -> WorldSummary:
    """Write the world's four files (see the module) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = WorldSummary(folder / "releases.jsonl", folder / "graph.ftm.jsonl",
                           folder / "truth.jsonl", folder / "declarations.jsonl",
                           folder / "company_facts.csv")  # fmt: skip
    generate(
        summary.releases, processes, seed=seed, share=0.0, truth=folder / "procurement.truth.jsonl"
    )
    awards = read_awards(summary.releases)
    market = Market.read(summary.releases.read_bytes())
    world = clean_world(Random(seed), awards, market)
    if planted:
        plant(world, awards)
    with summary.releases.open("ab") as out:
        out.write(market.lines())
    summary.entities = _write(summary.graph, iter(world.entities))
    _write(summary.truth, iter(world.truth))
    _write(summary.declarations, iter(world.declarations))
    write_facts(summary.facts, world.facts)
    for row in world.truth:
        summary.planted[row["pattern"]] = summary.planted.get(row["pattern"], 0) + 1
    return summary


def _write(path: Path, rows: Iterator[dict[str, Any]]) -> int:
    count = 0
    with path.open("wb") as out:
        for row in rows:
            out.write(orjson.dumps(row) + b"\n")
            count += 1
    return count

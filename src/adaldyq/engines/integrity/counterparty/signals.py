"""A counterparty's signals and the trust score they add up to.

A compliance officer must be able to redo the sum: every signal carries its points, a sentence
and the ids it rests on (findings, nodes, ties), and the score is 100 minus the sum of the
points, the sum capped at 100. Two signals can rest on one fact (a stored B06 finding and the
mass-registration address computed from the graph today; B09 and a PEP owner): each signal
names its `fact`, and of the signals on one fact only the one with the most points counts; the
others are listed with 0 points and a reason saying where they were counted, so nothing is
hidden and nothing is counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from adaldyq.engines.integrity.ties import Tie, path_nodes
from adaldyq.settings import CounterpartySettings

NO_SIGNALS, REVIEW, HIGH_RISK = "no signals", "review", "high risk"
DIGITS = 1


@dataclass(frozen=True)
class Signal:
    """One reason to doubt a counterparty: `points` taken off its score, `reason` in words,
    `evidence` = {findings, nodes, edges} (ids), `fact` = what it rests on (see the module)."""

    code: str
    points: float
    reason: str
    fact: str
    evidence: dict[str, list[str]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """`{code, points, reason, evidence}`: `fact` only decides what counts once."""
        return {k: v for k, v in asdict(self).items() if k != "fact"}


def evidence(
    ties: Iterable[Tie] = (), nodes: Iterable[str] = (), findings: Iterable[str] = ()
) -> dict[str, list[str]]:
    """The ids a signal rests on, each once, in order: the ties' ends join the nodes given."""
    ties = list(ties)
    walked = [node for tie in ties for node in path_nodes((tie,))]
    return {
        "findings": list(dict.fromkeys(findings)),
        "nodes": list(dict.fromkeys([*nodes, *walked])),
        "edges": list(dict.fromkeys(tie.id for tie in ties)),
    }


def hop_points(points: float, hops: int, discount: float) -> float:
    """Points of a listed node `hops` control ties away: full at 0 or 1 tie, less `discount`
    per further tie (as B09/B10 score their paths)."""
    return round(points * max(1.0 - discount * max(hops - 1, 0), 0.0), DIGITS)


@dataclass(frozen=True)
class Score:
    """The counted signals (overlaps at 0 points), the score and its band."""

    signals: list[Signal]
    score: float
    band: str


def score(signals: Sequence[Signal], settings: CounterpartySettings) -> Score:
    """100 minus the capped sum of the signals' points, one signal per fact counted; most points
    first, so the list reads from the heaviest reason down (the strongest on a fact wins)."""
    ordered = sorted(signals, key=lambda s: (-s.points, s.code, s.fact))
    counted: dict[str, Signal] = {}
    listed = []
    for signal in ordered:
        first = counted.get(signal.fact)
        if first is None:
            counted[signal.fact] = signal
            listed.append(signal)
        else:
            note = f"{signal.reason} (same fact as {first.code}, counted there)"
            listed.append(replace(signal, points=0.0, reason=note))
    listed.sort(key=lambda s: (-s.points, s.code, s.fact))  # what counted first, overlaps last
    total = min(100.0, sum(s.points for s in listed))
    value = round(100.0 - total, DIGITS)
    if not any(s.points for s in listed):
        band = NO_SIGNALS
    elif value < settings.high_risk_below:
        band = HIGH_RISK
    else:
        band = REVIEW
    return Score(listed, value, band)

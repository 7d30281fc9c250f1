"""The materiality queue: Ukraine's SASU prioritisation, applied to every process.

SASU (State Audit Service of Ukraine, EBRD project `DataPathAnalytics/UA_Risk_indicators_for_ex-
ante_monitoring`, `TenderRateService.java`, `IndicatorsQueueUpdaterService.java`) ranks tenders by
`materiality = 0.5 * rank(tenderScore) + 0.5 * rank(expected value)` with dense ascending ranks,
puts them in buckets by tenderScore and sends the top of each bucket to auditors. Here:

- `tenderScore` is the composite process score of `scoring.py` (SASU's sum of impacts is the
  same sum with weight = impact).
- **Ranks are normalised to 0..1**: `(dense_rank - 1) / (distinct values - 1)`, 0 when all values
  are equal. SASU adds raw dense ranks, which lets value dominate (nearly every value is distinct,
  scores take a few distinct values); normalised, both halves weigh what the 0.5 says.
- The **value rank is taken within its currency**, so a 1,000 USD contract is not compared with
  a 1,000 KZT one. A process without a value gets value rank 0.
- **Buckets** by score: low [0, bucket_medium), medium [bucket_medium, bucket_high), high >= high.
- **Top risk, stage 1** ("materiality"): in each bucket, the first `ceil(share * n)` processes by
  materiality, share from `top_share`. SASU takes `floor(share * n) + 1`, one more at exact
  multiples; `ceil` takes exactly the share.
- **Top risk, stage 2** ("procuring_entity"): in each bucket, among processes not yet top risk,
  procuring entities are ranked by the summed materiality of those processes; the first
  `ceil(share * entities)` entities (share from `entity_top_share`) bring all those processes in.
  A process without a procuring entity is grouped under its buyer, as OCDS publishers often fill
  only one of the two.
- Only processes with a finding (score > 0) can be top risk: SASU's queue held only tenders with a
  triggered indicator; an auditor needs a reason. Processes without a finding are still ranked.

The **place** orders the whole population: processes with a finding first, then materiality,
score and value descending, then dataset and ocid, so "the 678 most risk-prone" is the first 678
places and never includes an unflagged process while a flagged one is left out.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.settings import ScoringSettings

RISK_SHARE = 0.5  # SASU's RISK_IMPORTANCE_SHARE; the value half is 1 - RISK_SHARE
BUCKETS = ("low", "medium", "high")
MATERIALITY = "materiality"
PROCURING_ENTITY = "procuring_entity"
DIGITS = 9
PLACE_ORDER = [
    ("flagged", "descending", "at_end"),
    (MATERIALITY, "descending", "at_end"),
    ("score", "descending", "at_end"),
    ("value", "descending", "at_end"),
    ("dataset", "ascending", "at_end"),
    ("ocid", "ascending", "at_end"),
]


def materiality_queue(processes: pd.DataFrame, scoring: ScoringSettings) -> pd.DataFrame:
    """Every process of `Scores.processes` ranked: ranks, materiality, bucket, top risk, place."""
    score = processes["score"].to_numpy(dtype=float)
    score_rank = dense_rank01(processes["score"]).to_numpy()
    value_rank = _value_rank(processes)
    materiality = (RISK_SHARE * score_rank + (1 - RISK_SHARE) * value_rank).round(DIGITS)
    bucket = np.select([score >= scoring.bucket_high, score >= scoring.bucket_medium], [2, 1], 0)
    keys = pa.table(
        {
            "flagged": score > 0,
            MATERIALITY: materiality,
            "score": score,
            "value": pa.array(processes["value"], pa.float64(), from_pandas=True),
            "dataset": pa.array(processes["dataset"], pa.string()),
            "ocid": pa.array(processes["ocid"], pa.string()),
        }
    )
    order = pc.sort_indices(keys, sort_keys=PLACE_ORDER).to_numpy()
    q: pd.DataFrame = processes.iloc[order].reset_index(drop=True)
    q["score_rank"] = score_rank[order]
    q["value_rank"] = value_rank[order]
    q[MATERIALITY] = materiality[order]
    q["bucket"] = np.asarray(BUCKETS, dtype=object)[bucket[order]]
    q["place"] = np.arange(1, len(q) + 1)
    flagged, codes = score[order] > 0, bucket[order]
    stage = _top_by_bucket(flagged, codes, scoring.top_share)
    entity = q["procuring_entity_id"].fillna(q["buyer_id"])
    entity_code = pd.factorize(q["dataset"].astype(str) + "\x1f" + entity.astype(str))[0]
    entity_code[entity.isna().to_numpy()] = -1
    chosen = _top_by_entity(flagged & (stage == 0), codes, entity_code, q[MATERIALITY].to_numpy(),
                            scoring.entity_top_share)  # fmt: skip
    stage[chosen] = 2
    q["risk_stage"] = np.asarray([None, MATERIALITY, PROCURING_ENTITY], dtype=object)[stage]
    q["top_risk"] = stage > 0
    return q


def top(queue: pd.DataFrame, n: int | None = None) -> pd.DataFrame:
    """The first `n` places ("the 678 most risk-prone"), or the top-risk queue when n is None."""
    if n is None:
        return queue[queue["top_risk"]]
    if n < 0:
        raise ValueError(f"top must be zero or more, not {n}")
    return queue[queue["place"] <= n]


def dense_rank01(values: pd.Series) -> pd.Series:
    """Dense ascending rank scaled to 0..1; NaN stays NaN; all-equal values rank 0."""
    ranks = values.rank(method="dense")
    distinct = ranks.max()
    if not distinct or distinct <= 1 or math.isnan(distinct):
        return ranks.where(ranks.isna(), 0.0)
    return (ranks - 1) / (distinct - 1)


def _value_rank(processes: pd.DataFrame) -> np.ndarray:
    """Dense value rank scaled to 0..1 within each currency; no value ranks 0."""
    currency = pd.factorize(processes["currency"].fillna(""))[0]
    values = processes["value"]
    ranks = values.groupby(currency).rank(method="dense")
    distinct = ranks.groupby(currency).transform("max")
    scaled = ((ranks - 1) / (distinct - 1)).where(distinct > 1, 0.0)
    return scaled.fillna(0.0).round(DIGITS).to_numpy()


def _first_share(group: np.ndarray, share: np.ndarray) -> np.ndarray:
    """Whether each element is among the first ceil(share * size) of its group, in array order."""
    position = pd.Series(group).groupby(group).cumcount().to_numpy()
    size = np.bincount(group)[group]
    chosen: np.ndarray = position < np.ceil(share * size - 1e-9)
    return chosen


def _top_by_bucket(flagged: np.ndarray, bucket: np.ndarray, shares: dict[str, float]) -> np.ndarray:
    """Stage 1 (code 1): the first ceil(share * n) flagged processes of each bucket."""
    share = np.array([shares.get(name, 0.0) for name in BUCKETS])
    stage = np.zeros(len(bucket), dtype="int64")
    rows = np.flatnonzero(flagged)
    stage[rows[_first_share(bucket[rows], share[bucket[rows]])]] = 1
    return stage


def _top_by_entity(
    rest: np.ndarray,
    bucket: np.ndarray,
    entity: np.ndarray,
    materiality: np.ndarray,
    shares: dict[str, float],
) -> np.ndarray:
    """Stage 2: rows of the top share of entities per bucket by summed materiality of `rest`."""
    rows = np.flatnonzero(rest & (entity >= 0))
    if not len(rows):
        return rows
    pair = bucket[rows] * (entity.max() + 1) + entity[rows]
    codes, pairs = pd.factorize(pair)
    sums = pd.DataFrame({"pair": pairs, "bucket": pairs // (entity.max() + 1),
                         "total": np.bincount(codes, materiality[rows])})  # fmt: skip
    # the entity id breaks ties: its code follows (dataset, id) first-seen order in place order
    sums = sums.sort_values(["bucket", "total", "pair"], ascending=[True, False, True])
    share = np.array([shares.get(name, 0.0) for name in BUCKETS])[sums["bucket"].to_numpy()]
    top = sums["pair"].to_numpy()[_first_share(sums["bucket"].to_numpy(), share)]
    return rows[np.isin(pair, top)]

"""The transparent composite score of processes, buyers, procuring entities and suppliers.

A finding contributes `weight(rule) x score(finding)`; the weight comes from
`settings.scoring.weights`, else the rule's `RuleMeta.weight`, else 1. A subject's score is the sum
of the contributions, and every contribution is kept (rule, weight, score, contribution, the
explanation), so each number on the audit list can be taken apart by a reader.

How each level is counted:

- **process** (subject_type "process", subject_id = ocid): the sum over its own findings. Findings
  about its suppliers or buyer do not count here, even when they carry the ocid, because they are
  about the organisation, not this purchase.
- **buyer**, **procuring entity**, **supplier**: `score = own + from processes`, where `own` sums
  the findings whose subject is that organisation, and `from processes` sums the process scores of
  every process it bought (buyer, procuring entity) or won an active or status-less award in
  (supplier). A process with two suppliers adds its whole score to each. The sum, not the mean,
  ranks organisations, because an auditor weighs exposure; the mean per process is given beside
  it (`process_mean`) for comparing large and small organisations.

Scale: a million processes and a few million findings. Strings are turned into integer codes once
(Arrow hashing), every sum is a numpy `bincount` or an integer group-by, and the long
contributions table stays in Arrow, so no Python object is made per finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.engines.population import KEY
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta
from adaldyq.settings import ScoringSettings

DIGITS = 9  # sums are rounded so 0.1 + 0.4 lands in the bucket that starts at 0.5
SEP = "\x1f"  # joins key parts; a unit separator never occurs in ids

CONTRIBUTIONS = pa.schema(
    [
        ("dataset", pa.string()),
        ("subject_type", pa.string()),
        ("subject_id", pa.string()),
        ("rule_code", pa.string()),
        ("source", pa.string()),  # "own" | "processes"
        ("findings", pa.int64()),
        ("weight", pa.float64()),
        ("score", pa.float64()),
        ("contribution", pa.float64()),
        ("explanation", pa.string()),
    ]
)
LEVELS = (SubjectType.BUYER, SubjectType.PROCURING_ENTITY, SubjectType.SUPPLIER)


@dataclass(frozen=True)
class Scores:
    """Composite scores and the contributions behind them.

    `processes`: the population with `score` and `findings` (count) per process.
    `entities`: buyers, procuring entities and suppliers, `place` counted within each type.
    `contributions`: one row per (subject, rule, source) in the `CONTRIBUTIONS` schema; `findings`
    counts the findings (source "own") or the subject's processes the rule flagged ("processes").
    """

    processes: pd.DataFrame
    entities: pd.DataFrame
    contributions: pa.Table


@dataclass(frozen=True)
class _Links:
    """The organisations of one level and the processes (population rows) each is part of.

    Organisations are numbered 0..n-1 (`eid`); those named only by a finding, not by any process,
    come last, so their own findings still count.
    """

    pid: np.ndarray
    eid: np.ndarray
    keys: pd.Index
    dataset: np.ndarray
    ids: np.ndarray
    names: np.ndarray


def rule_weights(scoring: ScoringSettings, rules: Iterable[RuleMeta] = ()) -> dict[str, float]:
    """Weight per rule code: the registry's `RuleMeta.weight`, overridden by settings."""
    weights = {meta.code: meta.weight for meta in rules}
    weights.update(scoring.weights)
    return weights


def score(
    findings: pa.Table,
    population: pd.DataFrame,
    weights: Mapping[str, float],
    suppliers: pd.DataFrame | None = None,
) -> Scores:
    """Composite scores of every process of `population` and of the organisations around it.

    `population` comes from `population.process_frame`, `suppliers` from
    `population.process_suppliers`. Process findings whose ocid is not in the population are left
    out: the population decides what is ranked.
    """
    n = len(population)
    pop_key = _key(population["dataset"], population["ocid"])
    rule = pc.dictionary_encode(findings["rule_code"]).combine_chunks()
    rule_weight = np.array([weights.get(code, 1.0) for code in rule.dictionary.to_pylist()])
    is_process = pc.equal(findings["subject_type"], SubjectType.PROCESS.value)
    pid = pc.index_in(_key(findings["dataset"], findings["subject_id"]), value_set=pop_key)
    f = pd.DataFrame(
        {
            "pid": pc.if_else(is_process, pid, None).to_numpy(zero_copy_only=False),
            "rule": rule.indices.to_numpy(zero_copy_only=False),
            "score": findings["score"].to_numpy(),
            "row": np.arange(len(findings)),
        }
    )
    per_rule = _group(f.dropna(subset=["pid"]).astype({"pid": "int64"}), "pid", rule_weight)
    process_score = np.bincount(per_rule["pid"], per_rule["contribution"], minlength=n)
    processes = population.assign(
        score=process_score.round(DIGITS),
        findings=np.bincount(per_rule["pid"], per_rule["findings"], minlength=n).astype("int64"),
    )
    parts = [_process_rows(per_rule, population, findings, rule)]
    members = []
    for level in LEVELS:
        mask = pc.equal(findings["subject_type"], level.value).to_numpy(zero_copy_only=False)
        about = findings.filter(pa.array(mask))
        named = about["dataset"].to_pandas() + SEP + about["subject_id"].to_pandas()
        links = _links(level, population, suppliers, pop_key, named)
        own = _own_rows(mask, named, f, links, rule_weight)
        rolled = _rolled_up(per_rule, links, rule_weight)
        parts += [_named(own, level, findings, rule), _rolled_rows(rolled, level, links, rule)]
        members.append(_entity_totals(level, links, own, rolled, process_score))
    entities = pd.concat(members, ignore_index=True)
    entities["place"] = entities.groupby("subject_type").cumcount() + 1
    return Scores(processes, entities, pa.concat_tables(parts))


def _key(*parts: pd.Series | pa.ChunkedArray) -> pa.Array:
    arrays = [p if isinstance(p, pa.ChunkedArray) else pa.array(p, pa.string()) for p in parts]
    return pc.binary_join_element_wise(*arrays, SEP)


def _group(frame: pd.DataFrame, subject: str, rule_weight: np.ndarray) -> pd.DataFrame:
    """Findings per (subject, rule): count, summed score, first row, weight, contribution."""
    g = frame.groupby([subject, "rule"], sort=False, as_index=False).agg(
        findings=("score", "size"), score=("score", "sum"), row=("row", "min")
    )
    g["score"] = g["score"].round(DIGITS)
    g["weight"] = rule_weight[g["rule"]]
    g["contribution"] = (g["weight"] * g["score"]).round(DIGITS)
    return g


def _process_rows(
    per_rule: pd.DataFrame, population: pd.DataFrame, findings: pa.Table, rule: pa.Array
) -> pa.Table:
    pid = pa.array(per_rule["pid"])
    return _table(
        dataset=pa.array(population["dataset"], pa.string()).take(pid),
        subject_type=SubjectType.PROCESS.value,
        subject_id=pa.array(population["ocid"], pa.string()).take(pid),
        rule_code=rule.dictionary.take(pa.array(per_rule["rule"])),
        source="own",
        frame=per_rule,
        explanation=findings["explanation"].take(pa.array(per_rule["row"])),
    )


def _links(
    level: SubjectType,
    population: pd.DataFrame,
    suppliers: pd.DataFrame | None,
    pop_key: pa.Array,
    named: pd.Series,
) -> _Links:
    """Links of one level; `named` holds the keys of organisations its findings are about."""
    if level == SubjectType.SUPPLIER:
        columns = [*KEY, "supplier_id", "supplier_name"]
        frame = pd.DataFrame(columns=columns, dtype=object) if suppliers is None else suppliers
        pid = pc.index_in(_key(frame["dataset"], frame["ocid"]), value_set=pop_key)
        found = pid.to_numpy(zero_copy_only=False)
    else:
        frame, found = population, np.arange(len(population), dtype=float)
    id_col, name_col = f"{level.value}_id", f"{level.value}_name"
    keep = ~np.isnan(found.astype(float)) & frame[id_col].notna().to_numpy()
    frame = frame[keep]
    codes, keys = pd.factorize(frame["dataset"].astype(str) + SEP + frame[id_col].astype(str))
    first = pd.Series(np.arange(len(frame))).groupby(codes).first().to_numpy(dtype="int64")
    extra = pd.Index(named.unique()).difference(keys)
    parts = pd.Series(extra, dtype=object).str.split(SEP, n=1, expand=True)
    extra_dataset, extra_id = (parts[0], parts[1]) if len(extra) else ([], [])
    return _Links(
        pid=found[keep].astype("int64"),
        eid=codes,
        keys=pd.Index(keys).append(extra),
        dataset=np.concatenate([frame["dataset"].to_numpy()[first], np.asarray(extra_dataset)]),
        ids=np.concatenate([frame[id_col].to_numpy()[first], np.asarray(extra_id)]),
        names=np.concatenate([frame[name_col].to_numpy()[first], [None] * len(extra)]),
    )


def _own_rows(
    mask: np.ndarray, named: pd.Series, f: pd.DataFrame, links: _Links, rule_weight: np.ndarray
) -> pd.DataFrame:
    """Findings about organisations of one level, per (organisation, rule)."""
    frame = f[mask].assign(eid=links.keys.get_indexer(pd.Index(named)))
    return _group(frame, "eid", rule_weight)


def _named(own: pd.DataFrame, level: SubjectType, findings: pa.Table, rule: pa.Array) -> pa.Table:
    rows = pa.array(own["row"])
    return _table(
        dataset=findings["dataset"].take(rows),
        subject_type=level.value,
        subject_id=findings["subject_id"].take(rows),
        rule_code=rule.dictionary.take(pa.array(own["rule"])),
        source="own",
        frame=own,
        explanation=findings["explanation"].take(rows),
    )


def _rolled_up(per_rule: pd.DataFrame, links: _Links, rule_weight: np.ndarray) -> pd.DataFrame:
    """Each process's rule contributions, summed per organisation and rule."""
    joined = pd.DataFrame({"pid": links.pid, "eid": links.eid}).merge(
        per_rule[["pid", "rule", "score", "contribution"]], on="pid"
    )
    g = joined.groupby(["eid", "rule"], sort=False, as_index=False).agg(
        findings=("pid", "size"), score=("score", "sum"), contribution=("contribution", "sum")
    )
    g["weight"] = rule_weight[g["rule"]]
    g["score"] = g["score"].round(DIGITS)
    g["contribution"] = g["contribution"].round(DIGITS)
    g["total"] = np.bincount(links.eid, minlength=len(links.keys))[g["eid"]]
    return g


def _rolled_rows(
    rolled: pd.DataFrame, level: SubjectType, links: _Links, rule: pa.Array
) -> pa.Table:
    eid = rolled["eid"].to_numpy()
    codes = rule.dictionary.take(pa.array(rolled["rule"]))
    words = pc.binary_join_element_wise(
        codes,
        " flagged ",
        pa.array(rolled["findings"].astype(str), pa.string()),
        " of its ",
        pa.array(rolled["total"].astype(str), pa.string()),
        " processes",
        "",
    )
    return _table(
        dataset=pa.array(links.dataset[eid], pa.string()),
        subject_type=level.value,
        subject_id=pa.array(links.ids[eid], pa.string()),
        rule_code=codes,
        source="processes",
        frame=rolled,
        explanation=words,
    )


def _entity_totals(
    level: SubjectType,
    links: _Links,
    own: pd.DataFrame,
    rolled: pd.DataFrame,
    process_score: np.ndarray,
) -> pd.DataFrame:
    """One row per organisation: own score, score from processes, total, counts; sorted."""
    size = len(links.keys)
    flagged = (process_score[links.pid] > 0).astype(float)
    own_score = np.bincount(own["eid"], own["contribution"], minlength=size)
    from_processes = np.bincount(rolled["eid"], rolled["contribution"], minlength=size)
    count = np.bincount(links.eid, minlength=size)
    e = pd.DataFrame(
        {
            "dataset": links.dataset,
            "subject_type": level.value,
            "subject_id": links.ids,
            "name": links.names,
            "own_score": own_score.round(DIGITS),
            "process_score": from_processes.round(DIGITS),
            "score": (own_score + from_processes).round(DIGITS),
            "processes": count,
            "flagged_processes": np.bincount(links.eid, flagged, minlength=size).astype("int64"),
            "process_mean": (from_processes / np.maximum(count, 1)).round(DIGITS),
        }
    )
    return e.sort_values(
        ["score", "dataset", "subject_id"], ascending=[False, True, True], kind="stable"
    )


def _table(
    *,
    dataset: pa.Array,
    subject_type: str,
    subject_id: pa.Array,
    rule_code: pa.Array,
    source: str,
    frame: pd.DataFrame,
    explanation: pa.Array,
) -> pa.Table:
    n = len(frame)
    return pa.table(
        {
            "dataset": dataset,
            "subject_type": pa.array([subject_type] * n, pa.string()),
            "subject_id": subject_id,
            "rule_code": rule_code,
            "source": pa.array([source] * n, pa.string()),
            "findings": pa.array(frame["findings"], pa.int64()),
            "weight": pa.array(frame["weight"], pa.float64()),
            "score": pa.array(frame["score"], pa.float64()),
            "contribution": pa.array(frame["contribution"], pa.float64()),
            "explanation": explanation,
        },
        schema=CONTRIBUTIONS,
    )

"""The probabilistic step: a Fellegi-Sunter model trained and applied by Splink.

Training is unsupervised and seeded, so one input and one seed give one model and one set of
links: the prior (probability that two random records match) from a deterministic rule and its
assumed recall; u probabilities (how often non-matches agree by chance) from random pairs with
`seed`; m probabilities (how often matches agree) by expectation maximisation over the pairs of
each training rule, each rule leaving the comparisons it does not block on to learn. EM samples
by a hash of the record ids (Splink's `max_pairs`), deterministic too.

Pairs whose identifiers (IIN/BIN) are equal are left to the exact step, which links them with
probability 1; pairs whose identifiers differ are scored, with the difference as (strong)
evidence against.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from math import comb
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from splink import Linker, SettingsCreator
from splink.internals.exceptions import EMTrainingException

from adaldyq.engines.resolution.comparisons import Blueprint
from adaldyq.engines.resolution.dialect import blueprint_for, settings_for
from adaldyq.engines.resolution.explain import add_decided_by
from adaldyq.store.linkage import LinkageDatabase

LEFT, RIGHT = "left", "right"
_RUNS = itertools.count()
LINK_COLUMNS = pa.schema(
    [
        ("left_source", pa.string()),
        ("left_id", pa.string()),
        ("right_source", pa.string()),
        ("right_id", pa.string()),
        ("match_probability", pa.float64()),
        ("match_weight", pa.float64()),
        ("method", pa.string()),
        ("decided_by", pa.string()),
    ]
)
"""One link: the two records, Splink's probability and weight (log2 odds), how it was made
("iin"/"bin" exact or "splink"), and the comparisons that decided it in words."""


@dataclass(frozen=True)
class Training:
    """How hard Splink trains: pair budgets and the seed of its random sampling.

    `u_chunks` is how many passes Splink splits the u sample into, stopping once every level
    has been seen 100 times. Records go to a pass by a hash that differs between DuckDB and
    Spark, so only `u_chunks=1` (one pass over the whole sample) gives the same u on both.
    """

    seed: int = 0
    u_pairs: float = 2e6
    em_pairs: float = 2e6
    max_iterations: int = 20
    u_chunks: int = 10


def _settings(blueprint: Blueprint, link: bool, training: Training) -> SettingsCreator:
    return SettingsCreator(
        link_type="link_only" if link else "dedupe_only",
        comparisons=[c.splink() for c in blueprint.comparisons],
        blocking_rules_to_generate_predictions=list[Any](blueprint.blocking),
        retain_matching_columns=True,  # the only way Splink 5 keeps the gamma_ columns
        retain_intermediate_calculation_columns=True,
        max_iterations=training.max_iterations,
    )


@dataclass(frozen=True)
class Model:
    """A trained model to reuse: Splink's settings with their m/u probabilities and prior, and
    the name-frequency tables it was trained with.

    A short list (a counterparty to check, a few names from a complaint) cannot train a model of
    its own; scored with the model of the register it is checked against, it is weighed as that
    register's records are. The frequencies travel with the model because a name's rarity is a
    property of the register, not of the short list.
    """

    settings: dict[str, Any]
    frequencies: dict[str, pa.Table]


def _frequency_columns(blueprint: Blueprint) -> list[str]:
    return sorted(
        {
            lvl.frequency_column
            for c in blueprint.comparisons
            for lvl in c.levels
            if lvl.frequency_column
        }
    )


def _reuse(db: LinkageDatabase, inputs: list[Any], model: Model, link: bool) -> Linker:
    settings = settings_for(model.settings, db.sql_dialect)
    settings |= {"link_type": "link_only" if link else "dedupe_only"}
    linker = Linker(inputs, settings, log_level=None)
    for column, table in model.frequencies.items():
        linker.table_management.register_term_frequency_lookup(db.register(table), column)
    return linker


def _trained(linker: Linker, blueprint: Blueprint) -> Model:
    frequencies = {}
    for column in _frequency_columns(blueprint):
        table = linker.table_management.compute_tf_table(column)
        frequencies[column] = table.as_pyarrow_table()  # type: ignore[no-untyped-call]
    return Model(linker.misc.save_model_to_json(), frequencies)


def train(linker: Linker, blueprint: Blueprint, training: Training, pairs: int) -> None:
    """Estimate the prior, then u, then m (see the module docstring).

    When the deterministic rule finds no pair (a small register, or one without duplicates),
    Splink's prior is 0, which no evidence can overcome (and its log is undefined): it is raised
    to about one expected match among the `pairs` possible (1 / (pairs + 1), below 1 however
    few the pairs), the least that still lets evidence speak.
    """
    linker.training.estimate_probability_two_random_records_match(
        [blueprint.deterministic], recall=blueprint.deterministic_recall
    )
    settings = linker._settings_obj  # Splink has no public setter for the estimated prior
    prior = settings._probability_two_random_records_match
    settings._probability_two_random_records_match = max(prior, 1 / (pairs + 1))
    linker.training.estimate_u_using_random_sampling(
        max_pairs=training.u_pairs, seed=training.seed, num_chunks=training.u_chunks
    )
    for rule in blueprint.training:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, max_pairs=training.em_pairs
            )
        except EMTrainingException:
            # no pair agrees on this rule's key (a register without birth dates): the other
            # rules train what they can; a comparison none trains is left out of the
            # predictions by Splink, and of `decided_by` (explain.add_decided_by)
            continue


def probabilistic_links(
    db: LinkageDatabase,
    blueprint: Blueprint,
    left: pa.Table,
    right: pa.Table | None,
    *,
    sources: tuple[str, str],
    threshold: float,
    training: Training,
    model: Model | None = None,
) -> tuple[pa.Table, Model]:
    """Scored pairs at or above `threshold`, as `LINK_COLUMNS` (dedupe when `right` is None),
    and the model that scored them: `model` when given, else one trained on this input.

    `left` and `right` are feature tables (`features.person_features` or `company_features`);
    `sources` names them in the links.
    """
    blueprint = blueprint_for(blueprint, db.sql_dialect)  # written for DuckDB; db may be Spark
    run = next(_RUNS)  # a database may serve several runs; table names must not repeat
    inputs = [db.register(left, dataset_display_name=LEFT, table_name=f"resolution_{run}_l")]
    if right is not None:
        inputs.append(
            db.register(right, dataset_display_name=RIGHT, table_name=f"resolution_{run}_r")
        )
    if model is None:
        settings = _settings(blueprint, right is not None, training)
        linker = Linker(inputs, settings, log_level=None)
        pairs = left.num_rows * right.num_rows if right is not None else comb(left.num_rows, 2)
        train(linker, blueprint, training, pairs)
        model = _trained(linker, blueprint)
    else:
        linker = _reuse(db, inputs, model, right is not None)
    predicted = linker.inference.predict(threshold_match_probability=threshold)
    scored: pa.Table = predicted.as_pyarrow_table()  # type: ignore[no-untyped-call]
    predicted.drop_table_from_database_and_remove_from_cache()
    identifier = next(c for c in blueprint.comparisons if c.name == blueprint.identifier)
    exact = max(identifier.labels_by_gamma())
    scored = scored.filter(pc.not_equal(scored[f"gamma_{identifier.name}"], exact))
    scored = add_decided_by(scored, blueprint.comparisons)
    return _as_links(scored, sources if right is not None else None, sources[0]), model


def _as_links(scored: pa.Table, link: tuple[str, str] | None, source: str) -> pa.Table:
    """Splink's columns renamed to ours, the left input's record always on the left; in a
    dedupe (`link` None) the smaller id on the left, as the exact step writes it."""
    if link:
        swap = pc.equal(scored["source_dataset_l"], RIGHT)
    else:
        swap = pc.greater(scored["unique_id_l"], scored["unique_id_r"])
    left_id = pc.if_else(swap, scored["unique_id_r"], scored["unique_id_l"])
    right_id = pc.if_else(swap, scored["unique_id_l"], scored["unique_id_r"])
    left_source, right_source = link or (source, source)
    rows = scored.num_rows
    return pa.table(
        {
            "left_source": pa.repeat(left_source, rows).cast(pa.string()),
            "left_id": pc.cast(left_id, pa.string()),
            "right_source": pa.repeat(right_source, rows).cast(pa.string()),
            "right_id": pc.cast(right_id, pa.string()),
            "match_probability": pc.cast(scored["match_probability"], pa.float64()),
            "match_weight": pc.cast(scored["match_weight"], pa.float64()),
            "method": pa.repeat("splink", rows).cast(pa.string()),
            "decided_by": scored["decided_by"],
        },
        schema=LINK_COLUMNS,
    )

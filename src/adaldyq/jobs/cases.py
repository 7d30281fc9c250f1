"""The case store's jobs behind `adaldyq cases ...`: migrate the store, verify the audit chain,
compute the statistics and the recommendation rates as of a day. Each opens the store from the
settings (`cases.database_url`, or the SQLite file in the workspace) and closes it again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from adaldyq.cases import audit, db, recommendations, stats
from adaldyq.errors import ConfigError
from adaldyq.settings import Settings


@dataclass(frozen=True)
class Migration:
    """The store's revision before and after `migrate`."""

    url: str
    before: str | None
    after: str | None


def migrate_store(settings: Settings) -> Migration:
    """Bring the case store to the newest schema (creating it when there is none)."""
    engine = db.engine_from_settings(settings)
    try:
        before = db.current_revision(engine)
        db.migrate(engine)
        return Migration(engine.url.render_as_string(), before, db.current_revision(engine))
    finally:
        engine.dispose()


def verify_audit(settings: Settings) -> audit.ChainCheck:
    """Walk the audit chain and name its first broken row."""
    with _session(settings) as session:
        return audit.verify(session)


def case_statistics(settings: Settings, as_of: date, csv: Path | None = None) -> stats.Statistics:
    """The channel's and the recommendations' statistics as of a day (also as CSV, if asked)."""
    with _session(settings) as session:
        figures = stats.compute(session, as_of, settings.cases.small_cell_threshold)
    if csv is not None:
        stats.write_csv(figures, csv)
    return figures


def recommendation_rates(
    settings: Settings, as_of: date, by: recommendations.Grouping = "body"
) -> tuple[recommendations.Rates, list[recommendations.Rates], recommendations.RiskCounts]:
    """Recommendation rates as of a day: overall, per group (body, region, year, risk
    category), and the risks found and eliminated."""
    with _session(settings) as session:
        overall, groups = recommendations.rates(session, as_of, by)
        return overall, groups, recommendations.risk_counts(session, as_of)


@contextmanager
def _session(settings: Settings) -> Iterator[Session]:
    """A read session on a store at the newest schema; an older or empty one is a ConfigError
    that says to migrate."""
    engine = db.engine_from_settings(settings)
    try:
        if db.current_revision(engine) != db.head_revision():
            raise ConfigError(
                f"the case store {engine.url.render_as_string()} is not at the newest schema: "
                "run `adaldyq cases migrate` first"
            )
        with db.session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()

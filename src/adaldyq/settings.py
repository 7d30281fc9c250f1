"""One typed settings object, built by the CLI or the app factory and passed down.

Sources, later ones winning: defaults here, a TOML file (`--config`, or `ADALDYQ_CONFIG_FILE`),
environment variables with the prefix `ADALDYQ_` (nested keys with `__`, e.g.
`ADALDYQ_PROCUREMENT__CURRENCY=KZT`), then explicit overrides. Nothing is read at import time.
Unknown keys are errors, so a misspelt threshold never passes silently.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from adaldyq.errors import ConfigError
from adaldyq.model.country import CountryProfile, country_profile


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CardinalCompat(_Strict):
    """Reproduce quirks of OCP Cardinal instead of the correct behaviour (off by default)."""

    first_seen_currency: bool = Field(
        False,
        description="Without a main currency, use the first currency seen (Cardinal) "
        "rather than the most frequent one.",
    )
    string_dates: bool = Field(
        False, description="Compare bid dates with the tender deadline as strings (Cardinal R030)."
    )
    rfc3339_only: bool = Field(
        False,
        description="Skip dates without a time zone (Cardinal R003) rather than read them as UTC.",
    )
    bids_as_contracting_processes: bool = Field(
        False,
        description="Count submitted bids, not processes, against R038's "
        "minimum_contracting_processes for buyers and procuring entities (Cardinal R038).",
    )
    first_contact_field: bool = Field(
        False,
        description="Compare two contact points only on the first field both have (Cardinal "
        "R044) rather than match on any shared field.",
    )


class ProcurementSettings(_Strict):
    """Settings of the procurement engine: global scope, per-rule parameters, selection."""

    currency: str | None = Field(
        None, description="Main currency; amounts in others are skipped by price rules."
    )
    price_comparison_procurement_methods: list[str] | None = Field(
        None, description="Allow-list of procurementMethodDetails where bids compare on price."
    )
    no_price_comparison_procurement_methods: list[str] = Field(
        default_factory=list,
        description="Deny-list of procurementMethodDetails where bids do not compare on price.",
    )
    excluded_procurement_method_details: list[str] = Field(
        default_factory=list,
        description="procurementMethodDetails values that no rule considers (Cardinal exclusions).",
    )
    rules: list[str] | None = Field(None, description="Rule codes to run; all when unset.")
    params: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Per-rule parameters, keyed by rule code."
    )
    compat: CardinalCompat = Field(default_factory=CardinalCompat)
    flag_share_warning: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Warn when a process-level rule flags more than this share of processes "
        "(not the graded CRI components and index).",
    )


class ScoringSettings(_Strict):
    """Weights of the composite score and the materiality queue of the audit list."""

    weights: dict[str, float] = Field(
        default_factory=dict, description="Weight per rule code; rules not listed weigh 1."
    )
    bucket_medium: float = Field(0.5, description="Lower bound of the medium-risk bucket.")
    bucket_high: float = Field(1.2, description="Lower bound of the high-risk bucket.")
    top_share: dict[str, float] = Field(
        default_factory=lambda: {"low": 0.2, "medium": 0.3, "high": 0.1},
        description="Share of each bucket taken into the top-risk queue (SASU defaults).",
    )
    entity_top_share: dict[str, float] = Field(
        default_factory=lambda: {"low": 0.1, "medium": 0.2, "high": 0.05},
        description="Share of procuring entities per bucket, ranked by the summed materiality of "
        "their processes not yet in the queue, whose processes all join it (SASU defaults).",
    )


class RuleSelection(_Strict):
    """Which rules of an engine run, and their parameters."""

    rules: list[str] | None = Field(None, description="Rule codes to run; all when unset.")
    params: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Per-rule parameters, keyed by rule code."
    )


class DeclarationSettings(RuleSelection):
    """Settings of the declarations screening engine: base currency, selection, parameters."""

    base_currency: str | None = Field(
        None,
        description="Currency sums are converted to; unset: that of the declarations' country "
        "profile.",
    )


class IntegritySettings(RuleSelection):
    """Settings of the integrity graph's findings engine (patterns B01-B11): selection and
    parameters, and how entity resolution links the graph's nodes."""

    resolve: bool = Field(
        True,
        description="Link the people and the companies of an imported graph that are one and the "
        "same (exact IIN/BIN, then Splink) when it is built; the patterns merge linked nodes.",
    )
    resolution_threshold: float = Field(
        0.9,
        gt=0,
        le=1,
        description="Match probability from which two nodes are linked. A linked finding's score "
        "is multiplied by its links' probabilities, so a weak link also ranks lower.",
    )


class CounterpartySettings(_Strict):
    """Weights and bands of the counterparty trust score (`docs/integrity/counterparty.md`).

    A signal's points are taken off 100; the sum is capped at 100, so the score stays 0..100.
    PEP and listed controllers lose 15 % of the points per control tie beyond the first (as B09
    and B10 score their paths).
    Thresholds the integrity rules also use (mass address and director, listed topics) are read
    from `integrity.params` of B06, B09 and B10, so a check and a findings run agree."""

    finding_points: float = Field(
        60.0,
        ge=0,
        description="Points of an integrity finding of score 1.0 (points = this x "
        "the finding's score; a rule's findings on one fact count once, at the highest score).",
    )
    finding_points_by_rule: dict[str, float] = Field(
        default_factory=dict, description="Per rule code, replaces `finding_points`."
    )
    young: float = Field(20.0, ge=0, description="Registered fewer than `young_days` ago.")
    young_days: int = Field(365, ge=1, description="Age, in days, below which a company is young.")
    dissolved: float = Field(60.0, ge=0, description="Dissolved on or before the date.")
    pep: float = Field(30.0, ge=0, description="A B09 topic on the company or a controller.")
    listed: float = Field(50.0, ge=0, description="A B10 topic on the company or a controller.")
    control_hops: int = Field(3, ge=1, le=5, description="Ties searched for controllers.")
    mass_address: float = Field(20.0, ge=0, description="At a mass-registration address.")
    mass_director: float = Field(25.0, ge=0, description="Directed by a mass director.")
    long_chain: float = Field(10.0, ge=0, description="An ownership chain of `long_chain_ties`.")
    long_chain_ties: int = Field(3, ge=2, description="Ownership ties that make a long chain.")
    ownership_cycle: float = Field(25.0, ge=0, description="The company owns itself via others.")
    foreign_owner: float = Field(5.0, ge=0, description="An owner outside the country profile.")
    unknown_owner: float = Field(10.0, ge=0, description="No owner, or a chain to unknown owners.")
    high_risk_below: float = Field(
        60.0,
        ge=0,
        le=100,
        description="Scores below this are 'high risk'; other scores "
        "below 100 'review'; 100 'no signals'.",
    )


class CasesSettings(_Strict):
    """The case store and the whistleblower channel's key derivation (`docs/cases.md`)."""

    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the case store; unset: the SQLite file `cases.sqlite` in "
        "the workspace. For several users, PostgreSQL: `postgresql+psycopg://user@host/db`.",
    )
    key_derivation: Literal["interactive", "moderate", "sensitive"] = Field(
        "moderate",
        description="libsodium Argon2id preset that turns a staff user's password into the key "
        "wrapping their private key. The preset used is stored beside each wrapped key, so "
        "changing it affects new wraps only.",
    )
    receipt_key_derivation: Literal["interactive", "moderate", "sensitive"] = Field(
        "interactive",
        description="The same for the key a reporter's receipt derives to open their report. "
        "A receipt has 10^16 values and is hashed with Argon2id as well, so the lighter "
        "preset keeps each submission and follow-up cheap without making guessing feasible.",
    )
    protection_years: int = Field(
        3,
        ge=1,
        description="Length of a consenting reporter's protection window, from the report's "
        "date (WB-18): an HR action inside it opens a retaliation sub-case.",
    )
    retention_days: int = Field(
        5 * 365,
        ge=1,
        description="How long a report's content is kept after its conclusion (Art. 18: no "
        "longer than needed); then retention deletes it and keeps the anonymised row.",
    )
    retention_days_by_channel: dict[str, int] = Field(
        default_factory=dict,
        description="Retention per channel (`web`, `phone`, ...), overriding `retention_days`.",
    )
    retention_warning_days: int = Field(
        30, ge=0, description="Warn this many days before a report's retention ends (WB-15)."
    )
    retention_quiet_days: int = Field(
        30,
        ge=0,
        description="No deletion within this many days of the reporter's last message (WB-15).",
    )
    small_cell_threshold: int = Field(
        5,
        ge=1,
        description="Statistics counts below this are shown as '<N' (WB-17), so that a small "
        "cell cannot point at a reporter.",
    )
    reward_share: Decimal = Field(
        Decimal("0.05"),
        gt=0,
        le=1,
        description="Share of the amount recovered paid as a reward (WB-19; check against the "
        "current text of Government Decree No. 1131 before relying on it).",
    )
    reward_cap_mci: Decimal = Field(
        Decimal(1000), gt=0, description="Ceiling of a reward, in MCI of the year it is proposed."
    )
    reward_outcomes: list[str] = Field(
        default_factory=lambda: ["substantiated"],
        description="Case outcomes that make a reporter eligible for a reward.",
    )


class GoszakupSettings(_Strict):
    """The goszakup.gov.kz connector (`docs/connectors/goszakup.md`): how records become OCDS."""

    ocid_prefix: str = Field(
        "ocds-kzgz00",
        description="Prefix of every ocid the converter writes (`<prefix>-gz-<announcement id>`, "
        "`<prefix>-gzc-<contract id>`). The default is NOT registered with OCP: an agency that "
        "publishes OCDS registers its own and sets it here.",
    )
    currency: str = Field("KZT", description="Currency of goszakup amounts without a currency.")
    iin_mode: Literal["pseudonymise", "keep"] = Field(
        "pseudonymise",
        description="How the IIN of an individual entrepreneur is written: a keyed pseudonym "
        "(HMAC-SHA256 with `iin_key`) or the IIN itself (only for an agency's internal use, where "
        "IINs are matched against declarations).",
    )
    iin_key: SecretStr | None = Field(
        None,
        description="Key of the IIN pseudonyms; set it in the environment "
        "(ADALDYQ_GOSZAKUP__IIN_KEY) so pseudonyms are stable across runs. Unset: a random key "
        "per run.",
    )
    api_url: str = Field(
        "https://ows.goszakup.gov.kz",
        description="Base URL of the OWS v3 API. The token is never a setting: it is read from "
        "the environment variable GOSZAKUP_TOKEN only, so it is in no file and no log.",
    )
    retries: int = Field(
        6, ge=0, description="Retries of a request that got 429, 5xx or no answer."
    )
    backoff_seconds: float = Field(
        2.0, ge=0, description="First wait before a retry; doubled each time (or Retry-After)."
    )
    timeout_seconds: float = Field(60.0, gt=0, description="Read time-out of one request.")


class Settings(BaseSettings):
    """Everything configurable in Adaldyq, validated once."""

    model_config = SettingsConfigDict(
        env_prefix="ADALDYQ_", env_nested_delimiter="__", extra="forbid"
    )

    workspace: Path = Field(Path("adaldyq-workspace"), description="Folder of a run's outputs.")
    backend: Literal["duckdb", "spark"] = Field("duckdb", description="Analytics engine.")
    country: str = Field("KZ", description="Country profile (ISO 3166-1 alpha-2).")
    spark_master: str = Field("local[2]", description="Spark master URL for the spark backend.")
    duckdb_threads: int | None = Field(
        None, ge=1, description="DuckDB threads; all cores if unset."
    )
    duckdb_memory_limit: str | None = Field(
        "2GB",
        description="DuckDB memory limit, e.g. '4GB'; above it DuckDB spills to the workspace's "
        "`duckdb-tmp` folder, so memory stays flat as data grows. None: DuckDB's own default "
        "(80 % of the machine's memory).",
    )
    procurement: ProcurementSettings = Field(default_factory=ProcurementSettings)
    scoring: ScoringSettings = Field(default_factory=ScoringSettings)
    declarations: DeclarationSettings = Field(default_factory=DeclarationSettings)
    integrity: IntegritySettings = Field(default_factory=IntegritySettings)
    counterparty: CounterpartySettings = Field(default_factory=CounterpartySettings)
    cases: CasesSettings = Field(default_factory=CasesSettings)
    goszakup: GoszakupSettings = Field(default_factory=GoszakupSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],  # noqa: ARG003
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,  # noqa: ARG003
        file_secret_settings: PydanticBaseSettingsSource,  # noqa: ARG003
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Explicit values (file and overrides, merged by `load_settings`) win over environment."""
        return (init_settings, env_settings)

    @property
    def profile(self) -> CountryProfile:
        """The country profile named by `country`."""
        return country_profile(self.country)


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Settings from an optional TOML file plus overrides; a ConfigError names the bad key."""
    values: dict[str, Any] = {}
    if config_file is not None:
        values = _read_toml(config_file)
    for key, value in overrides.items():
        if value is not None:
            values[key] = value
    try:
        settings = Settings(**values)
        settings.profile  # noqa: B018  (validates the country code early)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        source = f"{config_file}: " if config_file else ""
        raise ConfigError(f"{source}setting {key}: {first['msg']}") from None
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: settings file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None

"""Country names to ISO 3166-1 alpha-2, and the Financial Secrecy Index table, both as data.

`parties[].address.countryName` is free text: "Kazakhstan", "KZ", "Казахстан", "México ". The
names table (`data/country_names.csv`) lists English, Spanish, Russian and Kazakh names and the
alpha-2/alpha-3 codes of every country; a name matches after folding case, accents, punctuation
and spacing. The FSI table (`data/fsi_secrecy_scores.csv`) holds Tax Justice Network secrecy
scores by edition; `data/README.md` says where both come from. Files are read on first use only.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

from adaldyq.errors import ConfigError

DATA = Path(__file__).resolve().parent / "data"
FSI_TABLE = DATA / "fsi_secrecy_scores.csv"


def name_key(name: str) -> str:
    """A name folded for matching: no accents, case, punctuation or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


@cache
def _names() -> dict[str, str]:
    with (DATA / "country_names.csv").open(encoding="utf-8", newline="") as handle:
        return {name_key(row["name"]): row["iso2"] for row in csv.DictReader(handle)}


def iso2(name: str | None) -> str | None:
    """The alpha-2 code of a country name or code, or None if it is not recognised."""
    if name is None:
        return None
    return _names().get(name_key(name))


@cache
def fsi_scores(path: Path = FSI_TABLE) -> dict[tuple[str, int], float]:
    """Secrecy score by (alpha-2, FSI edition year) from a CSV with columns
    `iso2, country, secrecy_score, edition`."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise ConfigError(f"{path}: FSI secrecy-score table not found") from None
    try:
        return {(r["iso2"].upper(), int(r["edition"])): float(r["secrecy_score"]) for r in rows}
    except (KeyError, ValueError) as exc:
        raise ConfigError(
            f"{path}: needs columns iso2, country, secrecy_score, edition ({exc})"
        ) from None

"""Each country's default amount thresholds of the declarations rules A04, A09 and A19.

declarations.com.ua's constants are hryvnias of 2016 (DECLARATIONS.md §4); applied to tenge
they flag almost every Kazakh declaration (500,000 ₸ of cash is about a thousand dollars). A
threshold is therefore a fact of the country: a fixed amount in its currency where the source
gives one, or a multiple of the year's MCI where the law speaks in MCI, so that it follows the
index year by year. `[declarations.params.<CODE>] threshold` still overrides it, in the base
currency.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator

from adaldyq.errors import ConfigError
from adaldyq.model.country import CountryProfile


class AmountThreshold(BaseModel):
    """A fixed `amount` in the country's currency, or `mci` multiples of the year's MCI."""

    model_config = ConfigDict(frozen=True)

    amount: float | None = None
    mci: float | None = None
    basis: str

    @model_validator(mode="after")
    def _one_of(self) -> AmountThreshold:
        if (self.amount is None) == (self.mci is None):
            raise ValueError("give either amount or mci")
        return self

    def in_money(self, profile: CountryProfile, year: int) -> float:
        """The threshold of `year` in the profile's currency."""
        if self.mci is None:
            return float(self.amount or 0.0)
        return profile.in_money(self.mci, year)

    def describe(self, profile: CountryProfile, year: int) -> str:
        """How the year's amount is made, for the evidence ("1000 MCI x 3450.00 (2023)")."""
        if self.mci is None:
            return f"{self.in_money(profile, year):.2f} {profile.currency}"
        return f"{self.mci:g} MCI x {profile.mci(year):.2f} ({year})"


_DRAGNET = "declarations.com.ua red flags (excieve/dragnet @8b69c6f, red_flags.es6)"
_FORM_250 = (
    "Kazakhstan's declaration of assets and liabilities (form 250.00) lists cash, receivables "
    "and payables above 1,000 MCI (DECLARATIONS.md §5; memory: exact sections)"
)

DECLARATION_AMOUNTS: dict[str, dict[str, AmountThreshold]] = {
    "UA": {
        "A04": AmountThreshold(amount=500_000, basis=f"{_DRAGNET}: cash_flag_500k"),
        "A09": AmountThreshold(amount=10_000, basis=f"{_DRAGNET}: has_huge_prize"),
        "A19": AmountThreshold(amount=300_000, basis=f"{_DRAGNET}: assets_lend_3rd_parties"),
    },
    "KZ": {
        "A04": AmountThreshold(mci=1_000, basis=_FORM_250),
        "A09": AmountThreshold(
            mci=100,
            basis="judgement, no statutory anchor: the Ukrainian constant is about 7.5 "
            "subsistence minimums; 100 MCI is of the same order",
        ),
        "A19": AmountThreshold(mci=1_000, basis=_FORM_250),
    },
}


def declaration_amount(profile: CountryProfile, code: str) -> AmountThreshold:
    """The default threshold of rule `code` for the profile's country; a ConfigError says to
    set it when the country has none."""
    try:
        return DECLARATION_AMOUNTS[profile.code][code]
    except KeyError:
        raise ConfigError(
            f"no default threshold of {code} for country {profile.code}: set "
            f"[declarations.params.{code}] threshold (in the base currency)"
        ) from None

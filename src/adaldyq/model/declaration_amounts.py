"""Each country's default amount thresholds of the declarations rules: the floors of the gap
rules A01, A02 and A20, and the amounts of A04, A09 and A19.

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
    """A fixed `amount` in the country's currency, `mci` multiples of the year's MCI, or
    `minimums` multiples of the year's monthly subsistence minimum: exactly one of them."""

    model_config = ConfigDict(frozen=True)

    amount: float | None = None
    mci: float | None = None
    minimums: float | None = None
    basis: str

    @model_validator(mode="after")
    def _one_of(self) -> AmountThreshold:
        if sum(v is not None for v in (self.amount, self.mci, self.minimums)) != 1:
            raise ValueError("give exactly one of amount, mci and minimums")
        return self

    def in_money(self, profile: CountryProfile, year: int) -> float:
        """The threshold of `year` in the profile's currency (a ConfigError when the profile
        knows no index for the year)."""
        if self.mci is not None:
            return profile.in_money(self.mci, year)
        if self.minimums is not None:
            return self.minimums * profile.subsistence_minimum(year)
        return float(self.amount or 0.0)

    def describe(self, profile: CountryProfile, year: int) -> str:
        """How the year's amount is made, for the evidence ("1000 MCI x 3450.00 (2023)")."""
        if self.mci is not None:
            return f"{self.mci:g} MCI x {profile.mci(year):.2f} ({year})"
        if self.minimums is not None:
            minimum = profile.subsistence_minimum(year)
            return f"{self.minimums:g} subsistence minimums x {minimum:.2f} ({year})"
        return f"{self.in_money(profile, year):.2f} {profile.currency}"


_DRAGNET = "declarations.com.ua red flags (excieve/dragnet @8b69c6f, red_flags.es6)"
_FORM_250 = (
    "Kazakhstan's declaration of assets and liabilities (form 250.00) lists cash, receivables "
    "and payables above 1,000 MCI (DECLARATIONS.md §5; memory: exact sections)"
)

_FORFEITURE = (
    "Ukraine's civil forfeiture of unjustified assets starts at a gap of 500 subsistence "
    "minimums (HACC practice, DECLARATIONS.md §2)"
)
_LARGE_AMOUNT = (
    "judgement for screening, to be set by the agency: of the order of the Criminal Code's "
    "'large amount' thresholds, which are counted in MCI (Code No. 226-V of 3 July 2014, "
    "art. 3; memory: check the figure); Kazakhstan has no illicit-enrichment threshold"
)
UA_GAP_FLOOR = AmountThreshold(minimums=500, basis=_FORFEITURE)
KZ_GAP_FLOOR = AmountThreshold(mci=2_000, basis=_LARGE_AMOUNT)

DECLARATION_AMOUNTS: dict[str, dict[str, AmountThreshold]] = {
    "UA": {
        "A01": UA_GAP_FLOOR,
        "A02": UA_GAP_FLOOR,
        "A20": UA_GAP_FLOOR,
        "A04": AmountThreshold(amount=500_000, basis=f"{_DRAGNET}: cash_flag_500k"),
        "A09": AmountThreshold(amount=10_000, basis=f"{_DRAGNET}: has_huge_prize"),
        "A19": AmountThreshold(amount=300_000, basis=f"{_DRAGNET}: assets_lend_3rd_parties"),
    },
    "KZ": {
        "A01": KZ_GAP_FLOOR,
        "A02": KZ_GAP_FLOOR,
        "A20": KZ_GAP_FLOOR,
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

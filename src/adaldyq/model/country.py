"""Country profiles: every national constant lives here as data, so no country is hard-wired.

Kazakhstan is the first deployment. Its monetary thresholds are set in monthly calculation
indices (MCI, "МРП"), which change each budget year; rules ask the profile for a threshold in money
for a given year instead of carrying numbers of their own.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from adaldyq.errors import ConfigError


class ProcurementThresholds(BaseModel):
    """Statutory ceilings of procurement methods, in MCI (annual volume of homogeneous items)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    direct_purchase_mci: float = Field(
        description="Annual volume a customer may buy from one source without competition."
    )
    price_offers_mci: float = Field(
        description="Ceiling of the request for price offers; above it an open tender is required."
    )
    legal_basis: str


class CountryProfile(BaseModel):
    """The constants one country's rules need, all of them data."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    currency: str
    mci_by_year: dict[int, float] = Field(
        default_factory=dict, description="Monthly calculation index in the currency, per year."
    )
    subsistence_minimum_by_year: dict[int, float] = Field(
        default_factory=dict,
        description="Official monthly subsistence minimum per person in the currency, on 1 "
        "January of each year: the living-cost floor of the declarations net-worth rules.",
    )
    procurement: ProcurementThresholds | None = None
    declaration_due: tuple[int, int] | None = Field(
        default=None,
        description="(month, day) of the year after the declared one: the last day to file an "
        "annual declaration (A21).",
    )
    declaration_due_by_year: dict[int, date] = Field(
        default_factory=dict,
        description="Last filing day of a declared year whose deadline was set apart (a first "
        "campaign, an extension).",
    )
    declaration_due_basis: str = ""
    budget_year_end_month: int = 12
    person_id_name: str = "national id"
    organisation_id_name: str = "registration number"
    organisation_id_scheme: str | None = None

    def mci(self, year: int) -> float:
        """The MCI of `year`; the nearest earlier known year if the year itself is missing."""
        known = sorted(y for y in self.mci_by_year if y <= year)
        if not known:
            raise ConfigError(f"country profile {self.code}: no MCI known for {year} or earlier")
        return self.mci_by_year[known[-1]]

    def subsistence_minimum(self, year: int) -> float:
        """The monthly subsistence minimum of `year`, or of the nearest earlier known year."""
        known = sorted(y for y in self.subsistence_minimum_by_year if y <= year)
        if not known:
            raise ConfigError(
                f"country profile {self.code}: no subsistence minimum known for {year} or earlier"
            )
        return self.subsistence_minimum_by_year[known[-1]]

    def declaration_deadline(self, year: int) -> date | None:
        """The last day to file the annual declaration of `year`; None when unknown."""
        if year in self.declaration_due_by_year:
            return self.declaration_due_by_year[year]
        if self.declaration_due is None:
            return None
        month, day = self.declaration_due
        return date(year + 1, month, day)

    def in_money(self, mci_multiple: float, year: int) -> float:
        """A threshold given in MCI, in the country's currency for `year`."""
        return mci_multiple * self.mci(year)


KAZAKHSTAN = CountryProfile(
    code="KZ",
    name="Kazakhstan",
    currency="KZT",
    # Laws on the republican budget; 2022 is the value from 1 April 2022 (3,180 before it: 3,063).
    mci_by_year={
        2018: 2405,
        2019: 2525,
        2020: 2778,
        2021: 2917,
        2022: 3180,
        2023: 3450,
        2024: 3692,
        2025: 3932,
        2026: 4325,
    },
    # Laws on the republican budget, величина прожиточного минимума (memory: check each year).
    subsistence_minimum_by_year={
        2018: 28_284,
        2019: 29_698,
        2020: 31_183,
        2021: 34_302,
        2022: 36_018,
        2023: 40_567,
        2024: 43_407,
        2025: 46_228,
    },
    procurement=ProcurementThresholds(
        direct_purchase_mci=100,
        price_offers_mci=4000,
        legal_basis=(
            "Law of the Republic of Kazakhstan 'On public procurement' (No. 434-V of 4 Dec 2015; "
            "No. 106-VIII of 1 Jul 2024 from 2025): price-offer ceiling 4,000 MCI; purchases up to "
            "100 MCI a year without procedure. Check the year's edition before relying on it."
        ),
    ),
    declaration_due=(9, 15),
    declaration_due_basis=(
        "Tax Code of the Republic of Kazakhstan: form 270.00 (declaration of income and property) "
        "is filed for a year by 15 September of the following year (DECLARATIONS.md §5)."
    ),
    person_id_name="IIN",
    organisation_id_name="BIN",
    organisation_id_scheme="KZ-BIN",
)

UKRAINE = CountryProfile(
    code="UA",
    name="Ukraine",
    currency="UAH",
    # Laws on the State Budget, прожитковий мінімум per person from 1 January (memory: 2015 kept
    # 2014's 1,176 until September; check before relying on it).
    subsistence_minimum_by_year={2015: 1_176, 2016: 1_330, 2017: 1_544},
    declaration_due=(3, 31),
    declaration_due_by_year={2015: date(2016, 10, 30)},
    declaration_due_basis=(
        "Law of Ukraine 'On Prevention of Corruption' No. 1700-VII, art. 45 part 1: the annual "
        "declaration for the past year is filed every year 'до 1 квітня' (before 1 April, so by "
        "31 March; i.factor.ua 2018). Declarations for 2015 were the first electronic ones: NACP "
        "decision No. 1 of 18 Aug 2016 started the system on 1 Sep 2016, making 30 Oct 2016 the "
        "last day for persons in responsible positions (buhgalter.com.ua, 17 Oct 2016). Later "
        "extensions (2020 quarantine, martial law) are not encoded: check before relying on them."
    ),
    person_id_name="RNOKPP",
    organisation_id_name="EDRPOU code",
    organisation_id_scheme="UA-EDR",
)
"""The country of the real NACP declarations the declarations engine is proven on."""

PROFILES: dict[str, CountryProfile] = {KAZAKHSTAN.code: KAZAKHSTAN, UKRAINE.code: UKRAINE}


def country_profile(code: str) -> CountryProfile:
    """The profile for an ISO 3166-1 alpha-2 code, or a ConfigError listing the known ones."""
    try:
        return PROFILES[code.upper()]
    except KeyError:
        raise ConfigError(
            f"unknown country profile {code!r}; known: {', '.join(PROFILES)}"
        ) from None

"""Areas in square metres, whatever unit they were declared in.

NACP declarations state areas in m². Other sources give land in hectares or, in Ukraine,
Russia and Kazakhstan, in "соток" (hundredths of a hectare, 100 m²). Rules compare m² only, so
every area is converted once, at import, by the factor of its declared unit.
"""

# ruff: noqa: RUF001  (unit names in Ukrainian and Russian)

from __future__ import annotations

SQUARE_METRES_PER_UNIT = {
    "m2": 1.0,
    "ha": 10_000.0,
    "sotka": 100.0,
}
UNIT_ALIASES = {
    "m2": "m2",
    "m²": "m2",
    "sq m": "m2",
    "кв.м": "m2",
    "кв. м": "m2",
    "м2": "m2",
    "м²": "m2",
    "ha": "ha",
    "га": "ha",
    "гектар": "ha",
    "sotka": "sotka",
    "сотка": "sotka",
    "соток": "sotka",
    "сотки": "sotka",
    "сот.": "sotka",
}


def area_unit(value: str) -> str:
    """The canonical name of an area unit (m2, ha, sotka); ValueError for an unknown one."""
    try:
        return UNIT_ALIASES[value.strip().lower()]
    except KeyError:
        known = ", ".join(SQUARE_METRES_PER_UNIT)
        raise ValueError(f"unknown area unit {value!r} (known: {known})") from None


def to_square_metres(area: float, unit: str) -> float:
    """An area in m²: `unit` is any name `area_unit` accepts."""
    return area * SQUARE_METRES_PER_UNIT[area_unit(unit)]

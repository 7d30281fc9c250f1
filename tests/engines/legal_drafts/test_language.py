"""Language detection refuses what it cannot check instead of guessing: German passes a
Latin-letter test and Ukrainian a Kazakh-letter test, and every factor check would then be noise."""

# Ukrainian text: Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from adaldyq.engines.legal_drafts.language import detect_language
from adaldyq.errors import InputError
from tests.conftest import SHARED_DATA

LEGAL = SHARED_DATA / "legal"


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("ru_water_code_2006_pravo_102107048.txt", "ru"),
        ("ru_constitution_pravo_102027595.txt", "ru"),
        ("en_uksi_2023_115_elections_commencement7.txt", "en"),
    ],
)
def test_real_acts_keep_their_language(name: str, language: str) -> None:
    assert detect_language((LEGAL / name).read_text(encoding="utf-8")) == language


def test_short_english_provisions_are_english() -> None:
    assert detect_language("The Minister may exempt any person from this regulation.") == "en"
    assert detect_language("Fees shall be determined by the authority at its discretion.") == "en"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "Die zuständige Behörde kann nach eigenem Ermessen die Genehmigung verweigern, "
            "wenn der Antragsteller die Unterlagen nicht fristgerecht einreicht.",
            "do not read as English",
        ),
        (
            "Уповноважений орган має право на власний розсуд відмовити у видачі дозволу, якщо "
            "заявник не подав документи у встановлений строк.",
            "Cyrillic letters of another language",
        ),
        ("12345 — 678 / 2024", "no Latin or Cyrillic letters"),
    ],
)
def test_other_languages_are_refused_with_the_override(text: str, says: str) -> None:
    with pytest.raises(InputError, match=says) as raised:
        detect_language(text)
    assert "--language ru|kk|en" in str(raised.value)

"""The reporter's receipt: 16 digits from the CSPRNG, shown once, stored only as Argon2id.

The hash is made with this installation's own random salt (the `installation` row), so the
same receipt always gives the same hash and the hash is the lookup key: a receipt finds its
report in one indexed query, without a scan over every report. The parameters are those of
RFC 9106's low-memory profile and are written into the PHC string. Guessing stays hopeless:
10^16 receipts at one Argon2id (64 MiB) each. A match is confirmed with argon2's constant-time
verification.
"""

from __future__ import annotations

import secrets

from argon2.exceptions import VerificationError
from argon2.low_level import Type, hash_secret, verify_secret
from argon2.profiles import RFC_9106_LOW_MEMORY

from adaldyq.errors import AccessDenied

DIGITS = 16
PROFILE = RFC_9106_LOW_MEMORY


def new_receipt() -> str:
    """16 random digits from `secrets` (the operating system's CSPRNG)."""
    return f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"


def format_receipt(receipt: str) -> str:
    """The receipt as shown to the reporter: four groups of four digits."""
    return " ".join(receipt[start : start + 4] for start in range(0, DIGITS, 4))


def normalise(text: str) -> str:
    """The 16 digits of a receipt as typed (spaces and dashes ignored); anything else is
    refused like a wrong receipt, so an attacker learns nothing from the error."""
    digits = "".join(text.split()).replace("-", "")
    if len(digits) != DIGITS or not digits.isascii() or not digits.isdigit():
        raise AccessDenied("receipt not recognised")
    return digits


def hash_receipt(receipt: str, salt: bytes) -> str:
    """The receipt's Argon2id PHC string under the installation salt (deterministic)."""
    encoded = hash_secret(
        normalise(receipt).encode("ascii"),
        salt,
        time_cost=PROFILE.time_cost,
        memory_cost=PROFILE.memory_cost,
        parallelism=PROFILE.parallelism,
        hash_len=PROFILE.hash_len,
        type=Type.ID,
    )
    return encoded.decode("ascii")


def receipt_matches(stored_hash: str, receipt: str) -> bool:
    """Whether `receipt` matches a stored hash, compared in constant time by argon2."""
    try:
        return verify_secret(
            stored_hash.encode("ascii"), normalise(receipt).encode("ascii"), Type.ID
        )
    except (VerificationError, AccessDenied):
        return False

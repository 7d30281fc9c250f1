"""Envelope encryption of the whistleblower channel, on libsodium (PyNaCl); no database here.

- Every report has its own random 32-byte key; messages, files and the identity are SecretBox
  (XSalsa20-Poly1305) ciphertext under a report key.
- A report key reaches a staff user only sealed (SealedBox: X25519 + XSalsa20-Poly1305) to
  that user's public key; only their private key opens it.
- A user's private key is stored wrapped twice: by a key derived from their password
  (Argon2id through `nacl.pwhash`, salt and limits kept beside the ciphertext) and by a random
  recovery key shown to the user once. A password change or a recovery re-wraps the same
  private key, so every sealed report key stays valid.
- Staff passwords are verified against an Argon2id hash (argon2-cffi, RFC 9106 profile).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY
from nacl.public import PrivateKey, PublicKey, SealedBox

from adaldyq.errors import AccessDenied, InputError

KEY_SIZE = nacl.secret.SecretBox.KEY_SIZE
SALT_SIZE = nacl.pwhash.argon2id.SALTBYTES
_PASSWORDS = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id limits of a password-derived key, stored with what it wraps."""

    opslimit: int
    memlimit: int

    @classmethod
    def preset(cls, name: str) -> KdfParams:
        """libsodium's presets: "interactive", "moderate" or "sensitive"."""
        argon2id = nacl.pwhash.argon2id
        presets = {
            "interactive": cls(argon2id.OPSLIMIT_INTERACTIVE, argon2id.MEMLIMIT_INTERACTIVE),
            "moderate": cls(argon2id.OPSLIMIT_MODERATE, argon2id.MEMLIMIT_MODERATE),
            "sensitive": cls(argon2id.OPSLIMIT_SENSITIVE, argon2id.MEMLIMIT_SENSITIVE),
        }
        if name not in presets:
            raise InputError(f"unknown key derivation preset {name!r}", field="key_derivation")
        return presets[name]


@dataclass(frozen=True)
class SecretWrap:
    """A secret encrypted under a key derived from a password (or a receipt)."""

    ciphertext: bytes
    salt: bytes
    params: KdfParams


@dataclass(frozen=True)
class KeyPairRecord:
    """What is stored of a user's key pair: the public key and the two wraps of the private."""

    public_key: bytes
    wrapped: SecretWrap
    recovery_wrapped: bytes


def new_key() -> bytes:
    """A fresh random symmetric key (one per report, one per identity record)."""
    return nacl.utils.random(KEY_SIZE)


def encrypt(key: bytes, plaintext: bytes) -> bytes:
    """SecretBox ciphertext (random nonce included) of `plaintext` under `key`."""
    return bytes(nacl.secret.SecretBox(key).encrypt(plaintext))


def decrypt(key: bytes, ciphertext: bytes) -> bytes:
    """The plaintext; a wrong key or altered ciphertext is AccessDenied, never garbage."""
    try:
        return nacl.secret.SecretBox(key).decrypt(ciphertext)
    except nacl.exceptions.CryptoError:
        raise AccessDenied("the key does not open this ciphertext") from None


def seal(public_key: bytes, secret: bytes) -> bytes:
    """`secret` sealed so that only the holder of the matching private key can open it."""
    return SealedBox(PublicKey(public_key)).encrypt(secret)


def unseal(private_key: PrivateKey, sealed: bytes) -> bytes:
    """Open a sealed secret; a key it was not sealed to is AccessDenied."""
    try:
        return SealedBox(private_key).decrypt(sealed)
    except nacl.exceptions.CryptoError:
        raise AccessDenied("this key was not sealed to you") from None


def derive_key(secret: str, salt: bytes, params: KdfParams) -> bytes:
    """A 32-byte key from a password or receipt: Argon2id with the given salt and limits."""
    return nacl.pwhash.argon2id.kdf(
        KEY_SIZE, secret.encode("utf-8"), salt, opslimit=params.opslimit, memlimit=params.memlimit
    )


def wrap_with_secret(payload: bytes, secret: str, params: KdfParams) -> SecretWrap:
    """Encrypt `payload` under a key derived from `secret` with a fresh salt."""
    salt = nacl.utils.random(SALT_SIZE)
    return SecretWrap(encrypt(derive_key(secret, salt, params), payload), salt, params)


def unwrap_with_secret(wrapped: SecretWrap, secret: str) -> bytes:
    """The payload of a wrap; a wrong password or receipt is AccessDenied."""
    return decrypt(derive_key(secret, wrapped.salt, wrapped.params), wrapped.ciphertext)


def new_key_pair(password: str, params: KdfParams) -> tuple[KeyPairRecord, str]:
    """A user's new key pair, wrapped by the password and by a new recovery key, which is
    returned (as text, to be shown once) and never stored."""
    private_key = PrivateKey.generate()
    recovery = nacl.utils.random(KEY_SIZE)
    record = KeyPairRecord(
        public_key=bytes(private_key.public_key),
        wrapped=wrap_with_secret(bytes(private_key), password, params),
        recovery_wrapped=encrypt(recovery, bytes(private_key)),
    )
    return record, format_recovery_key(recovery)


def unlock(record: KeyPairRecord, password: str) -> PrivateKey:
    """The user's private key, opened with their password."""
    return PrivateKey(unwrap_with_secret(record.wrapped, password))


def rewrap(
    record: KeyPairRecord, private_key: PrivateKey, password: str, params: KdfParams
) -> KeyPairRecord:
    """The same key pair wrapped by a new password (after a change or a recovery); the
    recovery wrap is kept, so the recovery key still works."""
    return KeyPairRecord(
        public_key=record.public_key,
        wrapped=wrap_with_secret(bytes(private_key), password, params),
        recovery_wrapped=record.recovery_wrapped,
    )


def recover(record: KeyPairRecord, recovery_key: str) -> PrivateKey:
    """The user's private key, opened with their recovery key (password forgotten)."""
    return PrivateKey(decrypt(parse_recovery_key(recovery_key), record.recovery_wrapped))


def format_recovery_key(key: bytes) -> str:
    """Base32 in groups of four, easy to write down: e.g. `ABCD-EFGH-...`."""
    text = base64.b32encode(key).decode("ascii").rstrip("=")
    return "-".join(text[start : start + 4] for start in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The key bytes of a recovery key as written down (case, dashes and spaces ignored)."""
    compact = "".join(text.split()).replace("-", "").upper()
    try:
        key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    except binascii.Error:
        raise AccessDenied("not a recovery key") from None
    if len(key) != KEY_SIZE:
        raise AccessDenied("not a recovery key")
    return key


def hash_password(password: str) -> str:
    """An Argon2id hash (PHC string, RFC 9106 low-memory profile) of a staff password."""
    return _PASSWORDS.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    """Whether `password` matches the hash (argon2's own constant-time comparison)."""
    try:
        return _PASSWORDS.verify(password_hash, password)
    except VerificationError:
        return False

"""Parties: BIN and IIN to OCDS identifiers, participant records (`Subject`) to party details.

An organisation is `KZ-BIN` (an org-id.guide scheme) with its BIN. An individual entrepreneur
has no BIN, only the IIN of a person, which is personal data (it encodes the birth date and sex):
it is written as a keyed pseudonym under the local scheme `KZ-IIN` (HMAC-SHA256, so the same IIN
gives the same pseudonym under the same key and nobody without the key can reverse it), unless
the settings keep IINs for an agency's internal use. Both are checked with the check digit
(`adaldyq.model.identity.identifiers`), so a number that fails is a rejected field, not a party.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any, Literal

from adaldyq.ingest.goszakup.almaty import local_time
from adaldyq.ingest.goszakup.fields import FieldError, flag, present, required_id, text
from adaldyq.model.identity.identifiers import Bin, InvalidIdentifier, parse_iin_or_bin

BIN_SCHEME = "KZ-BIN"
IIN_SCHEME = "KZ-IIN"
PID_SCHEME = "KZ-GZ-PID"
"""goszakup's participant id (`Subject.pid`): not personal data, kept as an extra identifier."""


@dataclass(frozen=True)
class Identity:
    """How one BIN or IIN is written in OCDS."""

    party_id: str
    identifier: dict[str, str]
    registered: str | None  # the BIN's month of registration (YYYY-MM-DD), None for an IIN


class Identities:
    """Reads BINs and IINs into identities; IINs pseudonymised with the key, or kept."""

    def __init__(self, iin_mode: Literal["pseudonymise", "keep"], key: bytes) -> None:
        self._mode = iin_mode
        self._key = key
        self._seen: dict[str, Identity] = {}

    def of(self, record: dict[str, Any], field_name: str) -> Identity | None:
        """The identity of the number in `field_name`; None when missing; FieldError if invalid."""
        number = text(record, field_name)
        if number is None:
            return None
        if number in self._seen:
            return self._seen[number]
        try:
            parsed = parse_iin_or_bin(number)
        except InvalidIdentifier as exc:
            raise FieldError(field_name, f"not a valid BIN or IIN: {exc}") from None
        if isinstance(parsed, Bin):
            ident = {"scheme": BIN_SCHEME, "id": parsed.number}
            identity = Identity(
                f"{BIN_SCHEME}-{parsed.number}", ident, parsed.registered.isoformat()
            )
        else:
            written = parsed.number if self._mode == "keep" else self._pseudonym(parsed.number)
            identity = Identity(
                f"{IIN_SCHEME}-{written}", {"scheme": IIN_SCHEME, "id": written}, None
            )
        self._seen[number] = identity
        return identity

    def _pseudonym(self, iin: str) -> str:
        return hmac.new(self._key, iin.encode(), hashlib.sha256).hexdigest()[:24]


@dataclass(frozen=True)
class Participant:
    """A converted `Subject` record: the party without roles, keyed by its party id."""

    party_id: str
    party: dict[str, Any]


def participant(record: dict[str, Any], identities: Identities) -> Participant:
    """A `Subject` record as an OCDS party (roles are added by the processes it appears in)."""
    pid = required_id(record, "pid")
    identity = identities.of(record, "bin") or identities.of(record, "iin")
    if identity is None:
        raise FieldError("bin", "neither a BIN nor an IIN")
    regdate = local_time(record, "regdate")
    details: dict[str, Any] = {
        "x_gz_pid": pid,
        "x_gz_crdate": local_time(record, "crdate"),
        "x_gz_resident": flag(record, "mark_resident"),
        "x_gz_qvazi": flag(record, "qvazi"),
        "x_gz_type_supplier": text(record, "type_supplier"),
        "x_gz_country_code": text(record, "country_code"),
    }
    if flag(record, "mark_small_employer"):
        details["scale"] = "sme"
    if regdate is not None:
        details["registrationDate"] = regdate
        details["x_gz_regdate_source"] = "regdate"
    elif identity.registered is not None:
        details["registrationDate"] = identity.registered
        details["x_gz_regdate_source"] = "bin"
    contact = {
        key: value
        for key, value in (
            ("email", text(record, "email")),
            ("telephone", text(record, "phone")),
            ("url", text(record, "website")),
        )
        if value is not None
    }
    party: dict[str, Any] = {
        "id": identity.party_id,
        "name": text(record, "name_ru") or text(record, "full_name_ru"),
        "identifier": {**identity.identifier, "legalName": text(record, "full_name_ru")},
        "additionalIdentifiers": [{"scheme": PID_SCHEME, "id": str(pid)}],
        "details": present(details),
    }
    if name_kk := text(record, "name_kz"):
        party["name_kk"] = name_kk
    if contact:
        party["contactPoint"] = contact
    party["identifier"] = present(party["identifier"])
    return Participant(identity.party_id, present(party))


@dataclass
class PartyBook:
    """The parties of one release: each organisation once, with every role it plays."""

    identities: Identities
    participants: dict[str, Participant]
    parties: dict[str, dict[str, Any]] = field(default_factory=dict)

    def ref(
        self, record: dict[str, Any], number_field: str, name_field: str | None, role: str
    ) -> dict[str, str] | None:
        """An OrganizationReference for the number in `number_field`, registering `role`."""
        identity = self.identities.of(record, number_field)
        if identity is None:
            return None
        party = self.parties.get(identity.party_id)
        if party is None:
            known = self.participants.get(identity.party_id)
            if known is not None:
                party = {**known.party, "roles": []}
            else:
                name = text(record, name_field) if name_field else None
                party = {"id": identity.party_id, "identifier": identity.identifier, "roles": []}
                if name:
                    party["name"] = name
                if identity.registered is not None:
                    party["details"] = {
                        "registrationDate": identity.registered,
                        "x_gz_regdate_source": "bin",
                    }
            self.parties[identity.party_id] = party
        if role not in party["roles"]:
            party["roles"].append(role)
        reference = {"id": identity.party_id}
        if "name" in party:
            reference["name"] = party["name"]
        return reference

    def snapshot(self) -> dict[str, list[str]]:
        """The parties and their roles now, to undo what a rejected part registered."""
        return {party_id: list(party["roles"]) for party_id, party in self.parties.items()}

    def restore(self, snapshot: dict[str, list[str]]) -> None:
        """Back to `snapshot`: parties added since are dropped, roles added since removed."""
        self.parties = {
            party_id: {**party, "roles": snapshot[party_id]}
            for party_id, party in self.parties.items()
            if party_id in snapshot
        }

    def used(self) -> set[str]:
        """Party ids of participants this release uses."""
        return {pid for pid in self.parties if pid in self.participants}

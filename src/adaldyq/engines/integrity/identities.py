"""Who is who across the graph and the procurement tables: organisation keys and contact keys.

Organisations meet by identifier only, never by name (names are entity resolution's business):
a procurement org id is `scheme-id` (`KZ-BIN-123456789012`); a graph node's identifiers give the
same form from their scheme, and a valid 12-digit BIN without a scheme (FtM writes none) counts
under `KZ-BIN`. Contacts meet by the keys of `model/identity`: an address key, an E.164 phone,
an e-mail mailbox, and a corporate e-mail domain (a free-mail domain is no evidence: two firms on
gmail.com share nothing). A contact that cannot be normalised is counted, not guessed at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from adaldyq.model.identity.addresses import address_key
from adaldyq.model.identity.contacts import InvalidContact, parse_email, phone_e164
from adaldyq.model.identity.identifiers import clean, is_valid_bin

BIN_SCHEME = "KZ-BIN"
_BIN_SCHEMES = (None, "", BIN_SCHEME, "KZ-BIIN")

Contact = tuple[str, str]
"""(kind, key): `address`, `phone`, `email` (a mailbox) or `email_domain` (corporate only)."""


def node_org_keys(node: dict[str, Any]) -> set[str]:
    """The procurement org ids a graph node can appear under."""
    keys: set[str] = set()
    for identifier in node.get("identifiers") or ():
        value, scheme = identifier["id"], identifier["scheme"]
        if not value:
            continue
        if scheme:
            keys.add(f"{scheme}-{value}")
        if scheme in _BIN_SCHEMES and is_valid_bin(value):
            keys.add(f"{BIN_SCHEME}-{clean(value)}")
    return keys


def record_keys(node: dict[str, Any]) -> set[str]:
    """Every key another register may name a graph node by: its id, the ids of the records entity
    resolution merged into it (`referents`), and its identifiers as published (an IIN written
    in both the declaration and the graph)."""
    keys = {node["id"], *(node.get("referents") or ())}
    return keys | {i["id"] for i in node.get("identifiers") or () if i["id"]}


def bin_of(org: str | None, node: dict[str, Any] | None = None) -> str | None:
    """The BIN of an organisation: from its `KZ-BIN-` org id, else from its node's identifiers."""
    candidates = [org or ""]
    if node is not None:
        candidates += sorted(node_org_keys(node))
    for key in candidates:
        if key.startswith(f"{BIN_SCHEME}-") and is_valid_bin(key.removeprefix(f"{BIN_SCHEME}-")):
            return key.removeprefix(f"{BIN_SCHEME}-")
    return None


class ContactKeys:
    """Turns raw contact fields into comparison keys, counting what could not be read."""

    def __init__(self) -> None:
        self.unreadable: Counter[str] = Counter()

    def keys(
        self, addresses: Iterable[str], phones: Iterable[str], emails: Iterable[str]
    ) -> set[Contact]:
        found: set[Contact] = set()
        for text in addresses:
            key = address_key(text, postcode=False) if text and text.strip() else ""
            if key:
                found.add(("address", key))
        for text in phones:
            if text and text.strip():
                try:
                    found.add(("phone", phone_e164(text)))
                except InvalidContact:
                    self.unreadable["phone"] += 1
        for text in emails:
            if text and text.strip():
                try:
                    email = parse_email(text)
                except InvalidContact:
                    self.unreadable["email"] += 1
                    continue
                found.add(("email", email.key))
                if not email.free_mail:
                    found.add(("email_domain", email.domain))
        return found

    def of_node(self, node: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> set[Contact]:
        """A node's contact keys, with the text of the Address entities it references."""
        addresses = list(node.get("address") or ())
        for ref in node.get("refs") or ():
            if ref["property"] == "addressEntity" and ref["id"] in nodes:
                addresses += nodes[ref["id"]].get("address") or ()
        return self.keys(addresses, node.get("phone") or (), node.get("email") or ())

    def of_party(self, party: dict[str, Any]) -> set[Contact]:
        """A procurement party's contact keys (street and locality read as one address; a
        locality alone is no address: every firm of a city would share it)."""
        street = party["street_address"]
        address = " ".join(p for p in (party["locality"], street) if p) if street else ""
        return self.keys([address], [party["phone"] or ""], [party["email"] or ""])

"""Phone numbers and e-mail addresses in one form each, so a shared one shows (patterns B03/B04).

Phones become E.164 through `phonenumbers` (Google's libphonenumber metadata): Kazakh records write
"8 (727) 123-45-67", "+7 727 1234567" or "87271234567" for one line. A number without a country
code is read in `default_region` (Kazakhstan: the trunk prefix 8 is dropped).

E-mail addresses are trimmed and lower-cased, and their domain is kept apart with a flag for
free-mail providers: two suppliers on one corporate domain are linked, two on gmail.com are not.
For the providers that ignore them, dots (Gmail) and "+tags" in the local part are removed from the
comparison key, and a provider's alias domains (googlemail.com, ya.ru) are mapped to one.

What a shared contact does not prove: a phone may be an accountant's or a tender agent's serving
many firms; a mailbox may be an outsourced bookkeeper's. It is a lead, weighed with the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers

from adaldyq.errors import AdaldyqError

DEFAULT_REGION = "KZ"
# Free-mail providers common in Kazakhstan and abroad; a shared one is no evidence.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru",
        "yandex.ru", "yandex.kz", "yandex.com", "ya.ru", "rambler.ru", "mail.kz", "inbox.kz",
        "yahoo.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com",
        "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "zoho.com",
    }
)  # fmt: skip
_DOMAIN_ALIASES = {
    "googlemail.com": "gmail.com",
    "ya.ru": "yandex.ru",
    "yandex.kz": "yandex.ru",
    "yandex.com": "yandex.ru",
}
_DOTS_IGNORED = frozenset({"gmail.com"})
_PLUS_TAGS = frozenset({"gmail.com", "yandex.ru", "outlook.com", "hotmail.com", "icloud.com"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class InvalidContact(AdaldyqError, ValueError):
    """A phone number or e-mail address that cannot be normalised, and why."""

    exit_code = 2
    http_status = 422


def phone_e164(raw: str, default_region: str = DEFAULT_REGION) -> str:
    """The E.164 form of one phone number: "8 (727) 123-45-67" -> "+77271234567".

    Raises `InvalidContact` when the text is no phone number or has an impossible length. A number
    that is possible but not allocated in the metadata is still returned: registers keep old lines.
    """
    try:
        number = phonenumbers.parse(raw, default_region)
    except phonenumbers.NumberParseException as error:
        raise InvalidContact(f"phone {raw!r}: {error}") from error
    if not phonenumbers.is_possible_number(number):
        raise InvalidContact(f"phone {raw!r}: not a possible number (wrong length)")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phones_in(text: str, default_region: str = DEFAULT_REGION) -> Iterator[str]:
    """Every phone number in a free-text field ("+7 701 111 2233, 8 727 222 3344"), E.164."""
    for match in phonenumbers.PhoneNumberMatcher(text, default_region):
        yield phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)


@dataclass(frozen=True)
class Email:
    """A normalised address, its domain, whether that is free mail, and its comparison key."""

    address: str
    domain: str
    free_mail: bool
    key: str  # the mailbox: provider aliases, Gmail dots and +tags removed


def parse_email(raw: str) -> Email:
    """Trim, lower-case and split an address; raise `InvalidContact` when it is not one."""
    address = raw.strip().lower().removeprefix("mailto:").strip("<> ")
    if not _EMAIL.match(address):
        raise InvalidContact(f"e-mail {raw!r}: not of the form name@domain.tld")
    written, domain = address.rsplit("@", 1)
    if not domain.isascii():  # кто@почта.рф: compare in the form DNS uses
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError as error:
            raise InvalidContact(f"e-mail {raw!r}: domain {domain!r} is not valid") from error
    mailbox_domain = _DOMAIN_ALIASES.get(domain, domain)
    local = written
    if mailbox_domain in _PLUS_TAGS:
        local = local.split("+", 1)[0]
    if mailbox_domain in _DOTS_IGNORED:
        local = local.replace(".", "")
    return Email(
        address=f"{written}@{domain}",
        domain=domain,
        free_mail=domain in FREE_MAIL_DOMAINS,
        key=f"{local}@{mailbox_domain}",
    )


def shared_domain_is_evidence(a: Email, b: Email) -> bool:
    """Two addresses on one domain link their owners only when the domain is not free mail."""
    return a.domain == b.domain and not a.free_mail

"""The FollowTheMoney schemata and properties the graph uses, and which column holds each.

We speak FtM without installing it (its `normality` dependency needs PyICU compiled from source,
and the package brings about 300 MB): only the names matter for interchange. Checked against the
schema files of FtM itself, `followthemoney/schema/*.yaml` in `opensanctions/followthemoney`
(Thing, LegalEntity, Person, Address, Interval, Position, Occupancy, Directorship, Family,
Associate, Contract) and `alephdata/followthemoney` (Interest, Ownership, Employment,
Representation, UnknownLink, Payment, Value, ContractAward). An edge's ends are the properties
each schema's `edge:` block names as `source` and `target` (Ownership: `owner` owns `asset`;
Employment: `employee` works for `employer`; ContractAward: `contract` awarded to `supplier`).
"""

from __future__ import annotations

from types import MappingProxyType

NODE_SCHEMATA = frozenset(
    {
        "LegalEntity",
        "Person",
        "Organization",
        "Company",
        "PublicBody",
        "Address",
        "Position",
        "Contract",
    }
)
"""Things: each becomes a row of `nodes`."""

EDGE_ENDS = MappingProxyType(
    {
        "Ownership": ("owner", "asset"),
        "Directorship": ("director", "organization"),
        "Family": ("person", "relative"),
        "Associate": ("person", "associate"),
        "Employment": ("employee", "employer"),
        "Occupancy": ("holder", "post"),
        "Representation": ("agent", "client"),
        "UnknownLink": ("subject", "object"),
        "Payment": ("payer", "beneficiary"),
        "ContractAward": ("contract", "supplier"),
    }
)
"""Relations: each becomes a row of `edges`, from the `source` property's entity to the
`target` property's entity."""

INTEREST_SCHEMATA = frozenset(
    {"Ownership", "Directorship", "Employment", "Representation", "UnknownLink", "ContractAward"}
)
"""Schemata that extend FtM's `Interest`, and so have a `role`."""

RELATIONSHIP_SCHEMATA = frozenset({"Family", "Associate"})
"""Schemata with a `relationship` property (the kind of kinship or association)."""

VALUE_SCHEMATA = frozenset({"Payment", "ContractAward"})
"""Schemata that extend FtM's `Value`: `amount` and `currency`."""

NAME_PROPERTY = "name"
ALIAS_PROPERTY = "alias"
ADDRESS_PROPERTY = "address"
FULL_ADDRESS_PROPERTY = "full"
"""`Address` entities hold their text in `full`, other things in `address`: both go to the
`address` column."""

NODE_LIST_COLUMNS = MappingProxyType(
    {
        "country": "country",
        "jurisdiction": "jurisdiction",
        "nationality": "nationality",
        "phone": "phone",
        "email": "email",
        "topics": "topics",
    }
)
"""List columns of `nodes` and the FtM property each holds."""

NODE_DATE_COLUMNS = MappingProxyType(
    {
        "birth_date": "birthDate",
        "incorporation_date": "incorporationDate",
        "dissolution_date": "dissolutionDate",
    }
)

EDGE_DATE_COLUMNS = MappingProxyType(
    {"date": "date", "start_date": "startDate", "end_date": "endDate"}
)

IDENTIFIER_PROPERTIES = frozenset(
    {
        "registrationNumber",
        "idNumber",
        "taxNumber",
        "vatCode",
        "licenseNumber",
        "leiCode",
        "innCode",
        "ogrnCode",
        "okpoCode",
        "dunsCode",
        "uniqueEntityId",
        "swiftBic",
        "bvdId",
        "uscCode",
        "npiCode",
        "passportNumber",
        "socialSecurityNumber",
    }
)
"""LegalEntity and Person properties of type `identifier`. A Kazakh IIN/BIN goes in `idNumber`,
`taxNumber` or `registrationNumber`: FtM's `innCode` checks a Russian INN and drops a
12-digit IIN (INTEGRITY.md section 2)."""

REFERENCE_PROPERTIES = frozenset(
    {
        "addressEntity",
        "authority",
        "organization",
        "project",
        "proof",
        "parent",
        "payerAccount",
        "beneficiaryAccount",
        "callForTenders",
    }
)
"""Entity-typed properties that are not an edge's ends (Thing `addressEntity` and `proof`,
Contract `authority`, Position `organization` ...): kept in `refs`, checked to name a node."""

PEP_TOPIC = "role.pep"
"""The topic OpenSanctions gives politically exposed persons."""

FTM_TOPICS = frozenset(
    {
        "crime", "crime.fraud", "crime.cyber", "crime.fin", "crime.env", "crime.theft",
        "crime.war", "crime.boss", "crime.terror", "crime.traffick", "crime.traffick.drug",
        "crime.traffick.human", "forced.labor", "asset.frozen", "wanted", "corp.offshore",
        "corp.shell", "corp.public", "corp.disqual", "gov", "gov.national", "gov.state",
        "gov.muni", "gov.soe", "gov.igo", "gov.head", "gov.admin", "gov.executive",
        "gov.legislative", "gov.judicial", "gov.security", "gov.financial", "gov.religion", "fin",
        "fin.bank", "fin.fund", "fin.adivsor", "mare.detained", "mare.shadow", "mare.sts",
        "reg.action", "reg.warn", "role.pep", "role.pep.frmr", "role.pep.intl", "role.pep.natl",
        "role.pol", "role.rca", "role.judge", "role.civil", "role.diplo", "role.lawyer",
        "role.acct", "role.spy", "role.oligarch", "role.journo", "role.act", "role.lobby",
        "pol.party", "pol.union", "rel", "mil", "sanction", "sanction.linked", "sanction.control",
        "sanction.counter", "export.control", "export.control.linked", "export.risk",
        "invest.risk", "invest.ban", "debarment", "poi",
    }
)  # fmt: skip
"""FtM's controlled vocabulary of topics (`followthemoney/types/topic.py` of
`opensanctions/followthemoney`; `fin.adivsor` is spelt as FtM spells it)."""

ADALDYQ_TOPICS = frozenset({"crime.corruption"})
"""Topics of ours that FtM lacks: `crime.corruption` marks the register of persons convicted of
corruption (B10). FtM tools drop a topic they do not know, so an FtM export of such a person
carries it for Adaldyq only; its FtM parent `crime` is the nearest that Aleph keeps."""

KNOWN_TOPICS = FTM_TOPICS | ADALDYQ_TOPICS

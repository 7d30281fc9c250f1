"""goszakup.gov.kz (OWS v3) records to OCDS 1.1 compiled releases (issue #8).

The raw records are JSON Lines, one file per entity (`raw.py`), as the fetcher writes them and as
`tests/fixtures/goszakup/` holds them. `convert.py` turns a folder of them into one compiled release
per contracting process: an announcement (`TrdBuy`) with its lots, plan points, bids, contracts,
acts and treasury payments, or a contract without an announcement. The mapping follows
GOSZAKUP.md §4 and is documented in `docs/connectors/goszakup.md`.
"""

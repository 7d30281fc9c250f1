"""Pure types of the domain: canonical tables, findings, rules. No I/O here."""

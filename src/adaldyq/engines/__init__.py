"""Engines: pure rules over canonical tables, returning findings."""

"""Adaldyq: corruption-risk findings from a state's own data, each with its rule and evidence."""

__version__ = "0.1.0"

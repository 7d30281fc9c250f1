"""Outputs for people: the audit list in four formats and the dataset summary page."""

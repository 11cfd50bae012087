"""Realistic Dutch demo data: creditors, debtors and dossiers with a plausible history.

Everything is generated from a fixed random seed, so two runs with the same
file, options and day produce the same data.
"""

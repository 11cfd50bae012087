"""Dossiers: the list and detail routes, the business rules that change a dossier, and its events."""

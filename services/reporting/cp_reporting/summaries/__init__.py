"""The read model: one summary row per dossier, fed by the dossiers service's events."""

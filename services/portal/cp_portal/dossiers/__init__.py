"""The dossier list, a dossier's details and its PDF overview."""

"""Dashboard widgets computed from the dossier read model."""

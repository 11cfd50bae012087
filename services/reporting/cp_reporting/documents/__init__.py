"""Documents made for creditors on request: the dossier overview PDF."""

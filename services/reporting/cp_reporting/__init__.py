"""Reporting service: a read model of dossiers, dashboard widgets and PDF overviews."""

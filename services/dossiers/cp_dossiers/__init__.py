"""The dossiers service: collection cases of creditors, their balances and history.

It owns the dossier data, serves the dossier routes of the public API and
the internal route that the reporting service reads, and publishes
``dossier.*`` events through its transactional outbox.
"""

"""Building blocks shared by every creditor portal service.

Services import nothing from each other, only from here. Keep this package
small: it contains mechanisms (tokens, outbox, logging), never business rules.
"""

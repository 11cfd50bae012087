"""Dutch rules for what a debtor owes on top of the principal."""

from cp_dossiers.balance.collection_costs import wik_collection_costs
from cp_dossiers.balance.interest import estimate_interest, statutory_rate

__all__ = ["estimate_interest", "statutory_rate", "wik_collection_costs"]

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, field_serializer

from cp_common.vocabulary import Phase


class PhaseCount(BaseModel):
    phase: Phase
    count: int


class DossiersPerPhase(BaseModel):
    """W1: running dossiers per phase, every phase listed in phase order."""

    items: list[PhaseCount]
    total: int


class DossierCounts(BaseModel):
    all: int
    running: int
    closed: int


class Totals(BaseModel):
    """W9: counts, principal and collected over all of the organisation's dossiers.

    ``outstanding`` is the sum over running dossiers only.
    """

    dossiers: DossierCounts
    principal: Decimal
    collected: Decimal
    outstanding: Decimal
    # The most recent change among the dossiers counted; null without dossiers.
    updated_at: datetime | None

    @field_serializer("principal", "collected", "outstanding")
    def _amount_as_string(self, amount: Decimal) -> str:
        return str(amount)

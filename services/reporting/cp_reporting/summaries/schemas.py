import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cp_common.vocabulary import ClosingCode, Phase

DossierStatus = Literal["running", "closed"]


class DossierSnapshot(BaseModel):
    """The ``dossier`` object in the data of every ``dossier.*`` event."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: uuid.UUID
    creditor_id: uuid.UUID
    number: str = Field(min_length=1, max_length=50)
    phase: Phase
    status: DossierStatus
    closing_code: ClosingCode | None = None
    opened_on: date
    closed_on: date | None = None
    principal_cents: int = Field(ge=0)
    interest_cents: int = Field(ge=0)
    collection_costs_cents: int = Field(ge=0)
    paid_cents: int = Field(ge=0)
    # Negative when the debtor paid more than was claimed.
    outstanding_cents: int
    version: int = Field(ge=0)

    @model_validator(mode="after")
    def _closed_dossiers_have_a_closing_code(self) -> "DossierSnapshot":
        if self.status == "closed" and self.closing_code is None:
            raise ValueError(f"dossier {self.id} is closed but has no closing_code")
        return self

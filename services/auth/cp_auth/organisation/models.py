import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from cp_auth.base import Base
from cp_common.db import utcnow


class OrganisationKind(StrEnum):
    CREDITOR = "creditor"
    AGENCY = "agency"


class Organisation(Base):
    """A creditor (opdrachtgever) whose users see its dossiers, or the agency itself.

    The id is shared with the other services: dossiers and reporting store it
    as the creditor id of a dossier.
    """

    __tablename__ = "organisations"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default=OrganisationKind.CREDITOR.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def is_creditor(self) -> bool:
        return self.kind == OrganisationKind.CREDITOR.value

"""The creditors (opdrachtgevers), the agency itself and its case handlers."""

import uuid
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from cp_common.db import utcnow
from cp_dossiers.models.base import Base, TimestampMixin


class Creditor(TimestampMixin, Base):
    """A client organisation of the agency; its id is the auth service's organisation id."""

    __tablename__ = "creditors"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class AgencyProfile(Base):
    """Contact details of the agency, shown in every dossier; the table has one row."""

    __tablename__ = "agency_profile"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(300))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CaseHandler(TimestampMixin, Base):
    """An agency employee (medewerker) who handles dossiers."""

    __tablename__ = "case_handlers"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

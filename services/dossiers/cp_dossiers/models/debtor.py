import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from cp_dossiers.models.base import Base, TimestampMixin, enum_type


class DebtorKind(enum.StrEnum):
    PERSON = "person"
    COMPANY = "company"


class Debtor(TimestampMixin, Base):
    """The person or company that owes the money; a debtor record belongs to one creditor."""

    __tablename__ = "debtors"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    creditor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("creditors.id"), index=True)
    kind: Mapped[DebtorKind] = mapped_column(enum_type(DebtorKind))
    name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str | None] = mapped_column(String(200))
    house_number: Mapped[str | None] = mapped_column(String(20))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(100))
    # ISO 3166-1 alpha-2 code.
    country: Mapped[str] = mapped_column(String(2), default="NL")
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    # KvK-nummer: eight digits, companies and sole traders only.
    chamber_of_commerce_number: Mapped[str | None] = mapped_column(String(8))
    date_of_birth: Mapped[date | None] = mapped_column(Date)

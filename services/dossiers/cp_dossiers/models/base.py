"""The service's declarative base and the column types its models share."""

import enum
from datetime import datetime

from sqlalchemy import BigInteger, Enum, Integer
from sqlalchemy.orm import Mapped, mapped_column

import cp_common.db
from cp_common.db import new_metadata, utcnow

# Row ids of high-volume child tables; SQLite only auto-increments INTEGER keys.
BigIntegerId = BigInteger().with_variant(Integer, "sqlite")
Cents = BigInteger


class Base(cp_common.db.Base):
    __abstract__ = True
    metadata = new_metadata()


def enum_type(enum_class: type[enum.Enum], length: int = 32) -> Enum:
    """Return a VARCHAR column type that stores the enum's values (not member names).

    No native PostgreSQL enum and no CHECK constraint, so that adding a
    value to a vocabulary needs no migration; the ORM still rejects
    unknown strings.
    """
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

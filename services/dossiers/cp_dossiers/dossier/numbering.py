"""Dossier numbers: the year the dossier was opened and a counter, like 2026-004211."""

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cp_dossiers.models import DossierNumberCounter

COUNTER = DossierNumberCounter.__table__


def format_dossier_number(year: int, sequence: int) -> str:
    return f"{year}-{sequence:06d}"


def allocate_dossier_numbers(session: Session, year: int, count: int = 1) -> list[str]:
    """Reserve ``count`` consecutive numbers of a year in the session's transaction.

    The counter row stays locked until the transaction ends (on PostgreSQL),
    so concurrent creators wait for each other and numbers have no gaps
    unless a transaction rolls back after taking them.
    """
    if count < 1:
        raise ValueError(f"count {count} must be at least 1")

    last_value = _increment(session, year, count)
    if last_value is None:
        try:
            # The first number of a year: two creators may both try to insert.
            with session.begin_nested():
                session.execute(insert(COUNTER).values(year=year, last_value=count))
            last_value = count
        except IntegrityError:
            last_value = _increment(session, year, count)
            if last_value is None:
                raise

    first = last_value - count + 1
    return [format_dossier_number(year, sequence) for sequence in range(first, last_value + 1)]


def _increment(session: Session, year: int, count: int) -> int | None:
    statement = (
        update(COUNTER)
        .where(COUNTER.c.year == year)
        .values(last_value=COUNTER.c.last_value + count)
        .returning(COUNTER.c.last_value)
    )
    return session.execute(statement).scalar_one_or_none()

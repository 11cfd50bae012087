import uuid

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from cp_auth.user.models import User


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _with_organisation_and_roles() -> Select[tuple[User]]:
    return select(User).options(joinedload(User.organisation), selectinload(User.role_assignments))


def get_by_email(session: Session, email: str) -> User | None:
    query = _with_organisation_and_roles().where(User.email == normalise_email(email))
    return session.scalars(query).unique().one_or_none()


def get_by_id(session: Session, user_id: uuid.UUID) -> User | None:
    query = _with_organisation_and_roles().where(User.id == user_id)
    return session.scalars(query).unique().one_or_none()

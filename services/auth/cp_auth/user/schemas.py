import uuid
from typing import Annotated

from pydantic import BaseModel, StringConstraints

from cp_auth.user.models import User

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class OrganisationRead(BaseModel):
    id: uuid.UUID
    name: str


class UserRead(BaseModel):
    id: uuid.UUID
    email: str
    name: str
    language: str
    roles: list[str]
    organisation: OrganisationRead | None
    blocked: bool

    @classmethod
    def from_user(cls, user: User) -> "UserRead":
        organisation = user.organisation
        return cls(
            id=user.id,
            email=user.email,
            name=user.name,
            language=user.language,
            roles=sorted(user.roles),
            organisation=OrganisationRead(id=organisation.id, name=organisation.name) if organisation else None,
            blocked=user.is_blocked,
        )


class BlockRequest(BaseModel):
    reason: Reason


class MisuseReport(BaseModel):
    message: Reason

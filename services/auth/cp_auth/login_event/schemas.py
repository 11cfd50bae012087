import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class LoginEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    email: str
    occurred_at: datetime
    ip: str | None
    user_agent: str | None
    session_id: uuid.UUID | None
    actor_user_id: uuid.UUID | None
    reason: str | None


class LoginEventPage(BaseModel):
    items: list[LoginEventRead]
    page: int
    page_size: int
    total: int

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, StringConstraints

from cp_auth.login.attempts import CODE_LENGTH
from cp_auth.user.schemas import UserRead


class LoginRequest(BaseModel):
    email: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=320)]
    # The upper bound keeps a huge password from costing a long hash.
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class LoginStarted(BaseModel):
    attempt_id: uuid.UUID
    expires_at: datetime
    code_length: int = CODE_LENGTH


class CodeRequest(BaseModel):
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]


class SessionStarted(BaseModel):
    session_token: str
    expires_at: datetime
    user: UserRead

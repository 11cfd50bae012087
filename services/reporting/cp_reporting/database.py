"""The service's declarative base and the request-scoped session."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

import cp_common.db
from cp_common.db import new_metadata, session_scope


class Base(cp_common.db.Base):
    __abstract__ = True
    metadata = new_metadata()


def get_session(request: Request) -> Iterator[Session]:
    yield from session_scope(request.app.state.session_factory)


DbSession = Annotated[Session, Depends(get_session)]

"""The service's engine and the request-scoped session dependency."""

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from cp_common.db import session_scope


def ensure_sqlite_directory(database_url: str) -> None:
    """Create the folder of a SQLite file database, which SQLite will not do itself."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def get_session(request: Request) -> Iterator[Session]:
    yield from session_scope(request.app.state.session_factory)


DbSession = Annotated[Session, Depends(get_session)]

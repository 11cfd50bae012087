"""Alembic environment of the auth service; the URL comes from the caller's config."""

from cp_auth.models import Base
from cp_common.migrations import run_alembic_environment

run_alembic_environment(Base.metadata)

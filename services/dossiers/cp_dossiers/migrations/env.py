"""Alembic environment of the dossiers service; the URL comes from the caller's config."""

from cp_common.migrations import run_alembic_environment
from cp_dossiers.models import Base

run_alembic_environment(Base.metadata)

"""Alembic environment of the reporting service; the URL comes from the caller's config."""

from cp_common.migrations import run_alembic_environment
from cp_reporting.database import Base
from cp_reporting.documents import models as _documents_models  # noqa: F401 (registers the tables)
from cp_reporting.summaries import models as _summaries_models  # noqa: F401

run_alembic_environment(Base.metadata)

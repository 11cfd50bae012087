"""Alembic environment of the notifications service; the URL comes from the caller's config."""

from cp_common.migrations import run_alembic_environment
from cp_notifications.deliveries import models as _delivery_models  # noqa: F401 (registers the tables)
from cp_notifications.models import Base

run_alembic_environment(Base.metadata)

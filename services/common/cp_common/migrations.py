"""Run a service's Alembic migrations from code, without an alembic.ini."""

from importlib import resources

from alembic import command
from alembic.config import Config


def alembic_config(migrations_package: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files(migrations_package)))
    # Alembic's ini parser treats % as interpolation.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_head(migrations_package: str, database_url: str) -> None:
    command.upgrade(alembic_config(migrations_package, database_url), "head")

"""Run a service's Alembic migrations from code, without an alembic.ini."""

from importlib import resources

from alembic import command, context
from alembic.config import Config
from sqlalchemy import Connection, MetaData

from cp_common.db import make_engine


def alembic_config(migrations_package: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files(migrations_package)))
    # Alembic's ini parser treats % as interpolation.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_head(migrations_package: str, database_url: str) -> None:
    command.upgrade(alembic_config(migrations_package, database_url), "head")


def run_alembic_environment(target_metadata: MetaData) -> None:
    """Run the migrations of the env.py that calls this, offline or online.

    SQLite runs in batch mode so that ALTER TABLE steps work there too. A
    caller may pass an open connection in ``config.attributes["connection"]``.
    """
    config = context.config
    if context.is_offline_mode():
        url = config.get_main_option("sqlalchemy.url")
        context.configure(
            url=url,
            target_metadata=target_metadata,
            literal_binds=True,
            render_as_batch=url.startswith("sqlite"),
            dialect_opts={"paramstyle": "named"},
        )
        with context.begin_transaction():
            context.run_migrations()
        return

    connection = config.attributes.get("connection")
    if connection is not None:
        _run_online(connection, target_metadata)
        return

    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as connection:
            _run_online(connection, target_metadata)
    finally:
        engine.dispose()


def _run_online(connection: Connection, target_metadata: MetaData) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()

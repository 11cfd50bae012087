from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from cp_common.db import make_engine
from cp_common.migrations import alembic_config, upgrade_to_head
from cp_dossiers.models import Base
from tests.dossiers.conftest import MIGRATIONS


def differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_postgresql_schema_matches_models(engine):
    assert differences(engine) == []


def test_list_index_on_postgresql(engine):
    indexes = {index["name"]: index for index in inspect(engine).get_indexes("dossiers")}

    assert indexes["ix_dossiers_creditor_status_opened"]["column_names"] == [
        "creditor_id",
        "status",
        "opened_on",
        "number",
    ]


def test_sqlite_upgrade_downgrade_upgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'dossiers.sqlite3'}"

    upgrade_to_head(MIGRATIONS, url)
    engine = make_engine(url)
    try:
        assert differences(engine) == []
        command.downgrade(alembic_config(MIGRATIONS, url), "base")
        assert inspect(engine).get_table_names() == ["alembic_version"]
        upgrade_to_head(MIGRATIONS, url)
        assert "dossiers" in inspect(engine).get_table_names()
    finally:
        engine.dispose()

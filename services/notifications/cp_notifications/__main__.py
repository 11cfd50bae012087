"""Command line of the notifications service: ``python -m cp_notifications migrate``."""

import argparse
from pathlib import Path

import structlog
from sqlalchemy.engine import make_url

from cp_common.logs import configure_logging
from cp_common.migrations import upgrade_to_head
from cp_notifications.settings import Settings

logger = structlog.get_logger(__name__)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m cp_notifications", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the notifications database to the newest schema")
    arguments = parser.parse_args(argv)

    settings = Settings()
    configure_logging(settings.service_name, settings.log_format, settings.log_level)
    if arguments.command == "migrate":
        migrate(settings)


def migrate(settings: Settings) -> None:
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)

    upgrade_to_head("cp_notifications.migrations", settings.database_url)
    logger.info("database.migrated", backend=url.get_backend_name(), database=url.database)


if __name__ == "__main__":
    main()

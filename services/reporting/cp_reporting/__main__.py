"""Command line of the reporting service: ``python -m cp_reporting COMMAND``."""

import argparse

import structlog

from cp_common.db import make_engine, make_session_factory
from cp_common.keys import ensure_key_pair
from cp_common.logs import configure_logging
from cp_common.migrations import upgrade_to_head
from cp_reporting.documents.dossiers_client import SERVICE_NAME
from cp_reporting.settings import Settings
from cp_reporting.summaries.consumer import build_consumer

logger = structlog.get_logger("cp_reporting")


def migrate(settings: Settings) -> None:
    upgrade_to_head("cp_reporting.migrations", settings.database_url)
    logger.info("database.migrated")


def consume(settings: Settings) -> None:
    engine = make_engine(settings.database_url)
    consumer = build_consumer(settings, make_session_factory(engine))
    logger.info("consumer.started", queue=settings.events_queue)
    try:
        consumer.run()
    except KeyboardInterrupt:
        logger.info("consumer.stopped", queue=settings.events_queue)
    finally:
        engine.dispose()


def ensure_keys(settings: Settings) -> None:
    ensure_key_pair(settings.keys_dir, SERVICE_NAME)
    logger.info("keys.ready", keys_dir=str(settings.keys_dir), name=SERVICE_NAME)


COMMANDS = {
    "migrate": (migrate, "create or upgrade the database tables"),
    "consume": (consume, "keep the dossier read model up to date from dossier.* events"),
    "ensure-keys": (ensure_keys, "create the reporting signing key pair in the keys folder unless it exists"),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m cp_reporting", description="Reporting service of the creditor portal.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (_function, help_text) in COMMANDS.items():
        commands.add_parser(name, help=help_text)
    arguments = parser.parse_args(argv)

    settings = Settings()
    configure_logging(settings.service_name, settings.log_format, settings.log_level)
    function, _help = COMMANDS[arguments.command]
    function(settings)


if __name__ == "__main__":
    main()

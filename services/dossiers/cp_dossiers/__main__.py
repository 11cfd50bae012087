"""Command line: ``python -m cp_dossiers migrate | seed-demo FILE | relay``."""

import argparse
import signal
import sys
from pathlib import Path

import structlog

from cp_common.db import make_engine, make_session_factory
from cp_common.logs import configure_logging
from cp_common.migrations import upgrade_to_head
from cp_common.outbox import OutboxRelay
from cp_dossiers.database import ensure_sqlite_directory
from cp_dossiers.demo.config import DemoFileError, load_demo_file
from cp_dossiers.demo.seed import DEFAULT_BATCH_SIZE, DEFAULT_SEED, seed_demo
from cp_dossiers.models import OutboxMessage
from cp_dossiers.settings import Settings

logger = structlog.get_logger(__name__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cp_dossiers", description="The dossiers service.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the database to the latest migration")

    seed = commands.add_parser("seed-demo", help="add demo creditors, debtors and dossiers unless present")
    seed.add_argument("file", type=Path, help="the demo data file, e.g. deploy/local/demo.json")
    seed.add_argument("--largest", type=int, help="number of dossiers of the largest organisation (default: from the file)")
    seed.add_argument("--scale", type=float, default=1.0, help="factor on every organisation's number of dossiers (default: 1)")
    seed.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default: {DEFAULT_SEED})")
    seed.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        help=f"dossiers per committed batch (default: {DEFAULT_BATCH_SIZE}); resuming needs the same value",
    )

    commands.add_parser("relay", help="publish outbox events to RabbitMQ until stopped")
    arguments = parser.parse_args(argv)

    settings = Settings()
    configure_logging(settings.service_name, settings.log_format, settings.log_level)
    ensure_sqlite_directory(settings.database_url)

    if arguments.command == "migrate":
        upgrade_to_head("cp_dossiers.migrations", settings.database_url)
        logger.info("database.migrated")
        return 0

    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)
    try:
        if arguments.command == "seed-demo":
            return _seed_demo(session_factory, arguments, parser)
        relay = OutboxRelay(session_factory, OutboxMessage, settings.amqp_url)
        # Container runtimes stop processes with SIGTERM; end the same way as on Ctrl+C.
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            relay.run_forever()
        except KeyboardInterrupt:
            logger.info("outbox.relay_stopped")
        return 0
    finally:
        engine.dispose()


def _interrupt(_signal_number, _frame) -> None:
    raise KeyboardInterrupt


def _seed_demo(session_factory, arguments: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        demo = load_demo_file(arguments.file)
    except DemoFileError as error:
        parser.error(str(error))
    try:
        seed_demo(
            session_factory,
            demo,
            largest=arguments.largest,
            scale=arguments.scale,
            seed=arguments.seed,
            batch_size=arguments.batch_size,
        )
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())

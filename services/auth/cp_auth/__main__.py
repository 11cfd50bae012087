"""Command line of the auth service: ``python -m cp_auth COMMAND``."""

import argparse
import sys
from pathlib import Path

import structlog
from redis import Redis

from cp_auth.demo import read_demo_file, seed_demo
from cp_auth.session.cache import SessionCache
from cp_auth.settings import Settings
from cp_auth.user import repository as user_repository
from cp_auth.user.service import block_user, unblock_user
from cp_common.db import make_engine, make_session_factory
from cp_common.keys import ensure_key_pair
from cp_common.logs import configure_logging
from cp_common.migrations import upgrade_to_head

logger = structlog.get_logger("cp_auth")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cp_auth", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the database to the newest schema")
    seed = commands.add_parser("seed-demo", help="create the demo organisations and users (safe to repeat)")
    seed.add_argument("file", type=Path, help="demo data file, e.g. deploy/local/demo.json")
    block = commands.add_parser("block-user", help="block an account at once and end all its sessions")
    block.add_argument("email")
    block.add_argument("--reason", required=True, help="why the account is blocked; the fraud team reads it")
    unblock = commands.add_parser("unblock-user", help="allow a blocked account to log in again")
    unblock.add_argument("email")
    commands.add_parser("ensure-keys", help="create the identity token signing key pair unless it exists")
    arguments = parser.parse_args(argv)
    if arguments.command == "block-user" and not arguments.reason.strip():
        parser.error("--reason is empty; say why the account is blocked")

    settings = Settings()
    configure_logging(settings.service_name, settings.log_format, settings.log_level)

    if arguments.command == "migrate":
        upgrade_to_head("cp_auth.migrations", settings.database_url)
        logger.info("database.migrated")
        return 0
    if arguments.command == "ensure-keys":
        ensure_key_pair(settings.keys_dir, "auth")
        logger.info("keys.ready", keys_dir=str(settings.keys_dir))
        return 0
    if arguments.command == "seed-demo":
        return _seed_demo(settings, arguments.file)
    if arguments.command == "block-user":
        return _set_blocked(settings, arguments.email, reason=arguments.reason)
    return _set_blocked(settings, arguments.email, reason=None)


def _seed_demo(settings: Settings, path: Path) -> int:
    if not path.is_file():
        print(f"demo data file {path} not found; pass the path of demo.json", file=sys.stderr)
        return 2

    demo = read_demo_file(path)
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as db:
            result = seed_demo(db, demo)
            db.commit()
    finally:
        engine.dispose()
    print(f"demo data loaded: {result.created} created, {result.updated} updated")
    return 0


def _set_blocked(settings: Settings, email: str, *, reason: str | None) -> int:
    """Block the account when a reason is given, otherwise unblock it."""
    engine = make_engine(settings.database_url)
    redis = Redis.from_url(settings.redis_url, decode_responses=True)
    try:
        with make_session_factory(engine)() as db:
            user = user_repository.get_by_email(db, email)
            if user is None:
                print(f"no account with email address {email!r}; check the address", file=sys.stderr)
                return 1

            if reason is not None:
                block_user(db, SessionCache(redis, settings.session_cache_ttl), user, reason=reason, actor_user_id=None)
            else:
                unblock_user(db, user, actor_user_id=None)
            db.commit()
    finally:
        redis.close()
        engine.dispose()

    print(f"{user.email}: {'blocked' if reason is not None else 'unblocked'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

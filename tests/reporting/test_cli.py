import os
import sqlite3
import subprocess
import sys


def run_cli(*arguments: str, env: dict[str, str], cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cp_reporting", *arguments],
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_migrate_builds_sqlite_database(tmp_path):
    database = tmp_path / "reporting.sqlite3"

    result = run_cli("migrate", env={"CP_REPORTING_DATABASE_URL": f"sqlite:///{database}"}, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
    assert {"dossier_summaries", "processed_events", "documents", "alembic_version"} <= tables


def test_ensure_keys_creates_reporting_key_pair_once(tmp_path):
    keys = tmp_path / "keys"
    env = {"CP_REPORTING_KEYS_DIR": str(keys)}

    first = run_cli("ensure-keys", env=env, cwd=tmp_path)
    private_key = (keys / "reporting.key.pem").read_bytes()
    second = run_cli("ensure-keys", env=env, cwd=tmp_path)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert (keys / "reporting.pub.pem").exists()
    assert (keys / "reporting.key.pem").read_bytes() == private_key
    assert (keys / "reporting.key.pem").stat().st_mode & 0o777 == 0o600

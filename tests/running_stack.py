"""A whole portal stack started as `make run` starts it, for the end-to-end tests.

It runs beside any stack a developer has open: its ports are shifted by
``PORT_OFFSET``, its files live in a temporary folder, and it has its own
Redis database and RabbitMQ virtual host, both emptied first.
"""

import os
import signal
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import redis

from cp_local.mailsink import extract_security_code, wait_for_message
from cp_local.runner import wait_until_ready
from cp_local.stack import REPO_ROOT, StackConfig

PORT_OFFSET = 10000
REDIS_DB = 9
AMQP_VHOST = "cp_e2e"
# The scale applies after --demo-largest: 300, 125 and 20 dossiers.
DEMO_ARGUMENTS = ("--demo-largest", "6000", "--demo-scale", "0.05")
START_TIMEOUT_SECONDS = 300
DEMO_PASSWORD = "Demo-wachtwoord-2026"


@dataclass
class RunningStack:
    config: StackConfig
    log_path: Path

    @property
    def url(self) -> str:
        return self.config.public_url

    @property
    def ca_file(self) -> Path:
        return self.config.tls_dir / "ca.pem"

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, verify=ssl.create_default_context(cafile=self.ca_file), timeout=30)

    def log_tail(self, lines: int = 80) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def wait_for_security_code(self, recipient: str, sent_after: datetime, timeout: float = 60) -> str:
        """Read the code of the newest email to ``recipient`` received at or after ``sent_after``."""
        try:
            message = wait_for_message(self.config.mail_dir, recipient, since=sent_after, timeout=timeout)
        except TimeoutError:
            raise AssertionError(f"no security code email for {recipient} within {timeout} s\n{self.log_tail()}") from None
        return extract_security_code(message)


def now_minus_a_second() -> datetime:
    """A start time for waiting on mail, allowing for the file's timestamp resolution."""
    return datetime.now(UTC) - timedelta(seconds=1)


def reset_broker_and_cache() -> None:
    subprocess.run(["rabbitmqctl", "-q", "delete_vhost", AMQP_VHOST], capture_output=True, check=False)
    subprocess.run(["rabbitmqctl", "-q", "add_vhost", AMQP_VHOST], capture_output=True, check=True)
    subprocess.run(
        ["rabbitmqctl", "-q", "set_permissions", "-p", AMQP_VHOST, "guest", ".*", ".*", ".*"],
        capture_output=True,
        check=True,
    )
    redis.Redis.from_url(f"redis://127.0.0.1:6379/{REDIS_DB}").flushdb()


@pytest.fixture(scope="session")
def running_stack(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("stack")
    config = StackConfig(var_dir=var_dir, port_offset=PORT_OFFSET, redis_db=REDIS_DB, amqp_vhost=AMQP_VHOST)
    log_path = var_dir / "stack.log"
    reset_broker_and_cache()

    command = [
        sys.executable, "-m", "cp_local", "run",
        "--var-dir", str(var_dir), "--port-offset", str(PORT_OFFSET),
        "--redis-db", str(REDIS_DB), "--amqp-vhost", AMQP_VHOST, *DEMO_ARGUMENTS,
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=os.environ.copy()
        )
    stack = RunningStack(config=config, log_path=log_path)
    try:
        if not _wait_for_start(process, config):
            pytest.fail(f"the stack did not start within {START_TIMEOUT_SECONDS} s\n{stack.log_tail()}")
        yield stack
    finally:
        _stop(process)


def _wait_for_start(process: subprocess.Popen, config: StackConfig) -> bool:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if wait_until_ready(config, timeout=5):
            return True
    return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

"""Starts every process of the stack under honcho and reports when it is ready."""

import shlex
import threading
import time

import httpx
from honcho.manager import Manager
from honcho.printer import Printer

from cp_local.stack import SERVICES, StackConfig, environment, processes

READY_TIMEOUT_SECONDS = 180


def run_stack(config: StackConfig, banner: str) -> int:
    """Run until interrupted; return honcho's exit code."""
    manager = Manager(Printer())
    env = environment(config)
    for name, command in processes(config).items():
        manager.add_process(name, _shell_command(command), env=env)

    watcher = threading.Thread(target=_announce_when_ready, args=(config, banner), daemon=True)
    watcher.start()
    manager.loop()
    return manager.returncode or 0


def wait_until_ready(config: StackConfig, timeout: float = READY_TIMEOUT_SECONDS) -> bool:
    """Poll the gateway and each HTTP service until all of them return 200."""
    urls = [f"http://127.0.0.1:{config.ping_port}/ping"]
    urls += [f"{config.service_url(name)}/healthz" for name in (*SERVICES, "portal")]
    deadline = time.monotonic() + timeout
    pending = list(urls)
    while pending and time.monotonic() < deadline:
        pending = [url for url in pending if not _answers(url)]
        if pending:
            time.sleep(0.5)
    return not pending


def _announce_when_ready(config: StackConfig, banner: str) -> None:
    if wait_until_ready(config):
        print(banner, flush=True)
    else:
        print(f"The stack did not become ready within {READY_TIMEOUT_SECONDS} s; see the lines above.", flush=True)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _shell_command(arguments: list[str]) -> str:
    return shlex.join(arguments)

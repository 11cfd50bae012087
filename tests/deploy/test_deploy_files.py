"""The gateway and compose files agree with the code they start."""

import importlib.util
import subprocess
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO_ROOT / "deploy" / "docker-compose.yml"


@pytest.fixture(scope="module")
def routes() -> dict:
    return yaml.safe_load((REPO_ROOT / "gateway" / "dynamic" / "routes.yml").read_text())["http"]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_compose_file_valid():
    result = subprocess.run(
        ["docker-compose", "-f", str(COMPOSE_FILE), "config", "--quiet"], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr


def test_every_api_route_but_auth_passes_forward_auth(routes):
    for name, router in routes["routers"].items():
        protected = router["rule"].startswith("PathPrefix(`/api/") and name != "auth"
        if protected:
            assert router["middlewares"][:2] == ["drop-identity", "identity"], name


def test_client_identity_header_dropped_everywhere(routes):
    for name, router in routes["routers"].items():
        assert router["middlewares"][0] == "drop-identity", name


def test_forward_auth_passes_only_signed_identity(routes):
    forward_auth = routes["middlewares"]["identity"]["forwardAuth"]

    assert forward_auth["authResponseHeaders"] == ["X-Identity-Token"]
    assert forward_auth["address"].endswith("/internal/verify")


def test_internal_routes_not_public(routes):
    rules = " ".join(router["rule"] for router in routes["routers"].values())

    assert "/internal" not in rules


def test_compose_commands_name_real_modules(compose):
    for name, service in compose["services"].items():
        command = service.get("command") or []
        modules = []
        if command[:1] == ["uvicorn"]:
            modules.append(command[1].split(":")[0])
        if command[:2] == ["python", "-m"]:
            modules.append(command[2])
        if command[:1] == ["celery"]:
            modules.append(command[2])
        for module in modules:
            assert importlib.util.find_spec(module) is not None, f"{name}: no module {module}"

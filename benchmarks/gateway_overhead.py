"""Measure what the gateway and its ForwardAuth call add to dossier API requests.

Run against a stack started with `make run` (full demo data):

    .venv/bin/python benchmarks/gateway_overhead.py [--requests 200]

It logs in as the largest demo creditor through the gateway and reads the
emailed code from var/mail. Then it times the same requests twice: through
Traefik, and straight to the dossiers service with an identity token that it
signs with the local auth key. It prints medians and 90th percentiles in
milliseconds and the ratio of the two paths, measured in the same run.
"""

import argparse
import os
import platform
import ssl
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from cp_common.identity import IDENTITY_HEADER, sign_user_token
from cp_common.keys import load_private_key
from cp_local.mailsink import extract_security_code, wait_for_message

REPO_ROOT = Path(__file__).resolve().parents[1]
GATEWAY = "https://localhost:8443"
DOSSIERS = "http://127.0.0.1:8102"
CREDITOR = "demo@dezeeuw.example"
PASSWORD = "Demo-wachtwoord-2026"


def log_in(client: httpx.Client) -> tuple[str, dict]:
    since = datetime.now(UTC) - timedelta(seconds=1)
    attempt = client.post("/api/auth/login", json={"email": CREDITOR, "password": PASSWORD}).json()
    message = wait_for_message(REPO_ROOT / "var" / "mail", CREDITOR, since=since, timeout=30)
    verified = client.post(
        f"/api/auth/login/{attempt['attempt_id']}/code", json={"code": extract_security_code(message)}
    ).json()
    return verified["session_token"], verified["user"]


def direct_token(user: dict) -> str:
    return sign_user_token(
        load_private_key(REPO_ROOT / "var" / "keys", "auth"),
        user_id=uuid.UUID(user["id"]),
        organisation_id=uuid.UUID(user["organisation"]["id"]),
        roles=frozenset(user["roles"]),
        session_id="benchmark",
        name=user["name"],
        language="nl",
    )


def time_requests(client: httpx.Client, paths: list[str], headers_for) -> list[float]:
    durations = []
    for path in paths:
        started = time.perf_counter()
        response = client.get(path, headers=headers_for())
        durations.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return durations


def summary(durations: list[float]) -> tuple[float, float]:
    ordered = sorted(durations)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.9) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="requests per path and route (default 200)")
    arguments = parser.parse_args()

    verify = ssl.create_default_context(cafile=REPO_ROOT / "var" / "tls" / "ca.pem")
    with httpx.Client(base_url=GATEWAY, verify=verify, timeout=30) as gateway, httpx.Client(
        base_url=DOSSIERS, timeout=30
    ) as direct:
        session_token, user = log_in(gateway)
        first_page = gateway.get("/api/dossiers", headers={"Authorization": f"Bearer {session_token}"}).json()
        total_pages = max(1, first_page["total"] // 25)
        dossier_id = first_page["items"][0]["id"]
        cases = {
            "list, page 1": "/api/dossiers?page=1",
            "list, middle page": f"/api/dossiers?page={total_pages // 2}",
            "detail": f"/api/dossiers/{dossier_id}",
        }

        print(f"{platform.machine()}, {os.cpu_count()} cores, "
              f"{first_page['total']} running dossiers, {arguments.requests} requests per row")
        print(f"{'request':<20} {'gateway p50':>12} {'p90':>8} {'direct p50':>12} {'p90':>8} {'ratio p50':>10}")
        for name, path in cases.items():
            paths = [path] * arguments.requests
            through_gateway = time_requests(gateway, paths, lambda: {"Authorization": f"Bearer {session_token}"})
            # The identity token lives 60 s, so sign a fresh one per request as ForwardAuth does.
            straight = time_requests(direct, paths, lambda: {IDENTITY_HEADER: direct_token(user)})
            gateway_p50, gateway_p90 = summary(through_gateway)
            direct_p50, direct_p90 = summary(straight)
            print(f"{name:<20} {gateway_p50:>12.1f} {gateway_p90:>8.1f} {direct_p50:>12.1f} {direct_p90:>8.1f} "
                  f"{gateway_p50 / direct_p50:>10.2f}")

        gateway.post("/api/auth/logout", headers={"Authorization": f"Bearer {session_token}"})


if __name__ == "__main__":
    main()

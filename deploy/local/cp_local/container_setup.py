"""One-shot set-up job of docker-compose: signing keys and development TLS."""

import argparse
from pathlib import Path

from cp_common.keys import ensure_key_pair
from cp_local.prepare import SIGNING_SERVICES
from cp_local.tls import ensure_dev_certificates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keys-dir", type=Path, required=True)
    parser.add_argument("--tls-dir", type=Path, required=True)
    arguments = parser.parse_args()

    for name in SIGNING_SERVICES:
        ensure_key_pair(arguments.keys_dir, name)
    ensure_dev_certificates(arguments.tls_dir)
    # The services run as an unprivileged user and must read what root wrote.
    for path in (*arguments.keys_dir.iterdir(), *arguments.tls_dir.iterdir()):
        path.chmod(0o644)


if __name__ == "__main__":
    main()

"""``python -m cp_local``: prepare and run the whole portal on this machine."""

import argparse
import json
from pathlib import Path

from cp_common.logs import configure_logging
from cp_local.prepare import prepare
from cp_local.runner import run_stack
from cp_local.stack import REPO_ROOT, StackConfig


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m cp_local", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("run", "prepare, then start every process"), ("prepare", "keys, TLS, migrations, demo data")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--var-dir", type=Path, default=REPO_ROOT / "var", help="folder for databases, mail, keys and logs")
        command.add_argument("--port-offset", type=int, default=0, help="added to every port (8443 becomes 8443 + offset)")
        command.add_argument("--redis-db", type=int, default=0, help="Redis database number for this stack")
        command.add_argument("--amqp-vhost", default="/", help="RabbitMQ virtual host for this stack")
        command.add_argument("--demo-largest", type=int, help="dossiers of the largest demo creditor (default: demo.json)")
        command.add_argument("--demo-scale", type=float, help="multiplies every demo creditor's dossier count")
    arguments = parser.parse_args()

    configure_logging("local")
    config = config_from_arguments(arguments)
    prepare(config)
    if arguments.command == "run":
        return run_stack(config, banner(config))
    return 0


def config_from_arguments(arguments: argparse.Namespace) -> StackConfig:
    demo_arguments: list[str] = []
    if arguments.demo_largest is not None:
        demo_arguments += ["--largest", str(arguments.demo_largest)]
    if arguments.demo_scale is not None:
        demo_arguments += ["--scale", str(arguments.demo_scale)]
    return StackConfig(
        var_dir=arguments.var_dir.resolve(),
        port_offset=arguments.port_offset,
        redis_db=arguments.redis_db,
        amqp_vhost=arguments.amqp_vhost,
        demo_arguments=tuple(demo_arguments),
    )


def banner(config: StackConfig) -> str:
    demo = json.loads(config.demo_file.read_text())
    logins = [
        f"    {user['email']:<36} {user['password']}   ({organisation['name']})"
        for organisation in demo["organisations"]
        for user in organisation["users"]
    ]
    return "\n".join([
        "",
        "=" * 78,
        f"  Creditor portal is running: {config.public_url}/",
        "  (the development certificate is signed by var/tls/ca.pem; your browser will warn once)",
        "",
        "  Demo logins (email, password):",
        *logins,
        "",
        f"  Security code emails land in {config.mail_dir}/ (one .eml file each).",
        "  Latest code:  make code        (or: .venv/bin/python -m cp_local.mailsink latest)",
        "  Stop with Ctrl+C.",
        "=" * 78,
        "",
    ])


if __name__ == "__main__":
    raise SystemExit(main())

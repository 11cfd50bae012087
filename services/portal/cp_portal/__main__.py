"""Command line of the portal: ``python -m cp_portal build-assets``."""

import argparse
import sys

from cp_portal.assets import AssetsMissing, build_assets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cp_portal", description="Creditor web portal.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "build-assets",
        help="copy htmx and Chart.js from services/portal/node_modules into cp_portal/static/vendor/",
    )
    arguments = parser.parse_args(argv)

    if arguments.command == "build-assets":
        try:
            copies = build_assets()
        except AssetsMissing as error:
            print(f"build-assets failed: {error}", file=sys.stderr)
            return 1
        for copy in copies:
            print(f"copied {copy}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Copy the browser libraries from node_modules into the portal's static files.

The portal serves htmx and Chart.js itself (the Content-Security-Policy
allows scripts from its own origin only). package.json pins their versions;
``npm ci`` in services/portal installs them.
"""

import shutil
from pathlib import Path

PORTAL_DIR = Path(__file__).resolve().parent.parent
NODE_MODULES = PORTAL_DIR / "node_modules"
VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"

# The file in node_modules and its name under static/vendor/.
VENDOR_FILES = {
    Path("htmx.org/dist/htmx.min.js"): "htmx.min.js",
    Path("chart.js/dist/chart.umd.min.js"): "chart.umd.min.js",
}


class AssetsMissing(Exception):
    pass


def build_assets(node_modules: Path | None = None, vendor_dir: Path | None = None) -> list[Path]:
    """Copy every vendor file; return the copies. Raise ``AssetsMissing`` before copying any."""
    node_modules = node_modules or NODE_MODULES
    vendor_dir = vendor_dir or VENDOR_DIR
    missing = [source for source in VENDOR_FILES if not (node_modules / source).is_file()]
    if missing:
        names = ", ".join(str(node_modules / source) for source in missing)
        raise AssetsMissing(
            f"not found: {names}. Run `npm ci` in {node_modules.parent} first, then build-assets again."
        )

    vendor_dir.mkdir(parents=True, exist_ok=True)
    copies = []
    for source, name in VENDOR_FILES.items():
        copies.append(Path(shutil.copyfile(node_modules / source, vendor_dir / name)))
    return copies

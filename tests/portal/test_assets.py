import pytest

from cp_portal.__main__ import main
from cp_portal.assets import VENDOR_FILES, AssetsMissing, build_assets


def fake_node_modules(root):
    for source in VENDOR_FILES:
        path = root / source
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"/* {source.name} */")
    return root


class TestBuildAssets:
    def test_copies_vendor_files(self, tmp_path):
        node_modules = fake_node_modules(tmp_path / "node_modules")
        vendor = tmp_path / "vendor"

        copies = build_assets(node_modules, vendor)

        assert sorted(copy.name for copy in copies) == ["chart.umd.min.js", "htmx.min.js"]
        assert (vendor / "htmx.min.js").read_text() == "/* htmx.min.js */"

    def test_missing_node_modules_says_npm_ci(self, tmp_path):
        vendor = tmp_path / "vendor"

        with pytest.raises(AssetsMissing, match="Run `npm ci`"):
            build_assets(tmp_path / "node_modules", vendor)

        assert not vendor.exists()

    def test_cli_fails_with_message(self, tmp_path, monkeypatch, capsys):
        monkeypatch.setattr("cp_portal.assets.NODE_MODULES", tmp_path / "node_modules")
        monkeypatch.setattr("cp_portal.assets.VENDOR_DIR", tmp_path / "vendor")

        assert main(["build-assets"]) == 1
        assert "npm ci" in capsys.readouterr().err
        assert not (tmp_path / "vendor").exists()

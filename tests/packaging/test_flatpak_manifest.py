"""The Flatpak manifest: it cannot be built here (the Flathub runtimes are not reachable),
so it is parsed, checked against the project, and loaded by flatpak-builder itself."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.packaging.conftest import ROOT, tool

FLATPAK = ROOT / "packaging" / "flatpak"
# Made by flatpak-pip-generator before a build (packaging/README.md), never committed.
GENERATED = {"python3-requirements.json"}


def app_id() -> str:
    cid = ET.parse(ROOT / "resources/relay-wizard.metainfo.xml").getroot().findtext("id")
    assert cid
    return cid


def manifest_path() -> Path:
    paths = list(FLATPAK.glob("*.yml"))
    assert [p.name for p in paths] == [f"{app_id()}.yml"], "one manifest, named by the app id"
    return paths[0]


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data = yaml.safe_load(manifest_path().read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_app_is_the_one_the_metainfo_describes(manifest: dict[str, Any]) -> None:
    assert manifest["app-id"] == app_id()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert manifest["command"] in scripts
    for key in ("runtime", "runtime-version", "sdk", "finish-args", "modules"):
        assert manifest.get(key), key
    assert manifest["sdk"] == manifest["runtime"].replace(".Platform", ".Sdk")


def test_the_renamed_files_exist(manifest: dict[str, Any]) -> None:
    assert (ROOT / "resources" / manifest["rename-desktop-file"]).is_file()
    desktop = (ROOT / "resources" / manifest["rename-desktop-file"]).read_text()
    assert f"Icon={manifest['rename-icon']}\n" in desktop


def test_the_sandbox_allows_what_the_app_needs_and_little_else(manifest: dict[str, Any]) -> None:
    args = set(manifest["finish-args"])
    assert {"--share=network", "--talk-name=org.freedesktop.secrets", "--socket=wayland"} <= args
    assert "--socket=fallback-x11" in args
    assert not {a for a in args if a.startswith("--filesystem=") and not a.endswith(":ro")}
    assert "--filesystem=home" not in args and "--filesystem=host" not in args


def test_the_modules_use_files_that_exist(manifest: dict[str, Any]) -> None:
    names = []
    for module in manifest["modules"]:
        if isinstance(module, str):
            assert module in GENERATED or (FLATPAK / module).is_file(), module
            continue
        names.append(module["name"])
        assert module["buildsystem"] in {"simple", "autotools", "cmake", "cmake-ninja", "meson"}
        for command in module.get("build-commands", []):
            for word in command.split():
                if word.startswith("packaging/"):
                    assert (ROOT / word).is_file(), f"{command}: no {word}"
        for source in module["sources"]:
            if source["type"] == "dir":
                assert (FLATPAK / source["path"]).resolve() == ROOT
    assert names[-1] == "relay-wizard"


def test_flatpak_builder_loads_it(manifest: dict[str, Any], tmp_path: Path) -> None:
    # --show-manifest loads and prints it without runtimes; the generated module is stood
    # in for by an empty one. An unknown key is a warning on stderr: that fails too.
    builder = tool("flatpak-builder", "flatpak-builder")
    copy = tmp_path / manifest_path().name
    shutil.copyfile(manifest_path(), copy)
    for name in GENERATED:
        (tmp_path / name).write_text(json.dumps({"name": name, "buildsystem": "simple"}))
    result = subprocess.run(
        [builder, "--show-manifest", copy.name], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    loaded = json.loads(result.stdout)
    assert loaded["id"] == app_id()
    assert loaded["finish-args"] == manifest["finish-args"]
    assert [m["name"] for m in loaded["modules"]][-1] == "relay-wizard"

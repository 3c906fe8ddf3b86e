"""Relay Wizard's own folder comes from platformdirs: XDG_CONFIG_HOME, else ~/.config."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.core.local.paths import config_dir
from wizard.core.local.profiles import default_path
from wizard.core.remote.hostkeys import KnownHosts


def test_xdg_config_home_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert config_dir() == tmp_path / "cfg" / "relay-wizard"
    assert default_path() == tmp_path / "cfg" / "relay-wizard" / "servers.json"
    assert KnownHosts.default_path() == tmp_path / "cfg" / "relay-wizard" / "known_hosts"


def test_the_default_is_under_the_home_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config_dir() == tmp_path / ".config" / "relay-wizard"

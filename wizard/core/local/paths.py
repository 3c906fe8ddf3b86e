"""Where Relay Wizard keeps its own files on this computer.

The folder comes from platformdirs (on Linux ``$XDG_CONFIG_HOME/relay-wizard``, by default
``~/.config/relay-wizard``): the saved servers (``servers.json``) and the SSH host keys
the admin accepted (``known_hosts``). Secrets never go there: they live in the keyring.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "relay-wizard"


def config_dir() -> Path:
    """This user's Relay Wizard folder for settings (it may not exist yet)."""
    return Path(platformdirs.user_config_dir(APP, appauthor=False))

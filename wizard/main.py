"""The composition root: ``relay-wizard`` with no arguments opens the window, otherwise the
command line. Qt is imported only on the GUI path, so the CLI starts fast and runs headless.
"""

from __future__ import annotations

import sys

# Hidden (not in --help): open the window, close it, report where passwords would go.
# Packaged builds run it to prove that Qt, its plugins and keyring's backends came along.
SMOKE_TEST = "--smoke-test"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from wizard.ui.app import run_gui

        return run_gui()
    if args == [SMOKE_TEST]:
        return smoke_test()
    from wizard.cli.main import main as cli_main

    return cli_main(args)


def smoke_test() -> int:
    """``relay-wizard --smoke-test``: 0 when the window opened without a Qt warning."""
    from wizard import __version__
    from wizard.core.local.credentials import CredentialStore, CredentialStoreError
    from wizard.ui.app import smoke_test as open_and_close_the_window

    status = open_and_close_the_window()
    try:
        keyring = CredentialStore().location()
    except CredentialStoreError as exc:
        keyring = f"nowhere: {exc.message}"
    print(f"relay-wizard {__version__}: window {'FAILED' if status else 'ok'}; keyring: {keyring}")
    return status


if __name__ == "__main__":
    sys.exit(main())

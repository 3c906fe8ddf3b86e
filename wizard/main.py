"""The composition root: ``relay-wizard`` with no arguments opens the window, otherwise the
command line. Qt is imported only on the GUI path, so the CLI starts fast and runs headless.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from wizard.ui.app import run_gui

        return run_gui()
    from wizard.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())

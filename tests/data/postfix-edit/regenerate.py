"""Regenerate the expected outputs of tests/data/postfix-edit/ with the REAL postconf.

    python -m tests.lab up mail-p --variant postfix
    python tests/data/postfix-edit/regenerate.py mail-p

For every case folder (main.cf, master.cf, edits), the lab server copies the two files
into a temporary folder and makes the edits with lib.sh's postconf_edits (the function
the apply's build step runs: one postconf call per edit), then the outputs are written
back as main.cf.out and master.cf.out. See README.md.
"""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from wizard.core.remote import scripts  # noqa: E402

HERE = Path(__file__).resolve().parent
SCRIPT = (
    scripts.lib("postconf_edits")
    + """
set -eu
D=$(mktemp -d)
read -r m; printf '%s' "$m" | base64 -d > "$D/main.cf"
read -r s; printf '%s' "$s" | base64 -d > "$D/master.cf"
E=$(cat)
# like postfix-build.sh: an edited file gets a line break at its end first
for pair in "main.cf e" "master.cf M" "master.cf P"; do
  f=${pair% *}
  if printf '%s\n' "$E" | grep -q "^${pair#* } " && [ -s "$D/$f" ] && [ -n "$(tail -c 1 "$D/$f")" ]; then
    echo >> "$D/$f"
  fi
done
printf '%s\n' "$E" | postconf_edits "$D" >&2
base64 -w0 "$D/main.cf"; echo; base64 -w0 "$D/master.cf"; echo
rm -rf "$D"
"""
)


def run(lab: str, case: Path) -> None:
    stdin = "".join(
        base64.b64encode((case / f).read_bytes()).decode() + "\n" for f in ("main.cf", "master.cf")
    )
    stdin += (case / "edits").read_text()
    out = subprocess.run(
        [sys.executable, "-m", "tests.lab", "shell", lab, "sh", "-c", SCRIPT],
        input=stdin, capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    main, master = out.stdout.split()
    (case / "main.cf.out").write_bytes(base64.b64decode(main))
    (case / "master.cf.out").write_bytes(base64.b64decode(master))
    print(case.name, out.stderr.strip())


if __name__ == "__main__":
    for case in sorted(p for p in HERE.iterdir() if (p / "edits").exists()):
        run(sys.argv[1], case)

"""Write each folder's ``postconf.txt``: Postfix's own answers about its main.cf/master.cf,
asked inside a lab Postfix server (``python -m tests.data.postfix.make_postconf NAME``,
NAME a running lab server of the ``postfix`` variant) with ``postconf -c DIR``, in the
sections postfix-inspect.sh prints for a live server (SOURCES.md)."""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path

from tests.lab import lab
from wizard.core.mta.postfix.inspection import INSPECT_SCRIPT, PARAMS

HERE = Path(__file__).parent
# the names postfix-inspect.sh asks `postconf -x` for, read from the script itself
_X = re.search(r"sec postconf-x; postconf -x (.*?) 2>/dev/null", INSPECT_SCRIPT, re.S)
EXPANDED = " ".join(_X.group(1).replace("\\\n", " ").split()) if _X else ""


def main(name: str) -> None:
    server = lab.get(name)
    for folder in sorted(p for p in HERE.iterdir() if (p / "main.cf").is_file()):
        d = f"/tmp/rw-corpus/{folder.name}"
        main_b64 = base64.b64encode((folder / "main.cf").read_bytes()).decode()
        master = folder / "master.cf"
        if master.is_file():
            master_cmd = f"echo {base64.b64encode(master.read_bytes()).decode()} | base64 -d"
        else:
            master_cmd = "cat /etc/postfix/master.cf"  # the lab's stock Debian 12 one
        out = server.run(
            f"rm -rf {d} && mkdir -p {d} && echo {main_b64} | base64 -d > {d}/main.cf && "
            f"{master_cmd} > {d}/master.cf && "
            f"echo '@@ postconf-n' && postconf -c {d} -n 2>/dev/null; "
            f"echo '@@ postconf' && postconf -c {d} {' '.join(PARAMS)} 2>/dev/null; "
            f"echo '@@ postconf-x' && postconf -c {d} -x {EXPANDED} 2>/dev/null; "
            f"echo '@@ postconf-M' && postconf -c {d} -M 2>/dev/null; "
            f"echo '@@ postconf-a' && postconf -c {d} -a 2>/dev/null; rm -rf {d}",
            check=False,
        ).stdout
        (folder / "postconf.txt").write_text(out)
        print(folder.name, len(out))


if __name__ == "__main__":
    main(sys.argv[1])

"""Onboard the office in one go (``relay-wizard onboard``) against the real lab server: ten
staff from a CSV, their accounts made in one remote call, ten handouts (PDF) and their client
files in one folder, and every new account logs in with SMTP AUTH on the server."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path

import pytest

from tests.integration.helpers import known_hosts_for, run_cli
from tests.integration.test_users import smtp_login
from tests.lab.lab import LabServer
from wizard.core.exports import onboard
from wizard.core.local.profiles import ProfileStore, ServerProfile


def test_ten_staff_from_a_csv(
    fresh_server: LabServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = fresh_server
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    ProfileStore().save(
        ServerProfile(
            name="office", host=s.address, smtp_port=25, security="none", mechanism="CRAM-MD5"
        )
    )
    known = known_hosts_for(s, tmp_path / "known_hosts")
    staff = tmp_path / "staff.csv"
    rows = ["name,address,display name"]
    rows += [f"staff{i},staff{i}@lab.test,Staff Member {i}" for i in range(10)]
    staff.write_text("\n".join(rows) + "\n")
    calls = []
    real = onboard.users.set_passwords

    def counted(*args: object, **kw: object) -> object:
        calls.append(args)
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(onboard.users, "set_passwords", counted)
    out = tmp_path / "kits"
    start = time.monotonic()
    r = run_cli(
        [
            "onboard",
            f"root@{s.address}",
            str(staff),
            "--out",
            str(out),
            "-i",
            str(s.root_key),
            "--known-hosts",
            str(known),
            "--no-agent",
            "--json",
        ]
    )
    elapsed = time.monotonic() - start
    print(f"onboarding 10 staff took {elapsed:.2f} s")
    assert r.code == 0, r.err
    assert len(calls) == 1, "every account in one remote call"
    result = json.loads(r.out)
    created = {c["account"]: c["password"] for c in result["created"]}
    assert sorted(created) == sorted(f"staff{i}" for i in range(10))
    pdfs = sorted(out.glob("*-mail-settings.pdf"))
    assert len(pdfs) == 10
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF")
        assert stat.S_IMODE(pdf.stat().st_mode) & 0o044, "no password on it: an ordinary file"
    assert len(list(out.glob("*-msmtprc"))) == 10 and len(list(out.glob("*-muttrc"))) == 10
    for name, password in created.items():
        text = (out / f"{name}-msmtprc").read_text()
        assert s.address not in text, "the server by its name, not its address"
        assert f"from {name}@lab.test" in text
        assert password not in text
        assert smtp_login(s, name, password) == 235
    for path in out.iterdir():
        assert not any(p.encode() in path.read_bytes() for p in created.values())

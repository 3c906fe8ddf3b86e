"""Every real-world .mc of tests/data/mc, planned offline, builds with sendmail's m4.

The build runs inside a lab server (Debian 12's m4 and sendmail-cf 8.17). Each file is
prepared the way its system installs it (tests/data/mc/SOURCES.md): ``@@PATH@@`` is the
cf directory (the RHEL-family spec files substitute it at install), RHEL's
``/usr/share/sendmail-cf`` is linked to Debian's tree, a relative ``../m4/cf.m4`` is
built from the cf directory, and a file without an include of cf.m4 gets it on the
command line, as FreeBSD's and sendmail's own Makefiles do.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from tests.lab.lab import LabServer
from wizard.core.mc import McFile
from wizard.core.relay import RelayOptions, edit_mc

DATA = Path(__file__).parent.parent / "data" / "mc"
CFDIR = "/usr/share/sendmail/cf"
TLS = (
    "/etc/mail/tls/sendmail-server.crt",
    "/etc/mail/tls/sendmail-common.key",
    "/etc/mail/tls/sendmail-server.crt",
)
PROFILES = {
    "classic": RelayOptions("classic").validated(),
    "modern": RelayOptions("modern", open_smtp=True, smtps=True).validated(),
}


def installed_form(text: str) -> str:
    return text.replace("@@PATH@@", CFDIR)


def build_line(text: str, path: str) -> str:
    includes = [i for i in McFile.parse(text).includes() if i.endswith("/cf.m4")]
    if includes and includes[0].startswith("../"):
        return f"(cd {CFDIR}/cf && m4 {shlex.quote(path)})"
    if includes:
        return f"m4 {shlex.quote(path)}"
    return f"m4 -D_CF_DIR_={CFDIR}/ {CFDIR}/m4/cf.m4 {shlex.quote(path)}"


def test_every_corpus_file_planned_offline_builds_with_m4(fresh_server: LabServer) -> None:
    files = sorted(DATA.glob("*.mc"))
    assert len(files) >= 6
    work = fresh_server.root / "tmp" / "corpus"
    work.mkdir()
    script = [f"ln -sfn {CFDIR} /usr/share/sendmail-cf", "cd /tmp/corpus"]
    cases: list[tuple[str, str]] = []
    for path in files:
        original = installed_form(path.read_bytes().decode("utf-8", "surrogateescape"))
        (work / f"{path.stem}.orig.mc").write_bytes(original.encode("utf-8", "surrogateescape"))
        script.append(
            f"{build_line(original, f'/tmp/corpus/{path.stem}.orig.mc')} "
            f"> {path.stem}.orig.cf 2> {path.stem}.orig.err; echo $? > {path.stem}.orig.rc"
        )
        for name, options in PROFILES.items():
            planned = edit_mc(original, options, TLS if name == "modern" else ("", "", ""), 0o640)
            assert edit_mc(planned, options, TLS if name == "modern" else ("", "", ""), 0o640) == (
                planned
            ), f"{path.name}: a second plan changes something"
            stem = f"{path.stem}.{name}"
            (work / f"{stem}.mc").write_bytes(planned.encode("utf-8", "surrogateescape"))
            script.append(
                f"{build_line(planned, f'/tmp/corpus/{stem}.mc')} > {stem}.cf 2> {stem}.err; "
                f"echo $? > {stem}.rc; "
                f"sendmail -C /tmp/corpus/{stem}.cf -d0.1 -bt < /dev/null > /dev/null 2>&1; "
                f"echo $? > {stem}.check"
            )
            cases.append((path.name, stem))
    fresh_server.run("\n".join(script), timeout=300)

    for source, stem in cases:
        orig = stem.rsplit(".", 1)[0] + ".orig"
        assert (work / f"{stem}.rc").read_text().strip() == "0", (
            stem,
            (work / f"{stem}.err").read_text(),
        )
        # No new complaint from m4: the same messages as the file before the edit (some
        # upstream files earn a deprecation warning or an error of their own on Debian's cf).
        assert (work / f"{stem}.err").read_text() == (work / f"{orig}.err").read_text().replace(
            f"{orig}.mc", f"{stem}.mc"
        ), source
        cf = (work / f"{stem}.cf").read_text(errors="replace")
        assert any(line.startswith("V") for line in cf.splitlines()), source
        assert (work / f"{stem}.check").read_text().strip() == "0", f"sendmail refuses {stem}.cf"
        trusted = [
            mech
            for ln in cf.splitlines()
            if ln.startswith("C{TrustAuthMech}")
            for mech in ln[len("C{TrustAuthMech}") :].split()
        ]
        profile = stem.rsplit(".", 1)[1]
        assert set(trusted) >= set(PROFILES[profile].mechanisms), (stem, trusted)
        options_lines = [ln for ln in cf.splitlines() if ln.startswith("O AuthMechanisms=")]
        assert options_lines and set(options_lines[-1].split("=", 1)[1].split()) == set(
            PROFILES[profile].mechanisms
        ), stem
        if profile == "modern":
            assert "O AuthOptions=A,p,y" in cf or "O AuthOptions=A p y" in cf, stem
            assert any(
                ln.startswith("O DaemonPortOptions=") and "submission" in ln and "M=Ea" in ln
                for ln in cf.splitlines()
            ), stem


def test_the_debian_corpus_file_is_the_lab_servers_own(lab_server: LabServer) -> None:
    live = lab_server.run("cat /etc/mail/sendmail.mc").stdout
    assert live == (DATA / "debian12-sendmail.mc").read_text()

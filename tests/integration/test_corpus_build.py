"""Every real-world .mc of tests/data/mc, planned offline, builds with sendmail's m4 and the
built sendmail.cf differs from the original's exactly where tests/data/mc/expected.toml says.

The build runs inside one lab server (Debian 12's m4 and sendmail-cf 8.17), in one remote
script. Each file is prepared the way its system installs it (tests/data/mc/SOURCES.md):
``@@PATH@@`` is the cf directory (the RHEL-family spec files substitute it at install), an
absolute ``include(`.../m4/cf.m4')`` elsewhere than Debian's tree (RHEL's
``/usr/share/sendmail-cf``, old Red Hat's ``/usr/lib/sendmail-cf``, a source build's
``/usr/local/src/sendmail-8.15.2/cf``) is linked to Debian's tree, a relative ``../m4/cf.m4``
is built from the cf directory, and a file without an include of cf.m4 gets it on the
command line, as FreeBSD's and sendmail's own Makefiles do. The m4 files a system ships
beside sendmail-cf and Debian does not (illumos's ``domain/solaris-generic.m4``, copied in
tests/data/mc/support/; BlueOnyx's ``hack/popauth.m4``, a stand-in below) are added to the
lab server's cf tree first.

For each file and profile (classic, modern; as tests/unit/core/mta/sendmail/test_corpus.py plans them): an
"edit" builds with exit 0, no m4 complaint the original did not have, a sendmail.cf that
``sendmail -C`` accepts, whose lines differ from the original's only for the keys of
``cf_changes`` and for every one of them, and whose ``O DaemonPortOptions`` lines are the
expected listeners. For "nothing" and "refuse" the planned text is the original, and the
original's sendmail.cf already has the expected listeners.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from collections import Counter
from pathlib import Path

from tests.lab.lab import LabServer
from wizard.core.change.options import RelayOptions
from wizard.core.mta.sendmail.mc import McFile, parse_daemon_options
from wizard.core.mta.sendmail.mcplan import plan_mc

DATA = Path(__file__).parent.parent / "data" / "mc"
SUPPORT = DATA / "support"
EXPECTED = tomllib.loads((DATA / "expected.toml").read_text(encoding="utf-8"))
CFDIR = "/usr/share/sendmail/cf"
DEBIAN_TLS = (
    "/etc/mail/tls/sendmail-server.crt",
    "/etc/mail/tls/sendmail-common.key",
    "/etc/mail/tls/sendmail-server.crt",
)
KEY_MODE = 0o640
PROFILES = {
    "classic": (RelayOptions("classic").validated(), ("", "", "")),
    "modern": (RelayOptions("modern").validated(), DEBIAN_TLS),
}
# BlueOnyx ships hack/popauth.m4 (POP-before-SMTP) with its panel; Debian's sendmail-cf has
# none. This stand-in declares the same map the public popauth.m4 declares, so that
# HACK(popauth) builds; the original and the planned file are built with the same one.
POPAUTH_STUB = """divert(-1)
# Stand-in for BlueOnyx's hack/popauth.m4 (tests/integration/test_corpus_build.py).
divert(6)
Kpopauth hash -a<OK> /etc/mail/popauth
divert(0)dnl
"""
# TRUST_AUTH_MECH defines _USE_AUTH_ (cf/m4/cfhead.m4), which rewords the relay-denied
# rule of proto.m4 ("Proper authentication required."): that line goes with the class.
RELAY_DENIED = re.compile(r'^R\$\*\s+\$#error \$@ 5\.7\.1 \$: "550 Relaying denied')


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "surrogateescape")


def installed_form(text: str) -> str:
    return text.replace("@@PATH@@", CFDIR)


def cf_m4_includes(text: str) -> list[str]:
    return [i for i in McFile.parse(text).includes() if i.endswith("/m4/cf.m4")]


def foreign_cf_dirs(text: str) -> list[str]:
    """Absolute cf trees the file includes that are not Debian's: linked to it."""
    return [
        inc[: -len("/m4/cf.m4")]
        for inc in cf_m4_includes(text)
        if inc.startswith("/") and not inc.startswith(f"{CFDIR}/")
    ]


def build_line(text: str, path: str) -> str:
    includes = cf_m4_includes(text)
    if includes and includes[0].startswith("../"):
        return f"(cd {CFDIR}/cf && m4 {shlex.quote(path)})"
    if includes:
        return f"m4 {shlex.quote(path)}"
    return f"m4 -D_CF_DIR_={CFDIR}/ {CFDIR}/m4/cf.m4 {shlex.quote(path)}"


def key_of(line: str) -> str:
    """The sendmail.cf key a line sets: "O Name" (also for the commented default "#O
    Name=..."), "C{Class}"/"CX", "F{Class}"/"FX"; any other line is its own key."""
    if line.startswith("#O "):
        line = line[1:]
    if line.startswith("O "):
        return "O " + re.split(r"[=\s]", line[2:].strip(), maxsplit=1)[0]
    if line[:1] in ("C", "F") and len(line) > 1:
        if line[1] == "{":
            return line[: line.index("}") + 1] if "}" in line else line
        return line[:2]
    if RELAY_DENIED.match(line):
        return "C{TrustAuthMech}"
    return line


def cf_lines(cf: str) -> Counter[str]:
    """The lines that configure something: not blank, not comments (the header names the
    file, the user and the time of the build), except the commented default options."""
    out: Counter[str] = Counter()
    for line in cf.splitlines():
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#") and not line.startswith("#O "):
            continue
        out[line] += 1
    return out


def differing_keys(before: str, after: str) -> set[str]:
    a, b = cf_lines(before), cf_lines(after)
    return {key_of(line) for line in (a - b) + (b - a)}


def readcf_complaints(output: str) -> set[str]:
    """What ``sendmail -C FILE -bt`` said about the cf, without the file name and line."""
    return {
        re.sub(r"^\S+\.cf: line \d+: ", "", line)
        for line in output.splitlines()
        if re.match(r"^\S+\.cf: line \d+: ", line)
    }


def daemon_specs(cf: str) -> list[str]:
    specs = []
    for line in cf.splitlines():
        if line.startswith("O DaemonPortOptions="):
            specs.append(parse_daemon_options(line.split("=", 1)[1].rstrip("\r")).spec)
    return sorted(specs)


def test_every_corpus_file_planned_offline_builds_as_expected(fresh_server: LabServer) -> None:
    files = sorted(DATA.glob("*.mc"))
    assert len(files) >= 30
    assert set(EXPECTED) == {p.name for p in files}
    root = fresh_server.root
    work = root / "tmp" / "corpus"
    work.mkdir()
    for extra in sorted(SUPPORT.rglob("*.m4")):
        target = root / CFDIR.lstrip("/") / extra.relative_to(SUPPORT)
        assert not target.exists(), f"{target} is already in Debian's cf tree"
        target.write_bytes(extra.read_bytes())
    popauth = root / CFDIR.lstrip("/") / "hack" / "popauth.m4"
    assert not popauth.exists()
    popauth.write_text(POPAUTH_STUB)

    script = ["set -u", "cd /tmp/corpus"]
    links: set[str] = set()
    originals: dict[str, str] = {}  # file name -> stem of the original's build
    edits: dict[tuple[str, str], tuple[str, str]] = {}  # (file, profile) -> (stem, text)
    problems: list[str] = []
    for index, path in enumerate(files):
        original = installed_form(read(path))
        links.update(foreign_cf_dirs(original))
        stem = f"{index:02d}.orig"
        originals[path.name] = stem
        (work / f"{stem}.mc").write_bytes(original.encode("utf-8", "surrogateescape"))
        script.append(
            f"{build_line(original, f'/tmp/corpus/{stem}.mc')} > {stem}.cf 2> {stem}.err; "
            f"echo $? > {stem}.rc; "
            f"sendmail -C /tmp/corpus/{stem}.cf -d0.1 -bt < /dev/null > {stem}.check.out 2>&1; "
            f"echo $? > {stem}.check"
        )
        for profile, (options, tls) in PROFILES.items():
            exp = EXPECTED[path.name][profile]
            planned = plan_mc(original, options, tls, KEY_MODE).after
            if exp["outcome"] != "edit":
                if planned != original:
                    problems.append(
                        f"{path.name} [{profile}]: {exp['outcome']} but the text changed"
                    )
                continue
            if planned == original:
                problems.append(f"{path.name} [{profile}]: expected an edit, the text is the same")
                continue
            pstem = f"{index:02d}.{profile}"
            edits[(path.name, profile)] = (pstem, planned)
            (work / f"{pstem}.mc").write_bytes(planned.encode("utf-8", "surrogateescape"))
            script.append(
                f"{build_line(planned, f'/tmp/corpus/{pstem}.mc')} > {pstem}.cf 2> {pstem}.err; "
                f"echo $? > {pstem}.rc; "
                f"sendmail -C /tmp/corpus/{pstem}.cf -d0.1 -bt < /dev/null > {pstem}.check.out 2>&1; "
                f"echo $? > {pstem}.check"
            )
    setup = [
        f"mkdir -p {shlex.quote(str(Path(link).parent))} && ln -sfn {CFDIR} {shlex.quote(link)}"
        for link in sorted(links)
    ]
    fresh_server.run("\n".join([*setup, *script]), timeout=600)

    def out(stem: str, suffix: str) -> str:
        return (work / f"{stem}.{suffix}").read_text(errors="replace")

    for name, stem in originals.items():
        if out(stem, "rc").strip() != "0":
            problems.append(f"{name}: the original does not build: {out(stem, 'err')}")
            continue
        for profile in PROFILES:
            exp = EXPECTED[name][profile]
            if exp["outcome"] == "edit":
                continue
            if daemon_specs(out(stem, "cf")) != exp["listeners"]:
                problems.append(
                    f"{name} [{profile}]: the built cf listens on "
                    f"{daemon_specs(out(stem, 'cf'))}, expected {exp['listeners']}"
                )

    for (name, profile), (pstem, _planned) in edits.items():
        exp = EXPECTED[name][profile]
        where = f"{name} [{profile}]"
        ostem = originals[name]
        if out(pstem, "rc").strip() != "0":
            problems.append(f"{where}: m4 fails: {out(pstem, 'err')}")
            continue
        # No new complaint from m4: the same messages as the original (some upstream files
        # earn a deprecation warning or an error of their own on Debian's cf).
        if out(pstem, "err") != out(ostem, "err").replace(f"{ostem}.mc", f"{pstem}.mc"):
            problems.append(
                f"{where}: m4 complains: {out(pstem, 'err')!r} (original: {out(ostem, 'err')!r})"
            )
        # sendmail -C reads the whole cf: no complaint the original's cf did not earn (some
        # name files, users or maps of their own system, missing on the lab server).
        new = readcf_complaints(out(pstem, "check.out")) - readcf_complaints(
            out(ostem, "check.out")
        )
        if new or out(pstem, "check").strip() not in ("0", out(ostem, "check").strip()):
            problems.append(
                f"{where}: sendmail -C complains: {sorted(new)} {out(pstem, 'check.out')}"
            )
        before_cf, after_cf = out(ostem, "cf"), out(pstem, "cf")
        keys = differing_keys(before_cf, after_cf)
        if keys != set(exp["cf_changes"]):
            a, b = cf_lines(before_cf), cf_lines(after_cf)
            problems.append(
                f"{where}: cf keys that differ {sorted(keys)}, expected {exp['cf_changes']}; "
                f"removed {sorted((a - b).elements())}, added {sorted((b - a).elements())}"
            )
        if daemon_specs(after_cf) != exp["listeners"]:
            problems.append(
                f"{where}: the built cf listens on {daemon_specs(after_cf)}, "
                f"expected {exp['listeners']}"
            )
    assert not problems, "\n".join(problems)


def test_the_comparison_sees_what_it_must() -> None:
    """key_of and cf_lines: option and class keys, the commented default, the reworded
    relay rule, and a header comment that does not count."""
    before = (
        "##### built by root@a on Mon\n"
        "#O AuthMechanisms=EXTERNAL GSSAPI KERBEROS_V4 DIGEST-MD5 CRAM-MD5\n"
        "O DaemonPortOptions=Name=MTA-v4, Family=inet, Port=smtp, Addr=127.0.0.1\n"
        'R$*\t\t\t$#error $@ 5.7.1 $: "550 Relaying denied"\n'
    )
    after = (
        "##### built by root@b on Tue\n"
        "O AuthMechanisms=DIGEST-MD5 CRAM-MD5\n"
        "C{TrustAuthMech}DIGEST-MD5 CRAM-MD5\n"
        "O DaemonPortOptions=Name=MTA-v4, Family=inet, Port=smtp\n"
        'R$*\t\t\t$#error $@ 5.7.1 $: "550 Relaying denied. Proper authentication required."\n'
    )
    assert differing_keys(before, after) == {
        "O AuthMechanisms",
        "C{TrustAuthMech}",
        "O DaemonPortOptions",
    }
    assert differing_keys(before, before.replace("root@a", "root@c")) == set()
    assert differing_keys("Kfoo hash /x\n", "Kfoo hash /y\n") == {"Kfoo hash /x", "Kfoo hash /y"}
    assert readcf_complaints(
        "Version 8.17.1.9\n/tmp/corpus/03.orig.cf: line 150: fileclass: cannot open '/x'\n"
    ) == {"fileclass: cannot open '/x'"}
    assert daemon_specs(after) == ["0.0.0.0:25"]
    assert daemon_specs(
        "O DaemonPortOptions=Name=MTA-v4, Family=inet, Name=MTA-v6, Family=inet6\n"
    ) == ["[::]:25"]


def test_the_debian_corpus_file_is_the_lab_servers_own(lab_server: LabServer) -> None:
    live = lab_server.run("cat /etc/mail/sendmail.mc").stdout
    assert live == (DATA / "debian12-sendmail.mc").read_text()

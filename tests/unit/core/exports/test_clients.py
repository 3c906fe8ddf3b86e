"""Client settings exports, from a server profile: pure, each format checked as its reader would."""

from __future__ import annotations

import dataclasses
import io
import plistlib
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.stubs import NoSecrets
from wizard.cli.console import Console
from wizard.cli.main import main
from wizard.core.errors import Field, UsageError
from wizard.core.exports import clients as export
from wizard.core.exports.client_settings import (
    ClientSettings,
    IncomingServer,
    MissingIncomingServer,
)
from wizard.core.exports.handout import handout_text
from wizard.core.local.profiles import ProfileStore, ServerProfile

FP = ":".join(["AB"] * 32)
WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
MODERN = ServerProfile(
    "office",
    "Mail.Example.com",
    smtp_port=587,
    security="starttls",
    mechanism="PLAIN",
    smtp_user="alice",
    pinned_cert_sha256=FP,
    verified_at=WHEN,
)
CLASSIC = ServerProfile(
    "branch",
    "relay.branch.example.org",
    relay_profile="classic",
    smtp_port=25,
    security="none",
    mechanism="CRAM-MD5",
    smtp_user="bob",
    verified_at=WHEN,
)
SMTPS = dataclasses.replace(MODERN, smtp_port=465, security="tls", pinned_cert_sha256="")
IMAP = IncomingServer("IMAP.example.com")


def settings(profile: ServerProfile = MODERN, **kw: object) -> ClientSettings:
    return ClientSettings(profile, kw.pop("user", "alice"), **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- Thunderbird


def thunderbird(profile: ServerProfile) -> ET.Element:
    text = export.export("thunderbird", settings(profile, incoming=IMAP)).text
    root = ET.fromstring(text.encode())
    assert root.tag == "clientConfig" and root.get("version") == "1.1"
    return root


@pytest.mark.parametrize(
    ("profile", "socket", "auth"),
    [
        (MODERN, "STARTTLS", "password-cleartext"),
        (CLASSIC, "plain", "password-encrypted"),
        (SMTPS, "SSL", "password-cleartext"),
    ],
)
def test_thunderbird_has_every_required_element_with_the_verified_values(
    profile: ServerProfile, socket: str, auth: str
) -> None:
    root = thunderbird(profile)
    provider = root.find("emailProvider")
    assert provider is not None and provider.get("id")
    for tag in ("domain", "displayName"):
        assert (provider.findtext(tag) or "").strip(), tag
    incoming = provider.findall("incomingServer")
    assert len(incoming) == 1 and incoming[0].get("type") == "imap"
    assert incoming[0].findtext("hostname") == "imap.example.com"
    assert incoming[0].findtext("port") == "993"
    assert incoming[0].findtext("socketType") == "SSL"
    outgoing = provider.findall("outgoingServer")
    assert len(outgoing) == 1, "only the verified server, once"
    out = outgoing[0]
    assert out.get("type") == "smtp"
    assert out.findtext("hostname") == profile.host.lower()
    assert out.findtext("port") == str(profile.smtp_port)
    assert out.findtext("socketType") == socket
    assert out.findtext("authentication") == auth
    assert out.findtext("username") == "alice"


def test_thunderbird_domain_comes_from_the_server_or_the_address() -> None:
    root = thunderbird(MODERN)
    assert root.findtext("emailProvider/domain") == "example.com"
    text = export.export(
        "thunderbird", settings(incoming=IMAP, email="alice@staff.example.net")
    ).text
    assert ET.fromstring(text).findtext("emailProvider/domain") == "staff.example.net"


@pytest.mark.parametrize("fmt", ["thunderbird", "mobileconfig"])
def test_without_an_incoming_server_the_error_points_at_the_handout(fmt: str) -> None:
    with pytest.raises(MissingIncomingServer) as caught:
        export.export(fmt, settings())
    assert "incoming" in caught.value.message
    assert "handout" in caught.value.fix and "incoming server" in caught.value.fix
    assert caught.value.field == Field.INCOMING and "--" not in str(caught.value)


# --------------------------------------------------------------------------- Apple


def test_mobileconfig_loads_with_plistlib_and_has_the_required_keys() -> None:
    data = plistlib.loads(export.export("mobileconfig", settings(incoming=IMAP)).text.encode())
    assert data["PayloadType"] == "Configuration" and data["PayloadVersion"] == 1
    for key in ("PayloadIdentifier", "PayloadUUID", "PayloadDisplayName"):
        assert data[key]
    (mail,) = data["PayloadContent"]
    assert mail["PayloadType"] == "com.apple.mail.managed" and mail["PayloadVersion"] == 1
    assert mail["PayloadUUID"] != data["PayloadUUID"]
    assert mail["EmailAccountType"] == "EmailTypeIMAP"
    assert mail["IncomingMailServerHostName"] == "imap.example.com"
    assert mail["IncomingMailServerPortNumber"] == 993
    assert mail["IncomingMailServerUseSSL"] is True
    assert mail["IncomingMailServerAuthentication"] == "EmailAuthPassword"
    assert mail["IncomingMailServerUsername"] == "alice"
    assert mail["OutgoingMailServerHostName"] == "mail.example.com"
    assert mail["OutgoingMailServerPortNumber"] == 587
    assert mail["OutgoingMailServerUseSSL"] is True
    assert mail["OutgoingMailServerAuthentication"] == "EmailAuthPassword"
    assert mail["OutgoingMailServerUsername"] == "alice"
    assert "IncomingPassword" not in mail and "OutgoingPassword" not in mail, "no password"


def test_mobileconfig_classic_pop_without_tls_and_cram_md5() -> None:
    pop = IncomingServer("pop.branch.example.org", type="pop3", security="none")
    data = plistlib.loads(
        export.export("mobileconfig", settings(CLASSIC, user="bob", incoming=pop)).text.encode()
    )
    mail = data["PayloadContent"][0]
    assert mail["EmailAccountType"] == "EmailTypePOP"
    assert mail["IncomingMailServerPortNumber"] == 110
    assert mail["OutgoingMailServerUseSSL"] is False
    assert mail["OutgoingMailServerPortNumber"] == 25
    assert mail["OutgoingMailServerAuthentication"] == "EmailAuthCRAMMD5"


def test_mobileconfig_refuses_a_mechanism_apple_cannot_use() -> None:
    digest = dataclasses.replace(CLASSIC, mechanism="DIGEST-MD5")
    with pytest.raises(UsageError, match="DIGEST-MD5"):
        export.export("mobileconfig", settings(digest, user="bob", incoming=IMAP))


# --------------------------------------------------------------------------- msmtp, mutt


def directives(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition(" ")
            found.setdefault(key, value)
    return found


def test_msmtp_modern_pins_the_certificate_and_has_no_password() -> None:
    text = export.export("msmtp", settings()).text
    d = directives(text)
    assert d["host"] == "mail.example.com", "lower case: the keyring item's host"
    assert d["port"] == "587" and d["auth"] == "plain" and d["user"] == "alice"
    assert d["from"] == "alice@example.com"
    assert d["tls"] == "on" and d["tls_starttls"] == "on"
    assert d["tls_fingerprint"] == FP
    assert "password" not in d and "passwordeval" not in d
    assert "account default : office" in text


def test_msmtp_classic_and_smtps() -> None:
    d = directives(export.export("msmtp", settings(CLASSIC, user="bob")).text)
    assert (d["port"], d["auth"], d["tls"]) == ("25", "cram-md5", "off")
    assert "tls_starttls" not in d and "tls_fingerprint" not in d
    d = directives(export.export("msmtp", settings(SMTPS)).text)
    assert (d["port"], d["tls"], d["tls_starttls"]) == ("465", "on", "off")


def test_mutt_urls_by_security() -> None:
    text = export.export("mutt", settings()).text
    assert "set smtp_url='smtp://alice@mail.example.com:587/'" in text
    assert "set ssl_starttls=yes" in text and "set ssl_force_tls=yes" in text
    assert "set smtp_authenticators='plain'" in text
    assert FP in text, "the fingerprint to compare when mutt asks"
    text = export.export("mutt", settings(CLASSIC, user="bob")).text
    assert "set smtp_url='smtp://bob@relay.branch.example.org:25/'" in text
    assert "set ssl_starttls=no" in text and "set ssl_force_tls=no" in text
    assert "set smtp_authenticators='cram-md5'" in text
    text = export.export("mutt", settings(SMTPS, user="carol@example.com")).text
    assert "set smtp_url='smtps://carol%40example.com@mail.example.com:465/'" in text
    assert "smtp_pass" not in text.replace("set smtp_pass in a file", "")


# --------------------------------------------------------------------------- SRV, handout


def test_srv_only_for_the_verified_port() -> None:
    text = export.export("srv", settings()).text
    records = [line for line in text.splitlines() if line and not line.startswith(";")]
    assert records == ["_submission._tcp.example.com. 3600 IN SRV 0 1 587 mail.example.com."]
    text = export.export("srv", settings(SMTPS)).text
    records = [line for line in text.splitlines() if line and not line.startswith(";")]
    assert records == ["_submissions._tcp.example.com. 3600 IN SRV 0 1 465 mail.example.com."]


def test_a_server_reached_by_address_is_exported_by_its_name() -> None:
    """An IP address is neither the server's name for staff nor a mail domain: without the
    name every format is refused; with it, no export holds the address."""
    by_address = dataclasses.replace(MODERN, host="198.51.100.2")
    with pytest.raises(UsageError) as caught:
        export.export("msmtp", settings(by_address))
    assert caught.value.field == Field.SERVER_NAME and caught.value.code == "server_name_needed"
    assert "198.51.100.2" in caught.value.message and "--" not in str(caught.value)
    with pytest.raises(UsageError) as caught:
        export.export("srv", settings(by_address, server="198.51.100.2"))
    assert caught.value.field == Field.SERVER_NAME
    named = settings(by_address, server="mail.example.com", domain="example.com", incoming=IMAP)
    for fmt in ("msmtp", "mutt", "srv", "thunderbird", "mobileconfig", "handout-html"):
        text = export.export(fmt, named).text
        assert "198.51.100.2" not in text, fmt
        assert "mail.example.com" in text, fmt
    assert directives(export.export("msmtp", named).text)["from"] == "alice@example.com"
    tb = ET.fromstring(export.export("thunderbird", named).text.split("\n", 1)[1])
    assert tb.findtext("emailProvider/domain") == "example.com"
    # the domain alone comes from the name: mail.example.com -> example.com
    only_name = settings(by_address, server="mail.example.com")
    assert directives(export.export("msmtp", only_name).text)["from"] == "alice@example.com"


def test_an_address_is_not_a_mail_domain() -> None:
    for bad in ("alice@[198.51.100.2]", "alice@198.51.100.2"):
        with pytest.raises(UsageError, match="IP address"):
            export.export("msmtp", settings(email=bad))


def test_handout_has_the_values_and_the_password_only_when_asked() -> None:
    text = export.export("handout-html", settings()).text
    for value in ("mail.example.com", "587", "STARTTLS", "PLAIN", "alice", FP):
        assert value in text
    assert "Password" not in text
    text = export.export("handout-html", settings(password="S3cret<&>")).text
    assert "S3cret&lt;&amp;&gt;" in text
    text = export.export("handout-html", settings(CLASSIC, user="bob")).text
    assert "SHA-256" not in text, "no fingerprint without a pinned (self-signed) certificate"
    assert "CRAM-MD5" in text and "25" in text


def test_nothing_unverified_is_exported() -> None:
    """Only the verified port and mechanism appear, never others the server may offer."""
    for fmt in ("thunderbird", "mobileconfig", "msmtp", "mutt", "handout-html", "srv"):
        text = export.export(fmt, settings(CLASSIC, user="bob", incoming=IMAP)).text
        assert "25" in text, fmt
        for other in ("587", "465", "DIGEST-MD5", "digest-md5", "PLAIN", "plain\n", "STARTTLS"):
            assert other not in text, (fmt, other)


def test_an_unverified_profile_warns_in_the_result_and_the_file() -> None:
    unverified = dataclasses.replace(MODERN, verified_at=None)
    for fmt in ("thunderbird", "msmtp", "mutt", "srv", "handout-html", "mobileconfig"):
        result = export.export(fmt, settings(unverified, incoming=IMAP))
        assert result.warnings and "UNVERIFIED" in result.warnings[0], fmt
        assert "UNVERIFIED" in result.text, fmt
    assert export.export("msmtp", settings()).warnings == ()


def test_unknown_format_and_bad_input() -> None:
    with pytest.raises(UsageError):
        export.export("outlook", settings())
    with pytest.raises(UsageError):
        export.export("msmtp", settings(user="a b"))
    with pytest.raises(UsageError):
        export.export("msmtp", settings(email="not-an-address"))


# --------------------------------------------------------------------------- the CLI


def cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, console=Console(stdin=io.StringIO(), stderr=err), out=out)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProfileStore:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    store = ProfileStore(credentials=NoSecrets())
    store.save(MODERN)
    store.save(dataclasses.replace(CLASSIC, name="untested", verified_at=None))
    return store


def test_cli_export_to_stdout_and_to_a_file(saved: ProfileStore, tmp_path: Path) -> None:
    code, out, err = cli(
        ["export", "--format", "msmtp", "--profile-name", "office", "--user", "alice"]
    )
    assert code == 0, err
    assert directives(out)["host"] == "mail.example.com" and err == ""
    target = tmp_path / "muttrc"
    code, out, err = cli(
        [
            "export",
            "--format",
            "mutt",
            "--profile-name",
            "office",
            "--user",
            "alice",
            "-o",
            str(target),
        ]
    )
    assert code == 0 and out == "" and f"wrote {target}" in err
    assert "smtp://alice@mail.example.com:587/" in target.read_text()
    assert target.stat().st_mode & 0o077 == 0


def test_cli_warns_about_an_unverified_profile(saved: ProfileStore) -> None:
    code, out, err = cli(
        ["export", "--format", "srv", "--profile-name", "untested", "--user", "bob"]
    )
    assert code == 0
    assert "warning" in err and "UNVERIFIED" in err
    assert (
        "_submission._tcp.branch.example.org. 3600 IN SRV 0 1 25 relay.branch.example.org." in out
    )


def test_cli_thunderbird_needs_an_incoming_server(saved: ProfileStore) -> None:
    base = ["export", "--format", "thunderbird", "--profile-name", "office", "--user", "alice"]
    code, out, err = cli(base)
    assert code == 2 and out == "" and "handout" in err
    code, out, err = cli([*base, "--incoming-host", "imap.example.com", "--incoming-type", "pop3"])
    assert code == 0, err
    server = ET.fromstring(out).find("emailProvider/incomingServer")
    assert server is not None and server.get("type") == "pop3" and server.findtext("port") == "995"


def test_cli_password_only_for_the_handout(saved: ProfileStore) -> None:
    code, _, err = cli(
        [
            "export",
            "--format",
            "msmtp",
            "--profile-name",
            "office",
            "--user",
            "alice",
            "--include-password",
        ]
    )
    assert code == 2 and "Only the handout" in err
    code, _, err = cli(["export", "--format", "msmtp", "--profile-name", "nope", "--user", "alice"])
    assert code == 1 and "nope" in err


@pytest.mark.parametrize("domain", [".", ".."])
def test_a_domain_that_is_only_dots_is_refused_not_replaced_by_a_guess(domain: str) -> None:
    """Hypothesis found it: "." lost its dot and then counted as "no domain given", so the
    settings quietly took example.com from the server's name."""
    with pytest.raises(UsageError, match="not a valid mail domain"):
        export.export("thunderbird", settings(domain=domain))


def test_a_connection_without_tls_carries_no_certificate_steps() -> None:
    # classic sends without encryption: no certificate is shown, so nothing to compare
    plain = settings(CLASSIC, user="bob", fingerprint=FP).validated()
    assert plain.fingerprint == ""
    assert FP not in handout_text(plain) and "fingerprint" not in handout_text(plain).lower()
    assert settings(fingerprint=FP).validated().fingerprint == FP

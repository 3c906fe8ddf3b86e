"""Hostile values in every client settings export (issue 12).

For any text in any field, an export either refuses it (UsageError, one line) or writes a
file that its real reader (xml.etree, plistlib, html.parser, msmtp's and mutt's line
syntax) reads back with exactly the fields written: no extra line, key or command.
The real msmtp and mutt read such files in tests/integration/test_export.py.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import plistlib
import re
import stat
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.stubs import NoSecrets
from wizard.cli.console import Console
from wizard.cli.main import main
from wizard.core.errors import UsageError
from wizard.core.exports import clients as export
from wizard.core.exports.client_formats import msmtp_value, mutt_value
from wizard.core.exports.client_settings import ClientSettings, IncomingServer
from wizard.core.local.profiles import ProfileStore, ServerProfile

WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
PROFILE = ServerProfile(
    "office",
    "mail.example.com",
    smtp_port=587,
    security="starttls",
    mechanism="PLAIN",
    smtp_user="alice",
    pinned_cert_sha256=":".join(["AB"] * 32),
    verified_at=WHEN,
)
UNVERIFIED = dataclasses.replace(PROFILE, verified_at=None)
FORMATS = ("thunderbird", "mobileconfig", "msmtp", "mutt", "handout-html", "srv")

# Characters that end lines, quote, expand or escape in one of the formats, with plain ones.
HOSTILE = [
    *"ab.-@+_'\"`$%\\ #;<>&{}|!=/?^~*()[]:,",
    "\n",
    "\r",
    "\t",
    "\x00",
    "\x1b",
    "\x85",
    "\u2028",
    "\u202e",
    "é",
    "٢",
]
hostile_text = st.one_of(
    st.text(alphabet=st.sampled_from(HOSTILE), max_size=24),
    st.text(max_size=24),
)


@st.composite
def near_valid(draw: st.DrawFn, base: str) -> str:
    """``base`` with one hostile piece put in somewhere."""
    piece = draw(hostile_text)
    at = draw(st.integers(0, len(base)))
    return base[:at] + piece + base[at:]


# Values that pass validation but are awkward in some format: & < { | # ! ' + ...
odd_user = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,12}", fullmatch=True)
odd_address = st.from_regex(
    r"[A-Za-z0-9!#&*+/=?^_{|}~-]{1,12}@[a-z0-9]{1,8}\.example", fullmatch=True
)
odd_domain = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?\.[A-Za-z]{2,6}", fullmatch=True)


def fields() -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(
        {
            "user": st.one_of(st.just("alice"), odd_user, near_valid("alice"), hostile_text),
            "email": st.one_of(
                st.just(""), odd_address, odd_address, near_valid("alice@example.com"), hostile_text
            ),
            "domain": st.one_of(
                st.just(""), odd_domain, odd_domain, near_valid("example.com"), hostile_text
            ),
            "incoming": st.one_of(near_valid("imap.example.com"), st.just("imap.example.com")),
            "host": st.one_of(
                st.just("mail.example.com"),
                st.just("mail.example.com"),
                near_valid("mail.example.com"),
            ),
            "password": st.one_of(st.just(""), hostile_text),
        }
    )


def settings_of(f: dict[str, str], profile: ServerProfile = PROFILE) -> ClientSettings:
    return ClientSettings(
        dataclasses.replace(profile, host=f["host"]),
        f["user"],
        email=f["email"],
        domain=f["domain"],
        incoming=IncomingServer(f["incoming"]),
        password=f["password"] or None,
    )


def made(fmt: str, s: ClientSettings) -> tuple[str, ClientSettings] | None:
    """(the file, the validated settings), or None when the values were refused."""
    try:
        checked = s.validated()
    except UsageError as exc:
        assert "\n" not in exc.message and "\r" not in exc.message, "one line"
        with pytest.raises(UsageError):
            export.export(fmt, s)
        return None
    return export.export(fmt, s).text, checked


HYPOTHESIS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EVIL_EMAIL = {
    "user": "alice",
    "email": "",
    "domain": "example.com\npasswordeval touch /tmp/pwned",
    "incoming": "imap.example.com",
    "host": "mail.example.com",
    "password": "",
}


def _expected_values(s: ClientSettings, f: dict[str, str]) -> None:
    """What was validated is what was given: nothing was stripped or rewritten."""
    assert s.user == f["user"]
    if f["email"]:
        assert s.email == f["email"]
    if f["domain"]:
        assert s.domain == f["domain"].removesuffix(".").lower()


# --------------------------------------------------------------------------- msmtp


def msmtp_lines(text: str) -> list[tuple[str, str]]:
    """(key, value) of every command line, as msmtp splits them (key, blanks, the rest)."""
    out = []
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, value = line.partition(" ")
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        out.append((key, value))
    return out


@HYPOTHESIS
@given(fields())
@example(EVIL_EMAIL)
def test_msmtp_holds_exactly_the_fields_written(f: dict[str, str]) -> None:
    result = made("msmtp", settings_of(f))
    if result is None:
        return
    text, s = result
    _expected_values(s, f)
    assert "\r" not in text and "\x00" not in text
    lines = msmtp_lines(text)
    assert [k for k, _ in lines] == [
        "account",
        "host",
        "port",
        "from",
        "auth",
        "user",
        "tls",
        "tls_starttls",
        "tls_fingerprint",
        "account",
    ]
    values = dict(lines[:-1])
    assert values["host"] == s.host and values["from"] == s.email and values["user"] == s.user
    assert values["port"] == "587" and values["auth"] == "plain"
    assert lines[-1] == ("account", "default : office")


# --------------------------------------------------------------------------- mutt

MUTT_SET = re.compile(r"set ([a-z_]+)=(?:'([^'\n]*)'|(yes|no))")


@HYPOTHESIS
@given(fields())
@example(dict(EVIL_EMAIL, domain="", email="`touch /tmp/pwned`@example.com"))
def test_mutt_lines_are_single_quoted_values_only(f: dict[str, str]) -> None:
    result = made("mutt", settings_of(f))
    if result is None:
        return
    text, s = result
    _expected_values(s, f)
    found = {}
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        match = MUTT_SET.fullmatch(line)
        assert match, line
        found[match.group(1)] = match.group(2) if match.group(2) is not None else match.group(3)
    assert found == {
        "from": s.email,
        "smtp_url": f"smtp://{quote(s.user, safe='')}@{s.host}:587/",
        "smtp_authenticators": "plain",
        "ssl_starttls": "yes",
        "ssl_force_tls": "yes",
    }
    for value in found.values():
        assert "`" not in value and "$" not in value


# --------------------------------------------------------------------------- XML, plist


@HYPOTHESIS
@given(fields(), st.booleans())
def test_thunderbird_parses_back_to_the_fields_written(f: dict[str, str], verified: bool) -> None:
    result = made("thunderbird", settings_of(f, PROFILE if verified else UNVERIFIED))
    if result is None:
        return
    text, s = result
    _expected_values(s, f)
    root = ET.fromstring(text.encode("utf-8"))
    provider = root.find("emailProvider")
    assert provider is not None and provider.get("id") == s.domain
    assert [child.tag for child in provider] == [
        "domain",
        "displayName",
        "displayShortName",
        "incomingServer",
        "outgoingServer",
    ]
    assert provider.findtext("domain") == s.domain
    assert provider.findtext("incomingServer/hostname") == f["incoming"].lower()
    assert provider.findtext("outgoingServer/hostname") == s.host
    assert provider.findtext("incomingServer/username") == s.user
    assert provider.findtext("outgoingServer/username") == s.user


@HYPOTHESIS
@given(fields())
def test_mobileconfig_loads_back_to_the_fields_written(f: dict[str, str]) -> None:
    result = made("mobileconfig", settings_of(f))
    if result is None:
        return
    text, s = result
    _expected_values(s, f)
    data = plistlib.loads(text.encode("utf-8"))
    (mail,) = data["PayloadContent"]
    assert mail["EmailAddress"] == s.email
    assert mail["OutgoingMailServerHostName"] == s.host
    assert mail["IncomingMailServerHostName"] == f["incoming"].lower()
    assert mail["OutgoingMailServerUsername"] == mail["IncomingMailServerUsername"] == s.user
    assert "OutgoingPassword" not in mail and "IncomingPassword" not in mail


# --------------------------------------------------------------------------- handout


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "b":
            self._in_cell = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "b":
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1] += data


@HYPOTHESIS
@given(fields())
def test_the_handout_shows_every_value_as_text_never_as_markup(f: dict[str, str]) -> None:
    result = made("handout-html", settings_of(f))
    if result is None:
        return
    text, s = result
    reader = _Reader()
    reader.feed(text)
    reader.close()
    assert reader.tags <= {"html", "head", "meta", "title", "body", "h1", "p", "table", "tr"} | {
        "th",
        "td",
        "b",
    }
    assert reader.cells[0] == s.email and s.user in reader.cells
    if s.password:
        assert s.password in reader.cells


# --------------------------------------------------------------------------- SRV


@HYPOTHESIS
@given(fields())
def test_srv_is_one_record_of_validated_names(f: dict[str, str]) -> None:
    result = made("srv", settings_of(f))
    if result is None:
        return
    text, s = result
    records = [line for line in text.split("\n") if line and not line.startswith(";")]
    assert records == [f"_submission._tcp.{s.domain}. 3600 IN SRV 0 1 587 {s.host}."]
    assert re.fullmatch(r"[a-z0-9.-]+", s.domain)


# --------------------------------------------------------------------------- the writers


@pytest.mark.parametrize(
    ("value", "ok"),
    [("plain", True), ("a b", True), ("a\nb", False), ('a"b', False), ("a\\b", False), ("", False)],
)
def test_msmtp_value_quotes_spaces_and_refuses_the_rest(value: str, ok: bool) -> None:
    if ok:
        assert msmtp_value(value) in (value, f'"{value}"')
    else:
        with pytest.raises(UsageError):
            msmtp_value(value)


@pytest.mark.parametrize(
    ("value", "ok"), [("a`b`$c", True), ("a'b", False), ("a\nb", False), ("a\x1bb", False)]
)
def test_mutt_value_single_quotes_and_refuses_quotes_and_lines(value: str, ok: bool) -> None:
    if ok:
        assert mutt_value(value) == f"'{value}'"
    else:
        with pytest.raises(UsageError):
            mutt_value(value)


def test_an_unverified_profile_with_dashes_keeps_the_xml_well_formed() -> None:
    odd = dataclasses.replace(UNVERIFIED, name="a--b-", host="xn--bcher-kva.example")
    text = export.export("thunderbird", ClientSettings(odd, "alice", incoming=IMAP)).text
    assert ET.fromstring(text.encode()).find("emailProvider") is not None


IMAP = IncomingServer("imap.example.com")


# --------------------------------------------------------------------------- private files


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_a_private_file_is_0600_whatever_the_umask(tmp_path: Path, umask_000: None) -> None:
    path = tmp_path / "handout.html"
    export.write_private(path, b"secret")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_bytes() == b"secret"
    assert [p.name for p in tmp_path.iterdir()] == ["handout.html"], "no temporary file left"


def test_an_old_readable_file_is_replaced_by_a_private_one(tmp_path: Path) -> None:
    path = tmp_path / "handout.html"
    path.write_bytes(b"old")
    path.chmod(0o644)
    with path.open("rb") as reader:  # someone who opened it while it was readable
        export.write_private(path, b"secret")
        assert reader.read() == b"old", "the secret never went into the old file"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_bytes() == b"secret"


def test_a_private_file_is_not_written_through_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"theirs")
    link = tmp_path / "handout.html"
    link.symlink_to(elsewhere)
    with pytest.raises(UsageError, match="not an ordinary file"):
        export.write_private(link, b"secret")
    assert elsewhere.read_bytes() == b"theirs" and link.is_symlink()


def test_a_private_file_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="Cannot write"):
        export.write_private(tmp_path / "no" / "such" / "file", b"secret")


def test_msmtp_and_mutt_files_are_private_too(tmp_path: Path, umask_000: None) -> None:
    path = tmp_path / "msmtprc"
    path.write_bytes(b"old")
    path.chmod(0o644)
    export.write_file(path, b"new", fmt="msmtp", secret=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    other = tmp_path / "config-v1.1.xml"
    export.write_file(other, b"<x/>", fmt="thunderbird", secret=False)
    assert stat.S_IMODE(other.stat().st_mode) == 0o644


def test_only_a_handout_with_a_password_holds_a_secret() -> None:
    with_password = ClientSettings(PROFILE, "alice", password="pw")
    assert export.holds_secret("handout-html", with_password)
    assert export.holds_secret("handout-pdf", with_password)
    assert not export.holds_secret("handout-html", ClientSettings(PROFILE, "alice"))
    assert not export.holds_secret("msmtp", with_password)


# --------------------------------------------------------------------------- the CLI


def cli(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, console=Console(stdin=io.StringIO(stdin), stderr=err), out=out)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    ProfileStore(credentials=NoSecrets()).save(PROFILE)
    return tmp_path


BASE = ["export", "--profile-name", "office", "--user", "alice"]


@pytest.mark.parametrize(
    ("extra", "phrase"),
    [
        (["--domain", "example.com\npasswordeval touch /tmp/pwned"], "not a valid mail domain"),
        (["--domain", "192.0.2.1"], "is an IP address"),
        (["--email", "`touch /tmp/pwned`@example.com"], "not a usable e-mail address"),
        (["--email", "alice@example.com\nset x=y"], "not a usable e-mail address"),
        (["--user", "alice\npasswordeval x"], "not a usable account name"),
        (["--incoming-host", "imap.example.com\nx", "--format", "thunderbird"], "host name"),
        (["--incoming-host", "999.1.1.1", "--format", "thunderbird"], "IPv4"),
        (["--incoming-host", "imap.example.com", "--incoming-port", "+993"], "port number"),
        (["--incoming-host", "imap.example.com", "--incoming-port", " 993"], "port number"),
        (["--incoming-host", "imap.example.com", "--incoming-port", "٩٩٣"], "port number"),
        (["--profile-name", "office\nx"], "cannot be the name"),
    ],
)
def test_the_cli_refuses_hostile_arguments_and_writes_nothing(
    saved: Path, extra: list[str], phrase: str
) -> None:
    output = saved / "out"
    fmt = [] if "--format" in extra else ["--format", "msmtp"]
    code, out, err = cli([*BASE, *fmt, *extra, "-o", str(output)])
    assert code == 2 and out == ""
    assert phrase in err, err
    assert err.count("\n") == 1, "one line"
    assert not output.exists(), "nothing written"


def test_a_hand_edited_profile_with_a_line_break_is_refused(saved: Path) -> None:
    path = saved / "config" / "relay-wizard" / "servers.json"
    data = json.loads(path.read_text())
    for field, value in (
        ("host", "mail.example.com\npasswordeval touch /tmp/pwned"),
        ("host", "mail.example.com\n"),
        ("smtp_user", "alice\n"),
        ("ssh_user", "root\n"),
        ("host", "999.1.1.1"),
    ):
        entry = dict(data["servers"][0], **{field: value})
        path.write_text(json.dumps(dict(data, servers=[entry])))
        output = saved / "msmtprc"
        code, out, err = cli([*BASE, "--format", "msmtp", "-o", str(output)])
        assert code == 1 and out == "" and not output.exists(), (field, value)
        assert "servers.json" in err or "saved server" in err, err
        assert err.count("\n") == 1, "one line: the line break is shown escaped"
        assert "\\x0a" in err or "\\n" in err or "999.1.1.1" in err, err


def test_the_cli_handout_with_the_password_is_private(saved: Path, umask_000: None) -> None:
    output = saved / "alice.html"
    output.write_text("old")
    output.chmod(0o644)
    code, _, err = cli(
        [
            *BASE,
            "--format",
            "handout-html",
            "--include-password",
            "--password-stdin",
            "-o",
            str(output),
        ],
        stdin="S3cret-Pass\n",
    )
    assert code == 0, err
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert "S3cret-Pass" in output.read_text()
    public = saved / "alice-public.html"
    code, _, err = cli([*BASE, "--format", "handout-html", "-o", str(public)])
    assert code == 0, err
    assert stat.S_IMODE(public.stat().st_mode) == 0o644, "no password: an ordinary file"


def test_test_send_refuses_a_hostile_recipient_before_connecting(saved: Path) -> None:
    for to in ("a@example.com\r\nRCPT TO:<x@evil.example>", "a b@example.com", "a@999.1.1.1"):
        code, out, err = cli(
            ["test-send", "mail.example.com", "--user", "alice", "--to", to, "--password-stdin"],
            stdin="pw\n",
        )
        assert code == 2 and out == "", err
        assert "not a usable e-mail address" in err and err.count("\n") == 1
    code, _, err = cli(
        [
            "test-send",
            "mail.example.com",
            "--user",
            "alice",
            "--to",
            "a@example.com",
            "--from",
            "b@example.com\nx",
            "--password-stdin",
        ],
        stdin="pw\n",
    )
    assert code == 2 and "not a usable e-mail address" in err
    code, _, err = cli(
        [
            "test-send",
            "mail.example.com:+25",
            "--user",
            "alice",
            "--to",
            "a@example.com",
            "--password-stdin",
        ],
        stdin="pw\n",
    )
    assert code == 2 and "not a port number" in err

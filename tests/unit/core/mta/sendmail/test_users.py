"""The pure parts of wizard.core.mta.sendmail.users: name, realm and password checks, the generator."""

from __future__ import annotations

import math
import shlex
import string

import pytest

from wizard.core.errors import UsageError, WizardError
from wizard.core.mta.sendmail import users

REALM = "mail.example.com"


# ----------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("alice", "alice"),
        ("a", "a"),
        ("7", "7"),
        ("first.last", "first.last"),
        ("x_y+tag-1", "x_y+tag-1"),
        ("A" * 64, "A" * 64),
        (f"alice@{REALM}", "alice"),
        ("alice@MAIL.Example.COM", "alice"),
        (f"alice@{REALM}.", "alice"),
    ],
)
def test_usable_names(name: str, bare: str) -> None:
    assert users.validate_user_name(name, REALM) == bare


@pytest.mark.parametrize(
    "name",
    [
        "",
        "a b",
        " alice",
        "alice ",
        "a;rm -rf /",
        "$(id)",
        "`id`",
        "a'b",
        'a"b',
        "a|b",
        "a&b",
        "a>b",
        "a*",
        "a\\b",
        "ali/ce",
        "a\tb",
        "alice\n",  # a trailing newline once passed and desynchronised the batch script
        "alice\nbob",
        "alice\r",
        "alice\0",
        "-rf",
        ".hidden",
        "_x",
        "+x",
        "A" * 65,
        "ålice",
        "аlice",  # Cyrillic a
        "@",
        f"@{REALM}",
        "a@b@" + REALM,
    ],
)
def test_nonsense_names_are_usage_errors(name: str) -> None:
    with pytest.raises(UsageError, match="not a usable account name"):
        users.validate_user_name(name, REALM)
    with pytest.raises(UsageError):
        users.split_user_name(name)


@pytest.mark.parametrize("name", ["bob@other.example", "bob@example.com", "bob@mail.example"])
def test_a_foreign_realm_is_refused_naming_both_realms(name: str) -> None:
    with pytest.raises(UsageError) as info:
        users.validate_user_name(name, REALM)
    assert name.split("@")[1] in info.value.message
    assert REALM in info.value.message
    assert "could never log in" in info.value.message


@pytest.mark.parametrize("name", ["bob@", "bob@-x.example", "bob@a..b", "bob@x.test\n"])
def test_a_realm_part_that_is_no_domain_is_refused_without_a_server(name: str) -> None:
    with pytest.raises(UsageError, match="is not a domain name"):
        users.split_user_name(name)


def test_split_needs_no_realm() -> None:
    assert users.split_user_name("alice") == ("alice", None)
    assert users.split_user_name("bob@other.example") == ("bob", "other.example")


# ----------------------------------------------------------------------------- realm


@pytest.mark.parametrize("realm", [REALM, "mail-u.lab.test", "localhost", "a.b.", "x1.example"])
def test_valid_realms(realm: str) -> None:
    assert users.validate_realm(realm) == realm


@pytest.mark.parametrize(
    "realm",
    ["", "bad realm", "x.test\n", "-x.test", "x..test", "x_y.test", "a" * 64 + ".test", "$(id)"],
)
def test_invalid_realms(realm: str) -> None:
    with pytest.raises(WizardError, match="not a valid domain name"):
        users.validate_realm(realm)


def test_a_realm_longer_than_253_is_refused() -> None:
    realm = ".".join(["a" * 63] * 4)  # 255 characters, every label valid
    with pytest.raises(WizardError):
        users.validate_realm(realm)


# ----------------------------------------------------------------------------- passwords


@pytest.mark.parametrize(
    "password",
    [
        "12345678",
        "  spaces around  ",
        "a;rm -rf / $(id) `id` 'q' \"d\" \\",
        "pässwörd-ünïcode",
        "x" * users.MAX_PASSWORD_BYTES,
    ],
)
def test_acceptable_passwords_are_kept_verbatim(password: str) -> None:
    assert users.validate_password(password) == password


@pytest.mark.parametrize(
    ("password", "phrase"),
    [
        ("", "empty"),
        ("1234567", "shorter than 8"),
        ("line\nbreak-pw", "line break"),
        ("trailing-newline\n", "line break"),
        ("carriage\rreturn", "line break"),
        ("nul\0character", "NUL"),
        ("x" * (users.MAX_PASSWORD_BYTES + 1), "longer than 1024 bytes"),
        ("ü" * (users.MAX_PASSWORD_BYTES // 2 + 1), "longer than 1024 bytes"),  # bytes count
    ],
)
def test_unusable_passwords_are_usage_errors(password: str, phrase: str) -> None:
    with pytest.raises(UsageError, match=phrase):
        users.validate_password(password)


def test_generated_passwords_are_strong_and_safe_everywhere() -> None:
    seen = {users.generate_password() for _ in range(500)}
    assert len(seen) == 500
    allowed = set(string.ascii_letters + string.digits + "-_.+")
    for pw in seen:
        assert len(pw) == 20
        assert set(pw) <= allowed
        assert any(c.isdigit() for c in pw) and any(c.isalpha() for c in pw)
        assert users.validate_password(pw) == pw
        assert shlex.quote(pw) == pw  # nothing a shell or a mail client could trip on
    # 20 characters from 66: about 120 bits.
    assert 20 * math.log2(len(allowed)) > 120
    # every character of the alphabet is used (a crude check of the distribution)
    assert set("".join(seen)) == allowed


def test_generated_password_length() -> None:
    assert len(users.generate_password(32)) == 32
    assert len(users.generate_password(8)) == 8


# ----------------------------------------------------------------------------- listing

LISTING = f"""\
alice@{REALM}: userPassword
first.last@{REALM}: userPassword

bob@other.example: userPassword
sasldblistusers2: some warning
carol@{REALM}: cmusaslsecretOTP
"""


def test_parse_listing() -> None:
    assert users.parse_listing(LISTING) == [
        users.SaslUser("alice", REALM),
        users.SaslUser("first.last", REALM),
        users.SaslUser("bob", "other.example"),
    ]
    assert str(users.SaslUser("alice", REALM)) == f"alice@{REALM}"
    assert users.parse_listing("") == []


# ----------------------------------------------------------------------------- batch checks


class _NoServer:
    """A runner that fails the test if anything is run."""

    def run(self, command: str, **kwargs: object) -> object:
        raise AssertionError(f"ran {command!r}")


@pytest.mark.parametrize(
    ("accounts", "phrase"),
    [
        ([("carol\n", "Pw-one-1111"), ("dave", "Pw-two-2222")], "not a usable account name"),
        ([("carol", "Pw-one-1111"), ("carol", "Pw-two-2222")], "carol appear more than once"),
        ([("carol", "Pw-one-1111"), (f"carol@{REALM}", "Pw-two-2222")], "more than once"),
        ([("carol", "Pw-one-1111"), ("dave", "short")], "shorter than 8"),
        ([("carol", "Pw-one-1111"), ("bob@other.example", "Pw-two-2222")], "other.example"),
    ],
)
def test_a_bad_batch_is_refused_before_anything_runs(
    accounts: list[tuple[str, str]], phrase: str
) -> None:
    with pytest.raises(UsageError, match=phrase):
        users.set_passwords(_NoServer(), REALM, accounts)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- the realm


class _Answer:
    """A runner that answers every command with ``stdout``; records what ran."""

    def __init__(self, stdout: str, exit_code: int = 0) -> None:
        self.stdout, self.exit_code, self.ran = stdout, exit_code, []

    def run(self, command: str, **kwargs: object) -> object:
        self.ran.append(command)
        ok = self.exit_code == 0
        return type(
            "R", (), {"stdout": self.stdout, "stderr": "", "exit_code": self.exit_code, "ok": ok}
        )()


POSTFIX_NAMES = """@@ postfix
smtpd_sasl_local_domain =
myhostname = mail.example.org
smtpd_sasl_type = cyrus
mydestination = mail.example.org, localhost.example.org, , localhost
"""


def test_postfix_realm_is_myhostname_when_smtpd_sasl_local_domain_is_empty() -> None:
    runner = _Answer(POSTFIX_NAMES)
    found = users.read_sasl_realm(runner)  # type: ignore[arg-type]
    assert found == users.SaslRealm(
        "mail.example.org",
        "myhostname",
        "postfix",
        ("mail.example.org", "localhost.example.org", "localhost"),
        server_name="mail.example.org",
    )
    assert found.source_text == "Postfix's myhostname"
    assert len(runner.ran) == 1 and "sasl-realm" in runner.ran[0]


def test_postfix_realm_is_smtpd_sasl_local_domain_when_set_and_dovecot_is_seen() -> None:
    text = POSTFIX_NAMES.replace(
        "smtpd_sasl_local_domain =", "smtpd_sasl_local_domain = office.example"
    )
    found = users.parse_postfix_names(text.replace("@@ postfix\n", "").replace("cyrus", "dovecot"))
    assert (found.realm, found.source, found.dovecot) == (
        "office.example",
        "smtpd_sasl_local_domain",
        True,
    )
    assert found.source_text == "Postfix's smtpd_sasl_local_domain"


def test_a_postfix_realm_that_is_no_domain_is_refused() -> None:
    with pytest.raises(WizardError, match="not a valid domain name"):
        users.parse_postfix_names("smtpd_sasl_local_domain = a;b\nmyhostname = x.example\n")


SENDMAIL_D0 = """Version 8.17.1
 (canonical domain name) $j = mail.example.com
> mail.example.com
> localhost
"""


def test_sendmail_realm_is_dollar_j_in_one_call() -> None:
    runner = _Answer(SENDMAIL_D0)
    found = users.read_sasl_realm(runner)  # type: ignore[arg-type]
    assert (found.realm, found.source, found.mta) == ("mail.example.com", "sendmail", "sendmail")
    assert users.read_names(runner) == ("mail.example.com", ["mail.example.com", "localhost"])  # type: ignore[arg-type]
    assert len(runner.ran) == 2


@pytest.mark.parametrize(
    "call",
    [
        lambda r: users.list_users(r),
        lambda r: users.set_passwords(r, REALM, [("carol", "Carol-pw-1234")]),
    ],
)
def test_the_scripts_dovecot_answer_is_a_plain_refusal(call: object) -> None:
    with pytest.raises(WizardError, match="Dovecot's: Relay Wizard did not change anything"):
        call(_Answer("", users.DOVECOT))  # type: ignore[operator]

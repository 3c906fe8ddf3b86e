import pytest

from wizard.core.errors import UsageError
from wizard.core.target import (
    Target,
    parse_target,
    shown,
    validate_domain,
    validate_email,
    validate_host,
    validate_port,
    validate_user,
)
from wizard.core.translatable import Translatable


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail.example.com", Target("mail.example.com", 22, "root")),
        ("admin@mail.example.com", Target("mail.example.com", 22, "admin")),
        ("admin@198.51.100.6:2222", Target("198.51.100.6", 2222, "admin")),
        ("[2001:db8::1]:22", Target("2001:db8::1", 22, "root")),
        ("ops@2001:db8::1", Target("2001:db8::1", 22, "ops")),
        ("host.", Target("host.", 22, "root")),
    ],
)
def test_parse_target(text: str, expected: Target) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("", "empty"),
        ("admin@bad host", "not a valid host name"),
        ("admin@host;rm -rf /", "not a valid host name"),
        ("ad min@host", "not a valid login name"),
        ("$(id)@host", "not a valid login name"),
        ("host:0", "out of range"),
        ("host:ssh", "not a port number"),
        ("[2001:db8::1", "Missing ']'"),
        ("-oProxyCommand=x", "not a valid host name"),
    ],
)
def test_bad_targets_are_refused_with_a_reason(text: str, phrase: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_target(text)
    assert phrase in err.value.message
    assert err.value.fix


def test_str_round_trips() -> None:
    assert str(Target("2001:db8::1", 22, "ops")) == "ops@[2001:db8::1]:22"
    assert parse_target(str(Target("h.example", 2200, "a"))) == Target("h.example", 2200, "a")


# --------------------------------------------------------------------------- hostile values


@pytest.mark.parametrize(
    "port", ["+22", " 22", "22 ", "22\n", "٢٢", "２２", "0x16", "2_2", "-22", "", "1e3", True]
)
def test_ports_are_ascii_digits_only(port: object) -> None:
    with pytest.raises(UsageError) as err:
        validate_port(port)  # type: ignore[arg-type]
    assert "not a port number" in err.value.message and "digits" in err.value.fix


@pytest.mark.parametrize("port", ["+22", " 22", "٢٢", "0x16"])
def test_a_target_with_such_a_port_is_refused(port: str) -> None:
    with pytest.raises(UsageError, match="not a port number"):
        parse_target(f"mail.example.com:{port}")


def test_good_ports() -> None:
    assert [validate_port(p) for p in ("1", "22", "00587", 65535)] == [1, 22, 587, 65535]


@pytest.mark.parametrize(
    ("host", "phrase"),
    [
        ("999.1.1.1", "looks like an IPv4 address"),
        ("1.2.3", "looks like an IPv4 address"),
        ("123", "looks like an IPv4 address"),
        ("0x7f.1", "looks like an IPv4 address"),
        ("mail.example.123", "looks like an IPv4 address"),
        ("mail.example.com\n", "letters, digits, dots and hyphens"),
        ("mail.example.com\r", "letters, digits, dots and hyphens"),
        ("\nmail.example.com", "letters, digits, dots and hyphens"),
        ("mail..example.com", "letters, digits, dots and hyphens"),
        ("-mail.example.com", "letters, digits, dots and hyphens"),
        ("mail.exam\u202eple.com", "letters, digits, dots and hyphens"),
        ("fe80::1%eth0\n", "scope id"),
        ("fe80::1%eth0\npasswordeval x", "scope id"),
        ("fe80::1%a b", "scope id"),
        ("fe80::1%", "scope id"),
        ("fe80::1%" + "x" * 16, "scope id"),
        ("1.2.3.4%eth0", "not a valid IP address"),
        ("a" * 64 + ".example.com", "letters, digits, dots and hyphens"),
        (("a" * 60 + ".") * 5, "longer than 253"),
    ],
)
def test_hostile_host_names_are_refused(host: str, phrase: str) -> None:
    with pytest.raises(UsageError) as err:
        validate_host(host)
    assert phrase in err.value.message
    assert "\n" not in err.value.message and "\r" not in err.value.message
    assert "\u202e" not in err.value.message, "control characters are shown escaped"
    assert err.value.fix


@pytest.mark.parametrize(
    "host",
    [
        "mail.example.com",
        "host.",
        "192.0.2.1",
        "2001:db8::1",
        "fe80::1%eth0",
        "xn--bcher-kva.example",
        "a1.example",
    ],
)
def test_good_hosts(host: str) -> None:
    assert validate_host(host) == host


def test_ipv6_scope_ids_in_targets() -> None:
    assert parse_target("[fe80::1%eth0]:22") == Target("fe80::1%eth0", 22, "root")
    with pytest.raises(UsageError):
        parse_target("[fe80::1%eth0\nx]:22")
    with pytest.raises(UsageError):
        parse_target("fe80::1%eth0\nx")


@pytest.mark.parametrize("user", ["root\n", "ad\nmin", "\u212aelvin", "ſam", "a" * 34, ""])
def test_hostile_login_names_are_refused(user: str) -> None:
    with pytest.raises(UsageError, match="not a valid login name"):
        validate_user(user)


@pytest.mark.parametrize("domain", ["example.com", "staff.example.org", "localhost", "xn--p1ai"])
def test_good_domains(domain: str) -> None:
    assert validate_domain(domain) == domain


@pytest.mark.parametrize(
    ("domain", "phrase"),
    [
        ("", "empty"),
        ("192.0.2.1", "is an IP address"),
        ("2001:db8::1", "is an IP address"),
        ("999.1.1.1", "looks like an IPv4"),
        ("example.com\npasswordeval touch /tmp/x", "letters, digits"),
        ("example.com.", "ends in a dot"),
        ("exa mple.com", "letters, digits"),
        ("ex$(id).com", "letters, digits"),
    ],
)
def test_hostile_domains_are_refused(domain: str, phrase: str) -> None:
    with pytest.raises(UsageError) as err:
        validate_domain(domain)
    assert phrase in err.value.message and "\n" not in err.value.message


@pytest.mark.parametrize(
    "address",
    [
        "alice@example.com",
        "a.b+tag@example.com",
        "x!#&*+/=?^_{|}~-y@mail.example.org",
        "root@localhost",
    ],
)
def test_good_addresses(address: str) -> None:
    assert validate_email(address) == address
    assert validate_email(address, envelope=True) == address


@pytest.mark.parametrize(
    ("address", "phrase"),
    [
        ("", "empty"),
        ("alice", "name@domain"),
        ("@example.com", "name@domain"),
        ("alice@", "domain after '@'"),
        ("alice@example.com\npasswordeval touch /tmp/x", "domain after '@'"),
        ("al\nice@example.com", "part before '@'"),
        ("`touch /tmp/x`@example.com", "part before '@'"),
        ("$(id)@example.com", "part before '@'"),
        ("o'brien@example.com", "part before '@'"),
        ('"a b"@example.com', "part before '@'"),
        ("a\\b@example.com", "part before '@'"),
        ("a b@example.com", "part before '@'"),
        ("100%@example.com", "part before '@'"),
        (".alice@example.com", "part before '@'"),
        ("ali..ce@example.com", "part before '@'"),
        ("alice@192.0.2.1", "IP address"),
        ("alice@[192.0.2.1]", "IP address"),
        ("alice@999.1.1.1", "looks like an IPv4"),
        ("alice@example.com.", "ends in a dot"),
        ("ä@example.com", "part before '@'"),
        ("a" * 65 + "@example.com", "longer than 64"),
        (
            "a@" + ("b" * 60 + ".") * 4 + "example.com",
            "longer than 254",
        ),
    ],
)
def test_hostile_addresses_are_refused(address: str, phrase: str) -> None:
    with pytest.raises(UsageError) as err:
        validate_email(address)
    assert phrase in err.value.message, err.value.message
    assert "\n" not in err.value.message


def test_an_envelope_address_may_hold_what_a_config_file_may_not() -> None:
    """test-send's --to only travels in SMTP: every RFC 5322 atext character is allowed."""
    for address in ("o'brien@example.com", "100%@example.com", "$x@example.com"):
        assert validate_email(address, envelope=True) == address
    for address in ("a b@example.com", "a@example.com\r\nRCPT TO:<x@y>", "a\\b@example.com"):
        with pytest.raises(UsageError):
            validate_email(address, envelope=True)


def test_shown_escapes_and_cuts() -> None:
    assert shown("a\nb") == "'a\\x0ab'"
    assert shown("x" * 200).endswith("...'") and len(shown("x" * 200)) < 100


@pytest.mark.parametrize(
    "text",
    [
        "mail.example.com\n",
        "\nmail.example.com",
        "admin\n@mail.example.com",
        "mail.example.com:22\n",
    ],
)
def test_a_target_with_a_line_break_is_refused(text: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_target(text)
    assert "\n" not in err.value.message
    assert parse_target(" mail.example.com ") == Target("mail.example.com", 22, "root")


@pytest.mark.parametrize("kind", ["mail domain", "host name", "server name"])
@pytest.mark.parametrize("value", ["", "192.0.2.1", "bad_name.example", "example.com."])
def test_each_kind_of_name_is_refused_in_a_whole_sentence_of_its_own(kind: str, value: str) -> None:
    with pytest.raises(UsageError) as refused:
        validate_domain(value, kind)  # type: ignore[arg-type]
    message = refused.value.message
    assert isinstance(message, Translatable)
    assert kind in message.source  # the kind is in the template, not filled in
    assert set(message.values) <= {"domain", "problem"}
    problem = message.values.get("problem")
    assert problem is None or isinstance(problem, Translatable)

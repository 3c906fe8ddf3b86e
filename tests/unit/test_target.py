import pytest

from wizard.core.errors import UsageError
from wizard.core.target import Target, parse_target


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

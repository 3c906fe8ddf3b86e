"""The relay tricks as data: each with the server's own name and IP literal filled in."""

from __future__ import annotations

import pytest

from wizard.core.mail.tricks import TRICK_TEMPLATES, Trick, ip_literal, relay_tricks

FQDN = "mail.example.org"
IP = "203.0.113.7"


def test_at_least_sixteen_distinct_tricks() -> None:
    tricks = relay_tricks(FQDN, IP)
    assert len(tricks) >= 16
    assert len(tricks) == len(TRICK_TEMPLATES)
    assert len({t.name for t in tricks}) == len(tricks)
    assert len({(t.sender, t.recipient) for t in tricks}) == len(tricks)


def test_the_tricks_carry_the_server_names() -> None:
    pairs = {(t.sender, t.recipient) for t in relay_tricks(FQDN, IP)}
    # nmap's smtp-open-relay list, with this server's name and IP literal filled in
    expected = {
        ("", "relaytest@example.net"),
        ("relay-audit@example.com", "relaytest@example.net"),
        ("relay-audit@mail.example.org", "relaytest@example.net"),
        ("relay-audit@[203.0.113.7]", "relaytest@example.net"),
        ("relay-audit@[203.0.113.7]", "relaytest%example.net@[203.0.113.7]"),
        ("relay-audit@[203.0.113.7]", "relaytest%example.net@mail.example.org"),
        ("relay-audit@[203.0.113.7]", '"relaytest@example.net"'),
        ("relay-audit@[203.0.113.7]", '"relaytest%example.net"'),
        ("relay-audit@[203.0.113.7]", "relaytest@example.net@[203.0.113.7]"),
        ("relay-audit@[203.0.113.7]", '"relaytest@example.net"@[203.0.113.7]'),
        ("relay-audit@[203.0.113.7]", "relaytest@example.net@mail.example.org"),
        ("relay-audit@[203.0.113.7]", "@[203.0.113.7]:relaytest@example.net"),
        ("relay-audit@[203.0.113.7]", "@mail.example.org:relaytest@example.net"),
        ("relay-audit@[203.0.113.7]", "example.net!relaytest"),
        ("relay-audit@[203.0.113.7]", "example.net!relaytest@[203.0.113.7]"),
        ("relay-audit@[203.0.113.7]", "example.net!relaytest@mail.example.org"),
    }
    assert expected <= pairs
    assert all("{" not in s + r for s, r in pairs), "every placeholder is filled in"


def test_a_trailing_dot_in_the_server_name_is_dropped() -> None:
    assert relay_tricks(FQDN + ".", IP) == relay_tricks(FQDN, IP)


def test_without_a_name_the_ip_literal_stands_in_and_duplicates_go() -> None:
    tricks = relay_tricks("", IP)
    pairs = [(t.sender, t.recipient) for t in tricks]
    assert len(pairs) == len(set(pairs))
    assert ("relay-audit@[203.0.113.7]", "@[203.0.113.7]:relaytest@example.net") in pairs
    assert len(tricks) < len(TRICK_TEMPLATES)


@pytest.mark.parametrize(
    ("address", "literal"),
    [
        ("192.0.2.1", "[192.0.2.1]"),
        ("[192.0.2.1]", "[192.0.2.1]"),
        ("2001:db8:0::1", "[IPv6:2001:db8::1]"),
    ],
)
def test_ip_literal(address: str, literal: str) -> None:
    assert ip_literal(address) == literal


def test_ipv6_server_tricks_use_the_ipv6_literal() -> None:
    tricks = relay_tricks("mail6.example.org", "2001:db8::25")
    assert any(t.recipient == "@[IPv6:2001:db8::25]:relaytest@example.net" for t in tricks)


def test_trick_text() -> None:
    t = Trick("bang", "UUCP bang path", "a@[192.0.2.1]", "example.net!relaytest")
    assert str(t) == "bang (MAIL FROM:<a@[192.0.2.1]> RCPT TO:<example.net!relaytest>)"

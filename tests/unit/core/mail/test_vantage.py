"""The vantage point: whether the server's config trusts this client to relay (pure)."""

from __future__ import annotations

import pytest

from tests.capture import stock_sections
from wizard.core.mail.vantage import RelayConfig, config_explanations, vantage_point


def config(*access: str, relay_domains: tuple[str, ...] = ()) -> RelayConfig:
    return RelayConfig(known=True, access=access, relay_domains=relay_domains)


@pytest.mark.parametrize(
    "line",
    [
        "Connect:198.51.100 RELAY",
        "Connect:198.51.100.5 RELAY",
        "connect:198.51.100.5\tRELAY",
        "Connect:198 RELAY",
        "198.51.100 RELAY",  # untagged keys apply to connections too
        "Connect:198.51.100.0/24 RELAY",
        "Connect:198.51.100.0/29 RELAY",
        "Connect:client.lab.test RELAY",
        "Connect:lab.test RELAY",
        "lab.test RELAY",
    ],
)
def test_the_client_is_trusted_by(line: str) -> None:
    v = vantage_point("198.51.100.5", config(line), client_name="client.lab.test")
    assert v.trusted
    assert v.trusted_by == (f"access db line '{' '.join(line.split())}'",)
    assert "expected from this vantage point, not proof of an open relay" in v.note(True)
    assert "outside" in v.outside_hint()


@pytest.mark.parametrize(
    "line",
    [
        "Connect:198.51.100.50 RELAY",  # octets, not string prefixes
        "Connect:198.51.10 RELAY",
        "Connect:198.51.100.8/29 RELAY",
        "Connect:198.51.100 REJECT",
        "Connect:198.51.100 OK",
        "To:198.51.100 RELAY",  # about recipients, not clients
        "From:lab.test RELAY",
        "To:example.net RELAY",
        "ClientRate:198.51.100.5 0",
        "GreetPause:198.51.100.5 0",
        "Connect:other.lab.test RELAY",
        "Connect:test.lab RELAY",
        "Connect:IPv6:2001:db8 RELAY",
    ],
)
def test_the_client_is_not_trusted_by(line: str) -> None:
    v = vantage_point("198.51.100.5", config(line), client_name="client.lab.test")
    assert not v.trusted
    assert "what a stranger sees" in v.note(True)
    assert v.outside_hint() == ""


def test_a_forged_or_missing_name_matches_no_name_entry() -> None:
    v = vantage_point("198.51.100.5", config("Connect:lab.test RELAY"), client_name="")
    assert not v.trusted


def test_relay_domains_entries_trust_networks_and_domains() -> None:
    by_net = vantage_point("198.51.100.5", config(relay_domains=("198.51.100",)))
    assert by_net.trusted_by == ("relay-domains entry '198.51.100'",)
    by_name = vantage_point(
        "198.51.100.5", config(relay_domains=("lab.test",)), client_name="client.lab.test"
    )
    assert by_name.trusted_by == ("relay-domains entry 'lab.test'",)
    other = vantage_point("198.51.100.5", config(relay_domains=("example.org", "10.1")))
    assert not other.trusted


def test_ipv6_prefix_and_exact_entries() -> None:
    address = "2001:db8::5"
    assert vantage_point(address, config("Connect:IPv6:2001:db8 RELAY")).trusted
    assert vantage_point(address, config("Connect:IPv6:2001:db8::5 RELAY")).trusted
    assert vantage_point(address, config("Connect:IPv6:2001:db8::/32 RELAY")).trusted
    assert not vantage_point(address, config("Connect:IPv6:2001:db9 RELAY")).trusted
    assert not vantage_point(address, config("Connect:198.51.100 RELAY")).trusted


def test_the_server_itself_is_always_trusted() -> None:
    assert vantage_point("127.0.0.1", config()).trusted
    assert vantage_point("::1", config()).trusted
    own = vantage_point("198.51.100.6", config(), server_addresses=("198.51.100.6",))
    assert own.trusted and "the server itself" in own.trusted_by[0]


def test_every_matching_entry_is_named() -> None:
    v = vantage_point(
        "198.51.100.5",
        config("Connect:198.51.100 RELAY", "Connect:198.51.100.5 RELAY"),
        client_name="client.lab.test",
    )
    assert len(v.trusted_by) == 2
    assert "198.51.100.5 (client.lab.test)" in v.note(True)


def test_unknown_config_says_what_a_test_from_outside_needs() -> None:
    v = vantage_point("198.51.100.5", RelayConfig())
    assert not v.trusted and not v.config_known
    assert "not read" in v.note(True) and "outside" in v.note(True)


def test_debian_stock_config_trusts_loopback_and_not_the_lab_client() -> None:
    sections = stock_sections()
    cfg = RelayConfig.from_sections("mail.lab.test", sections)
    assert cfg.known
    assert "Connect:127\t\t\t\tRELAY" in cfg.access
    assert not any(line.startswith("#") for line in cfg.access)
    assert cfg.relay_features == ()
    assert not vantage_point("198.51.100.5", cfg).trusted
    assert vantage_point("127.0.0.1", cfg).trusted
    assert config_explanations(cfg) == ()
    assert cfg.to_json()["access_relay"] == [
        "Connect:127\t\t\t\tRELAY",
        "Connect:IPv6:::1\t\tRELAY",
    ]


def test_config_explanations_name_what_opens_the_server_to_anyone() -> None:
    cfg = RelayConfig(
        known=True,
        access=("To:example.net RELAY", "Connect:198.51.100 RELAY"),
        relay_domains=("example.net",),
        relay_features=("promiscuous_relay",),
    )
    text = config_explanations(cfg)
    assert len(text) == 3
    assert text[0].startswith("FEATURE(`promiscuous_relay') relays mail for anyone")
    assert "'To:example.net RELAY' lets anyone relay to example.net" in text[1]
    assert "relay-domains" in text[2]


def _postfix_config(mynetworks: str = "", auth_only: str = "", **settings: str) -> RelayConfig:
    from dataclasses import replace

    from tests.capture import postfix_sections
    from wizard.core.mta.postfix.inspection import build_report

    report = build_report("198.51.100.6", postfix_sections())
    assert report.postfix is not None
    eff = dict(report.postfix.effective)
    if mynetworks:
        eff["mynetworks"] = mynetworks
    if auth_only:
        eff["smtpd_tls_auth_only"] = auth_only
    eff.update(settings)
    return RelayConfig.from_postfix(replace(report, postfix=replace(report.postfix, effective=eff)))


def test_stock_postfix_trusts_only_loopback_through_mynetworks() -> None:
    config = _postfix_config()
    assert config.known and config.mta == "postfix"
    assert config.mynetworks == ("127.0.0.0/8", "[::ffff:127.0.0.0]/104", "[::1]/128")
    assert not vantage_point("198.51.100.5", config, server_addresses=("198.51.100.6",)).trusted
    # the server's own address is not trusted by Postfix unless mynetworks names it
    assert not vantage_point("198.51.100.6", config, server_addresses=("198.51.100.6",)).trusted
    assert vantage_point("127.0.0.1", config).trusted_by == ("mynetworks entry '127.0.0.0/8'",)
    assert config.auth_options == ()


def test_postfix_mynetworks_covering_the_client_explains_an_accepted_trick() -> None:
    config = _postfix_config(mynetworks="127.0.0.0/8, 198.51.100.0/24", auth_only="yes")
    seen = vantage_point("198.51.100.5", config)
    assert seen.trusted_by == ("mynetworks entry '198.51.100.0/24'",)
    assert config.auth_options == ("p",)  # AUTH waits for TLS: plaintext before it is refused


@pytest.mark.parametrize(
    ("settings", "limit"),
    [
        ({}, 10),  # Postfix's defaults (a capture without these settings reads the same)
        ({"smtpd_soft_error_limit": "10", "smtpd_error_sleep_time": "1s"}, 10),
        ({"smtpd_soft_error_limit": "4", "smtpd_error_sleep_time": "2"}, 4),
        ({"smtpd_soft_error_limit": "10", "smtpd_error_sleep_time": "0s"}, 0),  # no slowing
        ({"smtpd_soft_error_limit": "$x", "smtpd_error_sleep_time": "1s"}, 10),
    ],
)
def test_postfix_error_limit_after_which_smtpd_slows_down(
    settings: dict[str, str], limit: int
) -> None:
    assert _postfix_config(**settings).error_limit == limit

"""The mail-log lines of one failed session, on lines a real Debian 12 lab server wrote
(modern profile: the apply's verification, a wrong password, then the diagnosis's own
``sendmail -bs``). Pure."""

from __future__ import annotations

from wizard.core.mail.maillog import SLACK, parse, server_now, session_lines

CLIENT = "198.51.100.13"
# The end of /var/log/mail.log on the lab server, as the diagnosis read it (RFC 3339 stamps).
LOG = """\
2026-12-02T19:07:09.089777+00:00 mail-w4 sm-mta[448]: starting daemon (8.17.1.9): SMTP+queueing@00:10:00
2026-12-02T19:07:10.183291+00:00 mail-w4 sm-mta[472]: STARTTLS=server, relay=client.lab.test [198.51.100.13], version=TLSv1.3, verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256
2026-12-02T19:07:10.201000+00:00 mail-w4 sm-mta[472]: 6B2J7A00000472: ruleset=check_rcpt, arg1=<relaytest@example.net>, relay=client.lab.test [198.51.100.13], reject=550 5.7.1 <relaytest@example.net>... Relaying denied. Proper authentication required.
2026-12-02T19:07:19.300971+00:00 mail-w4 sm-mta[478]: STARTTLS=server, relay=client.lab.test [198.51.100.13], version=TLSv1.3, verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256
2026-12-02T19:07:19.345045+00:00 mail-w4 sm-mta[478]: 6B2J7Ij0000478: AUTH failure (PLAIN): authentication failure (-13) SASL(-13): authentication failure: Password verification failed, user=alice, relay=client.lab.test [198.51.100.13]
2026-12-02T19:07:19.345569+00:00 mail-w4 sm-mta[478]: 6B2J7Ij0000478: client.lab.test [198.51.100.13] did not issue MAIL/EXPN/VRFY/ETRN during connection to MSP-v4
2026-12-02T19:07:19.435604+00:00 mail-w4 sm-mta[514]: 6B2J7JmD000514: localhost [127.0.0.1] did not issue MAIL/EXPN/VRFY/ETRN during connection to MTA-v4
2026-12-02T19:07:19.472386+00:00 mail-w4 sendmail[530]: error: safesasl(/etc/sasl/Sendmail.conf) failed: No such file or directory
2026-12-02T19:07:19.473530+00:00 mail-w4 sendmail[530]: NOQUEUE: connect from root@localhost
2026-12-02T19:07:19.478958+00:00 mail-w4 sendmail[530]: AUTH warning: no mechanisms
2026-12-02T19:07:20.972337+00:00 mail-w4 sendmail[530]: 6B2J7JES000530: root@localhost did not issue MAIL/EXPN/VRFY/ETRN during connection to stdin
"""
NOW = "2026-12-02T19:07:19+0000"  # `date` on the server as the diagnosis began
THE_FAILURE = LOG.splitlines()[4]


def test_only_the_failed_sessions_telling_lines() -> None:
    lines = session_lines(LOG, now=NOW, age=1.5, client_address=CLIENT, user="alice")
    assert lines == [LOG.splitlines()[3], THE_FAILURE]


def test_the_verification_probes_and_the_diagnosiss_own_session_are_never_shown() -> None:
    # without a time window: the apply's verification from the same address is in the log
    lines = session_lines(LOG, client_address=CLIENT)
    assert not any("relaytest@" in line for line in lines), "the audit's own probe"
    assert not any("no mechanisms" in line for line in lines), "sendmail -bs of the diagnosis"
    assert THE_FAILURE in lines


def test_the_time_window_is_on_the_servers_clock_with_some_slack() -> None:
    assert SLACK < 9  # the verification above is 9 s older than the test
    much_later = "2026-12-02T19:07:30+0000"
    assert session_lines(LOG, now=much_later, age=0.0, client_address=CLIENT) == []
    later = session_lines(LOG, now="2026-12-02T19:07:25+0000", age=6.0, client_address=CLIENT)
    assert THE_FAILURE in later and not any("relaytest" in line for line in later)


def test_behind_nat_the_session_is_found_by_its_account() -> None:
    natted = session_lines(LOG, now=NOW, age=1.5, client_address="10.0.0.7", user="alice")
    assert THE_FAILURE in natted
    assert session_lines(LOG, now=NOW, age=1.5, client_address="10.0.0.7") == []


def test_classic_syslog_stamps_are_read_in_the_servers_local_time() -> None:
    classic = (
        "Dec  2 20:07:19 mail-w4 sm-mta[478]: 6B2J7Ij0000478: AUTH failure (CRAM-MD5): "
        "user not found (-13) SASL(-13): user not found: no secret in database, "
        "relay=[198.51.100.13]\n"
        "Dec  2 20:05:00 mail-w4 sm-mta[470]: 6B2J5000000470: AUTH failure (CRAM-MD5): "
        "old, relay=[198.51.100.13]\n"
    )
    lines = session_lines(classic, now="2026-12-02T20:07:20+0100", age=2, client_address=CLIENT)
    assert lines == [classic.splitlines()[0]]
    (january,) = parse("Dec 31 23:59:59 h sm-mta[1]: x", server_now("2027-01-01T00:00:05+0000"))
    assert january.at is not None and january.at.year == 2026


def test_unreadable_times_are_left_out_inside_a_window() -> None:
    odd = "yesterday mail-w4 sm-mta[478]: AUTH failure relay=[198.51.100.13]"
    assert session_lines(odd, now=NOW, age=1, client_address=CLIENT) == []
    assert session_lines(odd, client_address=CLIENT) == [odd]


def test_a_forged_line_of_another_program_is_not_the_sessions() -> None:
    forged = "2026-12-02T19:07:19.4+00:00 mail-w4 logger[999]: AUTH failure relay=[10.9.9.9]"
    assert session_lines(LOG + forged, now=NOW, age=1.5, client_address=CLIENT) == [
        LOG.splitlines()[3],
        THE_FAILURE,
    ]

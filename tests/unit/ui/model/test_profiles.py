"""The saved server the wizard writes once connected and once a test message went through."""

from __future__ import annotations

from wizard.core.local.profiles import ServerProfile
from wizard.core.mail.send import SendResult
from wizard.core.mail.smtp import Reply
from wizard.core.mail.transcript import Transcript
from wizard.core.target import Target
from wizard.ui.model.profiles import connected_profile, export_profile, profile_name
from wizard.ui.model.state import SendInputs

TARGET = Target("mail.example.com", 2222, "admin")
SENT = SendResult("5ATC0x00001", "CRAM-MD5", Reply(250, "2.0.0 ok"), Transcript(), False, "")


def test_names_are_safe_file_names() -> None:
    assert profile_name("mail.example.com") == "mail.example.com"
    assert profile_name("2001:db8::1") == "2001-db8--1"
    assert profile_name("") == "server"


def test_connecting_saves_where_and_who_and_keeps_a_known_key() -> None:
    first = connected_profile(None, TARGET, "SHA256:abc")
    assert (first.name, first.port, first.ssh_user, first.host_key) == (
        "mail.example.com",
        2222,
        "admin",
        "SHA256:abc",
    )
    assert connected_profile(first, TARGET, "").host_key == "SHA256:abc"


def test_a_saved_server_is_exported_as_saved_until_a_send_is_verified() -> None:
    saved = ServerProfile(name="mail.example.com", host="mail.example.com", smtp_user="bob")
    test = SendInputs(security="none", user=" alice ", mechanism="")
    assert export_profile(saved, TARGET, None, test) == (saved, False)
    unverified, save = export_profile(None, TARGET, None, test)
    assert not save and unverified.mechanism == "PLAIN" and not unverified.verified
    assert (unverified.smtp_port, unverified.smtp_user) == (25, "alice")
    verified, save = export_profile(saved, TARGET, SENT, test)
    assert save and verified.verified and verified.mechanism == "CRAM-MD5"

"""Where the Test page starts: the set-up just applied, or the saved server as it was saved;
and what an apply records in the saved server."""

from __future__ import annotations

from datetime import UTC, datetime

from wizard.core.local.profiles import ServerProfile
from wizard.ui.model.sending import smtp_settings, starting_inputs
from wizard.ui.model.state import SendInputs


def test_after_a_classic_apply_the_server_is_saved_for_port_25() -> None:
    saved = ServerProfile(name="mail", host="mail.example.com")
    assert saved.relay_profile == "modern"
    classic = saved.applied("classic")
    assert (classic.relay_profile, classic.smtp_port, classic.security) == ("classic", 25, "none")
    assert classic.mechanism == "CRAM-MD5" and not classic.verified


def test_settings_verified_for_this_set_up_are_kept_and_for_another_dropped() -> None:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    verified = ServerProfile(name="m", host="h.example", smtp_port=2525).mark_verified(when)
    assert verified.applied("modern") == verified
    assert not verified.applied("classic").verified


def test_the_test_page_starts_from_the_saved_server_without_an_apply() -> None:
    saved = ServerProfile(name="m", host="h.example").applied("classic")
    start = starting_inputs(SendInputs(), "modern", saved, applied=False)
    assert (start.security, start.port, start.mechanism) == ("none", 25, "CRAM-MD5")
    assert smtp_settings("h.example", start).port == 25


def test_the_set_up_just_applied_wins_over_what_was_saved() -> None:
    saved = ServerProfile(name="m", host="h.example").applied("classic")
    start = starting_inputs(SendInputs(), "modern", saved, applied=True)
    assert (start.security, start.port, start.mechanism) == ("starttls", 587, "")

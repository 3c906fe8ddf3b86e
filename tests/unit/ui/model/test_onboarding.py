"""Onboarding's rules: which settings the handouts carry, what is checked before anything is
made, and a run that is stopped (a stand-in for the services: the folder and files are real)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.unit.ui.model.conftest import report
from wizard.core.change.options import RelayOptions
from wizard.core.errors import Cancelled, Field, UsageError
from wizard.core.exports.onboard import Accounts, NewAccount
from wizard.core.exports.staff import Staff, read_staff_file
from wizard.core.local.profiles import ServerProfile
from wizard.ui.model.onboarding import (
    OnboardInputs,
    Step,
    kit_profile,
    passwords_text,
    prepare,
    run,
)
from wizard.ui.model.state import WizardState

SAVED = ServerProfile(
    name="mail.example.com",
    host="mail.example.com",
    smtp_port=465,
    security="tls",
    mechanism="LOGIN",
    verified_at=datetime(2024, 5, 1, tzinfo=UTC),
)
GOOD = OnboardInputs("alice\nbob, bob@example.com", "example.com", "mail.example.com", "k")


def test_the_handouts_follow_the_set_up_applied_else_the_saved_server(
    connected: WizardState,
) -> None:
    connected.applied, connected.options = True, RelayOptions("classic")
    classic = kit_profile(connected, SAVED)
    assert classic is not None
    assert (classic.smtp_port, classic.security, classic.mechanism) == (25, "none", "CRAM-MD5")
    assert not classic.verified, "an apply is no test send"
    connected.applied = False
    assert kit_profile(connected, SAVED) == SAVED, "reopened without an apply: as saved"
    connected.options = RelayOptions("modern")
    modern = kit_profile(connected, None)
    assert modern is not None and (modern.smtp_port, modern.security) == (587, "starttls")
    assert kit_profile(WizardState(), SAVED) is None, "not connected"


def test_everything_is_checked_before_anything_is_made(connected: WizardState) -> None:
    profile = kit_profile(connected, None)
    prepared = prepare(GOOD, profile, report())
    assert [p.account for p in prepared.people] == ["alice", "bob"]
    assert prepared.base.server == "mail.example.com" and prepared.base.domain == "example.com"
    for inputs, field in (
        (replace(GOOD, staff="alice\nbob smith"), Field.STAFF),
        (replace(GOOD, domain="192.0.2.7"), Field.DOMAIN),
        (replace(GOOD, server_name="192.0.2.7"), Field.SERVER_NAME),
        (replace(GOOD, folder=" "), Field.FOLDER),
    ):
        with pytest.raises(UsageError) as caught:
            prepare(inputs, profile, report())
        assert caught.value.field == field, inputs
    with pytest.raises(UsageError, match="Connect to a server first"):
        prepare(GOOD, None, None)


class OneCall:
    """The services' create_accounts: one call, every account made."""

    def __init__(self) -> None:
        self.calls: list[list[Staff]] = []

    def create_accounts(self, session: object, staff: list[Staff]) -> Accounts:
        self.calls.append(staff)
        return Accounts([NewAccount(p, f"pw-{p.account}-1234") for p in staff])


def test_a_run_makes_every_account_in_one_call_then_each_kit(
    connected: WizardState, tmp_path: Path
) -> None:
    services, steps = OneCall(), []
    prepared = prepare(
        replace(GOOD, folder=str(tmp_path / "k")), kit_profile(connected, None), None
    )
    done = run(
        services,  # type: ignore[arg-type]
        None,
        prepared,
        render_pdf=None,
        cancel=threading.Event(),
        step=steps.append,
    )
    assert len(services.calls) == 1 and [k.account for k in done.kits] == ["alice", "bob"]
    assert steps == [(0, 3, ""), (1, 3, "alice"), (2, 3, "bob"), (3, 3, "")]
    assert done.without_kit == []
    assert passwords_text(done) == "alice\tpw-alice-1234\nbob\tpw-bob-1234\n"
    assert (tmp_path / "k" / "bob-mail-settings.html").exists()


def test_stop_after_the_call_keeps_the_passwords_and_names_who_has_no_kit(
    connected: WizardState, tmp_path: Path
) -> None:
    services, cancel = OneCall(), threading.Event()
    prepared = prepare(
        replace(GOOD, folder=str(tmp_path / "k")), kit_profile(connected, None), None
    )

    def step(s: Step) -> None:
        if s[2] == "alice":
            cancel.set()  # Stop pressed while alice's kit is written

    done = run(services, None, prepared, render_pdf=None, cancel=cancel, step=step)  # type: ignore[arg-type]
    assert [k.account for k in done.kits] == ["alice"] and done.without_kit == ["bob"]
    assert len(done.accounts.created) == 2
    with pytest.raises(Cancelled):
        run(services, None, prepared, render_pdf=None, cancel=cancel, step=step)  # type: ignore[arg-type]
    assert len(services.calls) == 1, "stopped before the server was asked: nothing made"


def test_a_folder_that_cannot_be_written_stops_before_the_server_is_asked(
    connected: WizardState, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("not a folder")
    services = OneCall()
    prepared = prepare(
        replace(GOOD, folder=str(tmp_path / "file" / "k")), kit_profile(connected, None), None
    )
    with pytest.raises(UsageError) as caught:
        run(services, None, prepared, render_pdf=None, cancel=threading.Event(), step=print)  # type: ignore[arg-type]
    assert caught.value.field == Field.FOLDER and services.calls == []


def test_a_staff_file_is_read_as_utf8_and_a_binary_or_huge_one_refused(tmp_path: Path) -> None:
    good = tmp_path / "staff.csv"
    good.write_bytes("\ufeffjosé,jose@example.com,José Núñez\n".encode())
    assert read_staff_file(str(good)).startswith("josé,")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" * 10)
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"a\n" * 600_000)
    for path, phrase in ((binary, "not UTF-8"), (huge, "too large"), (tmp_path / "no", "No such")):
        with pytest.raises(UsageError, match=phrase) as caught:
            read_staff_file(str(path))
        assert caught.value.field == Field.STAFF

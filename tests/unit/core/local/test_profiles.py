"""Saved servers (wizard.core.local.profiles): the file, its validation, atomic writes, deletion."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from wizard.core.errors import UsageError
from wizard.core.local import profiles
from wizard.core.local.credentials import KeyringLocked
from wizard.core.local.profiles import ProfileStore, ProfileStoreError, ServerProfile

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8WKcoFP7OzZKnPAIDoJe/25bJFrYEeUnS94Od3ENMn"
KEY_FINGERPRINT = "SHA256:aQJLXsymvjJrczm7F/JH5yJF582uIAru/ILHbz2SRVk"
CERT = "ab" * 32


class Forgetter:
    """Records which secrets deleting a profile forgets; may fail like a locked keyring."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.fail = fail

    def _record(self, *call: str) -> bool:
        if self.fail:
            raise KeyringLocked("Your keyring is locked.", "Unlock it.")
        self.calls.append(call)
        return True

    def forget_sasl_password(self, host: str, user: str) -> bool:
        return self._record("sasl", host, user)

    def forget_ssh_password(self, host: str, port: int, user: str) -> bool:
        return self._record("ssh", host, str(port), user)

    def forget_sudo_password(self, host: str, port: int, user: str) -> bool:
        return self._record("sudo", host, str(port), user)


@pytest.fixture
def forgetter() -> Forgetter:
    return Forgetter()


@pytest.fixture
def store(tmp_path: Path, forgetter: Forgetter) -> ProfileStore:
    return ProfileStore(tmp_path / "config" / "relay-wizard" / "servers.json", forgetter)


def office(**changes: object) -> ServerProfile:
    values: dict[str, object] = {
        "name": "office",
        "host": "mail.example.com",
        "port": 2222,
        "ssh_user": "admin",
        "host_key": KEY,
        "pinned_cert_sha256": CERT,
        "relay_profile": "classic",
        "smtp_port": 25,
        "security": "none",
        "mechanism": "CRAM-MD5",
        "smtp_user": "alice",
        "verified_at": datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
    }
    values.update(changes)
    return ServerProfile(**values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the file


def test_round_trip(store: ProfileStore) -> None:
    assert store.load() == []
    saved = store.save(office())
    branch = store.save(ServerProfile("branch-2", "192.0.2.7"))
    assert store.load() == [branch, saved]  # sorted by name
    assert store.get("office") == saved
    assert store.find("nowhere") is None
    assert saved.pinned_cert_sha256 == ":".join(["AB"] * 32)
    assert saved.verified and saved.verified_at == datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    assert not branch.verified

    document = json.loads(store.path.read_text())
    assert document["format"] == "relay-wizard-servers"
    assert document["version"] == 1
    entry = next(e for e in document["servers"] if e["name"] == "office")
    assert entry == {
        "name": "office",
        "host": "mail.example.com",
        "port": 2222,
        "ssh_user": "admin",
        "host_key": KEY,
        "pinned_cert_sha256": ":".join(["AB"] * 32),
        "relay_profile": "classic",
        "smtp_port": 25,
        "security": "none",
        "mechanism": "CRAM-MD5",
        "smtp_user": "alice",
        "verified_at": "2024-05-01T12:30:00+00:00",
    }
    assert "password" not in store.path.read_text().lower()


def test_save_replaces_the_profile_of_the_same_name(store: ProfileStore) -> None:
    store.save(office())
    store.save(office(host="mail2.example.com", verified_at=None))
    (only,) = store.load()
    assert only.host == "mail2.example.com" and not only.verified


def test_mark_verified_records_the_time_in_utc(store: ProfileStore) -> None:
    before = datetime.now(UTC)
    profile = store.save(ServerProfile("office", "mail.example.com")).mark_verified()
    assert profile.verified_at is not None and profile.verified_at >= before
    cest = timezone(timedelta(hours=2))
    at = profile.mark_verified(datetime(2024, 6, 1, 14, 0, tzinfo=cest)).verified_at
    assert at == datetime(2024, 6, 1, 12, 0, tzinfo=UTC) and at.tzinfo == UTC
    with pytest.raises(UsageError):
        profile.mark_verified(datetime(2024, 6, 1, 14, 0))  # no time zone


def test_default_path_follows_xdg_config_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert profiles.default_path() == tmp_path / "xdg" / "relay-wizard" / "servers.json"
    assert ProfileStore(credentials=Forgetter()).path == profiles.default_path()
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert profiles.default_path() == tmp_path / "home" / ".config/relay-wizard/servers.json"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert profiles.default_path() == tmp_path / "home" / ".config/relay-wizard/servers.json"


def test_file_and_folder_modes_even_with_a_lax_umask(store: ProfileStore) -> None:
    old = os.umask(0)
    try:
        store.save(office())
    finally:
        os.umask(old)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    # a rewrite keeps the mode, even after someone widened it
    store.path.chmod(0o644)
    store.save(office(host="mail2.example.com"))
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


# --------------------------------------------------------------------------- atomic writes


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(office())
    before = store.path.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(profiles.os, "replace", refuse)
    with pytest.raises(ProfileStoreError) as caught:
        store.save(office(host="new.example.com"))
    assert "No space left on device" in caught.value.message
    assert caught.value.fix
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == [
        "servers.json",
        "servers.json.lock",
    ]


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(office())
    before = store.path.read_bytes()

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(profiles.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        store.save(office(host="new.example.com"))
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == [
        "servers.json",
        "servers.json.lock",
    ]


def test_the_new_file_is_complete_before_it_replaces_the_old(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(office())
    seen: list[bytes] = []
    real_replace = os.replace

    def check(src: str, dst: str) -> None:
        seen.append(Path(src).read_bytes())
        assert Path(src).parent == Path(dst).parent  # same file system: rename is atomic
        assert stat.S_IMODE(Path(src).stat().st_mode) == 0o600
        real_replace(src, dst)

    monkeypatch.setattr(profiles.os, "replace", check)
    store.save(office(name="second"))
    assert seen and seen[0] == store.path.read_bytes()
    assert [p.name for p in ProfileStore(store.path, Forgetter()).load()] == ["office", "second"]


def test_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    store = ProfileStore(blocker / "servers.json", Forgetter())
    with pytest.raises(ProfileStoreError) as caught:
        store.save(office())
    assert str(blocker) in caught.value.message and caught.value.fix


# --------------------------------------------------------------------------- damaged files


def entry(**changes: object) -> dict[str, object]:
    data = office().validated().to_json()
    data.update(changes)
    return data


def document(*servers: object, **changes: object) -> bytes:
    doc: dict[str, object] = {"format": "relay-wizard-servers", "version": 1}
    doc["servers"] = list(servers)
    doc.update(changes)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"format": "relay-wizard-servers", "servers": [', "line 1, column"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"", "line 1, column 1"),
        (b"[]", "not a Relay Wizard server list"),
        (b'{"servers": []}', "not a Relay Wizard server list"),
        (document(version="1"), "version '1' is not valid"),
        (document(version=0), "version 0 is not valid"),
        (document(servers={"office": {}}), "no list of servers"),
        (document("office"), "server 1: A server entry is not a JSON object"),
        (document(entry(password="x")), "Unknown field 'password'"),
        (document({"name": "office"}), "'host' is missing"),
        (document(entry(port="22")), "'port' is not a number"),
        (document(entry(port=True)), "'port' is not a number"),
        (document(entry(port=0)), "Port 0 is out of range"),
        (document(entry(host=7)), "'host' is not text"),
        (document(entry(host="bad host")), "not a valid host name"),
        (document(entry(name="../etc")), "cannot be the name of a saved server"),
        (document(entry(ssh_user="-rf")), "not a valid login name"),
        (document(entry(host_key="ssh-ed25519 AAAA")), "not valid base64 key data"),
        (document(entry(pinned_cert_sha256="abc")), "not a SHA-256 certificate fingerprint"),
        (document(entry(relay_profile="open")), "Unknown relay profile"),
        (document(entry(security="ssl")), "Unknown connection security"),
        (document(entry(mechanism="NTLM")), "Unknown login method"),
        (document(entry(smtp_user="a b")), "not a usable account name"),
        (document(entry(verified_at="yesterday")), "'verified_at' is not a time"),
        (document(entry(verified_at="2024-05-01T12:00:00")), "has no time zone"),
        (document(entry(verified_at=5)), "'verified_at' is not a time"),
        (document(entry(), entry(host="other.example.com")), "'office' is saved twice"),
    ],
)
def test_a_damaged_file_is_a_clear_error_and_is_not_overwritten(
    store: ProfileStore, content: bytes, reason: str
) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    with pytest.raises(ProfileStoreError) as caught:
        store.load()
    assert str(store.path) in caught.value.message
    assert "damaged" in caught.value.message
    assert reason in caught.value.message
    assert "Move the file aside" in caught.value.fix
    for change in (
        lambda: store.save(ServerProfile("new", "mail.example.com")),
        lambda: store.delete("office"),
    ):
        with pytest.raises(ProfileStoreError):
            change()
    assert store.path.read_bytes() == content


def test_a_file_from_a_newer_version_is_refused_with_its_own_message(store: ProfileStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(document(version=2))
    with pytest.raises(ProfileStoreError) as caught:
        store.load()
    assert "newer Relay Wizard" in caught.value.message


def test_a_folder_in_place_of_the_file_is_a_clear_error(store: ProfileStore) -> None:
    store.path.mkdir(parents=True)
    with pytest.raises(ProfileStoreError) as caught:
        store.load()
    assert "Cannot read" in caught.value.message and caught.value.fix


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "name", ["", ".", "..", ".hidden", "-option", "a b", "a/b", "ä", "x" * 65, "office\n"]
)
def test_bad_names_are_refused(store: ProfileStore, name: str) -> None:
    with pytest.raises(UsageError) as caught:
        store.save(ServerProfile(name, "mail.example.com"))
    assert caught.value.fix
    assert not store.path.exists()


@pytest.mark.parametrize("name", ["office", "o", "Office-2.main_site", "9" * 64])
def test_good_names(store: ProfileStore, name: str) -> None:
    assert store.save(ServerProfile(name, "mail.example.com")).name == name


def test_values_are_normalised(store: ProfileStore) -> None:
    saved = store.save(
        office(
            host_key=f"  {KEY} admin@laptop ",
            pinned_cert_sha256=":".join(["ab"] * 32),
            mechanism=" cram-md5 ",
        )
    )
    assert saved.host_key == KEY
    assert saved.pinned_cert_sha256 == ":".join(["AB"] * 32)
    assert saved.mechanism == "CRAM-MD5"
    by_fingerprint = store.save(office(name="fp", host_key=KEY_FINGERPRINT + "="))
    assert by_fingerprint.host_key == KEY_FINGERPRINT
    assert store.save(office(name="none", host_key="", pinned_cert_sha256="")).host_key == ""


@pytest.mark.parametrize(
    "changes",
    [
        {"host": ""},
        {"host": "-bad-.example.com"},
        {"port": 70000},
        {"smtp_port": 0},
        {"port": "22"},
        {"ssh_user": "root user"},
        {"host_key": "SHA256:short"},
        {"host_key": "ssh-rsa " + KEY.split()[1]},
        {"relay_profile": "open"},
        {"security": "ssl"},
        {"mechanism": "GSSAPI"},
        {"smtp_user": "alice bob"},
    ],
)
def test_bad_values_are_refused(store: ProfileStore, changes: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        store.save(office(**changes))
    assert not store.path.exists()


# --------------------------------------------------------------------------- deletion


def test_delete_removes_the_profile_and_its_secrets(
    store: ProfileStore, forgetter: Forgetter
) -> None:
    store.save(office())
    store.save(ServerProfile("branch", "branch.example.com", smtp_user="bob"))
    deleted = store.delete("office")
    assert deleted.name == "office"
    assert [p.name for p in store.load()] == ["branch"]
    assert forgetter.calls == [
        ("sasl", "mail.example.com", "alice"),
        ("ssh", "mail.example.com", "2222", "admin"),
        ("sudo", "mail.example.com", "2222", "admin"),
    ]


def test_delete_keeps_secrets_another_profile_still_uses(
    store: ProfileStore, forgetter: Forgetter
) -> None:
    store.save(office())
    store.save(office(name="same-login", smtp_user="bob"))
    store.save(office(name="same-smtp-user", host="MAIL.example.com", port=22, ssh_user="root"))
    store.delete("office")
    assert forgetter.calls == []
    store.delete("same-login")
    assert forgetter.calls == [
        ("sasl", "mail.example.com", "bob"),
        ("ssh", "mail.example.com", "2222", "admin"),
        ("sudo", "mail.example.com", "2222", "admin"),
    ]


def test_delete_without_an_smtp_user_forgets_only_the_login(
    store: ProfileStore, forgetter: Forgetter
) -> None:
    store.save(ServerProfile("plain", "mail.example.com"))
    store.delete("plain")
    assert forgetter.calls == [
        ("ssh", "mail.example.com", "22", "root"),
        ("sudo", "mail.example.com", "22", "root"),
    ]


def test_delete_of_an_unknown_profile(store: ProfileStore, forgetter: Forgetter) -> None:
    store.save(office())
    with pytest.raises(ProfileStoreError) as caught:
        store.delete("elsewhere")
    assert "'elsewhere'" in caught.value.message
    assert forgetter.calls == []
    assert [p.name for p in store.load()] == ["office"]


def test_delete_with_a_locked_keyring_keeps_the_profile(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "servers.json", Forgetter(fail=True))
    store.save(office())
    with pytest.raises(KeyringLocked) as caught:
        store.delete("office")
    assert "'office' was not deleted" in caught.value.message
    assert "leave its passwords in the keyring" in caught.value.fix
    assert [p.name for p in store.load()] == ["office"]
    assert store.delete("office", forget_secrets=False).name == "office"
    assert store.load() == []


# --------------------------------------------------------------------------- two writers

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from wizard.core.local.profiles import ProfileStore, ServerProfile

    class Keep:  # deleting is not exercised: no keyring
        def forget_sasl_password(self, host, user): return False
        def forget_ssh_password(self, host, port, user): return False
        def forget_sudo_password(self, host, port, user): return False

    path, prefix, go = sys.argv[1:4]
    store = ProfileStore(Path(path), Keep())
    print("ready", flush=True)
    while not Path(go).exists():
        time.sleep(0.001)
    for i in range(40):
        store.save(ServerProfile(f"{prefix}-{i:02d}", f"{prefix}.example.com"))
    """
)


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "config" / "servers.json"
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), prefix, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for prefix in ("left", "right")
    ]
    try:
        for writer in writers:  # both started and waiting: then both write at once
            assert writer.stdout is not None
            assert writer.stdout.readline() == "ready\n"
        go.touch()
        for writer in writers:
            _, err = writer.communicate(timeout=120)
            assert writer.returncode == 0, err
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
    names = [p.name for p in ProfileStore(path, Forgetter()).load()]
    assert len(names) == 80
    assert names == sorted(
        [f"left-{i:02d}" for i in range(40)] + [f"right-{i:02d}" for i in range(40)]
    )
    assert sorted(p.name for p in path.parent.iterdir()) == ["servers.json", "servers.json.lock"]
    assert stat.S_IMODE((path.parent / "servers.json.lock").stat().st_mode) == 0o600


def test_a_writer_that_holds_the_lock_too_long_is_a_clear_error(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(office())
    before = store.path.read_bytes()
    monkeypatch.setattr(profiles, "LOCK_WAIT", 0.3)
    holder = subprocess.Popen(  # another process, as another window would be
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'a'); "
            "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
            str(store.lock_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        started = time.monotonic()
        with pytest.raises(ProfileStoreError) as caught:
            store.save(office(name="second"))
        assert 0.25 < time.monotonic() - started < 5
        assert "being changed by another Relay Wizard" in caught.value.message
        assert caught.value.fix
        with pytest.raises(ProfileStoreError):
            store.delete("office")
        assert store.path.read_bytes() == before
    finally:
        holder.kill()
        holder.communicate()
    # the holder is gone: its lock went with it
    store.save(office(name="second"))
    assert [p.name for p in store.load()] == ["office", "second"]

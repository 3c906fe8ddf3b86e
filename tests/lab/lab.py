"""A disposable, real Debian 12 mail server for tests and for trying the app by hand.

Each lab server is a Debian 12 root file system (debootstrap) with sendmail, Cyrus SASL
and OpenSSH, run in its own namespaces:

- network: its own netns, joined to the host by a veth pair on 198.51.100.0/24, so the
  test side (the host) is a genuinely non-local client that Debian's access db does not
  trust, and relayed mail to unresolvable domains stays queued (no route, no resolver);
- mount: its files live in an overlay over shared read-only image layers, so the host's
  own ``/etc/mail``, spool and ``/etc/sasldb2`` are never read or written, several servers
  run side by side, and a reset is "throw away the overlay's upper layer";
- UTS: its own FQDN hostname (sendmail's ``$j``, the SASL realm);
- PID: its own init (tini); killing it ends every process of the server.

Images are built once and cached under ``LAB_DIR`` (default ``/var/lib/relay-wizard-lab``):
``base`` (debootstrap minbase + sshd, sudo, rsyslog, test users) and ``sendmail`` (an
overlay layer with Debian's sendmail, sendmail-cf, sasl2-bin, libsasl2-modules installed
the stock way). A server of variant ``stock`` sees both layers; ``no-sendmail`` only the
base; ``rhel`` a third layer over them, ``rhel`` (``tests/lab/rhel.py``): Debian's binaries
laid out the RHEL way, a layout emulation, not RHEL; ``internet`` certbot, fail2ban and
nftables over ``sendmail``; ``postfix`` Debian's Postfix over the base alone (the two mail
servers conflict as packages).

Run ``python -m tests.lab --help`` for the command line. Needs root and Linux namespaces.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.lab import rhel

LAB_DIR = Path(os.environ.get("RELAY_WIZARD_LAB_DIR", "/var/lib/relay-wizard-lab"))
IMAGE_VERSION = "4"  # bump to force a rebuild of the cached images
RHEL_LAYER_VERSION = "4"  # bump to rebuild only the rhel layer (tests/lab/rhel.py)
VARIANTS = ("stock", "no-sendmail", "rhel", "internet", "postfix")
SUITE = "bookworm"
DOMAIN = "lab.test"
NET_PREFIX = "198.51.100"  # TEST-NET-2; 192.0.2/24 is rejected by Debian's access db

BASE_PACKAGES = [
    "openssh-server",
    "sudo",
    "tini",
    "rsyslog",
    "iproute2",
    "procps",
    "openssl",
    "ca-certificates",
    "netbase",
    "less",
]
SENDMAIL_PACKAGES = [
    "sendmail",
    "sendmail-cf",
    "sasl2-bin",
    "libsasl2-modules",
    "m4",
    "make",
    # Ansible (the playbook export, the benchmark reference) needs a Python on the target,
    # as almost every real Debian server has.
    "python3",
]

# Test accounts. Lab-only credentials for a throwaway server on a private network.
ADMIN_USER, ADMIN_PASSWORD = "admin", "admin-lab-pw"  # sudo with password
DEPLOY_USER, DEPLOY_PASSWORD = "deploy", "deploy-lab-pw"  # sudo NOPASSWD
GUEST_USER, GUEST_PASSWORD = "guest", "guest-lab-pw"  # no sudo at all
ADMIN_KEY_PASSPHRASE = "admin-key-passphrase"

HOST_DEPENDENCIES = {"debootstrap": "debootstrap", "ssh-keygen": "openssh-client", "ip": "iproute2"}

SSHD_CONFIG = """\
# Relay Wizard lab sshd
Port 22
ListenAddress 0.0.0.0
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
UseDNS no
MaxStartups 100:30:200
MaxSessions 100
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
"""


class LabError(RuntimeError):
    """The lab could not do what was asked."""


def log(message: str) -> None:
    if os.environ.get("RELAY_WIZARD_LAB_QUIET") != "1":
        print(f"[lab] {message}", file=sys.stderr, flush=True)


def sh(
    cmd: list[str] | str,
    *,
    check: bool = True,
    input: str | None = None,
    capture: bool = True,
    timeout: float | None = 600,
) -> subprocess.CompletedProcess[str]:
    """Run a host command; on failure raise LabError with its output."""
    proc = subprocess.run(
        cmd,
        shell=isinstance(cmd, str),
        input=input,
        text=True,
        timeout=timeout,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
    )
    if check and proc.returncode != 0:
        shown = cmd if isinstance(cmd, str) else shlex.join(cmd)
        raise LabError(f"command failed ({proc.returncode}): {shown}\n{proc.stdout or ''}")
    return proc


# --------------------------------------------------------------------------- images


def _mirror() -> str:
    """The Debian mirror the host itself uses (the only registry reachable here)."""
    for path in [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]:
        try:
            text = path.read_text()
        except OSError:
            continue
        for line in text.splitlines():
            parts = line.split()
            if line.startswith("URIs:") and len(parts) > 1 and "security" not in parts[1]:
                return parts[1]
            if parts[:1] == ["deb"] and "security" not in line:
                url = next((p for p in parts[1:] if p.startswith("http")), None)
                if url:
                    return url
    return "http://deb.debian.org/debian"


def ensure_host_tools() -> None:
    missing = [pkg for cmd, pkg in HOST_DEPENDENCIES.items() if shutil.which(cmd) is None]
    if missing:
        log(f"installing host tools: {' '.join(missing)}")
        sh(["apt-get", "update", "-q"], timeout=900)
        sh(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], timeout=900)


def _in_build_ns(root: Path, script: str, hostname: str = f"mail.{DOMAIN}") -> None:
    """Run ``script`` as root inside ``root`` with proc/dev mounted, in private mount+UTS ns."""
    outer = f"""
set -e
hostname {shlex.quote(hostname)}
mount -t proc proc {root}/proc
mount --rbind /dev {root}/dev
mount -t tmpfs tmpfs {root}/run
mkdir -p {root}/run/lock
chroot {root} /bin/sh -e -c {shlex.quote(script)}
"""
    sh(
        [
            "unshare",
            "--mount",
            "--uts",
            "--fork",
            "--propagation",
            "private",
            "sh",
            "-e",
            "-c",
            outer,
        ],
        timeout=1800,
    )


def _base_dir() -> Path:
    return LAB_DIR / "images" / "base"


def _sendmail_dir() -> Path:
    return LAB_DIR / "images" / "sendmail"


def _rhel_dir() -> Path:
    return LAB_DIR / "images" / "rhel"


def _stamp_ok(path: Path) -> bool:
    stamp = path.parent / f"{path.name}.done"
    return stamp.exists() and stamp.read_text().strip() == IMAGE_VERSION


def _write_stamp(path: Path) -> None:
    (path.parent / f"{path.name}.done").write_text(IMAGE_VERSION + "\n")


def _keys_dir() -> Path:
    return LAB_DIR / "keys"


def ensure_keys() -> None:
    keys = _keys_dir()
    keys.mkdir(parents=True, exist_ok=True)
    keys.chmod(0o700)
    if not (keys / "root_ed25519").exists():
        sh(
            [
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "relay-wizard-lab-root",
                "-f",
                str(keys / "root_ed25519"),
            ]
        )
    if not (keys / "admin_ed25519").exists():
        sh(
            [
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                ADMIN_KEY_PASSPHRASE,
                "-C",
                "relay-wizard-lab-admin",
                "-f",
                str(keys / "admin_ed25519"),
            ]
        )


def build_base() -> None:
    base = _base_dir()
    if _stamp_ok(base):
        return
    ensure_host_tools()
    ensure_keys()
    if base.exists():
        shutil.rmtree(base)
    base.parent.mkdir(parents=True, exist_ok=True)
    log(f"building the base image with debootstrap ({SUITE}); takes about a minute")
    sh(
        [
            "debootstrap",
            "--variant=minbase",
            f"--include={','.join(BASE_PACKAGES)}",
            SUITE,
            str(base),
            _mirror(),
        ],
        timeout=1800,
    )
    root_pub = (_keys_dir() / "root_ed25519.pub").read_text().strip()
    admin_pub = (_keys_dir() / "admin_ed25519.pub").read_text().strip()
    script = f"""
rm -f /etc/ssh/ssh_host_*
printf '%s\\n' {shlex.quote(SSHD_CONFIG)} > /etc/ssh/sshd_config.lab
mkdir -p /root/.ssh && chmod 700 /root/.ssh
echo {shlex.quote(root_pub)} > /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys
useradd -m -s /bin/bash -G sudo {ADMIN_USER}
useradd -m -s /bin/bash {DEPLOY_USER}
useradd -m -s /bin/bash {GUEST_USER}
printf '%s\\n' '{ADMIN_USER}:{ADMIN_PASSWORD}' '{DEPLOY_USER}:{DEPLOY_PASSWORD}' '{GUEST_USER}:{GUEST_PASSWORD}' | chpasswd
mkdir -p /home/{ADMIN_USER}/.ssh
echo {shlex.quote(admin_pub)} > /home/{ADMIN_USER}/.ssh/authorized_keys
chown -R {ADMIN_USER}:{ADMIN_USER} /home/{ADMIN_USER}/.ssh
chmod 700 /home/{ADMIN_USER}/.ssh && chmod 600 /home/{ADMIN_USER}/.ssh/authorized_keys
echo '{DEPLOY_USER} ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/lab-deploy
chmod 440 /etc/sudoers.d/lab-deploy
# imklog cannot read the kernel log in a namespace; everything else is Debian's default.
sed -i 's/^module(load="imklog"/#&/' /etc/rsyslog.conf
apt-get clean
"""
    _in_build_ns(base, script)
    _write_stamp(base)


def _build_layer(layer: Path, lowers: list[Path], script: str) -> None:
    """Build the image layer ``layer``: ``script`` runs as root in a chroot of ``lowers``
    (top first) under an overlay whose upper layer is ``layer``, in a private mount and
    UTS namespace with the build hostname."""
    work = layer.parent / f"{layer.name}.work"
    merged = layer.parent / f"{layer.name}.merged"
    for d in (layer, work, merged):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    lowerdir = ":".join(str(p) for p in lowers)
    overlay = f"lowerdir={lowerdir},upperdir={layer},workdir={work}"
    outer = f"mount -t overlay overlay -o {overlay} {merged}"
    # Mount the overlay in the same private namespace that runs the script.
    sh(
        [
            "unshare",
            "--mount",
            "--uts",
            "--fork",
            "--propagation",
            "private",
            "sh",
            "-e",
            "-c",
            f"{outer}\nhostname mail.{DOMAIN}\n"
            f"mount -t proc proc {merged}/proc\nmount --rbind /dev {merged}/dev\n"
            f"mount -t tmpfs tmpfs {merged}/run\nmkdir -p {merged}/run/lock\n"
            f"chroot {merged} /bin/sh -e -c {shlex.quote(script)}",
        ],
        timeout=1800,
    )
    shutil.rmtree(work)
    merged.rmdir()


def build_sendmail_layer() -> None:
    layer = _sendmail_dir()
    if _stamp_ok(layer):
        return
    build_base()
    log("installing Debian's sendmail into the sendmail layer")
    # policy-rc.d: the package's post-install must not start a daemon at build time.
    script = f"""
printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
printf '127.0.0.1\\tlocalhost\\n127.0.1.1\\tmail.{DOMAIN} mail\\n' > /etc/hosts
echo mail > /etc/hostname
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends {" ".join(SENDMAIL_PACKAGES)}
rm -f /usr/sbin/policy-rc.d
apt-get clean
rm -rf /var/lib/apt/lists/*
"""
    _build_layer(layer, [_base_dir()], script)
    _write_stamp(layer)


INTERNET_PACKAGES = ["certbot", "fail2ban", "nftables"]
# Debian's Postfix conflicts with sendmail (both provide mail-transport-agent): its own
# layer over the base, never over the sendmail layer. ssl-cert comes with postfix (the
# snakeoil certificate its main.cf names); python3 for Ansible as on the sendmail layer.
POSTFIX_PACKAGES = ["postfix", "sasl2-bin", "libsasl2-modules", "python3"]


def _postfix_dir() -> Path:
    return LAB_DIR / "images" / "postfix"


def build_postfix_layer() -> None:
    """The ``postfix`` layer over the base: Debian 12's Postfix installed the stock way
    ("Internet Site", as the installer's first question proposes), with Cyrus SASL's
    tools and plugins, nothing configured beyond what the package does."""
    layer = _postfix_dir()
    if _stamp_ok(layer):
        return
    build_base()
    with open(LAB_DIR / "images" / ".postfix.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _stamp_ok(layer):
            return
        log("installing Debian's Postfix into the postfix layer")
        script = f"""
printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
printf '127.0.0.1\\tlocalhost\\n127.0.1.1\\tmail.{DOMAIN} mail\\n' > /etc/hosts
echo mail > /etc/hostname
export DEBIAN_FRONTEND=noninteractive
echo 'postfix postfix/main_mailer_type select Internet Site' | debconf-set-selections
echo 'postfix postfix/mailname string mail.{DOMAIN}' | debconf-set-selections
apt-get update -q
apt-get install -y -q --no-install-recommends {" ".join(POSTFIX_PACKAGES)}
rm -f /usr/sbin/policy-rc.d
apt-get clean
rm -rf /var/lib/apt/lists/*
"""
        _build_layer(layer, [_base_dir()], script)
        _write_stamp(layer)


def _internet_dir() -> Path:
    return LAB_DIR / "images" / "internet"


def build_internet_layer() -> None:
    """The ``internet`` layer over the sendmail layer: a server made ready for the internet
    by hand the Debian way, certbot, fail2ban and nftables installed from Debian (none of
    them running: nothing starts daemons here but the lab's boot), and the lab's ACME
    test CA trusted system-wide (as a company CA would be), so certbot reaches the lab's
    pebble (``tests/lab/acme.py``) without an option."""
    layer = _internet_dir()
    if _stamp_ok(layer):
        return
    build_sendmail_layer()
    from tests.lab import acme

    ca = acme.tls_ca()
    with open(LAB_DIR / "images" / ".internet.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _stamp_ok(layer):
            return
        log("installing certbot, fail2ban and nftables into the internet layer")
        script = f"""
printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends {" ".join(INTERNET_PACKAGES)}
rm -f /usr/sbin/policy-rc.d
mkdir -p /usr/local/share/ca-certificates
printf '%s\\n' {shlex.quote(ca)} > /usr/local/share/ca-certificates/relay-wizard-lab-acme.crt
update-ca-certificates
apt-get clean
rm -rf /var/lib/apt/lists/*
"""
        _build_layer(layer, [_sendmail_dir(), _base_dir()], script)
        _write_stamp(layer)


def build_rhel_layer() -> None:
    """The ``rhel`` layer over the sendmail layer: Debian's binaries laid out the RHEL way
    (``tests/lab/rhel.py``). Built once, in a few seconds; a server of
    the ``rhel`` variant then starts as fast as a stock one."""
    layer = _rhel_dir()
    stamp = layer.parent / f"{layer.name}.done"
    want = f"{IMAGE_VERSION}.{RHEL_LAYER_VERSION}\n"
    if stamp.exists() and stamp.read_text() == want:
        return
    build_sendmail_layer()
    with open(LAB_DIR / "images" / ".rhel.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test runs may start rhel servers at once
        if stamp.exists() and stamp.read_text() == want:
            return
        log("laying Debian's sendmail out the RHEL way (the rhel layer)")
        _build_layer(layer, [_sendmail_dir(), _base_dir()], rhel.layout_script())
        stamp.write_text(want)


def build_images(variant: str = "stock") -> None:
    build_base()
    build_sendmail_layer()
    if variant == "rhel":
        build_rhel_layer()
    if variant == "internet":
        build_internet_layer()
    if variant == "postfix":
        build_postfix_layer()


# --------------------------------------------------------------------------- servers


@dataclass(frozen=True)
class LabServer:
    """A running lab server, as the tests and the docs see it."""

    name: str
    index: int
    variant: str
    fqdn: str
    address: str
    client_address: str
    guesser_address: str = ""
    ssh_port: int = 22
    host_key_line: str = ""
    root_key: Path = LAB_DIR / "keys" / "root_ed25519"
    admin_key: Path = LAB_DIR / "keys" / "admin_ed25519"
    admin_key_passphrase: str = ADMIN_KEY_PASSPHRASE
    admin_user: str = ADMIN_USER
    admin_password: str = ADMIN_PASSWORD
    deploy_user: str = DEPLOY_USER
    deploy_password: str = DEPLOY_PASSWORD
    guest_user: str = GUEST_USER
    guest_password: str = GUEST_PASSWORD

    @property
    def init_pid(self) -> int:
        """The host pid of the server's init; changes on every reset."""
        state = _load_state(self.name)
        if state is None or "init_pid" not in state:
            raise LabError(f"lab server {self.name} is not running")
        return int(state["init_pid"])  # type: ignore[call-overload]

    @property
    def root(self) -> Path:
        """The server's file tree as seen from the host (only while it runs)."""
        return Path(f"/proc/{self.init_pid}/root")

    def run(
        self, script: str, check: bool = True, input: str | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        """Run a shell script as root inside the server (the back door for tests)."""
        proc = subprocess.run(
            [*_nsenter(self.init_pid), "/bin/bash", "-c", script],
            input=input,
            text=True,
            capture_output=True,
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise LabError(
                f"lab {self.name}: script failed ({proc.returncode}):\n{script}\n"
                f"stdout: {proc.stdout}\nstderr: {proc.stderr}"
            )
        return proc

    def reset(self) -> LabServer:
        """Back to pristine: same name, address, host key; fresh file system and daemons."""
        return start(self.name, self.variant)


def _nsenter(pid: int) -> list[str]:
    return ["nsenter", "-t", str(pid), "-m", "-u", "-n", "-p", "-r", "-w", "--"]


def _server_dir(name: str) -> Path:
    return LAB_DIR / "servers" / name


def _state_path(name: str) -> Path:
    return _server_dir(name) / "state.json"


def _valid_name(name: str) -> str:
    if (
        not name
        or len(name) > 20
        or not all(c.isalnum() or c == "-" for c in name)
        or name.startswith("-")
    ):
        raise LabError(f"bad lab server name {name!r}: letters, digits and '-', at most 20")
    return name.lower()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_state(name: str, state: dict[str, object]) -> None:
    """Write by rename: another process starting a server reads every state file (to pick
    a free slot) without our lock, and must never see one half-written."""
    path = _state_path(name)
    tmp = path.with_name(f".state.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(state))
    os.replace(tmp, path)


def _load_state(name: str) -> dict[str, object] | None:
    path = _state_path(name)
    if not path.exists():
        return None
    return json.loads(path.read_text())  # type: ignore[no-any-return]


def _allocate_index(name: str) -> int:
    used = set()
    servers = LAB_DIR / "servers"
    if servers.exists():
        for d in servers.iterdir():
            if d.name == name:
                continue
            state = _load_state(d.name)
            if state is not None:
                used.add(int(state["index"]))  # type: ignore[call-overload]
    for i in range(1, 63):
        if i not in used:
            return i
    raise LabError("no free lab slot (62 servers at most)")


# The unshare processes this process started, so that stop() can reap them.
_RUNNING: dict[str, subprocess.Popen[bytes]] = {}


def _netns(name: str) -> str:
    return f"rwlab-{name}"


def _addresses(index: int) -> tuple[str, str]:
    """(client, server) in the /30 of this slot."""
    return f"{NET_PREFIX}.{4 * index + 1}", f"{NET_PREFIX}.{4 * index + 2}"


GUESSER_PREFIX = "203.0.113"  # TEST-NET-3: the lab's stranger on the internet


def _guesser(index: int) -> str:
    """A second address of this computer, towards server ``index`` only: a stranger (a
    password guesser, say) that no lab exemption names, as the admin's address is."""
    return f"{GUESSER_PREFIX}.{index}"


def _veth(index: int) -> tuple[str, str]:
    return f"rwlab{index}h", f"rwlab{index}s"


def _child_pid(parent: int, timeout: float = 10) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{parent}/task/{parent}/children")
        try:
            text = children.read_text().split()
        except OSError:
            text = []
        if text:
            return int(text[0])
        time.sleep(0.02)
    raise LabError("the lab server's init did not start")


def _wait_port(host: str, port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def _host_key(name: str) -> Path:
    keydir = _server_dir(name) / "hostkey"
    keydir.mkdir(parents=True, exist_ok=True)
    key = keydir / "ssh_host_ed25519_key"
    if not key.exists():
        sh(
            [
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                f"root@{name}.{DOMAIN}",
                "-f",
                str(key),
            ]
        )
    return key


def stop(name: str, *, forget: bool = False) -> None:
    """Stop a server: every process, its mounts, its netns and veth. Idempotent."""
    name = _valid_name(name)
    state = _load_state(name)
    if state is not None:
        for key in ("unshare_pid", "init_pid"):
            pid = int(state.get(key, 0))  # type: ignore[call-overload]
            if pid and _pid_alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        init_pid = int(state.get("init_pid", 0))  # type: ignore[call-overload]
        deadline = time.monotonic() + 10
        while init_pid and _pid_alive(init_pid) and time.monotonic() < deadline:
            time.sleep(0.02)
    proc = _RUNNING.pop(name, None)
    if proc is not None:
        proc.kill()
        proc.wait(timeout=10)
    ns = _netns(name)
    if ns in sh(["ip", "netns", "list"]).stdout.split():
        # Any straggler still in the netns (should be none: the pid ns died with init).
        for pid in sh(["ip", "netns", "pids", ns], check=False).stdout.split():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid), signal.SIGKILL)
        if sh(["ip", "netns", "del", ns], check=False).returncode != 0:
            sh(["umount", "-l", f"/run/netns/{ns}"], check=False)
            Path(f"/run/netns/{ns}").unlink(missing_ok=True)
    if state is not None:
        host_if, _ = _veth(int(state["index"]))  # type: ignore[call-overload]
        sh(["ip", "link", "del", host_if], check=False)
    sdir = _server_dir(name)
    for sub in ("upper", "work", "root"):
        if (sdir / sub).exists():
            shutil.rmtree(sdir / sub, ignore_errors=True)
    _state_path(name).unlink(missing_ok=True)
    if forget and sdir.exists():
        shutil.rmtree(sdir, ignore_errors=True)


def start(name: str, variant: str = "stock", *, wait_sendmail: bool = True) -> LabServer:
    """Start (or restart from pristine) the lab server ``name``; returns it when ready."""
    name = _valid_name(name)
    if variant not in VARIANTS:
        raise LabError(f"unknown lab variant {variant!r}")
    if os.geteuid() != 0:
        raise LabError("the lab needs root (namespaces, mounts, veth)")
    build_images(variant)
    # Two processes starting servers at once must not pick the same slot (same addresses).
    (LAB_DIR / "servers").mkdir(parents=True, exist_ok=True)
    with open(LAB_DIR / "servers" / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        old = _load_state(name)
        index = int(old["index"]) if old else _allocate_index(name)  # type: ignore[call-overload]
        stop(name)
        sdir = _server_dir(name)
        upper, work, root = sdir / "upper", sdir / "work", sdir / "root"
        for d in (upper, work, root):
            d.mkdir(parents=True, exist_ok=True)
        _write_state(name, {"name": name, "index": index, "variant": variant})
    client_ip, server_ip = _addresses(index)
    fqdn = f"{name}.{DOMAIN}"
    host_if, srv_if = _veth(index)
    ns = _netns(name)

    _write_state(name, {"name": name, "index": index, "variant": variant})
    sh(["ip", "netns", "add", ns])
    sh(["ip", "link", "add", host_if, "type", "veth", "peer", "name", srv_if])
    sh(["ip", "link", "set", srv_if, "netns", ns])
    sh(["ip", "addr", "add", f"{client_ip}/30", "dev", host_if])
    sh(["ip", "link", "set", host_if, "up"])
    sh(["ip", "-n", ns, "link", "set", "lo", "up"])
    sh(["ip", "-n", ns, "link", "set", srv_if, "name", "eth0"])
    sh(["ip", "-n", ns, "addr", "add", f"{server_ip}/30", "dev", "eth0"])
    sh(["ip", "-n", ns, "link", "set", "eth0", "up"])
    guesser_ip = _guesser(index)
    sh(["ip", "addr", "add", f"{guesser_ip}/32", "dev", host_if])
    sh(["ip", "-n", ns, "route", "add", f"{guesser_ip}/32", "dev", "eth0"])

    # The server's own files: overlay upper layer, prepared before the daemons start.
    lower = {
        "stock": f"{_sendmail_dir()}:{_base_dir()}",
        "rhel": f"{_rhel_dir()}:{_sendmail_dir()}:{_base_dir()}",
        "internet": f"{_internet_dir()}:{_sendmail_dir()}:{_base_dir()}",
        "postfix": f"{_postfix_dir()}:{_base_dir()}",
    }.get(variant, str(_base_dir()))
    hostkey = _host_key(name)
    etc = upper / "etc"
    (etc / "ssh").mkdir(parents=True, exist_ok=True)
    shutil.copy2(hostkey, etc / "ssh" / "ssh_host_ed25519_key")
    shutil.copy2(hostkey.with_suffix(".pub"), etc / "ssh" / "ssh_host_ed25519_key.pub")
    (etc / "ssh" / "ssh_host_ed25519_key").chmod(0o600)
    (etc / "hosts").write_text(
        f"127.0.0.1\tlocalhost\n{server_ip}\t{fqdn} {name}\n"
        f"{client_ip}\tclient.{DOMAIN} client\n"
        f"{guesser_ip}\tguesser.{DOMAIN} guesser\n"
        # the lab's ACME server runs in this server's network namespace (tests/lab/acme.py)
        f"127.0.0.1\tacme.{DOMAIN}\n"
        "::1\tlocalhost ip6-localhost ip6-loopback\n"
    )
    (etc / "hostname").write_text(f"{name}\n")
    # No resolver reachable: relayed test mail to unresolvable domains stays queued.
    (etc / "resolv.conf").write_text("# lab: no resolver\n")

    setup = f"""
set -e
hostname {fqdn}
mount -t overlay overlay -o lowerdir={lower},upperdir={upper},workdir={work} {root}
mount -t proc proc {root}/proc
mount -t tmpfs -o mode=755 tmpfs {root}/dev
for n in null zero full random urandom tty; do
  touch {root}/dev/$n; mount --bind /dev/$n {root}/dev/$n
done
mkdir -p {root}/dev/pts {root}/dev/shm
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts {root}/dev/pts
ln -sf pts/ptmx {root}/dev/ptmx
ln -sf /proc/self/fd {root}/dev/fd
mount -t tmpfs -o mode=1777 tmpfs {root}/dev/shm
mount -t tmpfs -o mode=755 tmpfs {root}/run
mkdir -p {root}/run/sshd {root}/run/lock
mount -t tmpfs -o mode=1777 tmpfs {root}/tmp
exec chroot {root} /usr/bin/tini -s -- /bin/sleep infinity
"""
    init_log = sdir / "init.log"
    with open(init_log, "w") as errors:
        unshare = subprocess.Popen(
            [
                "nsenter",
                f"--net=/run/netns/{ns}",
                "--",
                "unshare",
                "--pid",
                "--fork",
                "--mount",
                "--uts",
                "--propagation",
                "private",
                "--kill-child",
                "sh",
                "-c",
                setup,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
    _RUNNING[name] = unshare
    try:
        init_pid = _child_pid(unshare.pid)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if unshare.poll() is not None:
                raise LabError(f"lab {name}: namespace set-up failed: {init_log.read_text()}")
            try:
                if os.readlink(f"/proc/{init_pid}/exe").endswith("tini"):
                    break
            except OSError:
                pass
            time.sleep(0.02)
        else:
            raise LabError(f"lab {name}: init did not come up")
    except BaseException:
        stop(name)
        raise LabError(
            f"lab {name}: the server's namespaces could not be set up: {init_log.read_text()}"
        ) from None
    state = {
        "name": name,
        "index": index,
        "variant": variant,
        "unshare_pid": unshare.pid,
        "init_pid": init_pid,
        "fqdn": fqdn,
        "address": server_ip,
        "client": client_ip,
        "guesser": guesser_ip,
    }
    _write_state(name, state)

    server = LabServer(
        name=name,
        index=index,
        variant=variant,
        fqdn=fqdn,
        address=server_ip,
        client_address=client_ip,
        guesser_address=guesser_ip,
        host_key_line=" ".join(hostkey.with_suffix(".pub").read_text().split()[:2]),
    )
    # Daemons, started the way a Debian 12 box without systemd starts them.
    boot = """
set -e
rsyslogd
/usr/sbin/sshd -f /etc/ssh/sshd_config.lab
"""
    if variant in ("stock", "internet"):
        # Exempt the test client from the connection-rate limits only (never from relay
        # checks), so a test suite's many SMTP sessions do not hit 421 rate limiting.
        boot += f"""
cat >> /etc/mail/access <<'EOF'
# relay-wizard lab: the test client is not rate limited (relay checks still apply)
ClientRate:{client_ip}\t0
ClientConn:{client_ip}\t0
EOF
makemap hash /etc/mail/access < /etc/mail/access
"""
        if wait_sendmail:
            boot += "/etc/init.d/sendmail start >/tmp/sendmail-start.log 2>&1\n"
    elif variant == "rhel":
        # the systemctl shim stands in for systemd (tests/lab/rhel.py); /run/systemd/system
        # is how programs tell that systemd runs. RHEL's default .mc has no rate limits.
        boot += "mkdir -p /run/systemd/system\n"
        if wait_sendmail:
            boot += "systemctl start sendmail >/tmp/sendmail-start.log 2>&1\n"
    elif variant == "postfix":
        # What Debian's installer would have written on a host of this name (the image was
        # installed as mail.lab.test): /etc/mailname, myhostname and mydestination; the
        # rest is the package's stock main.cf and master.cf.
        boot += f"""
echo {fqdn} > /etc/mailname
sed -i 's/mail\\.{DOMAIN}/{fqdn}/g' /etc/postfix/main.cf
"""
        if wait_sendmail:
            boot += "/etc/init.d/postfix start >/tmp/sendmail-start.log 2>&1\n"
    server.run(boot, timeout=180)
    if not _wait_port(server_ip, 22, 20):
        raise LabError(f"lab {name}: sshd did not come up on {server_ip}:22")
    if variant in ("stock", "rhel", "internet", "postfix") and wait_sendmail:
        probe = server.run(
            "for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/25) 2>/dev/null "
            "&& exit 0; sleep 0.1; done; exit 1",
            check=False,
        )
        if probe.returncode != 0:
            raise LabError(
                f"lab {name}: sendmail did not come up: "
                f"{server.run('cat /tmp/sendmail-start.log', check=False).stdout}"
            )
    return server


def status() -> list[dict[str, object]]:
    out = []
    servers = LAB_DIR / "servers"
    if servers.exists():
        for d in sorted(servers.iterdir()):
            state = _load_state(d.name)
            if state is not None:
                alive = _pid_alive(int(state["init_pid"]))  # type: ignore[call-overload]
                out.append({**state, "running": alive})
    return out


def get(name: str) -> LabServer:
    """The running server ``name`` (for a second process, e.g. a person using the lab)."""
    state = _load_state(_valid_name(name))
    if state is None or not _pid_alive(int(state["init_pid"])):  # type: ignore[call-overload]
        raise LabError(
            f"lab server {name!r} is not running; start it with: python -m tests.lab up {name}"
        )
    hostkey = _host_key(name)
    return LabServer(
        name=name,
        index=int(state["index"]),
        variant=str(state["variant"]),  # type: ignore[call-overload]
        fqdn=str(state["fqdn"]),
        address=str(state["address"]),
        client_address=str(state["client"]),
        guesser_address=str(state.get("guesser", "")),
        host_key_line=" ".join(hostkey.with_suffix(".pub").read_text().split()[:2]),
    )


def stop_all() -> None:
    servers = LAB_DIR / "servers"
    if servers.exists():
        for d in servers.iterdir():
            if d.is_dir():
                stop(d.name)


def leftovers() -> list[str]:
    """What a lab may leave behind: used by the suite to prove teardown is clean."""
    found = []
    for ns in sh(["ip", "netns", "list"]).stdout.split():
        if ns.startswith("rwlab-"):
            found.append(f"netns {ns}")
    for line in sh(["ip", "-o", "link", "show"]).stdout.splitlines():
        ifname = line.split(":")[1].strip().split("@")[0]
        if ifname.startswith("rwlab"):
            found.append(f"interface {ifname}")
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            root = os.readlink(proc / "root")
        except OSError:
            continue
        if root.startswith(str(LAB_DIR)):
            found.append(f"process {proc.name} rooted in {root}")
    with open("/proc/mounts") as mounts:
        for line in mounts:
            if str(LAB_DIR) in line.split()[1]:
                found.append(f"mount {line.split()[1]}")
    return found


# --------------------------------------------------------------------------- CLI


def _describe(server: LabServer) -> str:
    return (
        f"lab server {server.name} ({server.variant}) is up\n"
        f"  FQDN            {server.fqdn}\n"
        f"  address         {server.address} (this machine is {server.client_address} to it)\n"
        f"  SSH             port 22, host key {server.host_key_line[:40]}...\n"
        f"  root            ssh -i {server.root_key} root@{server.address}\n"
        f"  sudo user       {server.admin_user} / {server.admin_password} (password sudo)\n"
        f"  NOPASSWD user   {server.deploy_user} / {server.deploy_password}\n"
        f"  no-sudo user    {server.guest_user} / {server.guest_password}\n"
        f"  shell inside    python -m tests.lab shell {server.name}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.lab", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("build", help="build (or check) the cached images")
    up = sub.add_parser("up", help="start a server (pristine), or restart it from pristine")
    up.add_argument("name", nargs="?", default="mail")
    up.add_argument("--variant", choices=VARIANTS, default="stock")
    down = sub.add_parser("down", help="stop a server and remove its namespaces")
    down.add_argument("name", nargs="?")
    down.add_argument("--all", action="store_true")
    reset = sub.add_parser("reset", help="reset a running server to pristine")
    reset.add_argument("name", nargs="?", default="mail")
    shell = sub.add_parser("shell", help="a root shell (or a command) inside a server")
    shell.add_argument("name", nargs="?", default="mail")
    shell.add_argument("command", nargs=argparse.REMAINDER)
    sub.add_parser("status", help="list lab servers")
    sub.add_parser(
        "check-clean", help="exit 1 if any lab process, netns, interface or mount is left"
    )
    args = parser.parse_args(argv)
    try:
        if args.cmd == "build":
            for variant in VARIANTS:
                build_images(variant)
        elif args.cmd == "up":
            print(_describe(start(args.name, args.variant)))
        elif args.cmd == "reset":
            server = get(args.name)
            print(_describe(start(server.name, server.variant)))
        elif args.cmd == "down":
            if args.all or not args.name:
                stop_all()
            else:
                stop(args.name)
        elif args.cmd == "shell":
            server = get(args.name)
            cmd = args.command or ["/bin/bash", "-l"]
            return subprocess.call(_nsenter(server.init_pid) + cmd)
        elif args.cmd == "status":
            for s in status():
                print(json.dumps(s))
        elif args.cmd == "check-clean":
            left = leftovers()
            for item in left:
                print(item)
            return 1 if left else 0
    except LabError as exc:
        print(f"lab: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

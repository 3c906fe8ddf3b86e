"""The fleet benchmark: the classic job on 8 lab servers at once, the product against Ansible.

Run as root (the lab), alone or in a full run:

    ./bench/run --only fleet --runs 1 --no-write

Starts 8 lab servers side by side (names BENCH_FLEET_PREFIX-1..8, default bench-f-1..8;
BENCH_FLEET_COUNT changes the 8), resets them to stock before every measured run (not
timed), and stops them and the delay proxies at the end, also on failure or Ctrl-C.

Per run, each timed from process start to exit, as a user at a terminal waits for it:

- **product, 8**: ``relay-wizard apply --inventory FLEET --jobs 8 --profile classic --yes``
  then ``relay-wizard users --inventory FLEET --jobs 8 add benchuser --password-stdin``;
- **product, 1**: the same two commands with an inventory of the first server alone;
- **Ansible, 8**: ``ansible-playbook -f 8`` running the playbook that
  ``relay-wizard export --format ansible --profile classic --sasl-user benchuser`` wrote
  (exported once, from the first server in its stock state; the password in a vault);
- **Ansible, 1**: the same playbook on the first server alone.

Both sides do the same job: sendmail.mc edited (backup first), sendmail.cf rebuilt and
checked, sendmail reloaded (HUP) and its listener waited for, the SASL account created in
sendmail's realm, then a check. The differences, kept on purpose (each is what a user of
that tool gets): the product's apply also reads and inspects the server first, keeps a
journal to roll back, and verifies from this computer with its open-relay audit over
SMTP; the playbook verifies the listeners and AUTH offer on each server. Ansible runs with
its default settings (SSH ControlPersist, no pipelining), as bench/reference does.

Then the same at 25 ms each way: one ``bench.proxy`` per server, listening on that
server's side of the lab link (ports 22 and 25), with both inventories pointing at the
proxies. The report gives the wall times, fleet-8 / one-server (target at most 2x) and
product-8 / Ansible-8 (target at most 0.3x), and where the fleet's time goes: each
server's own apply time from the product's ``--json`` rows (started/finished), the CPU
seconds of the command (with its children), of the lab servers (every process in their
PID namespaces) and of the whole machine (/proc/stat) while it ran, and the load average.
On a machine that runs the 8 servers too, the fleet is bound by CPU, not by waiting.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
BIN = Path(PY).parent
DELAY_MS = 25
USER = "benchuser"
FLEET_TARGET = 2.0
ANSIBLE_TARGET = 0.3
RECAP = re.compile(
    r"^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M
)

Result = dict[str, Any]


class Fleet:
    """Eight lab servers, their known hosts, inventories and (at 25 ms) their proxies."""

    def __init__(self, runs: int, prefix: str, count: int = 8) -> None:
        from tests.lab import lab

        self.lab = lab
        self.runs = runs
        self.names = [f"{prefix}-{i}" for i in range(1, count + 1)]
        self.tmp = Path(tempfile.mkdtemp(prefix="relay-wizard-fleet-"))
        self.proxies: list[subprocess.Popen[str]] = []
        self.active = 0  # the servers a timed command works on, for their CPU
        self.failures: list[str] = []
        self.env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHON": PY}
        self.env.pop("SSH_AUTH_SOCK", None)
        self.servers: list[Any] = []
        try:
            self.reset(self.names)
            self.servers = [lab.get(n) for n in self.names]
            self.key = str(self.servers[0].root_key)
            self.known = self.tmp / "known_hosts"
            self.known.write_text(
                "".join(
                    f"{s.address} {s.host_key_line}\n{s.client_address} {s.host_key_line}\n"
                    for s in self.servers
                )
            )
            self.password = password()
            self.book = self.export()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self.stop_proxies()
        try:
            for name in self.names:
                try:
                    self.lab.stop(name)
                except Exception as exc:  # stop the others all the same
                    print(f"  stopping {name} failed: {exc}", flush=True)
        finally:
            subprocess.run(["rm", "-rf", str(self.tmp)], check=False)

    # ---- plumbing

    def reset(self, names: list[str]) -> None:
        """Back to stock, four at a time (not timed). On Ctrl-C no further one starts."""
        pool = ThreadPoolExecutor(4)
        try:
            list(pool.map(self.lab.start, names))
        finally:
            pool.shutdown(cancel_futures=True)

    def start_proxies(self) -> None:
        for s in self.servers:
            p = subprocess.Popen(
                [PY, "-m", "bench.proxy", s.client_address, s.address, str(DELAY_MS), "22", "25"],
                stdout=subprocess.PIPE,
                text=True,
                env=self.env,
            )
            self.proxies.append(p)
            assert p.stdout is not None
            if p.stdout.readline().strip() != "ready":
                raise SystemExit(f"the delay proxy for {s.name} did not start")

    def stop_proxies(self) -> None:
        for p in self.proxies:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.proxies:
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
        self.proxies = []

    def run(
        self, argv: list[str], stdin: str = "", env: dict[str, str] | None = None
    ) -> tuple[float, str]:
        """Run to the end; its wall time, stdout. ``self.cpu`` gets the CPU it took: the
        command's own (user+sys, its children included), the first ``self.active`` lab
        servers' (every process in their namespaces) and the whole machine's busy time."""
        on = self.servers[: self.active]
        ru0, srv0, busy0 = _child_cpu(), _servers_cpu(on), _machine_busy()
        t0 = time.monotonic()
        p = subprocess.run(
            argv,
            input=stdin,
            capture_output=True,
            text=True,
            env=env or self.env,
            cwd=self.tmp,
            timeout=900,
        )
        dt = time.monotonic() - t0
        busy = _machine_busy() - busy0
        self.cpu = (_child_cpu() - ru0, _servers_cpu(on) - srv0, busy)
        if p.returncode != 0:
            raise SystemExit(
                f"failed ({p.returncode}): {shlex.join(argv)}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}"
            )
        return dt, p.stdout

    def hosts(self, count: int, delayed: bool) -> list[tuple[str, str]]:
        """(name, address) of the first ``count`` servers, the proxies' at 25 ms."""
        return [(s.name, s.client_address if delayed else s.address) for s in self.servers[:count]]

    # ---- the product

    def product(self, count: int, delayed: bool) -> Result:
        inventory = self.tmp / f"fleet-{count}.txt"
        inventory.write_text(
            "".join(
                f"{name} host={addr} user=root identity={self.key}\n"
                for name, addr in self.hosts(count, delayed)
            )
        )
        common = ["--inventory", str(inventory), "--jobs", str(count)]
        common += ["--known-hosts", str(self.known), "--no-agent"]
        cli = [PY, "-m", "wizard"]
        self.active = count
        load0 = os.getloadavg()[0]
        t_apply, out = self.run([*cli, "apply", *common, "--profile", "classic", "--yes", "--json"])
        cpu_client, cpu_servers, cpu_machine = self.cpu
        rows = json.loads(out)
        bad = [r for r in rows if not (r["ok"] and (r.get("report") or {}).get("verified"))]
        if bad:
            raise SystemExit(f"apply did not verify: {json.dumps([_failed(r) for r in bad])}")
        t_users, out = self.run(
            [*cli, "users", *common, "--json", "add", USER, "--password-stdin"],
            self.password + "\n",
        )
        users = json.loads(out)
        if not all(r["ok"] for r in users):
            raise SystemExit(f"users add failed: {out[-2000:]}")
        work = [float(r["finished"]) - float(r["started"]) for r in rows]
        first = min(float(r["started"]) for r in rows)
        last = max(float(r["finished"]) for r in rows)
        return {
            "time": t_apply + t_users,
            "apply": t_apply,
            "users": t_users,
            "work": work,  # each server's own apply, from its row
            "span": last - first,  # first server started .. last finished
            "load": [load0, os.getloadavg()[0]],
            # the apply command: its own CPU, and the machine's (servers included)
            "cpu_client": cpu_client,
            "cpu_servers": cpu_servers,
            "cpu_machine": cpu_machine,
        }

    # ---- Ansible

    def ansible_env(self) -> dict[str, str]:
        home = self.tmp / "ansible-home"
        home.mkdir(exist_ok=True)
        config = self.tmp / "ansible.cfg"
        config.write_text("")  # Ansible's defaults, whatever ansible.cfg lies around
        env = {k: v for k, v in self.env.items() if not k.startswith("ANSIBLE_")}
        env.update(
            HOME=str(home),
            ANSIBLE_HOME=str(home),
            ANSIBLE_CONFIG=str(config),
            ANSIBLE_LOCAL_TEMP=str(home / "tmp"),
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_RETRY_FILES_ENABLED="0",
        )
        return env

    def export(self) -> Path:
        """The product's playbook for the classic job with the user, its password vaulted."""
        out = self.tmp / "relay"
        s = self.servers[0]
        self.run(
            [PY, "-m", "wizard", "export", "--format", "ansible", f"root@{s.address}",
             "-i", self.key, "--known-hosts", str(self.known), "--no-agent",
             "--profile", "classic", "--sasl-user", USER, "-o", str(out)]
        )  # fmt: skip
        self.vault_pw = self.tmp / "vault-pass"
        self.vault_pw.write_text(password() + "\n")
        self.vault_pw.chmod(0o600)
        from wizard.core.exports.playbook_source import vault_var

        _, enc = self.run(
            [str(BIN / "ansible-vault"), "encrypt_string", "--vault-password-file",
             str(self.vault_pw), "--stdin-name", vault_var(USER)],
            self.password,
            env=self.ansible_env(),
        )  # fmt: skip
        (out / "group_vars" / "relay_wizard" / "vault.yml").write_text(enc)
        return out / "playbook.yml"

    def ansible(self, count: int, delayed: bool) -> Result:
        ssh_args = (
            f"-o UserKnownHostsFile={self.known} -o GlobalKnownHostsFile=/dev/null "
            "-o StrictHostKeyChecking=yes -o IdentitiesOnly=yes"
        )
        inventory = self.book.parent / f"inventory-{count}.ini"
        inventory.write_text(
            "[relay_wizard]\n"
            + "".join(
                f"{name} ansible_host={addr} ansible_user=root "
                f"ansible_ssh_private_key_file={self.key} "
                f"ansible_python_interpreter=/usr/bin/python3 ansible_ssh_common_args='{ssh_args}'\n"
                for name, addr in self.hosts(count, delayed)
            )
        )
        argv = [str(BIN / "ansible-playbook"), "-i", str(inventory), "-f", str(count)]
        argv += [str(self.book), "--vault-password-file", str(self.vault_pw)]
        load0 = os.getloadavg()[0]
        self.active = count
        dt, out = self.run(argv, env=self.ansible_env())
        counts = {m.group(1): (int(m.group(3)), int(m.group(5))) for m in RECAP.finditer(out)}
        if len(counts) != count or any(c == 0 or f for c, f in counts.values()):
            raise SystemExit(f"the playbook did not change every server: {counts}\n{out[-2000:]}")
        return {
            "time": dt,
            "load": [load0, os.getloadavg()[0]],
            "cpu_client": self.cpu[0],
            "cpu_servers": self.cpu[1],
            "cpu_machine": self.cpu[2],
        }

    # ---- the runs

    def measure(self, delayed: bool) -> dict[str, list[Result]]:
        n = len(self.names)
        plan = (
            (f"product {n}", self.product, n),
            ("product 1", self.product, 1),
            (f"ansible {n}", self.ansible, n),
            ("ansible 1", self.ansible, 1),
        )
        out: dict[str, list[Result]] = {label: [] for label, _, _ in plan}
        for i in range(self.runs):
            for label, fn, count in plan:
                names = self.names[:count]
                self.reset(names)
                try:
                    r = fn(count, delayed)
                except SystemExit as exc:  # counted and reported, then one retry
                    self.failures.append(
                        f"{label} ({'25 ms' if delayed else 'LAN'}): {str(exc)[:1500]}"
                    )
                    print(f"  run {i + 1} {label} FAILED, retrying once", flush=True)
                    self.reset(names)
                    r = fn(count, delayed)
                out[label].append(r)
                extra = ""
                if "work" in r:
                    extra = (
                        f" (apply {r['apply']:.2f} + users {r['users']:.2f}; servers' own apply "
                        f"{min(r['work']):.2f}..{max(r['work']):.2f} s; load {r['load'][1]:.1f})"
                    )
                extra += (
                    f" [CPU: command {r['cpu_client']:.2f} s, servers {r['cpu_servers']:.2f} s,"
                    f" machine {r['cpu_machine']:.2f} s]"
                )
                print(f"  run {i + 1}/{self.runs} {label:10} {r['time']:.2f} s{extra}", flush=True)
        return out


def _failed(row: dict[str, Any]) -> dict[str, Any]:
    """What a failed server's row says: its result, error and the steps that failed."""
    steps = (row.get("report") or {}).get("steps", [])
    return {
        **{k: row.get(k) for k in ("server", "result", "error", "fix", "verification")},
        "failed_steps": [st for st in steps if not st.get("ok")],
        "rollback": (row.get("report") or {}).get("rollback"),
    }


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _servers_cpu(servers: list[Any]) -> float:
    """CPU seconds the lab servers spent: every live process in each one's PID namespace,
    with the children it reaped (so a finished m4 or SMTP child counts once, in its parent)."""
    total = 0
    for server in servers:
        ns = os.readlink(f"/proc/{server.init_pid}/ns/pid")
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                if os.readlink(f"/proc/{pid}/ns/pid") != ns:
                    continue
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:  # gone meanwhile
                continue
            total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return total / os.sysconf("SC_CLK_TCK")


def _machine_busy() -> float:
    """Seconds of CPU the whole machine spent busy (all cores; /proc/stat, not idle/iowait)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def password() -> str:
    import secrets
    import string

    alphabet = string.ascii_letters + string.digits
    return "Bx9-" + "".join(secrets.choice(alphabet) for _ in range(16))


def run_fleet(runs: int) -> dict[str, object]:
    """Both link speeds; servers and proxies stopped at the end whatever happens."""
    prefix = os.environ.get("BENCH_FLEET_PREFIX", "bench-f")
    count = int(os.environ.get("BENCH_FLEET_COUNT", "8"))
    f = Fleet(runs, prefix, count)
    res: dict[str, object] = {"count": count}
    try:
        print(f"fleet of {count} on the lab link", flush=True)
        res["LAN"] = f.measure(delayed=False)
        print(f"fleet of {count} through {count} {DELAY_MS} ms proxies", flush=True)
        f.start_proxies()
        res[f"{DELAY_MS} ms each way"] = f.measure(delayed=True)
    finally:
        f.close()
        res["failures"] = f.failures
    return res


# --------------------------------------------------------------------------- report


def _fmt(xs: list[float]) -> str:
    return f"{statistics.median(xs):.2f} | {min(xs):.2f} | {max(xs):.2f}"


def _cpu_row(link: str, what: str, rs: list[Result], wall: str) -> str:
    client, busy = _med(rs, "cpu_client"), _med(rs, "cpu_machine")
    servers = _med(rs, "cpu_servers")
    return (
        f"| fleet, {link}: CPU (s) of {what}: the command / the servers / the whole machine "
        f"| {client:.2f} / {servers:.2f} / {busy:.2f} | | | "
        f"{busy / _med(rs, wall):.2f} of {os.cpu_count()} cores busy | | |"
    )


def _med(rs: list[Result], key: str) -> float:
    return float(statistics.median(r[key] for r in rs))


def _ratio(a: list[Result], b: list[Result]) -> float:
    return float(statistics.median(x["time"] / y["time"] for x, y in zip(a, b, strict=True)))


def report(res: dict[str, Any], machine: str) -> tuple[list[str], list[tuple[str, bool]]]:
    """Rows of the benchmark table (7 cells) and the targets met or missed."""
    n = res["count"]
    lines = [f"| **fleet benchmark** on {machine} | | | | | | |"]
    targets: list[tuple[str, bool]] = []
    for link in ("LAN", f"{DELAY_MS} ms each way"):
        data = res.get(link)
        if not data:
            continue
        p8, p1, a8, a1 = (
            data[k] for k in (f"product {n}", "product 1", f"ansible {n}", "ansible 1")
        )
        rf, ra = _ratio(p8, p1), _ratio(p8, a8)
        ok_f, ok_a = rf <= FLEET_TARGET, ra <= ANSIBLE_TARGET
        t = {k: [r["time"] for r in v] for k, v in data.items()}
        v_f = "met" if ok_f else "**missed**"
        v_a = "met" if ok_a else "**missed**"
        lines += [
            f"| fleet, {link}: product, 1 server (s) | {_fmt(t['product 1'])} | | | |",
            f"| fleet, {link}: **product, {n} servers, --jobs {n}** (s) | {_fmt(t[f'product {n}'])} "
            f"| {rf:.2f}× one server | ≤ {FLEET_TARGET:g}× | {v_f} |",
            f"| | | | | {ra:.2f}× Ansible-{n} | ≤ {ANSIBLE_TARGET:g}× | {v_a} |",
            f"| fleet, {link}: Ansible, 1 server (s) | {_fmt(t['ansible 1'])} | | | |",
            f"| fleet, {link}: Ansible, {n} servers, -f {n} (s) | {_fmt(t[f'ansible {n}'])} "
            f"| {_ratio(a8, a1):.2f}× one server | | |",
            f"| fleet, {link}: product {n}, each server's own apply (s) | "
            f"{_fmt([statistics.median(r['work']) for r in p8])} | "
            f"vs {statistics.median(r['work'][0] for r in p1):.2f} s alone | | |",
            f"| fleet, {link}: product {n}, first start to last finish of the applies (s) | "
            f"{_fmt([r['span'] for r in p8])} | load average after: "
            f"{statistics.median(r['load'][1] for r in p8):.1f} | | |",
            _cpu_row(link, f"the apply of {n} servers", p8, "apply"),
            _cpu_row(link, "the apply of 1 server", p1, "apply"),
            _cpu_row(link, f"Ansible on {n} servers", a8, "time"),
        ]
        targets += [(f"fleet {link} vs one server", ok_f), (f"fleet {link} vs Ansible", ok_a)]
    return lines, targets


NOTE = (
    "Same job on both sides: sendmail.mc edited (backup first), sendmail.cf rebuilt and "
    "checked, sendmail reloaded (HUP), the listener waited for, the SASL account created, a "
    "check. The product's time is `apply` plus `users add` (two commands, each from process "
    "start); its apply also inspects first, keeps a rollback journal and verifies from this "
    "computer with the open-relay audit, while the exported playbook checks listeners and AUTH "
    "on each server. Ansible runs with its default settings (forks = the server count)."
)


def block(res: dict[str, Any], machine: str) -> str:
    """The fleet's own table, appended to the benchmark report."""
    lines, _ = report(res, machine)
    head = [
        "| Fleet measurement | median | min | max | ratio (median of per-run ratios) | target | |",
        "|---|---|---|---|---|---|---|",
    ]
    text = "\n".join(head + lines) + "\n\n" + NOTE
    if res.get("failures"):
        text += "\n\nFailed fleet runs (each retried once on fresh servers):\n\n" + "\n".join(
            "- " + " ".join(f.split()) for f in res["failures"]
        )
    return text


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.fleet [--runs N]``: this benchmark alone, the table printed."""
    import argparse

    from bench.main import machine

    p = argparse.ArgumentParser(prog="python -m bench.fleet")
    p.add_argument("--runs", type=int, default=1)
    a = p.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    res = run_fleet(a.runs)
    raw = os.environ.get("BENCH_RAW_JSON")
    if raw:  # every measurement, for a closer look
        Path(raw).write_text(json.dumps(res, indent=1) + "\n")
    print(block(res, machine()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The Ansible export: line operations equal the plan's .mc, the playbook's shape, no secrets,
bad input. Pure (the real ansible-playbook runs in tests/integration/test_ansible_export.py)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.corpus import DEBIAN_MC as DEBIAN
from tests.corpus import DEBIAN_TLS as TLS
from tests.corpus import MC_DIR as DATA
from tests.unit.core.mta.sendmail.test_inspection import sections as stock_sections
from wizard.cli.console import Console
from wizard.cli.main import main
from wizard.core.change.options import RelayOptions
from wizard.core.errors import UsageError
from wizard.core.exports import playbook
from wizard.core.exports.lineops import (
    LineOp,
    NotLineBased,
    apply_line_op,
    apply_line_ops,
)
from wizard.core.exports.playbook_readme import render_readme
from wizard.core.exports.playbook_source import ExportError, PlaybookSource
from wizard.core.exports.playbook_tasks import HANDLER_REBUILD, HANDLER_RELOAD, render_playbook
from wizard.core.exports.yaml_writer import to_yaml
from wizard.core.mta.sendmail.inspect_parse import build_report
from wizard.core.mta.sendmail.mcplan import edit_mc, mc_editor
from wizard.core.mta.sendmail.plan import make_plan
from wizard.core.mta.sendmail.state import FileFacts, ServerState

OPTIONS = {
    "classic": RelayOptions("classic"),
    "classic-cram": RelayOptions("classic", mechanisms=("CRAM-MD5",)),
    "modern": RelayOptions("modern"),
    "modern-cram": RelayOptions("modern", mechanisms=("PLAIN", "LOGIN", "CRAM-MD5")),
    "modern-all": RelayOptions("modern", open_smtp=True, smtps=True),
    "modern-own-cert": RelayOptions(
        "modern", cert_file="/etc/ssl/mail.pem", key_file="/etc/ssl/mail.key"
    ),
}
SASL_CONF = (
    "# Debian's\npwcheck_method: saslauthd\n#auxprop_plugin: sasldb\nallowplaintext: 1\n"
    "mech_list: EXTERNAL DIGEST-MD5 CRAM-MD5 LOGIN PLAIN\n"
)
PASSWORD = "Never-In-A-File-42"


def tls_for(options: RelayOptions) -> tuple[str, str, str]:
    o = options.validated()
    if o.profile != "modern":
        return ("", "", "")
    if o.cert_file:
        return (o.cert_file, o.key_file, o.cert_file)
    return TLS


def test_every_edit_is_one_line_found_by_a_regexp_or_placed_by_an_anchor() -> None:
    o = OPTIONS["modern-all"].validated()
    ops = mc_editor(DEBIAN, o, TLS).operations()
    assert ops, "the stock file needs edits"
    for op in ops:
        assert "\n" not in op.line
        assert op.regexp or op.insertbefore or op.insertafter, op
    # The loopback-only listener is found by its name, before and after the edit.
    msp = next(op for op in ops if "MSP-v4" in op.line)
    assert "Addr=" not in msp.line and "MSP" in msp.regexp
    assert apply_line_op(DEBIAN, msp) != DEBIAN
    # New settings go before the mailers, where m4 wants them.
    added = apply_line_ops(DEBIAN, ops).splitlines()
    assert added.index("define(`confAUTH_OPTIONS', `A p y')dnl") < added.index("MAILER_DEFINITIONS")


def test_a_multi_line_macro_call_is_refused_not_approximated() -> None:
    text = DEBIAN.replace(
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl",
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4,\n  Port=smtp, Addr=127.0.0.1')dnl",
    )
    with pytest.raises(NotLineBased, match="spans several lines"):
        mc_editor(text, RelayOptions("classic").validated()).operations()
    with pytest.raises(ExportError, match="cannot reproduce"):
        playbook.source_from_mc(text, RelayOptions("classic"), "odd.mc")


def test_openbsd_listeners_inside_an_ifdef_are_edited_in_the_branch_m4_takes() -> None:
    # OpenBSD's DAEMON_OPTIONS stand in both branches of ifdef(`LOCALHOST_ONLY'); m4 takes
    # the second (nothing defines LOCALHOST_ONLY). The plan edits that branch only, and the
    # playbook's line operations (lineinfile replaces the last match) do the same.
    text = (DATA / "openbsd-openbsd-proto.mc").read_text()
    source = playbook.source_from_mc(text, RelayOptions("modern"), "openbsd.mc")
    new = apply_line_ops(text, list(source.mc_ops))
    assert "DAEMON_OPTIONS(`Family=inet, address=127.0.0.1, Port=587, Name=MSA, M=E')dnl" in new
    assert "DAEMON_OPTIONS(`Family=inet, Address=0.0.0.0, Port=587, Name=MSA, M=Ea')dnl" in new
    assert "Port=587, Name=MSA6, M=O, M=Ea')dnl" in new


# --------------------------------------------------------------------------- the playbook


def debian_state(mc: str = DEBIAN) -> ServerState:
    report = build_report("mail", stock_sections())
    files = {
        TLS[0]: FileFacts(TLS[0], True, "root", "root", 0o644, True, "k", "CN=mail"),
        TLS[1]: FileFacts(TLS[1], True, "root", "smmsp", 0o640, True, "k"),
    }
    return ServerState(
        report, "/etc/mail/sendmail.mc", mc, "/etc/mail/sasl/Sendmail.conf.2", SASL_CONF, files
    )


def load(text: str) -> Any:
    return yaml.safe_load(text)


def play_of(source: PlaybookSource) -> dict[str, Any]:
    data = load(render_playbook(source))
    assert isinstance(data, list) and len(data) == 1
    play: dict[str, Any] = data[0]
    return play


def task(play: dict[str, Any], start: str) -> dict[str, Any]:
    found = [t for t in play["tasks"] if t["name"].startswith(start)]
    assert len(found) == 1, [t["name"] for t in play["tasks"]]
    return found[0]


def test_the_playbook_carries_the_plans_own_edits() -> None:
    state = debian_state()
    o = RelayOptions("modern", smtps=True)
    plan = make_plan(state, o, "kill -HUP 1")
    source = playbook.source_from_state(state, plan, "mail")
    play = play_of(source)
    edits = [LineOp(**{k: v for k, v in e.items()}) for e in play["vars"]["relay_wizard_mc_edits"]]
    mc_change = next(c for c in plan.changes if c.path == "/etc/mail/sendmail.mc")
    assert apply_line_ops(DEBIAN, edits) == mc_change.after
    conf = [LineOp(**e) for e in play["vars"]["relay_wizard_sasl_conf_edits"]]
    conf_change = next(c for c in plan.changes if c.path.endswith("Sendmail.conf.2"))
    assert apply_line_ops(SASL_CONF, conf) == conf_change.after
    expect = play["vars"]["relay_wizard_expect"]
    assert [(e["port"], e["security"]) for e in expect] == [(587, "starttls"), (465, "tls")]
    assert all(e["mechanisms"] == ["PLAIN", "LOGIN"] for e in expect)
    # The plan's build command validates each candidate and rebuilds in the handler.
    apply_task = task(play, "/etc/mail/sendmail.mc: apply")
    validate = apply_task["ansible.builtin.lineinfile"]["validate"]
    assert validate.count("%s") == 1 and validate.endswith(f" %s {plan.build_command}")
    assert "%" not in validate.replace("%s", "")


def test_handlers_guards_and_no_log() -> None:
    play = play_of(playbook.source_from_mc(DEBIAN, RelayOptions("modern"), "debian.mc"))
    assert play["become"] is True and play["gather_facts"] is False
    handlers = [h["name"] for h in play["handlers"]]
    assert handlers == [HANDLER_REBUILD, HANDLER_RELOAD]
    rebuild, reload = (h["ansible.builtin.command"]["argv"] for h in play["handlers"])
    assert rebuild[:2] == ["sh", "-c"] and rebuild[-1] == "m4"
    assert "kill -HUP" in reload[2] and reload[4:] == ["25", "587"]
    edit = task(play, "/etc/mail/sendmail.mc: apply")
    assert edit["notify"] == handlers
    assert task(play, "/etc/mail/sasl/Sendmail.conf.2: apply")["notify"] == [handlers[1]]
    assert task(play, "/etc/mail/sendmail.mc: back it up")["when"].endswith("is changed")
    assert task(play, "/etc/mail/sendmail.mc: find out")["check_mode"] is True
    # Every command either changes nothing or says when it did.
    for t in play["tasks"]:
        if "ansible.builtin.command" in t or "ansible.builtin.shell" in t:
            assert "changed_when" in t or t["name"].startswith("Create the mail"), t["name"]
    create = task(play, "Create the mail accounts")
    argv = create["ansible.builtin.command"]["argv"]
    assert argv[:7] == [
        "saslpasswd2",
        "-f",
        "/etc/sasldb2",
        "-p",
        "-c",
        "-u",
        "{{ relay_wizard_realm }}",
    ]
    assert create["ansible.builtin.command"]["stdin"] == "{{ item.password }}"
    assert "password" not in " ".join(argv)
    assert "not in relay_wizard_existing" in create["when"]  # never resets a password
    assert create["no_log"] is True
    assert task(play, "Check the mail accounts")["no_log"] is True
    for t in play["tasks"]:
        if "item.password" in str(t):
            assert t.get("no_log") is True, t["name"]


def test_classic_touches_no_sasl_conf_and_checks_no_tls() -> None:
    play = play_of(playbook.source_from_mc(DEBIAN, RelayOptions("classic"), "debian.mc"))
    names = [t["name"] for t in play["tasks"]]
    assert not any("Sendmail.conf" in n for n in names)
    assert not any("TLS" in n for n in names)
    assert "relay_wizard_sasl_conf_edits" not in play["vars"]
    assert [(e["port"], e["plain_before_tls"]) for e in play["vars"]["relay_wizard_expect"]] == [
        (25, True)
    ]
    assert "STARTTLS" not in str(task(play, "Check that sendmail")["ansible.builtin.assert"])


def test_the_bundle_holds_no_secret_only_vault_references() -> None:
    source = playbook.source_from_mc(DEBIAN, RelayOptions("modern"), "debian.mc")
    files = playbook.render_bundle(source, ["alice", "bob.smith"])
    assert set(files) == {
        "playbook.yml",
        "inventory.example.ini",
        "group_vars/relay_wizard/vars.yml",
        "README.md",
    }
    for name, text in files.items():
        assert PASSWORD not in text
        if name.endswith(".yml"):
            load(text)
    users = load(files["group_vars/relay_wizard/vars.yml"])["relay_wizard_sasl_users"]
    assert users == [
        {"name": "alice", "password": "{{ vault_relay_wizard_password_alice }}"},
        {"name": "bob.smith", "password": "{{ vault_relay_wizard_password_bob_smith }}"},
    ]
    assert "ansible-vault encrypt_string" in files["README.md"]
    assert "--stdin-name vault_relay_wizard_password_alice" in files["README.md"]
    assert "audit-relay" in files["README.md"]


def test_bad_accounts_are_refused() -> None:
    with pytest.raises(UsageError, match="not a usable account name"):
        playbook.check_accounts(["al ice"])
    with pytest.raises(UsageError, match="without '@'"):
        playbook.check_accounts(["alice@example.com"])
    with pytest.raises(UsageError, match="share the vault variable"):
        playbook.check_accounts(["a.b", "a_b"])


def test_a_file_already_configured_gives_nothing_to_derive() -> None:
    done = edit_mc(DEBIAN, RelayOptions("classic").validated())
    with pytest.raises(ExportError, match="already has this profile"):
        playbook.source_from_mc(done, RelayOptions("classic"), "done.mc")


def test_a_line_ansible_would_template_is_refused() -> None:
    text = DEBIAN.replace(
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl",
        "DAEMON_OPTIONS(`Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl {{ x }}",
    )
    source = playbook.source_from_mc(text, RelayOptions("classic"), "odd.mc")
    with pytest.raises(ExportError, match="template"):
        render_playbook(source)


def test_a_plan_with_errors_is_not_exported() -> None:
    state = debian_state()
    state = ServerState(state.report, state.mc_path, state.mc_text, "", "", state.files)
    plan = make_plan(state, RelayOptions("modern"), "kill -HUP 1")
    assert plan.errors
    with pytest.raises(ExportError, match="has errors"):
        playbook.source_from_state(state, plan, "mail")


def test_yaml_emitter_round_trips_awkward_values() -> None:
    value = {
        "plain": "abc",
        "reserved": "yes",
        "colon": "a: b",
        "hash": "a #b",
        "quote": "it's `x'",
        "script": "line one\n  indented\nend\n",
        "no_final_newline": "a\nb",
        "numbers": [1, True, False],
        "empty": [],
        "nested": [{"a": {"b": "c"}}, {}],
    }
    assert load(to_yaml(value, header=["a comment"])) == value


# --------------------------------------------------------------------------- the CLI


def cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, console=Console(stdin=io.StringIO(""), stderr=err), out=out)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def mc_file(tmp_path: Path) -> Path:
    path = tmp_path / "sendmail.mc"
    path.write_text(DEBIAN)
    return path


def test_cli_writes_a_directory_and_keeps_the_admins_vars(mc_file: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "pb"
    code, out, err = cli(
        ["export", "--format", "ansible", "--mc-file", str(mc_file), "--sasl-user", "alice",
         "-o", str(out_dir)]
    )  # fmt: skip
    assert code == 0, err
    assert out == "" and "README.md" in err
    assert load((out_dir / "playbook.yml").read_text())[0]["hosts"]
    vars_file = out_dir / "group_vars" / "relay_wizard" / "vars.yml"
    vars_file.write_text("relay_wizard_sasl_users: []  # mine\n")
    code, _, err = cli(
        ["export", "--format", "ansible", "--mc-file", str(mc_file), "--profile", "classic",
         "-o", str(out_dir)]
    )  # fmt: skip
    assert code == 0 and "kept your" in err
    assert vars_file.read_text().endswith("# mine\n")
    assert "classic profile" in (out_dir / "playbook.yml").read_text()


def test_cli_single_file_and_stdout(mc_file: Path, tmp_path: Path) -> None:
    code, out, _ = cli(["export", "--format", "ansible", "--mc-file", str(mc_file)])
    assert code == 0 and load(out)[0]["handlers"]
    one = tmp_path / "relay.yml"
    code, _, _ = cli(["export", "--format", "ansible", "--mc-file", str(mc_file), "-o", str(one)])
    assert code == 0 and one.read_text() == out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "needs the sendmail.mc to plan from"),
        (["--mc-file", "/nonexistent/sendmail.mc"], "Cannot read /nonexistent/sendmail.mc"),
        (["--mc-file", "MC", "--user", "alice"], "--user: only for the client formats"),
        (["--mc-file", "MC", "--sasl-user", "alice"], "only the directory form"),
        (["--mc-file", "MC", "--mech", "NTLM"], "does not use NTLM"),
        (["--mc-file", "MC", "--profile", "classic", "--smtps"], "no TLS options"),
        (["--mc-file", "MC", "mail.example.com"], "either a TARGET or --mc-file"),
        (["--mc-file", "MC", "-o", "/proc/relay-wizard/pb"], "Cannot write /proc/relay-wizard"),
    ],
)
def test_cli_bad_input_gets_a_clear_message(mc_file: Path, extra: list[str], message: str) -> None:
    argv = ["export", "--format", "ansible", *[str(mc_file) if a == "MC" else a for a in extra]]
    code, out, err = cli(argv)
    assert code == 2, err
    assert message in err and out == ""


def test_cli_client_formats_still_need_their_profile_and_user(mc_file: Path) -> None:
    code, _, err = cli(["export", "--format", "msmtp", "--user", "alice"])
    assert code == 2 and "needs --profile-name NAME and --user USER" in err
    code, _, err = cli(
        ["export", "--format", "msmtp", "--profile-name", "x", "--user", "a", "--mc-file",
         str(mc_file)]
    )  # fmt: skip
    assert code == 2 and "--mc-file is only for --format ansible" in err


# --------------------------------------------------------------------------- hostile names


@pytest.mark.parametrize(
    "name",
    [
        "evil\nhosts: all\n- hosts: all\n  tasks: [{shell: touch /tmp/pwned}]",
        "evil\r- hosts: all",
        "evil\x85- hosts: all",
        "evil\u2028- hosts: all",
        "evil\u2029x: 1",
        "evil {{ lookup('pipe', 'id') }}",
    ],
)
def test_a_hostile_mc_file_name_cannot_leave_its_comment(name: str) -> None:
    """The --mc-file name goes into the header comment and the README: as data only."""
    plain = render_playbook(playbook.source_from_mc(DEBIAN, OPTIONS["modern"], "x.mc"))
    hostile = render_playbook(playbook.source_from_mc(DEBIAN, OPTIONS["modern"], name))
    assert load(hostile) == load(plain), "the same play: the name added nothing"
    header = hostile.split("\n---\n", 1)[0]
    assert all(line.startswith("#") for line in header.split("\n"))
    for mark in ("\r", "\x85", "\u2028", "\u2029"):
        assert mark not in hostile
    readme = render_readme(playbook.source_from_mc(DEBIAN, OPTIONS["modern"], name), [])
    assert "\n- hosts: all" not in readme and "\r" not in readme


def test_the_cli_writes_a_hostile_mc_file_name_escaped(tmp_path: Path) -> None:
    path = tmp_path / "evil\n- hosts: all\n#.mc"
    path.write_text(DEBIAN)
    code, out, err = cli(["export", "--format", "ansible", "--mc-file", str(path)])
    assert code == 0, err
    assert "evil\\x0a- hosts: all\\x0a#.mc" in out
    (play,) = load(out)
    assert play["hosts"] == "{{ relay_wizard_hosts | default('relay_wizard') }}"

"""The remote scripts (wizard/core/remote/scripts): shellcheck on every text as it is sent,
no orphan file, no lib function missing, and no shell left in a Python string."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import ROOT
from wizard.core.exports import playbook_tasks as playbook
from wizard.core.mail import diagnose
from wizard.core.mta.sendmail import inspection, users
from wizard.core.mta.sendmail import plan as sendmail_plan
from wizard.core.mta.sendmail import state as sendmail_state
from wizard.core.remote import lock as server_lock
from wizard.core.remote import scripts, sections

WIZARD = ROOT / "wizard"
SCRIPTS = WIZARD / "core" / "remote" / "scripts"

# Texts sent as one: the inspection with what is appended to it, between the sections'
# prelude and epilogue (wizard.core.remote.sections.command).
SECTIONED = [
    ("inspect",),
    ("inspect", sendmail_state.STATE),
    ("inspect", diagnose._SERVER),
    ("follow",),
]


def shell_scripts() -> list[str]:
    return [f for f in scripts.files() if f.endswith(".sh") and f != scripts.LIB]


def shellcheck(text: str, shell: str = "sh") -> str:
    """shellcheck's findings on ``text`` ("" if none). Fails (never skips) without it."""
    tool = shutil.which("shellcheck")
    if tool is None:
        pytest.fail("shellcheck is not installed (Debian: apt-get install shellcheck)")
    result = subprocess.run(
        [tool, "-s", shell, "-f", "gcc", "-"], input=text, capture_output=True, text=True
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


@pytest.mark.parametrize("name", shell_scripts())
def test_every_script_as_sent_passes_shellcheck(name: str) -> None:
    text = scripts.load(name)
    assert text.strip()
    assert shellcheck(text) == ""


@pytest.mark.parametrize("names", SECTIONED, ids="+".join)
def test_every_sectioned_script_as_sent_passes_shellcheck(names: tuple[str, ...]) -> None:
    text = sections.PRELUDE + scripts.load(*names) + sections.EPILOGUE
    assert shellcheck(text) == ""


def test_the_whole_lib_and_the_bash_piece_pass_shellcheck() -> None:
    assert shellcheck((SCRIPTS / scripts.LIB).read_text()) == ""
    assert shellcheck(scripts.lib(*scripts.functions())) == ""
    assert shellcheck((SCRIPTS / "ehlo.bash").read_text(), "bash") == ""


def test_shellcheck_finds_what_it_should() -> None:
    """The check can fail: a script with an unquoted expansion is reported."""
    assert "SC2086" in shellcheck("rm -f $1\n")


def test_the_module_constants_are_the_loaded_scripts() -> None:
    assert scripts.load("inspect") == inspection.INSPECT_SCRIPT
    assert scripts.lib("listening") == sendmail_plan.LISTENING_FN
    assert scripts.load("lock") == server_lock._LOCK_SCRIPT
    assert (SCRIPTS / "verify.py").read_text() == playbook.VERIFY_SCRIPT
    assert users.scripts is scripts and diagnose.scripts is scripts


def test_a_script_gets_the_lib_functions_it_names_and_theirs_once() -> None:
    text = scripts.load("inspect", "state")
    for fn in ("sendmail_mc", "sendmail_pid", "sasl_conf", "sasldb_path", "held_sockets"):
        assert text.count(f"\n{fn}() {{") + text.startswith(f"{fn}() {{") == 1, fn
    assert text.count("\nfail2ban_pid() {") == 1  # state.sh's, sent with the inspection's
    assert "daemon_pid() {" not in text  # state.sh reuses the inspection's pid_line
    assert "listening() {" not in text and "reload_sendmail() {" not in text
    # reload_sendmail brings what it calls: sendmail_pid, daemon_pid, listening, socket_inodes
    restart = scripts.load("restart")
    for fn in ("sendmail_pid", "daemon_pid", "listening", "socket_inodes", "reload_sendmail"):
        assert f"{fn}() {{" in restart, fn
    assert "rw_take_lock" not in restart
    with pytest.raises(KeyError):
        scripts.lib("no_such_function")


def test_comments_are_not_sent_but_shellcheck_directives_are() -> None:
    text = scripts.load("rollback")
    lines = text.splitlines()
    assert all(ln.strip() for ln in lines)
    comments = [ln.strip() for ln in lines if ln.strip().startswith("#")]
    assert comments and all(c.startswith("# shellcheck disable=") for c in comments)
    assert not text.startswith("#!")


def called(code: str, name: str) -> bool:
    """Is ``name`` run as a command somewhere in ``code`` (not merely a word in it)?"""
    start = r"(?:^|[;&|({!]|\$\(|\bthen|\bdo|\belse|\bif|\bwhile|\buntil)"
    return re.search(start + r"\s*" + re.escape(name) + r"(?:\s|$|;|\))", code, re.M) is not None


@pytest.mark.parametrize("name", shell_scripts())
def test_every_lib_function_a_script_calls_is_sent_with_it(name: str) -> None:
    text = scripts.load(name)
    for fn in scripts.functions():
        if called(text, fn):
            assert f"{fn}() {{" in text, f"{name} calls {fn} without naming it on '# lib:'"


def test_no_script_file_is_an_orphan_and_every_lib_function_is_used() -> None:
    sources = [
        p.read_text()
        for p in WIZARD.rglob("*.py")
        if p.parent != SCRIPTS  # the loader and verify.py name no script
    ]
    used_by_modules = {
        f
        for f in scripts.files()
        for name in (f.removesuffix(".sh"), f)
        if any(f'"{name}"' in src for src in sources)
    }
    embedded = {
        line.split()[-1]
        for f in scripts.files()
        for line in scripts.source(f).splitlines()
        if line.startswith("# embed:")
    }
    orphans = set(scripts.files()) - used_by_modules - embedded - {scripts.LIB}
    assert not orphans, f"script files no module loads: {sorted(orphans)}"
    sent = "".join(scripts.load(f) for f in shell_scripts())
    unused = [fn for fn in scripts.functions() if f"{fn}() {{" not in sent]
    assert not unused, f"lib.sh functions no script uses: {unused}"


# Shell in a Python string: a construct no message or Jinja template holds.
SHELL = re.compile(
    r"\$\(|\$\{|(?<!\\)\$[1-9@#?]|\|\| *exit|2>&1|>\s*/dev/null|(?:^|;)\s*(?:fi|done|esac)\b|"
    r"\bthen\b.*\bfi\b|\[ -[a-z] ",
    re.M,
)
# Text shown to a person, never run (the Review page's text for each step comes from the
# step object that runs it: none is shell).
SHOWN_ONLY: set[str] = set()


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def shell_strings(path: Path) -> list[str]:
    """Each string constant of ``path`` (docstrings aside) that holds shell, with its line."""
    tree = ast.parse(path.read_text())
    skip = docstrings(tree)
    return [
        f"{path.name}: {node.value[:60]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and SHELL.search(node.value)
    ]


def test_no_module_holds_shell_in_a_string() -> None:
    found = [hit for p in sorted(WIZARD.rglob("*.py")) for hit in shell_strings(p)]
    assert sorted(found) == sorted(SHOWN_ONLY)


def test_the_shell_detector_can_fail(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Doc with $(x)."""\nX = "set -u\\nfor f in a; do echo $f; done"\n')
    assert len(shell_strings(sample)) == 1


def test_the_validate_script_has_no_percent_sign() -> None:
    """Ansible "%"-formats lineinfile's validate: the script must hold no "%"."""
    assert "%" not in playbook.VALIDATE_SCRIPT


def test_verify_py_compiles_for_the_servers_python() -> None:
    source = scripts.load("verify.py")
    ast.parse(source, "verify.py", feature_version=(3, 6))


def test_only_the_certificate_of_a_combined_pem_leaves_the_server(tmp_path: Path) -> None:
    # RHEL's sendmail.pem (and many hand-made files) hold the private key and the
    # certificate in one file; inspection must send the certificate alone
    key = "-----BEGIN PRIVATE KEY-----\nS3CR3TKEYMATERIAL\n-----END PRIVATE KEY-----\n"
    cert = "-----BEGIN CERTIFICATE-----\nQ0VSVElGSUNBVEU=\n-----END CERTIFICATE-----\n"
    second = "-----BEGIN CERTIFICATE-----\nQ0hBSU4=\n-----END CERTIFICATE-----\n"
    for content in (key + cert + second, cert + key):
        pem = tmp_path / "sendmail.pem"
        pem.write_text(content)
        script = scripts.lib("pem_certificate") + f'\npem_certificate "{pem}"\n'
        out = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=True)
        assert out.stdout == cert
        assert "S3CR3T" not in out.stdout

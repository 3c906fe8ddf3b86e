"""The paramiko internals the SSH channels rely on are still there, in the shape used.

``wizard.core.remote.channel.send_exec`` sends the exec request without waiting for its
reply (one round trip less per command) through private paramiko calls, listed once in
``channel.PARAMIKO_PRIVATE``. pyproject.toml pins paramiko to the range these tests
passed on; a new paramiko that fails here must not be allowed before the channel code is
adapted. Each failure says which internal changed and what to do.
"""

from __future__ import annotations

import inspect
import re
import socket
import threading
import tomllib
from pathlib import Path

import paramiko
import pytest
from packaging.requirements import Requirement

from wizard.core.remote import channel
from wizard.core.remote.channel import PARAMIKO_PRIVATE, PrivateCall

ROOT = Path(__file__).resolve().parents[4]
KINDS: dict[str, type] = {
    "int": int,
    "bool": bool,
    "Event": type(threading.Event()),
    "None": type(None),
}
_MISSING = object()


def loudly(call: PrivateCall, problem: str) -> str:
    return (
        f"paramiko {paramiko.__version__}: {call.owner}.{call.name} {problem}. "
        f"Relay Wizard uses it in wizard/core/remote ({call.why}). "
        "Adapt send_exec/Channels to this paramiko (compare with paramiko's own "
        "Channel.exec_command), update channel.PARAMIKO_PRIVATE, and only then widen "
        "the paramiko range in pyproject.toml; until then keep paramiko below this version."
    )


def ids(calls: list[PrivateCall]) -> list[str]:
    return [f"{c.owner}.{c.name}" for c in calls]


METHODS = [c for c in PARAMIKO_PRIVATE if c.params is not None]
ATTRIBUTES = [c for c in PARAMIKO_PRIVATE if c.params is None]


@pytest.mark.parametrize("call", METHODS, ids=ids(METHODS))
def test_each_private_method_exists_with_the_parameters_we_pass(call: PrivateCall) -> None:
    method = getattr(getattr(paramiko, call.owner), call.name, None)
    if not callable(method):
        pytest.fail(loudly(call, "is gone"))
    params = tuple(inspect.signature(method).parameters)[1:]  # after self
    if params != call.params:
        pytest.fail(loudly(call, f"now takes {params}, not {call.params}"))


@pytest.mark.parametrize("call", ATTRIBUTES, ids=ids(ATTRIBUTES))
def test_each_internal_attribute_is_set_on_a_new_object(call: PrivateCall) -> None:
    if call.owner == "Transport":
        ours, theirs = socket.socketpair()
        try:
            value = getattr(paramiko.Transport(ours), call.name, _MISSING)
        finally:
            ours.close()
            theirs.close()
    else:
        value = getattr(paramiko.Channel(7), call.name, _MISSING)
    if value is _MISSING:
        pytest.fail(loudly(call, f"is no longer set on a new {call.owner}"))
    if not isinstance(value, KINDS[call.kind]):
        pytest.fail(loudly(call, f"is now a {type(value).__name__}, not a {call.kind}"))


def test_the_login_request_is_still_what_paramiko_sends_once_the_service_is_accepted() -> None:
    """login._request_ahead sends paramiko's own request early: it must still be built by
    AuthHandler._parse_service_accept (after the accept) and sent by _request_auth's
    service request before it, with AuthHandler's handler table reading the method
    from the instance (so that the override of the accept takes effect)."""
    handler = paramiko.AuthHandler
    accept = inspect.getsource(handler._parse_service_accept)
    for step in ("cMSG_USERAUTH_REQUEST", "sign_ssh_data", "self.transport._send_message(m)"):
        assert step in accept, f"paramiko {paramiko.__version__}: {step} left the accept"
    assert "cMSG_SERVICE_REQUEST" in inspect.getsource(handler._request_auth)
    assert "self._parse_service_accept" in inspect.getsource(
        handler._client_handler_table.fget  # type: ignore[attr-defined]
    )


def test_exec_command_is_still_our_send_exec_plus_a_wait() -> None:
    """send_exec copies exec_command minus its last line: the same message, the same calls."""
    source = inspect.getsource(paramiko.Channel.exec_command)
    steps = [
        "m.add_byte(cMSG_CHANNEL_REQUEST)",
        "m.add_int(self.remote_chanid)",
        'm.add_string("exec")',
        "m.add_boolean(True)",
        "m.add_string(command)",
        "self._event_pending()",
        "self.transport._send_user_message(m)",
        "self._wait_for_event()",
    ]
    found = [line.strip() for line in source.splitlines() if line.strip() in steps]
    if found != steps:
        pytest.fail(
            f"paramiko {paramiko.__version__} changed Channel.exec_command: its steps are now "
            f"{found}, not {steps}. wizard/core/remote/channel.py's send_exec copies them "
            "minus the wait: copy the new ones (and update channel.PARAMIKO_PRIVATE) before "
            "widening the paramiko range in pyproject.toml."
        )
    ours = inspect.getsource(channel.send_exec)
    for step in steps[:-1]:
        mine = step.replace("self.", "chan.").replace("cMSG", "paramiko.common.cMSG")
        assert mine in ours, f"send_exec no longer does {mine!r}: keep it a copy of exec_command"


def test_every_private_call_in_the_package_is_in_the_list() -> None:
    """A private paramiko call added anywhere in wizard/core/remote must be listed (and
    so checked here): ``chan._x`` or ``transport._x``."""
    listed = {c.name for c in PARAMIKO_PRIVATE}
    used: set[str] = set()
    for path in (ROOT / "wizard" / "core" / "remote").glob("*.py"):
        used |= set(re.findall(r"(?:chan|transport)\.(_[a-z]\w*)", path.read_text()))
    assert used, "the scan found no private call at all: is send_exec still in the package?"
    assert used <= listed, f"private paramiko calls missing from PARAMIKO_PRIVATE: {used - listed}"


def test_the_installed_paramiko_is_in_the_pinned_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = [Requirement(d) for d in project["dependencies"] if d.startswith("paramiko")]
    assert len(pins) == 1 and pins[0].specifier, "pyproject.toml must pin paramiko to a range"
    assert any(s.operator == "<" for s in pins[0].specifier), "the pin needs an upper bound"
    assert pins[0].specifier.contains(paramiko.__version__), (
        f"paramiko {paramiko.__version__} is installed, outside the range these tests "
        f"were verified on ({pins[0].specifier}): run them, then move the pin"
    )

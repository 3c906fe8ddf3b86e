"""CoreServices and the page tests' fake both have every call the GUI makes, with the same
parameters: a fake that drifts from the real services fails here, not in a page test."""

from __future__ import annotations

import inspect

import pytest

from tests.ui.fakes import FakeServices
from wizard.core.services import CoreServices
from wizard.ui.model.services import FleetServices, Services


def calls(protocol: type) -> dict[str, inspect.Signature]:
    names = [
        name
        for klass in protocol.__mro__
        if klass.__module__ == "wizard.ui.model.services"
        for name, value in vars(klass).items()
        if inspect.isfunction(value) and not name.startswith("_")
    ]
    return {name: inspect.signature(getattr(protocol, name)) for name in names}


def shape(sig: inspect.Signature) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in sig.parameters.values()]


@pytest.mark.parametrize(
    ("protocol", "implementation"),
    [(Services, CoreServices), (FleetServices, CoreServices), (Services, FakeServices)],
)
def test_it_has_every_call_with_the_same_parameters(protocol: type, implementation: type) -> None:
    wanted = calls(protocol)
    assert wanted, "the protocol lists the calls"
    for name, sig in wanted.items():
        method = getattr(implementation, name, None)
        assert method is not None, f"{implementation.__name__} has no {name}()"
        assert shape(inspect.signature(method)) == shape(sig), f"{implementation.__name__}.{name}"


def test_the_fleet_calls_are_the_servers_windows() -> None:
    assert set(calls(FleetServices)) - set(calls(Services)) == {
        "saved_passwords",
        "send_check",
        "audit_check",
    }

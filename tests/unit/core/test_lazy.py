"""wizard.core.lazy: a module stands in until first used; importing the core loads no SSH
or keyring library (checked in a fresh interpreter, the test process has both loaded)."""

import json
import subprocess
import sys

import pytest

from tests import ROOT
from wizard.core.lazy import LazyModule

HEAVY = ("paramiko", "cryptography", "invoke", "keyring")


def run_probe(code: str) -> dict[str, object]:
    """Runs ``code`` in a fresh interpreter; it sets ``out`` (a dict), printed as JSON."""
    probe = f"import json, sys\nout = {{}}\n{code}\nprint(json.dumps(out))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def heavy_loaded() -> str:
    return f"[m for m in {HEAVY!r} if m in sys.modules]"


def test_importing_the_core_loads_neither_ssh_nor_keyring_libraries() -> None:
    out = run_probe(
        "import wizard.core.services, wizard.core.local.profiles, wizard.core.local.credentials\n"
        f"out['loaded'] = {heavy_loaded()}"
    )
    assert out["loaded"] == []


def test_first_attribute_read_imports_the_module() -> None:
    out = run_probe(
        "from wizard.core.lazy import LazyModule\n"
        "proxy = LazyModule('xml.dom.minidom')\n"
        "out['before'] = 'xml.dom.minidom' in sys.modules\n"
        "node = proxy.Document\n"
        "out['after'] = 'xml.dom.minidom' in sys.modules\n"
        "out['same'] = node is sys.modules['xml.dom.minidom'].Document"
    )
    assert out == {"before": False, "after": True, "same": True}


def test_submodules_are_imported_with_the_module() -> None:
    out = run_probe(
        "from wizard.core.lazy import LazyModule\n"
        "proxy = LazyModule('email', 'headerregistry')\n"
        "out['parser'] = proxy.headerregistry.HeaderRegistry.__name__"
    )
    assert out["parser"] == "HeaderRegistry"


def test_a_missing_module_raises_at_use_and_load_all_does_not() -> None:
    proxy = LazyModule("wizard_no_such_module")
    with pytest.raises(ModuleNotFoundError):
        proxy.anything  # noqa: B018
    out = run_probe(
        "from wizard.core import lazy\n"
        "lazy.LazyModule('wizard_no_such_module')\n"
        "out['loaded'] = lazy.load_all()"
    )
    assert "wizard_no_such_module" not in out["loaded"]  # type: ignore[operator]


def test_load_all_imports_ssh_and_keyring_for_the_core() -> None:
    out = run_probe(
        "from wizard.core import lazy\n"
        "from wizard.core.remote import session\n"
        "from wizard.core.local import credentials\n"
        "out['loaded'] = lazy.load_all()\n"
        f"out['now'] = {heavy_loaded()}\n"
        "import paramiko, keyring.errors\n"
        "out['same'] = [session.paramiko.Transport is paramiko.Transport,\n"
        "    credentials.keyring.errors.KeyringLocked is keyring.errors.KeyringLocked]"
    )
    assert {"paramiko", "keyring"} <= set(out["loaded"])  # type: ignore[call-overload]
    assert {"paramiko", "cryptography", "keyring"} <= set(out["now"])  # type: ignore[call-overload]
    assert out["same"] == [True, True]


def test_a_key_line_fingerprint_does_not_load_paramiko() -> None:
    # Saved profiles carry host keys: loading them for the first page must stay light.
    out = run_probe(
        "from wizard.core.remote.hostkeys import fingerprint\n"
        "out['fp'] = fingerprint('ssh-ed25519 "
        "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl')\n"
        f"out['loaded'] = {heavy_loaded()}"
    )
    assert str(out["fp"]).startswith("SHA256:")
    assert out["loaded"] == []


def test_paramiko_loads_without_the_optional_package_the_wizard_never_uses() -> None:
    # paramiko tries invoke (for ssh_config's "Match exec") at import: not loaded with it,
    # and still importable afterwards by whoever wants it.
    out = run_probe(
        "from wizard.core.remote import session\n"
        "out['transport'] = session.paramiko.Transport.__name__\n"
        "out['invoke'] = [m for m in ('invoke', 'yaml') if m in sys.modules]\n"
        "import paramiko.config\n"
        "out['config_sees_invoke'] = paramiko.config.invoke is not None\n"
        "import invoke\n"
        "out['importable'] = invoke.__name__"
    )
    assert out == {
        "transport": "Transport",
        "invoke": [],
        "config_sees_invoke": False,
        "importable": "invoke",
    }


def test_a_module_loaded_already_is_taken_as_it_is() -> None:
    out = run_probe(
        "import invoke, paramiko\n"
        "from wizard.core.remote import session\n"
        "out['same'] = session.paramiko.Transport is paramiko.Transport\n"
        "out['invoke'] = sys.modules['invoke'] is invoke"
    )
    assert out == {"same": True, "invoke": True}

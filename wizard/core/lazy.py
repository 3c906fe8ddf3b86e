"""Heavy third-party modules imported on first use, not when the core is imported.

paramiko (with cryptography and invoke) and keyring take about half a second to import:
the window must not wait for them. A module that needs one binds its name to a
:class:`LazyModule` at run time and imports it for real only under ``TYPE_CHECKING``
(mypy sees the real module, PyInstaller's static analysis still finds and bundles it)::

    if TYPE_CHECKING:
        import paramiko
    else:
        paramiko = LazyModule("paramiko")

The first attribute read (``paramiko.Transport``) imports the module, under Python's
import lock, so threads may race to it safely; later reads cost one attribute lookup.
:func:`load_all` imports every such module now: the GUI calls it on a background thread
once the window is on screen, so that the first click does not pay for the imports.

Some of them try an optional package at import time that the wizard never uses:
:data:`UNUSED_OPTIONAL` lists those, and they are not imported with them (paramiko tries
invoke, with yaml, asyncio and unittest.mock, about 40 ms, for ``Match exec`` in an OpenSSH
client config: the wizard reads no ssh_config).
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import ModuleType

log = logging.getLogger("wizard.lazy")

# module -> optional packages it tries to import (and copes without) that the wizard never
# needs: they look absent while the module is imported, and importable again afterwards.
UNUSED_OPTIONAL: dict[str, tuple[str, ...]] = {"paramiko": ("invoke",)}


class LazyModule:
    """Stands for the module ``name`` and imports it when an attribute is first read.

    ``submodules`` are imported with it, for code that reads them as attributes
    (``keyring.errors.KeyringLocked``) without importing them itself.
    """

    def __init__(self, name: str, *submodules: str) -> None:
        self._lazy_name = name
        self._lazy_submodules = submodules
        self._lazy_module: ModuleType | None = None
        _ALL.append(self)

    def _load(self) -> ModuleType:
        module = self._lazy_module
        if module is None:
            module = _import_without(self._lazy_name, UNUSED_OPTIONAL.get(self._lazy_name, ()))
            for sub in self._lazy_submodules:
                importlib.import_module(f"{self._lazy_name}.{sub}")
            self._lazy_module = module
        return module

    def __getattr__(self, attr: str) -> Any:
        # Only called for attributes not found on the proxy itself: the module's.
        if attr.startswith("_lazy_"):
            raise AttributeError(attr)
        return getattr(self._load(), attr)

    def __repr__(self) -> str:
        state = "loaded" if self._lazy_module is not None else "not loaded yet"
        return f"<lazy module {self._lazy_name!r}, {state}>"


_ALL: list[LazyModule] = []


def _import_without(name: str, optional: tuple[str, ...]) -> ModuleType:
    """Import ``name`` while the packages ``optional`` (not imported yet) look absent."""
    if name in sys.modules or not optional:
        return importlib.import_module(name)
    hidden = [opt for opt in optional if opt not in sys.modules]
    for opt in hidden:
        sys.modules[opt] = None  # type: ignore[assignment]  # "import opt" raises ImportError
    try:
        return importlib.import_module(name)
    finally:
        for opt in hidden:
            if sys.modules.get(opt, 0) is None:
                del sys.modules[opt]


def load_all() -> list[str]:
    """Import every module a :class:`LazyModule` stands for; returns the names imported.

    For a background thread: blocks for as long as the imports take (about half a second)
    and never raises: a module that cannot be imported is logged and raises again, with
    its real error, where it is used.
    """
    loaded = []
    for proxy in list(_ALL):
        try:
            proxy._load()
        except Exception as exc:  # reported at the real use, with its context
            log.debug("preloading %s failed: %s", proxy._lazy_name, exc)
        else:
            loaded.append(proxy._lazy_name)
    return loaded

"""ARCHITECTURE.md matches the tree: every package it names exists, and every package in
``wizard/`` is named there (a package is a folder with ``__init__.py``; the doc names one
as ``wizard/core/remote/``, with the trailing slash)."""

import re

from tests import ROOT

DOC = ROOT / "ARCHITECTURE.md"
PACKAGE_NAME = re.compile(r"(?<![\w/-])(wizard(?:/[a-z_0-9]+)*/)")


def packages_in_tree() -> set[str]:
    return {
        str(init.parent.relative_to(ROOT)) + "/"
        for init in (ROOT / "wizard").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


def packages_in_doc() -> set[str]:
    return set(PACKAGE_NAME.findall(DOC.read_text()))


def test_every_package_in_the_tree_is_in_architecture_md() -> None:
    missing = sorted(packages_in_tree() - packages_in_doc())
    assert not missing, f"ARCHITECTURE.md does not name these packages: {missing}"


def test_every_package_architecture_md_names_exists() -> None:
    stale = sorted(packages_in_doc() - packages_in_tree())
    assert not stale, f"ARCHITECTURE.md names packages that are not in the tree: {stale}"


def test_the_tree_has_the_layers() -> None:
    # The test above could pass on an empty document and an empty tree.
    assert {"wizard/", "wizard/core/", "wizard/ui/", "wizard/cli/"} <= packages_in_tree()


MAX_LINES = 600


def test_no_module_is_longer_than_a_newcomer_can_read() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "wizard").rglob("*.py")
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert not long, f"split these by responsibility (at most {MAX_LINES} lines): {long}"

"""YAML for the playbook, written by PyYAML so that what Ansible reads is what was meant.

The output stays readable by an admin: block style, keys in the order written, lists
indented under their key, multi-line text (a script, a validate command) as a literal
block ``|`` where YAML allows one, never an alias, a ``---`` start after the header
comment. PyYAML's safe dumper quotes whatever would otherwise be read as something else
(``yes``, ``a: b``, ``!!python/...``, a leading ``{``) and writes no tag of its own.

What YAML cannot guard against is Ansible: it templates every string it reads, so a
value holding ``{{``, ``{%`` or ``{#`` (from a sendmail.mc line, say) would run as Jinja.
Such values are refused (:class:`ExportError`); only a :class:`Template`, a string this
program wrote, may hold a template. Pure. PyYAML is imported on first use, not at start.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from wizard.core.exports.playbook_source import ExportError
from wizard.core.untrusted import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    import yaml

# Jinja would template these inside any string of the playbook.
_JINJA = ("{{", "{%", "{#")
_NO_WRAP = 1 << 20  # never fold a long line: a regexp or command stays on its line


class Template(str):
    """A string Ansible must template (``{{ ... }}``): exempt from the Jinja guard."""

    __slots__ = ()


def check_text(text: str) -> None:
    """Refuse a string Ansible would template, or one that cannot be written as UTF-8."""
    if any(mark in text for mark in _JINJA):
        raise ExportError(
            f"The playbook would hold {text[:60]!r}, which Ansible would read as a template.",
            "Use relay-wizard apply on this server.",
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ExportError(
            "sendmail.mc holds bytes that are not UTF-8; the playbook cannot carry them.",
            "Use relay-wizard apply on this server.",
        ) from None


def _check_template(text: str) -> None:
    if "\\" in text:  # Ansible 2.19 would keep it in a Jinja string literal, unescaped
        raise ValueError(f"a backslash in the template {text!r}")


def _check_tree(value: object) -> None:
    """Every string in ``value`` (keys too) passes its guard before anything is written."""
    if isinstance(value, Template):
        _check_template(value)
    elif isinstance(value, str):
        check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_tree(key)
            _check_tree(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_tree(item)


@functools.cache
def _dumper() -> type[yaml.SafeDumper]:
    import yaml

    class Dumper(yaml.SafeDumper):
        """The safe dumper, with lists indented under their key and no aliases."""

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)

        def ignore_aliases(self, data: Any) -> bool:
            return True

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        # A literal block where YAML allows one; PyYAML falls back to quotes by itself
        # when the text cannot be a block (trailing spaces, say).
        style = "|" if "\n" in data else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=style)

    Dumper.add_representer(str, text)
    Dumper.add_representer(Template, text)
    return Dumper


def to_yaml(value: object, header: Sequence[str] = ()) -> str:
    """``value`` as a YAML document, after ``header`` as ``#`` comment lines.

    Raises:
        ExportError: a string Ansible would template, or text that is not UTF-8.
    """
    import yaml

    _check_tree(value)
    # printable: a line break (\r, \n, NEL, LS, PS: YAML 1.1 knows them all) or other
    # control character in a header line would end the comment.
    lines = [f"# {printable(h)}" if h else "#" for h in header]
    body = yaml.dump(
        value,
        Dumper=_dumper(),
        default_flow_style=False,
        sort_keys=False,
        allow_unicode=False,  # anything but ASCII is written escaped, in double quotes
        width=_NO_WRAP,
        explicit_start=bool(lines),
    )
    return "\n".join([*lines, body]) if lines else body
